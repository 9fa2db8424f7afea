// `tandem import` and `tandem store` as a person runs them: exit codes and messages.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "../node/temp_dir.h"
#include "core/identifiers.h"
#include "node/store/data_dir.h"
#include "tandem_process.h"

namespace tandem {
namespace {

using testing::ProcessResult;
using testing::ReadWholeFile;
using testing::RunTandem;
using testing::TempDir;
using testing::WriteWholeFile;

constexpr char kHeader[] =
    "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
    "warning_markers\n";
constexpr char kPassphrase[] = "battery horse staple correct";

std::string Nominal(int n, const std::string& surname, const std::string& dob = "1986-04-11") {
  const std::string serial = std::to_string(100000 + n);
  return "N" + std::to_string(2000000 + n) + "," + surname + ",Daniel,James," + dob + ",M,04/" +
         serial + *core::PncCheckLetter("04", serial) +
         ",\"12 Kings Road, Poole\",BH14 9QT,Danny OBrien,VI;DA\n";
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class ImportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = (dir_ / "node").string();
    key_ = (dir_ / "store.key").string();
    WriteWholeFile(key_, std::string(64, 'c'));
    ::chmod(key_.c_str(), 0600);
  }

  std::string File(const std::string& name, const std::string& content) {
    const auto path = dir_ / name;
    WriteWholeFile(path, content);
    return path.string();
  }

  // `tandem import` on the key-file store, with extra arguments.
  ProcessResult Import(std::vector<std::string> args) {
    std::vector<std::string> all = {"import", "--data-dir", data_,   "--key-file",
                                    key_,     "--agency",   "police"};
    all.insert(all.end(), args.begin(), args.end());
    return RunTandem(all, {}, dir_.path());
  }

  ProcessResult Store(const std::string& what) {
    return RunTandem({"store", what, "--data-dir", data_, "--key-file", key_}, {}, dir_.path());
  }

  TempDir dir_;
  std::string data_;
  std::string key_;
};

TEST_F(ImportCliTest, ImportsAGoodExportAndSummarisesWithoutIdentifiers) {
  const auto file = File("police_nominals.csv",
                         std::string(kHeader) + Nominal(1, "Quenby") + Nominal(2, "Ravensworth"));
  const auto result = Import({file});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(Has(result.out, "Created a new encrypted store")) << result.out;
  EXPECT_TRUE(Has(result.out, "2 inserted")) << result.out;
  EXPECT_FALSE(Has(result.out + result.err, "Quenby"));
  EXPECT_FALSE(Has(result.out + result.err, "N2000001"));
  EXPECT_TRUE(result.err.empty()) << result.err;  // no progress bar: stderr is not a terminal
}

TEST_F(ImportCliTest, SaysNoChangesWhenTheSameExportComesAgain) {
  const auto file = File("police_nominals.csv", std::string(kHeader) + Nominal(1, "Quenby"));
  ASSERT_EQ(Import({file}).exit_code, 0);
  const auto again = Import({file});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Has(again.out, "No changes")) << again.out;
}

TEST_F(ImportCliTest, AFullExportDeletesWhatItLeavesOutAndSaysHowMany) {
  ASSERT_EQ(Import({File("v1.csv",
                         std::string(kHeader) + Nominal(1, "Quenby") + Nominal(2, "Ravensworth"))})
                .exit_code,
            0);
  const auto v2 = File("v2.csv", std::string(kHeader) + Nominal(1, "Quenby"));
  const auto kept = Import({v2});
  EXPECT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_TRUE(Has(kept.out, "No changes")) << kept.out;

  const auto full = Import({v2, "--full-export"});
  EXPECT_EQ(full.exit_code, 0) << full.err;
  EXPECT_TRUE(Has(full.out, "0 inserted, 0 updated, 1 unchanged, 1 deleted, 0 rejected"))
      << full.out;
  EXPECT_FALSE(Has(full.out + full.err, "N2000002"));
  const auto summary = Store("summary").out;
  EXPECT_TRUE(Has(summary, "police_nominals     1          ")) << summary;  // records left

  const auto lenient =
      Import({v2, "--full-export", "--accept-good-rows", "--rejects", (dir_ / "r.csv").string()});
  EXPECT_NE(lenient.exit_code, 0);
  EXPECT_TRUE(Has(lenient.err, "excludes")) << lenient.err;
}

TEST_F(ImportCliTest, StoreEraseRemovesOneNamedRecordAndSaysSoWithoutNamingIt) {
  ASSERT_EQ(Import({File("v1.csv",
                         std::string(kHeader) + Nominal(1, "Quenby") + Nominal(2, "Ravensworth"))})
                .exit_code,
            0);
  const std::vector<std::string> erase = {"store",      "erase",    "--data-dir", data_,
                                          "--key-file", key_,       "--export",   "police_nominals",
                                          "--ref",      "N2000002", "--request",  "DSR-2026-42"};
  const auto erased = RunTandem(erase, {}, dir_.path());
  EXPECT_EQ(erased.exit_code, 0) << erased.err;
  EXPECT_TRUE(Has(erased.out, "Erased 1 police_nominals record")) << erased.out;
  EXPECT_TRUE(Has(erased.out, "request DSR-2026-42")) << erased.out;
  EXPECT_FALSE(Has(erased.out + erased.err, "N2000002"));
  const auto summary = Store("summary").out;
  EXPECT_TRUE(Has(summary, "police_nominals     1          ")) << summary;
  EXPECT_TRUE(Has(summary, "audit entries wait")) << summary;  // the import's and the erasure's

  const auto again = RunTandem(erase, {}, dir_.path());
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(Has(again.err, "holds no police_nominals record with that reference")) << again.err;
  EXPECT_EQ(Store("check").exit_code, 0);
}

TEST_F(ImportCliTest, StoreRestrictPlacesAndLiftsARestrictionThatTheListShows) {
  ASSERT_EQ(Import({File("v1.csv",
                         std::string(kHeader) + Nominal(1, "Quenby") + Nominal(2, "Ravensworth"))})
                .exit_code,
            0);
  std::vector<std::string> restrict = {"store",      "restrict", "--data-dir", data_,
                                       "--key-file", key_,       "--export",   "police_nominals",
                                       "--ref",      "N2000002", "--request",  "DSR-2026-50"};
  EXPECT_TRUE(Has(Store("restrictions").out, "No record is restricted."));
  const auto placed = RunTandem(restrict, {}, dir_.path());
  EXPECT_EQ(placed.exit_code, 0) << placed.err;
  EXPECT_TRUE(Has(placed.out, "Restricted the processing of 1 police_nominals record"))
      << placed.out;
  EXPECT_FALSE(Has(placed.out + placed.err, "N2000002"));
  const auto listed = Store("restrictions");
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_TRUE(Has(listed.out, "police_nominals,N2000002,DSR-2026-50,")) << listed.out;
  const auto summary = Store("summary").out;
  EXPECT_TRUE(Has(summary, "1 record is restricted")) << summary;
  EXPECT_FALSE(Has(summary, "N2000002"));

  const auto twice = RunTandem(restrict, {}, dir_.path());
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_TRUE(Has(twice.err, "already restricted")) << twice.err;

  restrict.push_back("--lift");
  const auto lifted = RunTandem(restrict, {}, dir_.path());
  EXPECT_EQ(lifted.exit_code, 0) << lifted.err;
  EXPECT_TRUE(Has(lifted.out, "placed on request DSR-2026-50")) << lifted.out;
  EXPECT_TRUE(Has(Store("restrictions").out, "No record is restricted."));
  EXPECT_FALSE(Has(Store("summary").out, "restricted"));
  const auto again = RunTandem(restrict, {}, dir_.path());
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(Has(again.err, "no restriction of a police_nominals record")) << again.err;
  EXPECT_EQ(Store("check").exit_code, 0);
}

TEST_F(ImportCliTest, StoreEraseAndRestrictChangeNothingWhenTheAuditLogCannotBeRead) {
  ASSERT_EQ(Import({File("v1.csv",
                         std::string(kHeader) + Nominal(1, "Quenby") + Nominal(2, "Ravensworth"))})
                .exit_code,
            0);
  {
    // A token for N2000002, as the node indexes it: the log could name the person by it.
    auto opened = node::store::OpenDataDir(data_, {.key_file = key_}, {});
    ASSERT_TRUE(opened) << opened.error().message;
    auto record = opened->store->GetRecord("police_nominals", "N2000002");
    ASSERT_TRUE(record && record->has_value());
    node::store::TokenBytes token{};
    token.fill(0x5a);
    const std::array<node::store::TokenEntry, 1> entries = {
        node::store::TokenEntry{&token, "name_dob", (*record)->id}};
    ASSERT_TRUE(opened->store->AddTokens(entries));
  }
  const auto log = std::filesystem::path(data_) / "audit.db";
  WriteWholeFile(log, "not a database");
  ::chmod(log.c_str(), 0600);
  for (const std::string change : {"erase", "restrict"}) {
    const auto refused =
        RunTandem({"store", change, "--data-dir", data_, "--key-file", key_, "--export",
                   "police_nominals", "--ref", "N2000002", "--request", "DSR-2026-52"},
                  {}, dir_.path());
    EXPECT_EQ(refused.exit_code, 1) << refused.out;
    EXPECT_TRUE(Has(refused.err,
                    "the audit log could not be read for the partners to tell of "
                    "the " +
                        std::string(change == "erase" ? "erasure" : "restriction") +
                        ", so nothing was changed"))
        << refused.err;
  }
  // The record is neither erased nor restricted, and no change waits for the log.
  auto opened = node::store::OpenDataDir(data_, {.key_file = key_}, {});
  ASSERT_TRUE(opened) << opened.error().message;
  auto kept = opened->store->GetRecord("police_nominals", "N2000002");
  ASSERT_TRUE(kept && kept->has_value());
  auto restriction = opened->store->GetRestriction("police_nominals", "N2000002");
  ASSERT_TRUE(restriction);
  EXPECT_FALSE(restriction->has_value());
  auto queued = opened->store->CountQueuedAuditEntries();
  ASSERT_TRUE(queued);
  EXPECT_EQ(*queued, 1);  // the import's
}

TEST_F(ImportCliTest, StoreSubjectAccessWritesAnOwnerOnlyCopyOnceAndSaysSoWithoutNamingIt) {
  ASSERT_EQ(Import({File("v1.csv",
                         std::string(kHeader) + Nominal(1, "Quenby") + Nominal(2, "Ravensworth"))})
                .exit_code,
            0);
  const std::string out = (dir_ / "sar" / "copy.json").string();
  std::filesystem::create_directories(dir_ / "sar");
  const std::vector<std::string> access = {
      "store",     "subject-access", "--data-dir",      data_,   "--key-file",
      key_,        "--export",       "police_nominals", "--ref", "N2000002",
      "--request", "SAR-2026-7",     "--out",           out};
  const auto written = RunTandem(access, {}, dir_.path());
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_TRUE(Has(written.out, "1 police_nominals record")) << written.out;
  EXPECT_TRUE(Has(written.out, "third parties' data")) << written.out;
  EXPECT_FALSE(Has(written.out + written.err, "N2000002"));
  EXPECT_FALSE(Has(written.out + written.err, "Ravensworth"));
  struct stat st {};
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600U);
  const std::string copy = ReadWholeFile(out);
  EXPECT_TRUE(Has(copy, "\"Ravensworth\"")) << copy;
  EXPECT_FALSE(Has(copy, "Quenby"));
  const auto files_in_sar = [&] {
    return std::distance(std::filesystem::directory_iterator(dir_ / "sar"),
                         std::filesystem::directory_iterator{});
  };
  EXPECT_EQ(files_in_sar(), 1);  // no temporary file left beside it

  // A second run never writes over the first copy, and logs nothing more.
  const auto again = RunTandem(access, {}, dir_.path());
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(Has(again.err, "exists; the copy is written to a new file only")) << again.err;
  EXPECT_EQ(ReadWholeFile(out), copy);

  // No such record: an error, and no file.
  std::vector<std::string> missing = access;
  missing[9] = "N2999999";
  missing[13] = (dir_ / "sar" / "none.json").string();
  const auto refused = RunTandem(missing, {}, dir_.path());
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(Has(refused.err, "holds no police_nominals record with that reference"))
      << refused.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "sar" / "none.json"));
  EXPECT_EQ(files_in_sar(), 1);
}

TEST_F(ImportCliTest, RefusesABadExportNamingEveryBadRowAndImportsNothing) {
  const auto file = File("police_nominals.csv", std::string(kHeader) + Nominal(1, "Quenby") +
                                                    Nominal(2, "Ravensworth", "1990-02-31") +
                                                    Nominal(3, "Stainthorpe", "11/04/1986"));
  const auto result = Import({file});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(Has(result.err, "refused: 2 bad rows; nothing was imported")) << result.err;
  EXPECT_TRUE(Has(result.err, "police_nominals.csv line 3, column dob: '1990-02-31'"))
      << result.err;
  EXPECT_TRUE(Has(result.err, "police_nominals.csv line 4, column dob: '11/04/1986'"))
      << result.err;
  EXPECT_TRUE(Has(result.err, "--accept-good-rows")) << result.err;
  const auto summary = Store("summary");
  EXPECT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_TRUE(Has(summary.out, "No records yet")) << summary.out;
  EXPECT_FALSE(Has(summary.out, "audit entr")) << summary.out;  // a refused import queues none
}

TEST_F(ImportCliTest, CapsTheProblemsOnStderrAndWritesThemAllToTheReport) {
  std::string content = kHeader;
  for (int i = 0; i < 80; ++i) content += Nominal(i, "Quenby", "1990-02-31");
  const auto file = File("police_nominals.csv", content);
  const auto report = (dir_ / "problems.txt").string();
  const auto result = Import({file, "--report", report});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(Has(result.err, "... and 30 more problems")) << result.err;
  const std::string text = ReadWholeFile(report);
  EXPECT_TRUE(Has(text, "police_nominals.csv line 81, column dob: '1990-02-31'")) << text;
}

TEST_F(ImportCliTest, AcceptsGoodRowsAndWritesTheRejectsWhenAsked) {
  const auto file = File("police_nominals.csv", std::string(kHeader) + Nominal(1, "Quenby") +
                                                    Nominal(2, "Ravensworth", "1990-02-31"));
  const auto rejects = (dir_ / "rejects.csv").string();
  const auto result = Import({file, "--accept-good-rows", "--rejects", rejects});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(Has(result.out, "1 inserted")) << result.out;
  EXPECT_TRUE(Has(result.out, "1 rejected")) << result.out;
  const std::string text = ReadWholeFile(rejects);
  EXPECT_TRUE(Has(text, "police_nominals.csv,3,")) << text;
  EXPECT_TRUE(Has(text, "Ravensworth")) << text;
  struct stat st {};
  ASSERT_EQ(::stat(rejects.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(ImportCliTest, RefusesARejectFileInsideTheDataDirectory) {
  const auto file = File("police_nominals.csv", std::string(kHeader) + Nominal(1, "Quenby"));
  const auto result = Import({file, "--accept-good-rows", "--rejects", data_ + "/rejects.csv"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(Has(result.err, "inside the data directory")) << result.err;
  EXPECT_FALSE(std::filesystem::exists(data_));
}

TEST_F(ImportCliTest, NeedsRejectsWithAcceptGoodRows) {
  const auto file = File("police_nominals.csv", std::string(kHeader) + Nominal(1, "Quenby"));
  const auto result = Import({file, "--accept-good-rows"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_TRUE(Has(result.err, "--rejects")) << result.err;
}

TEST_F(ImportCliTest, RefusesAnExportOfAnotherAgency) {
  const auto file = File("idva_cases.csv",
                         "case_ref,referral_date,victim_age,victim_sex,children_in_household,"
                         "perpetrator_name,perpetrator_dob,perpetrator_age,relationship,risk_"
                         "level,dash_score,marac_referral,case_status,closed_date\n");
  const auto result = Import({file});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(Has(result.err, "idva_cases.csv")) << result.err;
  EXPECT_TRUE(Has(result.err, "nothing was imported")) << result.err;
}

TEST_F(ImportCliTest, RefusesAKeyFileOthersCanRead) {
  ::chmod(key_.c_str(), 0644);
  const auto file = File("police_nominals.csv", std::string(kHeader) + Nominal(1, "Quenby"));
  const auto result = Import({file});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(Has(result.err, "chmod 600")) << result.err;
}

TEST_F(ImportCliTest, OpensAPassphraseStoreOnlyWithTheRightPassphrase) {
  const auto file = File("police_nominals.csv", std::string(kHeader) + Nominal(1, "Quenby"));
  const std::vector<std::string> args = {"import", "--data-dir", data_, "--agency", "police", file};
  const auto created = RunTandem(args, {{"TANDEM_STORE_PASSPHRASE", kPassphrase}}, dir_.path());
  ASSERT_EQ(created.exit_code, 0) << created.err;

  const auto wrong =
      RunTandem(args, {{"TANDEM_STORE_PASSPHRASE", "not the passphrase at all"}}, dir_.path());
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_TRUE(Has(wrong.err, "wrong key, or not a Tandem store")) << wrong.err;

  const auto none = RunTandem(args, {}, dir_.path());
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_TRUE(Has(none.err, "TANDEM_STORE_PASSPHRASE")) << none.err;

  const auto with_key_file = Import({file});
  EXPECT_EQ(with_key_file.exit_code, 2);
  EXPECT_TRUE(Has(with_key_file.err, "passphrase")) << with_key_file.err;
}

TEST_F(ImportCliTest, TakesNoPassphraseOnTheCommandLine) {
  const auto file = File("police_nominals.csv", std::string(kHeader) + Nominal(1, "Quenby"));
  const auto result = RunTandem(
      {"import", "--data-dir", data_, "--agency", "police", "--passphrase", kPassphrase, file}, {},
      dir_.path());
  EXPECT_NE(result.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(data_));
}

TEST_F(ImportCliTest, SummaryAndCheckReportTheStoreWithoutIdentifiers) {
  const auto file = File("police_nominals.csv",
                         std::string(kHeader) + Nominal(1, "Quenby") + Nominal(2, "Ravensworth"));
  ASSERT_EQ(Import({file}).exit_code, 0);
  const auto summary = Store("summary");
  EXPECT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_TRUE(Has(summary.out, "schema version")) << summary.out;
  EXPECT_TRUE(Has(summary.out, "police_nominals")) << summary.out;
  // No node has run on this data directory, so the import's audit entry waits for one.
  EXPECT_TRUE(Has(summary.out, "1 audit entry waits for the node")) << summary.out;
  EXPECT_FALSE(Has(summary.out, "Quenby"));
  EXPECT_FALSE(Has(summary.out, "N2000001"));
  const auto check = Store("check");
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_TRUE(Has(check.out, "integrity       ok")) << check.out;
}

TEST_F(ImportCliTest, CheckFailsOnATruncatedStore) {
  std::string content = kHeader;
  for (int i = 0; i < 2000; ++i) content += Nominal(i, "Quenby");
  ASSERT_EQ(Import({File("police_nominals.csv", content)}).exit_code, 0);
  const auto db = std::filesystem::path(data_) / "store.db";
  std::filesystem::resize_file(db, std::filesystem::file_size(db) / 2);
  const auto check = Store("check");
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_TRUE(Has(check.err, "damaged")) << check.err;
}

TEST_F(ImportCliTest, SummaryOfAMissingStoreSaysSo) {
  const auto summary = Store("summary");
  EXPECT_EQ(summary.exit_code, 1);
  EXPECT_TRUE(Has(summary.err, "there is no store")) << summary.err;
}

TEST_F(ImportCliTest, HelpDescribesTheOptions) {
  const auto help = RunTandem({"import", "--help"}, {}, dir_.path());
  EXPECT_EQ(help.exit_code, 0);
  for (const char* part : {"--data-dir", "--agency", "--key-file", "--accept-good-rows",
                           "--rejects", "--report", "TANDEM_STORE_PASSPHRASE", "Exit status"}) {
    EXPECT_TRUE(Has(help.out, part)) << part;
  }
  const auto store_help = RunTandem({"store", "--help"}, {}, dir_.path());
  EXPECT_EQ(store_help.exit_code, 0);
  EXPECT_TRUE(Has(store_help.out, "summary"));
  EXPECT_TRUE(Has(store_help.out, "check"));
}

}  // namespace
}  // namespace tandem
