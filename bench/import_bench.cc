// Import throughput of the real importer (node/importer) over synthetic exports:
//  1. the exports of --people synthetic people (default 100,000), every agency, imported into
//     (a) the SQLCipher store opened with a raw 256-bit key and (b) the same Store code on the
//     plain SQLite engine with no key (SQLCipher without a key is SQLite 3.15.2 itself), same
//     schema, same run; rows/s of each and the ratio encrypted/plain;
//  2. --nominals police nominals (default 1,000,000) into a fresh encrypted store, timed.
// Wall-clock and CPU time are both printed: on a shared machine CPU time is the steadier one.
//
// Usage: import_bench [--people N] [--nominals N] [--seed S] [--rounds R] [--dir DIR]
//                     [--skip-million]
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/agency.h"
#include "core/synth/generator.h"
#include "crypto/secret_bytes.h"
#include "node/importer/importer.h"
#include "node/store/store.h"

namespace {

using tandem::core::AgencyKind;
namespace fs = std::filesystem;
namespace store = tandem::node::store;
namespace importer = tandem::node::importer;
namespace synth = tandem::core::synth;

struct Args {
  std::uint64_t people = 100'000;
  std::uint64_t nominals = 1'000'000;
  std::uint64_t seed = 1;
  int rounds = 1;
  fs::path dir;
  bool skip_million = false;
};

struct Timing {
  double wall_s = 0;
  double cpu_s = 0;
};

class Stopwatch {
 public:
  Stopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(CpuNow()) {}
  Timing Elapsed() const {
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count(),
            CpuNow() - cpu_};
  }

 private:
  static double CpuNow() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
  }
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
};

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "import_bench: " << message << "\n";
  std::exit(1);
}

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--people") {
      args.people = std::stoull(value());
    } else if (arg == "--nominals") {
      args.nominals = std::stoull(value());
    } else if (arg == "--seed") {
      args.seed = std::stoull(value());
    } else if (arg == "--rounds") {
      args.rounds = std::max(1, std::stoi(value()));
    } else if (arg == "--dir") {
      args.dir = value();
    } else if (arg == "--skip-million") {
      args.skip_million = true;
    } else {
      Die("unknown argument " + std::string(arg) +
          "; usage: import_bench [--people N] [--nominals N] [--seed S] [--rounds R] "
          "[--dir DIR] [--skip-million]");
    }
  }
  if (args.dir.empty()) {
    args.dir = fs::temp_directory_path() / ("tandem-import-bench-" + std::to_string(::getpid()));
  }
  return args;
}

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) Die("cannot write " + path.string());
}

// The export files of each agency, written from the generator's output held in memory.
std::map<AgencyKind, std::vector<fs::path>> GenerateExports(const Args& args, const fs::path& dir) {
  std::ostringstream nominals, occurrences, probation, nhs, housing, treatment, idva;
  synth::Options options;
  options.people = args.people;
  options.seed = args.seed;
  synth::Sinks sinks;
  sinks.police_nominals = &nominals;
  sinks.police_occurrences = &occurrences;
  sinks.probation_cases = &probation;
  sinks.nhs_mental_health = &nhs;
  sinks.housing_tenancies = &housing;
  sinks.treatment_episodes = &treatment;
  sinks.idva_cases = &idva;
  if (auto summary = synth::Generate(options, sinks); !summary) Die(summary.error().message);

  const struct {
    AgencyKind agency;
    const char* name;
    const std::ostringstream* content;
  } files[] = {
      {AgencyKind::kPolice, "police_nominals.csv", &nominals},
      {AgencyKind::kPolice, "police_occurrences.csv", &occurrences},
      {AgencyKind::kProbation, "probation_cases.csv", &probation},
      {AgencyKind::kNhs, "nhs_mental_health.csv", &nhs},
      {AgencyKind::kHousing, "housing_tenancies.csv", &housing},
      {AgencyKind::kSubstanceMisuse, "treatment_episodes.csv", &treatment},
      {AgencyKind::kVictimAdvocacy, "idva_cases.csv", &idva},
  };
  std::map<AgencyKind, std::vector<fs::path>> exports;
  for (const auto& file : files) {
    WriteFile(dir / file.name, file.content->str());
    exports[file.agency].push_back(dir / file.name);
  }
  return exports;
}

// Imports every agency's exports into `store`, one transaction per agency; returns rows.
std::uint64_t ImportAll(store::Store& store,
                        const std::map<AgencyKind, std::vector<fs::path>>& exports) {
  std::uint64_t rows = 0;
  for (const auto& [agency, files] : exports) {
    importer::ImportRequest request;
    request.agency = agency;
    request.files = files;
    std::uint64_t bad = 0;
    request.on_bad_row = [&bad](const importer::BadRow& row) {
      if (bad++ < 5) {
        for (const auto& error : row.errors) {
          std::cerr << "  " << importer::DescribeRowError(row.file, error) << "\n";
        }
      }
      return tandem::Ok();
    };
    auto report = importer::RunImport(store, request);
    if (!report) Die(report.error().message);
    if (report->outcome != importer::ImportReport::Outcome::kImported) {
      Die(std::string(tandem::core::AgencyName(agency)) + ": the import was refused (" +
          std::to_string(report->bad_rows) + " bad rows)");
    }
    rows += report->rows;
  }
  return rows;
}

struct Run {
  std::uint64_t rows = 0;
  Timing timing;
  std::uintmax_t bytes = 0;
};

Run ImportInto(const fs::path& db, bool encrypted,
               const std::map<AgencyKind, std::vector<fs::path>>& exports) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  store::Store::Options options;
  options.create_if_missing = true;
  auto key = tandem::crypto::SecretBytes::Random(32);
  if (!key) Die(key.error().message);
  Run run;
  Stopwatch watch;
  {
    auto opened = encrypted ? store::Store::Open(db, *key, options)
                            : store::Store::OpenUnencrypted(db, options);
    if (!opened) Die(opened.error().message);
    run.rows = ImportAll(**opened, exports);
  }  // closing checkpoints the write-ahead log into the database: part of the cost
  run.timing = watch.Elapsed();
  run.bytes = fs::file_size(db);
  return run;
}

// Splits CSV text into rows (a newline inside quotes does not end a row).
std::vector<std::string_view> Rows(std::string_view text) {
  std::vector<std::string_view> rows;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == '\n' && !quoted) {
      rows.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  return rows;
}

// `count` police nominals: synthetic populations of kMaxPeople (seeds after --seed) until
// there are enough rows, nominal_id renumbered N0000000, N0000001, ... to keep it unique.
fs::path MillionNominals(const Args& args, const fs::path& dir) {
  const fs::path path = dir / "police_nominals_large.csv";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::uint64_t written = 0;
  for (std::uint64_t batch = 0; written < args.nominals; ++batch) {
    std::ostringstream nominals;
    synth::Options options;
    options.people = std::min<std::uint64_t>(synth::kMaxPeople, 2 * args.nominals + 1000);
    options.seed = args.seed + 1000 + batch;
    synth::Sinks sinks;
    sinks.police_nominals = &nominals;
    if (auto summary = synth::Generate(options, sinks); !summary) Die(summary.error().message);
    const std::string text = nominals.str();
    const auto rows = Rows(text);
    if (rows.size() < 2) Die("the generator wrote no police nominals");
    if (batch == 0) out << rows[0];
    for (std::size_t i = 1; i < rows.size() && written < args.nominals; ++i, ++written) {
      const auto comma = rows[i].find(',');
      char id[16];
      std::snprintf(id, sizeof id, "N%07llu", static_cast<unsigned long long>(written));
      out << id << rows[i].substr(comma);
    }
  }
  if (!out) Die("cannot write " + path.string());
  return path;
}

void PrintRun(const char* label, const Run& run) {
  std::printf(
      "  %-30s %9llu rows  %7.2f s wall  %7.0f rows/s wall  %7.2f s CPU  %7.0f rows/s CPU"
      "  %6.1f MB\n",
      label, static_cast<unsigned long long>(run.rows), run.timing.wall_s,
      static_cast<double>(run.rows) / run.timing.wall_s, run.timing.cpu_s,
      static_cast<double>(run.rows) / run.timing.cpu_s, static_cast<double>(run.bytes) / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  fs::create_directories(args.dir);
  std::printf("import_bench: exports of %llu synthetic people (seed %llu) in %s\n",
              static_cast<unsigned long long>(args.people),
              static_cast<unsigned long long>(args.seed), args.dir.c_str());
  const auto exports = GenerateExports(args, args.dir);

  // Alternate the two engines; keep each one's best round (least disturbed by other load).
  Run best_plain;
  Run best_encrypted;
  for (int round = 0; round < args.rounds; ++round) {
    const Run plain = ImportInto(args.dir / "plain.db", false, exports);
    const Run encrypted = ImportInto(args.dir / "encrypted.db", true, exports);
    std::printf("round %d\n", round + 1);
    PrintRun("plain SQLite (no key)", plain);
    PrintRun("SQLCipher (raw 256-bit key)", encrypted);
    if (round == 0 || plain.timing.wall_s < best_plain.timing.wall_s) best_plain = plain;
    if (round == 0 || encrypted.timing.wall_s < best_encrypted.timing.wall_s) {
      best_encrypted = encrypted;
    }
  }
  std::printf("encrypted / plain import rate: %.2f (wall clock), %.2f (CPU time)\n",
              best_plain.timing.wall_s / best_encrypted.timing.wall_s,
              best_plain.timing.cpu_s / best_encrypted.timing.cpu_s);

  if (!args.skip_million) {
    std::printf("generating %llu police nominals...\n",
                static_cast<unsigned long long>(args.nominals));
    const fs::path nominals = MillionNominals(args, args.dir);
    const std::map<AgencyKind, std::vector<fs::path>> police = {{AgencyKind::kPolice, {nominals}}};
    const Run run = ImportInto(args.dir / "nominals.db", true, police);
    PrintRun("police nominals, SQLCipher", run);
    std::printf("%llu police nominals imported encrypted in %.1f s (target: under 60 s)\n",
                static_cast<unsigned long long>(run.rows), run.timing.wall_s);
  }
  fs::remove_all(args.dir);
  return 0;
}
