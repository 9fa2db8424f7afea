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

#include "node/audit/local_entry.h"
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
  ASSERT_TRUE(store_->AppendJournal(panel::kPanelCommandKind, "2026-11-02T09:00:00Z",
                                    panel::EncodeCommand({"refer",
                                                          {{"subject_key", "N1000001"},
                                                           {"pathway", "police-unit"},
                                                           {"source", "police"},
                                                           {"reason", "Repeat domestic abuse"},
                                                           {"referrer", "DA unit"},
                                                           {"referred_on", "2026-11-02"}}})));
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
}

}  // namespace
}  // namespace tandem::node::importer
