// Restricting the processing of one named record on request, over a real store holding an
// import and its token index: the restricted record (and a nominal's occurrences) stays stored,
// re-imports still update it, but every read a node processes with — a record by reference,
// every record of a kind, a token lookup — stops seeing it until the restriction is lifted; one
// audit entry each way names the request, never the record; anything refused changes nothing.
#include "node/importer/record_restriction.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "node/audit/local_entry.h"
#include "node/importer/importer.h"
#include "node/importer/subject_access.h"
#include "node/panel/pack_store.h"
#include "node/panel/panel_journal.h"
#include "small_police_store.h"
#include "temp_dir.h"
#include "tests/node/audit/queued_entries.h"

namespace tandem::node::importer {
namespace {

using adapters::ExportKind;
using store::Restricted;
using tandem::testing::QueuedEntries;
using tandem::testing::TempDir;

class RecordRestrictionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = tandem::testing::SmallPoliceStore(dir_);
    ASSERT_NE(store_, nullptr);
    tokens_ = tandem::testing::IndexTwoTokensEach(*store_, 1);
    queued_before_ = QueuedEntries(*store_).size();
  }

  RecordRequest Request(ExportKind kind, std::string ref, std::string request_ref) {
    return {kind, std::move(ref), std::move(request_ref),
            *protocol::ParseTimestamp("2026-11-24T10:00:00Z")};
  }

  // The references ForEachRecord visits.
  std::vector<std::string> Visited(const char* kind, Restricted restricted) {
    std::vector<std::string> refs;
    auto read = store_->ForEachRecord(
        kind,
        [&](const store::StoredRecord& record) {
          refs.push_back(record.ref);
          return Ok();
        },
        restricted);
    EXPECT_TRUE(read) << read.error().message;
    return refs;
  }

  // The references of the records LookupTokens finds for `tokens`.
  std::vector<std::string> Found(std::span<const store::TokenBytes> tokens) {
    auto matches = store_->LookupTokens(tokens);
    EXPECT_TRUE(matches) << matches.error().message;
    std::vector<std::string> refs;
    if (matches) {
      for (const auto& m : *matches) refs.push_back(m.ref);
    }
    return refs;
  }

  bool Visible(const char* kind, const char* ref) {
    auto record = store_->GetRecord(kind, ref);
    EXPECT_TRUE(record) << record.error().message;
    return record && record->has_value();
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::array<store::TokenBytes, 4> tokens_{};
  std::size_t queued_before_ = 0;
};

TEST_F(RecordRestrictionTest, ARestrictedNominalAndItsOccurrencesAreKeptButNotProcessed) {
  auto restricted =
      RestrictRecord(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-2026-9"));
  ASSERT_TRUE(restricted) << restricted.error().message;
  EXPECT_EQ(restricted->occurrences, 2);
  EXPECT_EQ(restricted->panel_referrals, 0);

  // Processing reads no longer see it, nor the occurrences naming it.
  EXPECT_FALSE(Visible("police_nominals", "N1000001"));
  EXPECT_TRUE(Visible("police_nominals", "N1000002"));
  EXPECT_FALSE(Visible("police_occurrences", "OC1"));
  EXPECT_TRUE(Visible("police_occurrences", "OC3"));
  EXPECT_EQ(Visited("police_nominals", Restricted::kHidden), std::vector<std::string>{"N1000002"});
  EXPECT_EQ(Visited("police_occurrences", Restricted::kHidden), std::vector<std::string>{"OC3"});
  EXPECT_TRUE(Found(std::span(tokens_).first(2)).empty());
  EXPECT_EQ(Found(tokens_), std::vector<std::string>{"N1000002"});

  // It is all still stored, tokens included.
  EXPECT_EQ(Visited("police_nominals", Restricted::kIncluded),
            (std::vector<std::string>{"N1000001", "N1000002"}));
  EXPECT_EQ(Visited("police_occurrences", Restricted::kIncluded).size(), 3U);
  auto kept = store_->GetRecord("police_nominals", "N1000001", Restricted::kIncluded);
  ASSERT_TRUE(kept && kept->has_value());
  EXPECT_EQ(store_->TokensOfRecord("police_nominals", "N1000001")->size(), 2U);
  auto restriction = store_->GetRestriction("police_nominals", "N1000001");
  ASSERT_TRUE(restriction && restriction->has_value());
  EXPECT_EQ((*restriction)->request_ref, "DSR-2026-9");
  EXPECT_EQ((*restriction)->since, "2026-11-24T10:00:00Z");

  const auto queued = QueuedEntries(*store_);
  ASSERT_EQ(queued.size(), queued_before_ + 1);
  EXPECT_EQ(queued.back().kind, audit::kRestrictionKind);
  EXPECT_EQ(queued.back().processing,
            "restriction of processing of 1 police_nominals record and the 2 police_occurrences "
            "naming it, on request DSR-2026-9");
  EXPECT_EQ(audit::EncodeEntry(queued.back())->find("N1000001"), std::string::npos);
}

TEST_F(RecordRestrictionTest, APanelSubjectsPacksAreWithheldWhileItsNominalIsRestricted) {
  ASSERT_TRUE(store_->AppendJournal(panel::kPanelCommandKind, "2026-11-02T09:00:00Z",
                                    panel::EncodeCommand({"refer",
                                                          {{"subject_key", "N1000001"},
                                                           {"pathway", "police-unit"},
                                                           {"source", "police"},
                                                           {"reason", "Repeat domestic abuse"},
                                                           {"referrer", "DA unit"},
                                                           {"referred_on", "2026-11-02"}}})));
  EXPECT_EQ(panel::SubjectRestricted(*store_, "N1000001").value_or(true), false);
  auto restricted =
      RestrictRecord(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-2026-9"));
  ASSERT_TRUE(restricted) << restricted.error().message;
  EXPECT_EQ(restricted->panel_referrals, 1);
  EXPECT_EQ(panel::SubjectRestricted(*store_, "N1000001").value_or(false), true);
  EXPECT_EQ(panel::SubjectRestricted(*store_, "N1000002").value_or(true), false);
  ASSERT_TRUE(
      LiftRestriction(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-2026-12")));
  EXPECT_EQ(panel::SubjectRestricted(*store_, "N1000001").value_or(true), false);
}

TEST_F(RecordRestrictionTest, LiftingBringsTheRecordBackAndNamesBothRequests) {
  ASSERT_TRUE(RestrictRecord(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-1")));
  auto lifted = LiftRestriction(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-2"));
  ASSERT_TRUE(lifted) << lifted.error().message;
  EXPECT_EQ(lifted->request_ref, "DSR-1");
  EXPECT_TRUE(Visible("police_nominals", "N1000001"));
  EXPECT_TRUE(Visible("police_occurrences", "OC1"));
  EXPECT_EQ(Found(std::span(tokens_).first(2)), std::vector<std::string>{"N1000001"});
  EXPECT_TRUE(store_->Restrictions()->empty());
  EXPECT_EQ(QueuedEntries(*store_).back().processing,
            "lifting of the restriction of processing of 1 police_nominals record placed on "
            "request DSR-1 on 2026-11-24T10:00:00Z, on request DSR-2");
}

TEST_F(RecordRestrictionTest, AReimportUpdatesARestrictedRecordWhichStaysRestricted) {
  ASSERT_TRUE(RestrictRecord(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-3")));
  tandem::testing::WriteWholeFile(
      dir_ / "police_nominals.csv",
      "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
      "warning_markers\n"
      "N1000001,Zebedeeson,Daniel,,1986-04-11,M,,\"40 Sea View, Swanage\",BH19 1AB,,\n");
  ImportRequest request;
  request.agency = core::AgencyKind::kPolice;
  request.files = {dir_ / "police_nominals.csv"};
  request.now = [] { return *protocol::ParseTimestamp("2026-11-25T09:00:00Z"); };
  auto imported = RunImport(*store_, request);
  ASSERT_TRUE(imported) << imported.error().message;

  auto kept = store_->GetRecord("police_nominals", "N1000001", Restricted::kIncluded);
  ASSERT_TRUE(kept && kept->has_value());
  EXPECT_NE((*kept)->fields.find("Swanage"), std::string::npos);
  EXPECT_FALSE(Visible("police_nominals", "N1000001"));
}

TEST_F(RecordRestrictionTest, ASubjectAccessCopyHoldsTheRestrictedRecordAndSaysItIsRestricted) {
  ASSERT_TRUE(RestrictRecord(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-4")));
  auto copy = GatherSubjectAccess(
      *store_, {.record = {.kind = ExportKind::kPoliceNominals,
                           .ref = "N1000001",
                           .request_ref = "SAR-4",
                           .at = *protocol::ParseTimestamp("2026-11-24T11:00:00Z")},
                .audit_log = {}});
  ASSERT_TRUE(copy) << copy.error().message;
  EXPECT_EQ(copy->document["record"]["ref"], "N1000001");
  EXPECT_EQ(copy->document["records_naming_it"].size(), 2U);
  EXPECT_EQ(copy->document["restriction"]["request"], "DSR-4");
  EXPECT_EQ(copy->document["restriction"]["since"], "2026-11-24T10:00:00Z");
}

TEST_F(RecordRestrictionTest, WhatIsRefusedChangesNothing) {
  ASSERT_TRUE(RestrictRecord(*store_, Request(ExportKind::kPoliceNominals, "N1000002", "DSR-5")));
  const std::size_t queued = QueuedEntries(*store_).size();
  struct Case {
    bool lift;
    RecordRequest request;
    Code code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {false, Request(ExportKind::kPoliceNominals, "N9999999", "DSR-1"), Code::kNotFound,
       "no police_nominals record with that reference"},
      {false, Request(ExportKind::kPoliceNominals, "N1000002", "DSR-6"), Code::kInvalidArgument,
       "already restricted"},
      {false, Request(ExportKind::kPoliceNominals, "N1000001", "DSR 1"), Code::kInvalidArgument,
       "1 to 64"},
      {false, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-N1000001"),
       Code::kInvalidArgument, "contains the record's reference"},
      {true, Request(ExportKind::kPoliceNominals, "N1000001", "DSR-7"), Code::kNotFound,
       "no restriction of a police_nominals record"},
      {true, Request(ExportKind::kPoliceNominals, "N1000002", ""), Code::kInvalidArgument,
       "1 to 64"},
  };
  for (const Case& c : cases) {
    const Status refused = c.lift ? Status(LiftRestriction(*store_, c.request).map([](auto&&) {}))
                                  : Status(RestrictRecord(*store_, c.request).map([](auto&&) {}));
    ASSERT_FALSE(refused) << c.request.request_ref;
    EXPECT_EQ(refused.error().code, c.code) << refused.error().message;
    EXPECT_NE(refused.error().message.find(c.says), std::string::npos) << refused.error().message;
  }
  auto restrictions = store_->Restrictions();
  ASSERT_TRUE(restrictions);
  ASSERT_EQ(restrictions->size(), 1U);
  EXPECT_EQ(restrictions->front().ref, "N1000002");
  EXPECT_EQ(restrictions->front().request_ref, "DSR-5");
  EXPECT_TRUE(Visible("police_nominals", "N1000001"));
  EXPECT_EQ(QueuedEntries(*store_).size(), queued);
}

}  // namespace
}  // namespace tandem::node::importer
