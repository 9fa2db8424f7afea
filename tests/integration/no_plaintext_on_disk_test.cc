// Every agency's synthetic exports go through the real `tandem import` into per-agency data
// directories; then every byte of every file under those directories (database, write-ahead
// log, shared memory, key parameters, anything else, and the process's TMPDIR) is searched
// for the identifiers in the exports: surnames, NHS numbers, PNC IDs. None may be there.
// The same search must find them in the plaintext exports, so a broken search cannot pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "../node/temp_dir.h"
#include "core/agency.h"
#include "crypto/secret_bytes.h"
#include "node/store/data_dir.h"
#include "tandem_process.h"

namespace tandem {
namespace {

using testing::ReadWholeFile;
using testing::RunTandem;
using testing::TempDir;

constexpr char kPassphrase[] = "a passphrase for the plaintext test";
constexpr int kPeople = 4000;

// Fields of a CSV text (RFC 4180), row by row.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// The values of `column` in an export (header row skipped).
std::vector<std::string> Column(const std::filesystem::path& file, const std::string& column) {
  const auto rows = ParseCsv(ReadWholeFile(file));
  std::vector<std::string> values;
  if (rows.empty()) return values;
  const auto at = std::find(rows[0].begin(), rows[0].end(), column);
  if (at == rows[0].end()) return values;
  const auto index = static_cast<std::size_t>(at - rows[0].begin());
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (index < rows[r].size() && !rows[r][index].empty()) values.push_back(rows[r][index]);
  }
  return values;
}

std::string Trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

bool AllLetters(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c) != 0; });
}

// Identifiers to look for, by kind. Surnames of four or more letters, each as written, in
// lower case and in upper case.
struct Needles {
  std::set<std::string> surnames;
  std::set<std::string> nhs_numbers;
  std::set<std::string> pnc_ids;

  void AddSurname(std::string surname) {
    surname = Trim(surname);
    if (surname.size() < 4 || !AllLetters(surname)) return;
    std::string lower = surname;
    std::string upper = surname;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    surnames.insert(surname);
    surnames.insert(lower);
    surnames.insert(upper);
  }
  void AddNhsNumber(const std::string& written) {
    std::string digits;
    for (char c : written) {
      if (std::isdigit(static_cast<unsigned char>(c)) != 0) digits += c;
    }
    if (digits.size() == 10) nhs_numbers.insert(digits);
    if (Trim(written).size() > 10) nhs_numbers.insert(Trim(written));  // "943 476 5919"
  }
  void AddPnc(const std::string& written) {
    std::string pnc = Trim(written);
    if (pnc.size() >= 6) {
      pnc_ids.insert(pnc);
      std::transform(pnc.begin(), pnc.end(), pnc.begin(), ::toupper);
      pnc_ids.insert(pnc);
    }
  }
};

bool NeedleByte(unsigned char c) { return std::isalnum(c) != 0 || c == '/' || c == ' '; }

// A byte that can stand next to a value in JSON, CSV or SQL text. A four-letter needle only
// counts between two of these: in encrypted (random) bytes a bare four-byte match is likely
// somewhere in megabytes, one framed by delimiters is not; stored text is always framed.
bool Delimiter(unsigned char c) {
  return c == '"' || c == ',' || c == ' ' || c == ':' || c == ';' || c == '\n' || c == '\r' ||
         c == '\'' || c == '\0' || c == '@' || c == '[' || c == ']' || c == '{' || c == '}';
}

// How many of `needles` occur in `bytes` (each counted once).
std::set<std::string> Find(std::string_view bytes, const std::set<std::string>& needles) {
  std::map<std::size_t, std::unordered_set<std::string_view>> by_length;
  std::size_t longest = 0;
  for (const auto& needle : needles) {
    by_length[needle.size()].insert(needle);
    longest = std::max(longest, needle.size());
  }
  // run[i]: how many needle bytes start at i; only windows inside a run can match.
  std::vector<std::uint32_t> run(bytes.size() + 1, 0);
  for (std::size_t i = bytes.size(); i-- > 0;) {
    run[i] = NeedleByte(static_cast<unsigned char>(bytes[i])) ? run[i + 1] + 1 : 0;
  }
  std::set<std::string> found;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (run[i] < 4) continue;
    for (const auto& [length, set] : by_length) {
      if (length > run[i]) break;
      const std::string_view window = bytes.substr(i, length);
      if (!set.contains(window)) continue;
      if (length == 4) {
        const bool framed = i > 0 && Delimiter(static_cast<unsigned char>(bytes[i - 1])) &&
                            i + 4 < bytes.size() &&
                            Delimiter(static_cast<unsigned char>(bytes[i + 4]));
        if (!framed) continue;
      }
      found.insert(std::string(window));
    }
  }
  return found;
}

std::vector<std::filesystem::path> FilesUnder(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  return files;
}

TEST(NoPlaintextOnDiskTest, ImportedStoresHoldNoIdentifierInPlainText) {
  TempDir dir;
  const auto exports = dir / "exports";
  const auto nodes = dir / "nodes";
  const auto tmp = dir / "tmp";
  std::filesystem::create_directories(tmp);

  const auto synth = RunTandem(
      {"synth", "--people", std::to_string(kPeople), "--seed", "11", "--out", exports.string()}, {},
      dir.path());
  ASSERT_EQ(synth.exit_code, 0) << synth.err;

  const std::map<core::AgencyKind, std::vector<std::string>> files = {
      {core::AgencyKind::kPolice, {"police_nominals.csv", "police_occurrences.csv"}},
      {core::AgencyKind::kProbation, {"probation_cases.csv"}},
      {core::AgencyKind::kNhs, {"nhs_mental_health.csv"}},
      {core::AgencyKind::kHousing, {"housing_tenancies.csv"}},
      {core::AgencyKind::kSubstanceMisuse, {"treatment_episodes.csv"}},
      {core::AgencyKind::kVictimAdvocacy, {"idva_cases.csv"}},
  };
  const std::map<std::string, std::string> env = {{"TANDEM_STORE_PASSPHRASE", kPassphrase},
                                                  {"TMPDIR", tmp.string()}};
  const auto headers = dir / "headers";
  std::filesystem::create_directories(headers);
  // Each node's store is created by importing header-only files; this process then holds the
  // store open while `tandem import` writes the records, so that the write-ahead log and its
  // shared-memory index stay on disk (the last connection to close would remove them) and are
  // searched too.
  std::vector<std::unique_ptr<node::store::Store>> held;
  node::store::KeyOptions key;
  key.passphrase = [](bool) {
    const std::string_view text = kPassphrase;
    return crypto::SecretBytes::Copy(
        {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  };
  for (const auto& [agency, names] : files) {
    const std::string name(core::AgencyName(agency));
    const auto data_dir = nodes / name;
    std::vector<std::string> create = {"import", "--data-dir", data_dir.string(), "--agency", name};
    std::vector<std::string> args = create;
    for (const auto& file : names) {
      const std::string text = ReadWholeFile(exports / file);
      testing::WriteWholeFile(headers / file, text.substr(0, text.find('\n') + 1));
      create.push_back((headers / file).string());
      args.push_back((exports / file).string());
    }
    const auto created = RunTandem(create, env, dir.path());
    ASSERT_EQ(created.exit_code, 0) << name << ": " << created.err;
    auto opened = node::store::OpenDataDir(data_dir, key, {});
    ASSERT_TRUE(opened) << opened.error().message;
    held.push_back(std::move(opened->store));

    const auto imported = RunTandem(args, env, dir.path());
    ASSERT_EQ(imported.exit_code, 0) << name << ": " << imported.err;
    EXPECT_NE(imported.out.find("inserted"), std::string::npos) << imported.out;
    // The read-only commands once (each start pays for Argon2id): whatever files they might
    // leave are searched too.
    if (agency != core::AgencyKind::kPolice) continue;
    for (const char* what : {"summary", "check"}) {
      const auto looked =
          RunTandem({"store", what, "--data-dir", data_dir.string()}, env, dir.path());
      ASSERT_EQ(looked.exit_code, 0) << name << " " << what << ": " << looked.err;
    }
  }
  const auto police_wal = nodes / "police" / "store.db-wal";
  ASSERT_TRUE(std::filesystem::exists(police_wal));
  EXPECT_GT(std::filesystem::file_size(police_wal), 100'000u);

  Needles needles;
  for (const auto& s : Column(exports / "police_nominals.csv", "surname")) needles.AddSurname(s);
  for (const auto& s : Column(exports / "probation_cases.csv", "surname")) needles.AddSurname(s);
  for (const auto& s : Column(exports / "nhs_mental_health.csv", "family_name")) {
    needles.AddSurname(s);
  }
  for (const auto& s : Column(exports / "housing_tenancies.csv", "lead_tenant_name")) {
    needles.AddSurname(s.substr(0, s.find(',')));
  }
  for (const auto& s : Column(exports / "nhs_mental_health.csv", "nhs_number")) {
    needles.AddNhsNumber(s);
  }
  for (const auto& s : Column(exports / "police_nominals.csv", "pnc_id")) needles.AddPnc(s);
  for (const auto& s : Column(exports / "probation_cases.csv", "pnc_id")) needles.AddPnc(s);
  ASSERT_GT(needles.surnames.size(), 300u);
  ASSERT_GT(needles.nhs_numbers.size(), 100u);
  ASSERT_GT(needles.pnc_ids.size(), 100u);

  // The search works: it finds the identifiers in the plaintext exports.
  std::string plaintext;
  for (const auto& file : FilesUnder(exports)) plaintext += ReadWholeFile(file) + "\n";
  EXPECT_GT(Find(plaintext, needles.surnames).size(), needles.surnames.size() / 3);
  EXPECT_GT(Find(plaintext, needles.nhs_numbers).size(), needles.nhs_numbers.size() / 2);
  EXPECT_GT(Find(plaintext, needles.pnc_ids).size(), needles.pnc_ids.size() / 2);

  // And finds none of them in anything the nodes wrote.
  std::vector<std::filesystem::path> written = FilesUnder(nodes);
  for (const auto& file : FilesUnder(tmp)) written.push_back(file);
  std::set<std::string> names;
  for (const auto& file : written) names.insert(file.filename().string());
  EXPECT_TRUE(names.contains("store.db"));
  EXPECT_TRUE(names.contains("store-key.json"));
  EXPECT_TRUE(names.contains("store.db-wal"));
  EXPECT_TRUE(names.contains("store.db-shm"));
  std::uintmax_t searched = 0;
  for (const auto& file : written) {
    const std::string bytes = ReadWholeFile(file);
    searched += bytes.size();
    for (const auto* set : {&needles.surnames, &needles.nhs_numbers, &needles.pnc_ids}) {
      const auto leaks = Find(bytes, *set);
      EXPECT_TRUE(leaks.empty()) << file << " holds " << leaks.size() << " identifiers, e.g. "
                                 << *leaks.begin();
    }
  }
  EXPECT_GT(searched, 1'000'000u);
}

}  // namespace
}  // namespace tandem
