// Erasing one named record on request, over a real store holding an import (unencrypted, so
// that its files can be searched): the record, its token index rows and (for a nominal) the
// occurrences naming it go, leaving no byte of them in the files, with one audit entry naming
// the request and never the record; anything refused changes nothing.
#include "node/importer/record_erasure.h"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "core/panel/case_pack.h"
#include "node/audit/local_entry.h"
#include "node/panel/pack_store.h"
#include "node/panel/panel_journal.h"
#include "small_police_store.h"
#include "temp_dir.h"
#include "tests/node/audit/queued_entries.h"

namespace tandem::node::importer {
namespace {

using adapters::ExportKind;
using tandem::testing::QueuedEntries;
using tandem::testing::ReadWholeFile;
using tandem::testing::TempDir;

class RecordErasureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = tandem::testing::SmallPoliceStore(dir_);
    ASSERT_NE(store_, nullptr);
    tandem::testing::IndexTwoTokensEach(*store_, 1);
    queued_before_ = QueuedEntries(*store_).size();
  }

  bool InFiles(const std::string& text) {
    store_->TruncateWal();
    std::string bytes = ReadWholeFile(dir_ / "store.db");
    if (std::filesystem::exists(dir_ / "store.db-wal"))
      bytes += ReadWholeFile(dir_ / "store.db-wal");
    return bytes.find(text) != std::string::npos;
  }

  std::vector<std::string> Refs(const char* kind) {
    auto refs = store_->RecordRefs(kind);
    EXPECT_TRUE(refs) << refs.error().message;
    return refs ? *refs : std::vector<std::string>{};
  }

  ErasureRequest Request(ExportKind kind, std::string ref, std::string request_ref) {
    return {.record = {.kind = kind,
                       .ref = std::move(ref),
                       .request_ref = std::move(request_ref),
                       .at = *protocol::ParseTimestamp("2026-11-24T10:00:00Z")},
            .even_if_on_the_panel = false};
  }

  void Refer(const std::string& nominal) {
    ASSERT_TRUE(store_->AppendJournal(panel::kPanelCommandKind, "2026-11-02T09:00:00Z",
                                      panel::EncodeCommand({"refer",
                                                            {{"subject_key", nominal},
                                                             {"pathway", "police-unit"},
                                                             {"source", "police"},
                                                             {"reason", "Repeat domestic abuse"},
                                                             {"referrer", "DA unit"},
                                                             {"referred_on", "2026-11-02"}}})));
  }

  // A case-pack version about `subject` quoting probation's `rosh`.
  void JournalPack(const std::string& subject, const std::string& rosh) {
    core::panel::CasePack pack;
    pack.pack_id = "M1-C-" + subject;
    pack.subject_ref = subject;
    pack.case_id = "C-" + subject;
    pack.meeting_id = "M1";
    pack.prepared_on = *core::Date::FromYmd(2026, 11, 10);
    pack.contributions.push_back({"probation",
                                  core::AgencyKind::kProbation,
                                  core::panel::ContributionStatus::kMatched,
                                  "auto",
                                  "",
                                  {{"rosh", rosh, {"probation", pack.prepared_on, "4.1"}}}});
    ASSERT_TRUE(core::panel::FinalisePack(pack));
    ASSERT_TRUE(panel::JournalCasePack(*store_, pack, "2026-11-10T09:00:00Z"));
  }

  std::vector<core::panel::CasePack> Versions(const std::string& subject) {
    auto versions = panel::PackVersions(*store_, "M1-C-" + subject);
    EXPECT_TRUE(versions) << versions.error().message;
    return versions ? *versions : std::vector<core::panel::CasePack>{};
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::size_t queued_before_ = 0;
};

TEST_F(RecordErasureTest, ANominalGoesWithItsOccurrencesAndTokensUnderOneEntryNamingTheRequest) {
  // The search sees the record: its fields, its normalised identity, its occurrences.
  ASSERT_TRUE(InFiles("Zebedeeson"));
  ASSERT_TRUE(InFiles("zebedeeson"));
  ASSERT_TRUE(InFiles("N1000001"));
  auto erased =
      EraseRecord(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-2026-42"));
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->occurrences, 2);
  EXPECT_EQ(Refs("police_nominals"), std::vector<std::string>{"N1000002"});
  EXPECT_EQ(Refs("police_occurrences"), std::vector<std::string>{"OC3"});
  EXPECT_EQ(store_->CountTokens().value_or(-1), 2);
  EXPECT_EQ(store_->CountTokenRecords().value_or(-1), 1);
  EXPECT_FALSE(InFiles("Zebedeeson"));
  EXPECT_FALSE(InFiles("zebedeeson"));
  EXPECT_FALSE(InFiles("N1000001"));
  EXPECT_TRUE(InFiles("N1000002"));

  const auto queued = QueuedEntries(*store_);
  ASSERT_EQ(queued.size(), queued_before_ + 1);
  const audit::AuditEntry& entry = queued.back();
  EXPECT_EQ(entry.kind, audit::kErasureKind);
  EXPECT_EQ(entry.processing,
            "erasure of 1 police_nominals record and the 2 police_occurrences naming it, on "
            "request DSR-2026-42");
  EXPECT_EQ(entry.recipient, "store");
  EXPECT_EQ(audit::EncodeEntry(entry)->find("N1000001"), std::string::npos);
}

TEST_F(RecordErasureTest, AnOccurrenceGoesAlone) {
  auto erased = EraseRecord(*store_, Request(ExportKind::kPoliceOccurrences, "OC2", "DSR-7"));
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->occurrences, 0);
  EXPECT_EQ(Refs("police_occurrences"), (std::vector<std::string>{"OC1", "OC3"}));
  EXPECT_EQ(Refs("police_nominals").size(), 2U);
  EXPECT_EQ(QueuedEntries(*store_).back().processing,
            "erasure of 1 police_occurrences record, on request DSR-7");
}

TEST_F(RecordErasureTest, WhatIsRefusedChangesNothing) {
  struct Case {
    ErasureRequest request;
    Code code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {Request(ExportKind::kPoliceNominals, "N9999999", "DSR-1"), Code::kNotFound,
       "no police_nominals record with that reference"},
      {Request(ExportKind::kProbationCases, "N1000001", "DSR-1"), Code::kNotFound,
       "no probation_cases record"},
      {Request(ExportKind::kPoliceNominals, "N1000001", ""), Code::kInvalidArgument, "1 to 64"},
      {Request(ExportKind::kPoliceNominals, "N1000001", "DSR 1"), Code::kInvalidArgument,
       "1 to 64"},
      {Request(ExportKind::kPoliceNominals, "N1000001", std::string(65, 'A')),
       Code::kInvalidArgument, "1 to 64"},
      {Request(ExportKind::kPoliceNominals, "N1000001", "DSR-N1000001"), Code::kInvalidArgument,
       "contains the record's reference"},
  };
  for (const Case& c : cases) {
    auto refused = EraseRecord(*store_, c.request);
    ASSERT_FALSE(refused) << c.request.record.request_ref;
    EXPECT_EQ(refused.error().code, c.code) << refused.error().message;
    EXPECT_NE(refused.error().message.find(c.says), std::string::npos) << refused.error().message;
  }
  EXPECT_EQ(Refs("police_nominals").size(), 2U);
  EXPECT_EQ(Refs("police_occurrences").size(), 3U);
  EXPECT_EQ(store_->CountTokens().value_or(-1), 4);
  EXPECT_EQ(QueuedEntries(*store_).size(), queued_before_);
}

TEST_F(RecordErasureTest, APanelCasesSubjectIsRefusedUnlessTheControllerSaysSo) {
  Refer("N1000001");
  auto refused = EraseRecord(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-9"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kPermissionDenied);
  EXPECT_NE(refused.error().message.find("holds a case of this person (1 referral(s))"),
            std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("--even-if-on-the-panel"), std::string::npos);
  EXPECT_EQ(Refs("police_nominals").size(), 2U);
  EXPECT_EQ(QueuedEntries(*store_).size(), queued_before_);
  // The other nominal is named by no referral.
  EXPECT_TRUE(EraseRecord(*store_, Request(ExportKind::kPoliceNominals, "N1000002", "DSR-10")));

  ErasureRequest decided = Request(ExportKind::kPoliceNominals, "N1000001", "DSR-9");
  decided.even_if_on_the_panel = true;
  auto erased = EraseRecord(*store_, decided);
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_TRUE(Refs("police_nominals").empty());
  EXPECT_EQ(erased->pack_versions, 0);  // the case has no pack yet
}

TEST_F(RecordErasureTest, APanelCasesSubjectTakesThePartnersValuesInItsPacksWithIt) {
  Refer("N1000001");
  Refer("N1000002");
  JournalPack("N1000001", "ROSHFIRSTQQ");
  JournalPack("N1000002", "ROSHOTHERQQ");
  JournalPack("N1000001", "ROSHSECONDQ");
  // A version whose values a retention already erased is not counted again.
  {
    core::panel::CasePack expired = Versions("N1000001").front();
    core::panel::EraseContributedValues(expired, {.erased_on = *core::Date::FromYmd(2026, 11, 11),
                                                  .purpose = "hhpp-case-pack",
                                                  .retention_days = 1});
    ASSERT_TRUE(panel::JournalCasePack(*store_, expired, "2026-11-11T09:00:00Z"));
  }
  ASSERT_TRUE(InFiles("ROSHFIRSTQQ"));

  // Refused, the packs keep their values.
  ASSERT_FALSE(EraseRecord(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-9")));
  EXPECT_TRUE(InFiles("ROSHFIRSTQQ"));

  ErasureRequest decided = Request(ExportKind::kPoliceNominals, "N1000001", "DSR-9");
  decided.even_if_on_the_panel = true;
  auto erased = EraseRecord(*store_, decided);
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->pack_versions, 2);
  EXPECT_EQ(erased->pack_values, 2);
  EXPECT_FALSE(InFiles("ROSHFIRSTQQ"));
  EXPECT_FALSE(InFiles("ROSHSECONDQ"));
  EXPECT_TRUE(InFiles("ROSHOTHERQQ"));

  const auto versions = Versions("N1000001");
  ASSERT_EQ(versions.size(), 3U);
  for (const core::panel::CasePack& pack : versions) {
    ASSERT_TRUE(pack.erasure.has_value());
    const bool by_retention = &pack == &versions.back();
    EXPECT_EQ(pack.erasure->request, by_retention ? "" : "DSR-9");
    EXPECT_EQ(pack.erasure->erased_on, *core::Date::FromYmd(2026, 11, by_retention ? 11 : 24));
    ASSERT_EQ(pack.contributions.size(), 1U);
    EXPECT_EQ(pack.contributions[0].fields[0].name, "rosh");
    EXPECT_EQ(pack.contributions[0].fields[0].value, "");
    EXPECT_EQ(pack.contributions[0].fields[0].provenance.isa_clause, "4.1");
  }
  const auto other = Versions("N1000002");
  ASSERT_EQ(other.size(), 1U);
  EXPECT_FALSE(other[0].erasure.has_value());
  EXPECT_EQ(other[0].contributions[0].fields[0].value, "ROSHOTHERQQ");

  const auto queued = QueuedEntries(*store_);
  ASSERT_EQ(queued.size(), queued_before_ + 1);
  EXPECT_EQ(queued.back().processing,
            "erasure of 1 police_nominals record and the 2 police_occurrences naming it, and of "
            "the values partners contributed to 2 case pack versions about the person (2 "
            "values), on request DSR-9");
}

TEST_F(RecordErasureTest, APackThatDoesNotReadStopsTheErasureAndChangesNothing) {
  Refer("N1000001");
  JournalPack("N1000001", "ROSHFIRSTQQ");
  ASSERT_TRUE(store_->AppendJournal(panel::kCasePackJournalKind, "2026-11-12T09:00:00Z", "{"));
  ErasureRequest decided = Request(ExportKind::kPoliceNominals, "N1000001", "DSR-9");
  decided.even_if_on_the_panel = true;
  auto refused = EraseRecord(*store_, decided);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kCorruption);
  EXPECT_NE(refused.error().message.find("panel journal entry 3: "), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(Refs("police_nominals").size(), 2U);
  EXPECT_EQ(Refs("police_occurrences").size(), 3U);
  EXPECT_TRUE(InFiles("ROSHFIRSTQQ"));
  EXPECT_EQ(QueuedEntries(*store_).size(), queued_before_);
}

}  // namespace
}  // namespace tandem::node::importer
