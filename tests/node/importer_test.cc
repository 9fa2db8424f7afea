#include "node/importer/importer.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "core/identifiers.h"
#include "node/audit/entry.h"
#include "node/audit/local_entry.h"
#include "node/importer/bad_row_files.h"
#include "node/store/store.h"
#include "temp_dir.h"
#include "tests/node/audit/queued_entries.h"

namespace tandem::node::importer {
namespace {

using tandem::testing::ReadWholeFile;
using tandem::testing::TempDir;
using tandem::testing::WriteWholeFile;
using Outcome = ImportReport::Outcome;

constexpr char kNominalsHeader[] =
    "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
    "warning_markers\n";
constexpr char kOccurrencesHeader[] =
    "occurrence_id,nominal_id,role,offence_code,committed_on,reported_on,domestic_abuse,"
    "victim_ref,outcome\n";

std::string Pnc(const std::string& year, const std::string& serial) {
  return year + "/" + serial + *core::PncCheckLetter(year, serial);
}

std::string Nominal(int n, const std::string& surname, const std::string& dob = "1986-04-11",
                    const std::string& postcode = "BH14 9QT") {
  const std::string id = "N" + std::to_string(1000000 + n);
  return id + "," + surname + ",Daniel,James," + dob + ",M," + Pnc("04", std::to_string(n)) +
         ",\"12 Kings Road, Poole\"," + postcode + ",Danny OBrien,VI;DA\n";
}

std::string Occurrence(int n, int nominal) {
  return "OC" + std::to_string(n) + ",N" + std::to_string(1000000 + nominal) +
         ",SUSPECT,ABH,2023-01-01,2023-01-02,Y,V12,CHARGED\n";
}

using Snapshot = std::vector<
    std::tuple<std::string, std::string, std::string, std::string, std::int64_t, std::int64_t>>;

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = crypto::SecretBytes::Random(32);
    ASSERT_TRUE(key);
    store::Store::Options options;
    options.create_if_missing = true;
    auto store = store::Store::Open(dir_ / "store.db", *key, options);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
  }

  std::filesystem::path File(const std::string& name, const std::string& content) {
    const auto path = dir_ / name;
    WriteWholeFile(path, content);
    return path;
  }

  Result<ImportReport> Import(std::vector<std::filesystem::path> files,
                              bool accept_good_rows = false, bool full_export = false) {
    ImportRequest request;
    request.agency = core::AgencyKind::kPolice;
    request.files = std::move(files);
    request.accept_good_rows = accept_good_rows;
    request.full_export = full_export;
    request.on_bad_row = [this](const BadRow& row) {
      bad_rows_.push_back(row);
      return Ok();
    };
    request.now = [] { return *protocol::ParseTimestamp("2025-03-04T05:06:07Z"); };
    return RunImport(*store_, request);
  }

  Snapshot Take() {
    Snapshot snapshot;
    for (const char* kind : {"police_nominals", "police_occurrences"}) {
      EXPECT_TRUE(store_->ForEachRecord(kind, [&](const store::StoredRecord& r) {
        snapshot.emplace_back(r.export_kind, r.ref, r.fields, r.identity, r.first_import,
                              r.last_import);
        return Ok();
      }));
    }
    return snapshot;
  }

  std::int64_t ImportCount() {
    auto summary = store_->Summarise();
    EXPECT_TRUE(summary);
    std::int64_t imports = 0;
    for (const auto& kind : *summary) imports += kind.imports;
    return imports;
  }

  // The audit entries the imports queued in the store's outbox, oldest first.
  std::vector<audit::AuditEntry> Queued() { return tandem::testing::QueuedEntries(*store_); }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::vector<BadRow> bad_rows_;
};

TEST_F(ImporterTest, ImportsEveryRowOfAGoodExport) {
  const auto file = File("police_nominals.csv", std::string(kNominalsHeader) +
                                                    Nominal(1, "O'Brien") + Nominal(2, "Smith"));
  auto report = Import({file});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->outcome, Outcome::kImported);
  EXPECT_EQ(report->total.inserted, 2);
  EXPECT_EQ(report->rows, 2u);
  EXPECT_EQ(Take().size(), 2u);
}

TEST_F(ImporterTest, StoresCanonicalFieldsAndTheNormalisedIdentity) {
  const auto file =
      File("police_nominals.csv",
           std::string(kNominalsHeader) + Nominal(1, "O'Brien", "1986-04-11", "bh14 9qt"));
  ASSERT_TRUE(Import({file}));
  auto record = store_->GetRecord("police_nominals", "N1000001");
  ASSERT_TRUE(record && record->has_value());
  EXPECT_EQ((*record)->person_ref, "N1000001");
  EXPECT_EQ((*record)->fields.rfind(R"({"nominal_id":"N1000001","surname":)", 0), 0u)
      << (*record)->fields;
  EXPECT_NE((*record)->identity.find(R"("surname":"obrien")"), std::string::npos)
      << (*record)->identity;
  EXPECT_NE((*record)->identity.find(R"("dob":"1986-04-11")"), std::string::npos);
  EXPECT_NE((*record)->identity.find(R"("postcode":"BH14 9QT")"), std::string::npos);
}

TEST_F(ImporterTest, RecordsTheFileDigest) {
  const auto file = File("police_nominals.csv", std::string(kNominalsHeader));
  auto report = Import({file});
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->files.size(), 1u);
  // SHA-256 of the header line alone (computed independently).
  EXPECT_EQ(report->files[0].sha256_hex,
            "15f63ea3fcd58276f62303ad9038848324e1c6d257971b6b5cc3b82f13206622");
}

TEST_F(ImporterTest, StrictImportRefusesAFileWithABadRowAndLeavesTheStoreUnchanged) {
  ASSERT_TRUE(Import({File("first.csv", std::string(kNominalsHeader) + Nominal(1, "Smith"))}));
  const Snapshot before = Take();
  const auto imports_before = ImportCount();

  const auto bad =
      File("police_nominals.csv", std::string(kNominalsHeader) + Nominal(1, "Smyth") +
                                      Nominal(2, "Jones") + Nominal(3, "Brown", "1990-02-31"));
  auto report = Import({bad});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->outcome, Outcome::kRefused);
  EXPECT_EQ(report->bad_rows, 1u);
  ASSERT_EQ(bad_rows_.size(), 1u);
  EXPECT_EQ(bad_rows_[0].line, 4u);
  ASSERT_FALSE(bad_rows_[0].errors.empty());
  EXPECT_EQ(bad_rows_[0].errors[0].column, "dob");
  EXPECT_EQ(bad_rows_[0].errors[0].value, "1990-02-31");
  EXPECT_EQ(Take(), before);
  EXPECT_EQ(ImportCount(), imports_before);
  EXPECT_EQ(Queued().size(), 1u);  // the first import's only
}

TEST_F(ImporterTest, QueuesOneAuditEntryPerFileWithCountsAndDigestAndNoIdentifier) {
  const auto nominals =
      File("police_nominals.csv",
           std::string(kNominalsHeader) + Nominal(1, "O'Brien") + Nominal(2, "Smith"));
  const auto occurrences =
      File("police_occurrences.csv", std::string(kOccurrencesHeader) + Occurrence(1, 1));
  auto first = Import({occurrences, nominals});
  ASSERT_TRUE(first) << first.error().message;
  auto again = Import({nominals});
  ASSERT_TRUE(again) << again.error().message;

  const std::vector<audit::AuditEntry> queued = Queued();
  ASSERT_EQ(queued.size(), 3u);
  const std::vector<std::string> processing = {
      "collection of police_nominals: 2 inserted, 0 updated, 0 unchanged, 0 rejected",
      "collection of police_occurrences: 1 inserted, 0 updated, 0 unchanged, 0 rejected",
      "no change of police_nominals: 0 inserted, 0 updated, 2 unchanged, 0 rejected"};
  const std::vector<std::string> digests = {first->files[0].sha256_hex, first->files[1].sha256_hex,
                                            again->files[0].sha256_hex};
  for (std::size_t i = 0; i < queued.size(); ++i) {
    EXPECT_EQ(queued[i].kind, "import");
    EXPECT_EQ(queued[i].processing, processing[i]);
    EXPECT_EQ(queued[i].request_sha256, digests[i]);
    EXPECT_EQ(queued[i].at, *protocol::ParseTimestamp("2025-03-04T05:06:07Z"));
    EXPECT_EQ(queued[i].recipient, "store");
    EXPECT_EQ(queued[i].actor, audit::LocalOperator());
    EXPECT_EQ(queued[i].message_id.size(), 32u);
  }
  EXPECT_NE(queued[0].message_id, queued[2].message_id);
  auto rows = store_->QueuedAuditEntries(1000);
  ASSERT_TRUE(rows);
  for (const auto& row : *rows) {
    for (const char* identifier : {"Brien", "Smith", "N1000001", "OC1", "1986-04-11"}) {
      EXPECT_EQ(row.entry.find(identifier), std::string::npos) << identifier;
    }
  }
}

TEST_F(ImporterTest, AnUpdateIsAlterationInTheAuditEntry) {
  ASSERT_TRUE(Import({File("v1.csv", std::string(kNominalsHeader) + Nominal(1, "Smith"))}));
  ASSERT_TRUE(Import(
      {File("v2.csv", std::string(kNominalsHeader) + Nominal(1, "Smyth") + Nominal(2, "Jones"))}));
  const std::vector<audit::AuditEntry> queued = Queued();
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_EQ(queued[1].processing,
            "collection and alteration of police_nominals: 1 inserted, 1 updated, 0 unchanged, "
            "0 rejected");
}

TEST_F(ImporterTest, StrictImportReportsEveryBadRowOfEveryFile) {
  const auto nominals =
      File("police_nominals.csv", std::string(kNominalsHeader) + Nominal(1, "Smith", "1990-13-01") +
                                      Nominal(2, "Jones") + Nominal(3, "Brown", "31/01/1990"));
  const auto occurrences = File("police_occurrences.csv", std::string(kOccurrencesHeader) +
                                                              Occurrence(1, 2) + Occurrence(2, 77));
  auto report = Import({nominals, occurrences});
  ASSERT_TRUE(report);
  EXPECT_EQ(report->outcome, Outcome::kRefused);
  ASSERT_EQ(bad_rows_.size(), 3u);
  EXPECT_EQ(bad_rows_[0].line, 2u);
  EXPECT_EQ(bad_rows_[1].line, 4u);
  EXPECT_EQ(bad_rows_[2].file.filename(), "police_occurrences.csv");
  EXPECT_EQ(bad_rows_[2].errors[0].column, "nominal_id");
  EXPECT_TRUE(Take().empty());
}

TEST_F(ImporterTest, LenientImportKeepsGoodRowsAndWritesRejects) {
  const auto nominals =
      File("police_nominals.csv", std::string(kNominalsHeader) + Nominal(1, "Smith") +
                                      Nominal(2, "Jones", "1990-02-31") + Nominal(3, "Brown"));
  auto rejects = BadRowFile::Create(dir_ / "rejects.csv", BadRowFile::Format::kRejects);
  ASSERT_TRUE(rejects);
  ImportRequest request;
  request.agency = core::AgencyKind::kPolice;
  request.files = {nominals};
  request.accept_good_rows = true;
  request.on_bad_row = [&](const BadRow& row) { return (*rejects)->Add(row); };
  request.before_commit = [&] { return (*rejects)->Commit(); };
  auto report = RunImport(*store_, request);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->outcome, Outcome::kImported);
  EXPECT_EQ(report->total.inserted, 2);
  EXPECT_EQ(report->total.rejected, 1);
  EXPECT_EQ(Take().size(), 2u);

  const std::string text = ReadWholeFile(dir_ / "rejects.csv");
  EXPECT_EQ(text.rfind("file,line,problems,raw_row\n", 0), 0u);
  EXPECT_NE(text.find("police_nominals.csv,3,"), std::string::npos) << text;
  EXPECT_NE(text.find("1990-02-31"), std::string::npos);
  // The raw row, quoted as one CSV field (it holds quotes and commas).
  EXPECT_NE(text.find("\"N1000002,Jones,Daniel,James,1990-02-31,M,"), std::string::npos) << text;
  EXPECT_NE(text.find("\"\"12 Kings Road, Poole\"\""), std::string::npos) << text;
}

TEST_F(ImporterTest, ReimportingTheSameExportChangesNothing) {
  const auto file = File("police_nominals.csv",
                         std::string(kNominalsHeader) + Nominal(1, "Smith") + Nominal(2, "Jones"));
  ASSERT_TRUE(Import({file}));
  const Snapshot before = Take();
  auto again = Import({file});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->outcome, Outcome::kNoChanges);
  EXPECT_EQ(again->total.unchanged, 2);
  EXPECT_EQ(again->total.inserted, 0);
  EXPECT_EQ(again->total.updated, 0);
  EXPECT_EQ(Take(), before);
}

TEST_F(ImporterTest, NewerExportUpdatesRecordsByReference) {
  ASSERT_TRUE(Import(
      {File("old.csv", std::string(kNominalsHeader) + Nominal(1, "Smith") + Nominal(2, "Jones"))}));
  auto first = store_->GetRecord("police_nominals", "N1000002");
  ASSERT_TRUE(first && first->has_value());

  auto report = Import(
      {File("new.csv", std::string(kNominalsHeader) + Nominal(1, "Smith") +
                           Nominal(2, "Jones", "1986-04-11", "SO14 0AA") + Nominal(3, "Brown"))});
  ASSERT_TRUE(report);
  EXPECT_EQ(report->outcome, Outcome::kImported);
  EXPECT_EQ(report->total.inserted, 1);
  EXPECT_EQ(report->total.updated, 1);
  EXPECT_EQ(report->total.unchanged, 1);

  auto updated = store_->GetRecord("police_nominals", "N1000002");
  ASSERT_TRUE(updated && updated->has_value());
  EXPECT_NE((*updated)->fields.find("SO14 0AA"), std::string::npos);
  EXPECT_EQ((*updated)->first_import, (*first)->first_import);
  EXPECT_GT((*updated)->last_import, (*first)->last_import);
  EXPECT_NE((*updated)->content_hash, (*first)->content_hash);
  auto unchanged = store_->GetRecord("police_nominals", "N1000001");
  ASSERT_TRUE(unchanged && unchanged->has_value());
  EXPECT_EQ((*unchanged)->last_import, (*first)->last_import);
}

TEST_F(ImporterTest, MultiFileImportIsAllOrNothing) {
  const auto nominals =
      File("police_nominals.csv", std::string(kNominalsHeader) + Nominal(1, "Smith"));
  const auto occurrences =
      File("police_occurrences.csv", std::string(kOccurrencesHeader) + Occurrence(1, 1) +
                                         "OC2,N1000001,SUSPECT,NOT_AN_OFFENCE,"
                                         "2023-01-01,2023-01-02,Y,,NFA\n");
  auto report = Import({nominals, occurrences});
  ASSERT_TRUE(report);
  EXPECT_EQ(report->outcome, Outcome::kRefused);
  EXPECT_TRUE(Take().empty());  // not even the good nominals file
  EXPECT_EQ(ImportCount(), 0);
}

TEST_F(ImporterTest, OccurrencesMayNameNominalsOfTheSameImportWhateverTheFileOrder) {
  const auto nominals =
      File("police_nominals.csv", std::string(kNominalsHeader) + Nominal(1, "Smith"));
  const auto occurrences =
      File("police_occurrences.csv", std::string(kOccurrencesHeader) + Occurrence(1, 1));
  auto report = Import({occurrences, nominals});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->outcome, Outcome::kImported);
  EXPECT_EQ(report->total.inserted, 2);
  ASSERT_EQ(report->files.size(), 2u);
  EXPECT_EQ(report->files[0].kind, adapters::ExportKind::kPoliceNominals);
}

TEST_F(ImporterTest, OccurrencesMayNameNominalsAlreadyInTheStore) {
  ASSERT_TRUE(
      Import({File("police_nominals.csv", std::string(kNominalsHeader) + Nominal(5, "X"))}));
  auto report =
      Import({File("police_occurrences.csv", std::string(kOccurrencesHeader) + Occurrence(1, 5))});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->outcome, Outcome::kImported);
  auto record = store_->GetRecord("police_occurrences", "OC1");
  ASSERT_TRUE(record && record->has_value());
  EXPECT_EQ((*record)->person_ref, "N1000005");
  EXPECT_TRUE((*record)->identity.empty());
}

TEST_F(ImporterTest, OccurrenceOfAnUnknownNominalIsABadRow) {
  auto report =
      Import({File("police_occurrences.csv", std::string(kOccurrencesHeader) + Occurrence(1, 9))});
  ASSERT_TRUE(report);
  EXPECT_EQ(report->outcome, Outcome::kRefused);
  ASSERT_EQ(bad_rows_.size(), 1u);
  EXPECT_EQ(bad_rows_[0].errors[0].value, "N1000009");
}

TEST_F(ImporterTest, OccurrenceOfARejectedNominalIsRejectedToo) {
  const auto nominals =
      File("police_nominals.csv", std::string(kNominalsHeader) + Nominal(1, "Smith", "bad"));
  const auto occurrences =
      File("police_occurrences.csv", std::string(kOccurrencesHeader) + Occurrence(1, 1));
  auto report = Import({nominals, occurrences}, /*accept_good_rows=*/true);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->total.rejected, 2);
  EXPECT_TRUE(Take().empty());
}

TEST_F(ImporterTest, AReferenceInTwoFilesOfOneImportIsABadRow) {
  const auto a = File("a.csv", std::string(kNominalsHeader) + Nominal(1, "Smith"));
  const auto b = File("b.csv", std::string(kNominalsHeader) + Nominal(1, "Smyth"));
  auto report = Import({a, b});
  ASSERT_TRUE(report);
  EXPECT_EQ(report->outcome, Outcome::kRefused);
  ASSERT_EQ(bad_rows_.size(), 1u);
  EXPECT_EQ(bad_rows_[0].file.filename(), "b.csv");
  EXPECT_EQ(bad_rows_[0].errors[0].column, "nominal_id");
}

TEST_F(ImporterTest, RefusesAnExportOfAnotherAgency) {
  const auto file = File("probation_cases.csv",
                         "crn,pnc_id,surname,forename,dob,gender,postcode,supervision,start_date,"
                         "end_date,rosh,ogrs3_2yr,mappa_category,mappa_level,accredited_"
                         "programme\n");
  auto report = Import({file});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, Code::kInvalidArgument);
  EXPECT_NE(report.error().message.find("probation_cases.csv"), std::string::npos);
}

TEST_F(ImporterTest, AStoreOfOneAgencyRefusesAnotherAgencysExportAndKeepsItsRecords) {
  const auto nominals =
      File("police_nominals.csv", std::string(kNominalsHeader) + Nominal(1, "O'Brien"));
  ASSERT_TRUE(Import({nominals}));
  const Snapshot before = Take();
  const std::int64_t imports_before = ImportCount();

  ImportRequest request;
  request.agency = core::AgencyKind::kProbation;
  request.files = {File("probation_cases.csv",
                        "crn,pnc_id,surname,forename,dob,gender,postcode,supervision,start_date,"
                        "end_date,rosh,ogrs3_2yr,mappa_category,mappa_level,accredited_"
                        "programme\n")};
  request.now = [] { return *protocol::ParseTimestamp("2025-03-05T05:06:07Z"); };
  auto report = RunImport(*store_, request);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, Code::kInvalidArgument);
  EXPECT_NE(report.error().message.find("this store holds police records (police_nominals)"),
            std::string::npos)
      << report.error().message;
  EXPECT_NE(report.error().message.find("cannot take probation exports"), std::string::npos);
  EXPECT_EQ(Take(), before);
  EXPECT_EQ(ImportCount(), imports_before);
  ASSERT_TRUE(Import({nominals})) << "the store's own agency still imports";
}

TEST_F(ImporterTest, RefusesAFileThatIsUnreadablePartWayAndImportsNothing) {
  std::string content = std::string(kNominalsHeader) + Nominal(1, "Smith") + Nominal(2, "Jones");
  content += std::string("N1000003,Br") + '\0' + "wn,Daniel,,1986-04-11,M,,,,,\n";
  const auto nominals = File("police_nominals.csv", content);
  const auto occurrences =
      File("police_occurrences.csv", std::string(kOccurrencesHeader) + Occurrence(1, 1));
  auto report = Import({nominals, occurrences});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, Code::kInvalidArgument);
  EXPECT_NE(report.error().message.find("police_nominals.csv"), std::string::npos)
      << report.error().message;
  EXPECT_NE(report.error().message.find("line 4"), std::string::npos) << report.error().message;
  EXPECT_TRUE(Take().empty());
  EXPECT_EQ(ImportCount(), 0);
}

TEST_F(ImporterTest, RefusesTheSameFileNamedTwice) {
  const auto file = File("police_nominals.csv", std::string(kNominalsHeader));
  auto report = Import({file, file});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, Code::kInvalidArgument);
}

TEST_F(ImporterTest, RefusesAMissingFile) {
  auto report = Import({dir_ / "absent.csv"});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, Code::kNotFound);
}

TEST_F(ImporterTest, AFullExportDeletesWhatItLeavesOutWithTheOccurrencesAndTokens) {
  ASSERT_TRUE(Import({File("nominals.csv", std::string(kNominalsHeader) + Nominal(1, "Smith") +
                                               Nominal(2, "Jones") + Nominal(3, "Brown")),
                      File("occurrences.csv", std::string(kOccurrencesHeader) + Occurrence(1, 2) +
                                                  Occurrence(2, 1))}));
  std::vector<store::TokenBytes> tokens(3);
  std::vector<store::TokenEntry> entries;
  for (int n = 1; n <= 3; ++n) {
    tokens[n - 1].fill(static_cast<std::uint8_t>(n));
    auto record = store_->GetRecord("police_nominals", "N100000" + std::to_string(n));
    ASSERT_TRUE(record && *record);
    entries.push_back({&tokens[n - 1], "surname_dob", (*record)->id});
  }
  ASSERT_TRUE(store_->AddTokens(entries));

  // Without --full-export a record left out is kept.
  const auto without_jones =
      File("v2.csv", std::string(kNominalsHeader) + Nominal(1, "Smith") + Nominal(3, "Brown"));
  ASSERT_TRUE(Import({without_jones}));
  EXPECT_EQ(Take().size(), 5u);

  auto report = Import({without_jones}, false, true);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->outcome, Outcome::kImported);
  ASSERT_EQ(report->files.size(), 1u);
  EXPECT_EQ(report->files[0].deleted, 1);
  EXPECT_EQ(report->files[0].deleted_occurrences, 1);
  const Snapshot left = Take();
  ASSERT_EQ(left.size(), 3u);
  EXPECT_EQ(std::get<1>(left[0]), "N1000001");
  EXPECT_EQ(std::get<1>(left[1]), "N1000003");
  EXPECT_EQ(std::get<1>(left[2]), "OC2");  // OC1 named N1000002
  EXPECT_EQ(*store_->CountTokens(), 2);
  EXPECT_EQ(Queued().back().processing,
            "erasure of police_nominals: 0 inserted, 0 updated, 2 unchanged, 1 deleted, "
            "0 rejected; 1 police_occurrences of deleted nominals deleted");

  auto again = Import({without_jones}, false, true);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->outcome, Outcome::kNoChanges);
  EXPECT_EQ(again->files[0].deleted, 0);
}

TEST_F(ImporterTest, AFullExportIsRefusedWithGoodRowsOnlyOrTwoFilesOfAKindOrABadRow) {
  ASSERT_TRUE(Import(
      {File("v1.csv", std::string(kNominalsHeader) + Nominal(1, "Smith") + Nominal(2, "Jones"))}));
  const Snapshot before = Take();
  const auto one = File("one.csv", std::string(kNominalsHeader) + Nominal(1, "Smith"));
  const auto other = File("other.csv", std::string(kNominalsHeader) + Nominal(3, "Brown"));

  auto lenient = Import({one}, true, true);
  ASSERT_FALSE(lenient);
  EXPECT_EQ(lenient.error().code, Code::kInvalidArgument);
  EXPECT_NE(lenient.error().message.find("good rows only"), std::string::npos);

  auto two = Import({one, other}, false, true);
  ASSERT_FALSE(two);
  EXPECT_NE(two.error().message.find("one file per export kind, and 2 files are police_nominals"),
            std::string::npos)
      << two.error().message;

  auto bad = Import({File("bad.csv", std::string(kNominalsHeader) + Nominal(1, "Smith") +
                                         Nominal(3, "Brown", "1990-02-31"))},
                    false, true);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->outcome, Outcome::kRefused);
  EXPECT_EQ(Take(), before);
  EXPECT_EQ(Queued().size(), 1u);
}

TEST(ImporterWipeTest, ARecordAFullExportDeletesIsNotLeftInTheStoreFiles) {
  TempDir dir;
  store::Store::Options options;
  options.create_if_missing = true;
  auto store = store::Store::OpenUnencrypted(dir / "plain.db", options);
  ASSERT_TRUE(store) << store.error().message;
  const auto import = [&](const std::string& rows, bool full_export) {
    const auto file = dir / "nominals.csv";
    WriteWholeFile(file, std::string(kNominalsHeader) + rows);
    ImportRequest request;
    request.files = {file};
    request.full_export = full_export;
    auto report = RunImport(**store, request);
    ASSERT_TRUE(report && report->outcome != Outcome::kRefused);
  };
  const auto in_files = [&](const std::string& text) {
    return (ReadWholeFile(dir / "plain.db") + ReadWholeFile(dir / "plain.db-wal")).find(text) !=
           std::string::npos;
  };
  import(Nominal(1, "Smith") + Nominal(2, "Zebedeeson"), false);
  // The search sees a record in the unencrypted store: its fields and normalised identity.
  ASSERT_TRUE(in_files("Zebedeeson"));
  ASSERT_TRUE(in_files("zebedeeson"));
  import(Nominal(1, "Smith"), true);
  EXPECT_FALSE(in_files("Zebedeeson"));
  EXPECT_FALSE(in_files("zebedeeson"));
  EXPECT_TRUE(in_files("Smith"));
}

TEST_F(ImporterTest, AFailureBeforeCommitRollsTheImportBack) {
  ImportRequest request;
  request.agency = core::AgencyKind::kPolice;
  request.files = {File("police_nominals.csv", std::string(kNominalsHeader) + Nominal(1, "A"))};
  request.before_commit = [] { return Status(Fail(Code::kUnavailable, "disk full")); };
  auto report = RunImport(*store_, request);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, Code::kUnavailable);
  EXPECT_TRUE(Take().empty());
  EXPECT_TRUE(Queued().empty());
}

TEST_F(ImporterTest, ReportsProgressUpToTheTotalSize) {
  const std::string content = std::string(kNominalsHeader) + Nominal(1, "Smith");
  ImportRequest request;
  request.agency = core::AgencyKind::kPolice;
  request.files = {File("police_nominals.csv", content)};
  std::uint64_t last_done = 0;
  std::uint64_t last_total = 0;
  request.on_progress = [&](std::uint64_t done, std::uint64_t total) {
    last_done = done;
    last_total = total;
  };
  ASSERT_TRUE(RunImport(*store_, request));
  EXPECT_EQ(last_total, content.size());
  EXPECT_EQ(last_done, content.size());
}

TEST(BadRowFilesTest, RefusesAFileInsideTheDataDirectory) {
  TempDir dir;
  EXPECT_FALSE(RefuseInsideDataDir(dir / "node/rejects.csv", dir / "node", "--rejects"));
  EXPECT_FALSE(RefuseInsideDataDir(dir / "node/sub/../rejects.csv", dir / "node/", "--rejects"));
  EXPECT_TRUE(RefuseInsideDataDir(dir / "rejects.csv", dir / "node", "--rejects"));
  EXPECT_TRUE(RefuseInsideDataDir(dir / "node2/rejects.csv", dir / "node", "--rejects"));
}

TEST(BadRowFilesTest, QuotesCsvFieldsOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
}

TEST(BadRowFilesTest, DescribesARowErrorWithFileLineColumnValueAndReason) {
  EXPECT_EQ(DescribeRowError("/x/police_nominals.csv", {14, "dob", "31/02/1985", "is not a date"}),
            "police_nominals.csv line 14, column dob: '31/02/1985' is not a date");
  EXPECT_EQ(
      DescribeRowError("p.csv", {3, "dob", "", "is empty, but this column must have a value"}),
      "p.csv line 3, column dob is empty, but this column must have a value");
}

}  // namespace
}  // namespace tandem::node::importer
