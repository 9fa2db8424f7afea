// A copy of what a node holds about one person record, over a real store holding an import and
// a panel book: the record, its occurrences, its delivered interventions, its panel case,
// ranking entries and case packs — and nothing of another person — with one audit entry naming
// the request and never the record; anything refused logs nothing.
#include "node/importer/subject_access.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "crypto/hex.h"
#include "node/audit/audit_log.h"
#include "node/audit/local_entry.h"
#include "node/panel/delivered_interventions.h"
#include "node/panel/pack_store.h"
#include "node/panel/panel_journal.h"
#include "node/panel/panel_json.h"
#include "small_police_store.h"
#include "temp_dir.h"
#include "tests/node/audit/audit_fixture.h"
#include "tests/node/audit/queued_entries.h"

namespace tandem::node::importer {
namespace {

using adapters::ExportKind;
using core::Date;
using nlohmann::json;
using tandem::testing::QueuedEntries;
using tandem::testing::TempDir;

constexpr char kAt[] = "2026-11-02T09:00:00Z";

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

class SubjectAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = tandem::testing::SmallPoliceStore(dir_);
    ASSERT_NE(store_, nullptr);
    queued_before_ = QueuedEntries(*store_).size();
  }

  // Both nominals referred, ranked, given a case pack and one a delivered intervention.
  void PutBothOnThePanel() {
    for (const char* subject : {"N1000001", "N1000002"}) {
      Journal({"refer",
               {{"subject_key", subject},
                {"pathway", "police-unit"},
                {"source", "police"},
                {"reason", std::string("Repeat domestic abuse by ") + subject},
                {"referrer", "DA unit"},
                {"referred_on", "2026-11-02"}}});
    }
    core::panel::RankingRun run;
    run.id = "RUN-1";
    run.run_on = D(2026, 11, 2);
    for (const char* subject : {"N1000002", "N1000001"}) {
      core::panel::RankedEntry entry;
      entry.rank = run.entries.size() + 1;
      entry.subject = subject;
      entry.priority = 4.0 - static_cast<double>(entry.rank);
      run.entries.push_back(entry);
    }
    Journal({"ranking-run", {{"run", panel::RankingRunToJson(run)}}});
    auto state = panel::ReplayJournal(*store_, {});
    ASSERT_TRUE(state) << state.error().message;
    ASSERT_EQ(state->book.cases().size(), 2U);
    for (const auto& c : state->book.cases()) {
      core::panel::CasePack pack;
      pack.pack_id = "M1-" + c.id;
      pack.subject_ref = c.subject_key;
      pack.case_id = c.id;
      pack.meeting_id = "M1";
      pack.prepared_on = D(2026, 11, 2);
      pack.referral = {"R1", "police-unit", "police", "escalating", "DA unit", D(2026, 11, 2)};
      ASSERT_TRUE(panel::JournalCasePack(*store_, pack, kAt));
    }
    panel::DeliveredIntervention item;
    item.export_kind = "police_nominals";
    item.ref = "N1000001";
    item.intervention_id = "behaviour-change-programme";
    item.started_on = D(2026, 3, 1);
    ASSERT_TRUE(
        panel::RecordDelivered(*store_, core::panel::InterventionCatalogue::Default(), item, kAt));
  }

  void Journal(const panel::PanelCommand& command) {
    ASSERT_TRUE(
        store_->AppendJournal(panel::kPanelCommandKind, kAt, panel::EncodeCommand(command)));
  }

  SubjectAccessRequest Request(ExportKind kind, std::string ref, std::string request_ref) {
    return {.record = {.kind = kind,
                       .ref = std::move(ref),
                       .request_ref = std::move(request_ref),
                       .at = *protocol::ParseTimestamp("2026-11-24T10:00:00Z")},
            .audit_log = {}};
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::size_t queued_before_ = 0;
};

std::vector<std::string> Refs(const json& records) {
  std::vector<std::string> refs;
  for (const json& r : records) refs.push_back(r["ref"]);
  return refs;
}

TEST_F(SubjectAccessTest, ANominalsCopyHoldsEverythingAboutThePersonAndNothingAboutAnother) {
  PutBothOnThePanel();
  auto copy =
      GatherSubjectAccess(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "SAR-2026-7"));
  ASSERT_TRUE(copy) << copy.error().message;
  const json& doc = copy->document;
  EXPECT_EQ(doc["format"], kSubjectAccessFormat);
  EXPECT_EQ(doc["request"], "SAR-2026-7");
  EXPECT_EQ(doc["produced_at"], "2026-11-24T10:00:00Z");
  EXPECT_EQ(doc["record"]["ref"], "N1000001");
  EXPECT_EQ(doc["record"]["fields"]["surname"], "Zebedeeson");
  EXPECT_NE(doc["record"]["normalised_identity"].dump().find("zebedeeson"), std::string::npos);
  EXPECT_EQ(Refs(doc["records_naming_it"]), (std::vector<std::string>{"OC1", "OC2"}));
  ASSERT_EQ(doc["delivered_interventions"].size(), 1U);
  EXPECT_EQ(doc["delivered_interventions"][0]["intervention"]["intervention"],
            "behaviour-change-programme");
  const json& panel = doc["panel"];
  ASSERT_EQ(panel["cases"].size(), 1U);
  EXPECT_EQ(panel["cases"][0]["subject_ref"], "N1000001");
  EXPECT_EQ(panel["cases"][0]["referrals"][0]["reason"], "Repeat domestic abuse by N1000001");
  ASSERT_EQ(panel["ranking"].size(), 1U);
  EXPECT_EQ(panel["ranking"][0]["run"], "RUN-1");
  EXPECT_EQ(panel["ranking"][0]["entry"]["rank"], 2);
  ASSERT_EQ(panel["case_pack_versions"].size(), 1U);
  EXPECT_EQ(panel["case_pack_versions"][0]["pack"]["subject_ref"], "N1000001");
  EXPECT_TRUE(doc["exchanges"].empty());
  ASSERT_EQ(doc["notes"].size(), 3U);
  EXPECT_EQ(doc["notes"][2], "This data directory holds no audit log: no exchanges.");
  // Nothing of the other person: reference, name, occurrence, referral.
  const std::string text = doc.dump();
  for (const char* other : {"N1000002", "Quenby", "quenby", "OC3", "V13"}) {
    EXPECT_EQ(text.find(other), std::string::npos) << other;
  }

  EXPECT_EQ(copy->contents,
            "1 police_nominals record, 2 police_occurrences naming it, 1 delivered "
            "intervention, 1 panel case, 1 ranking entry and 1 case pack version");
  const auto queued = QueuedEntries(*store_);
  ASSERT_EQ(queued.size(), queued_before_ + 1);
  const audit::AuditEntry& entry = queued.back();
  EXPECT_EQ(entry.kind, audit::kSubjectAccessKind);
  EXPECT_EQ(entry.processing,
            "copy for subject access of " + copy->contents + ", on request SAR-2026-7");
  EXPECT_EQ(entry.recipient, "store");
  EXPECT_EQ(audit::EncodeEntry(entry)->find("N1000001"), std::string::npos);
}

TEST_F(SubjectAccessTest, TheExchangesAreTheAuditEntriesNamingOneOfTheRecordsTokens) {
  const auto tokens = tandem::testing::IndexTwoTokensEach(*store_, 0xa0);
  const auto key = audit::testing::StoreKey();
  {
    const crypto::SigningKey identity = audit::testing::IdentityKey(3);  // the log keeps it
    auto log =
        audit::AuditLog::Open(dir_ / "audit.db", key, audit::testing::Node("police"), identity, {});
    ASSERT_TRUE(log) << log.error().message;
    // A match answered and a disclosure about N1000001 (each by one of its tokens), one about
    // N1000002, and an import naming no one.
    for (const std::size_t token : {std::size_t{1}, std::size_t{0}, std::size_t{2}}) {
      audit::AuditEntry entry = audit::testing::SampleEntry(static_cast<int>(token));
      entry.subject_tokens = {crypto::EncodeHex(tokens.at(token))};
      ASSERT_TRUE((*log)->Append(entry));
    }
    audit::AuditEntry import = audit::testing::SampleEntry(3);
    import.subject_tokens.clear();
    ASSERT_TRUE((*log)->Append(import));
  }
  SubjectAccessRequest request = Request(ExportKind::kPoliceNominals, "N1000001", "SAR-4");
  request.audit_log = {.path = dir_ / "audit.db", .key = &key};
  auto copy = GatherSubjectAccess(*store_, request);
  ASSERT_TRUE(copy) << copy.error().message;
  const json& exchanges = copy->document["exchanges"];
  ASSERT_EQ(exchanges.size(), 2U);
  EXPECT_EQ(exchanges[0]["index"], 0);
  EXPECT_EQ(exchanges[1]["index"], 1);
  EXPECT_EQ(exchanges[0]["entry"]["recipient"], "police");
  EXPECT_EQ(exchanges[1]["entry"]["fields"], json({"risk_level", "last_contact"}));
  // A request sent to police and an answer given to it: one recipient, told twice.
  EXPECT_EQ(copy->document["recipients"],
            json::parse(R"([{"node":"police","exchanges":2,"last":"2026-01-01T00:00:01Z"}])"));
  EXPECT_EQ(copy->document["notes"].size(), 2U);
  EXPECT_EQ(copy->contents,
            "1 police_nominals record, 2 police_occurrences naming it and 2 audit "
            "log entries");

  // The wrong key for the log: an error, and nothing logged.
  const std::size_t queued = QueuedEntries(*store_).size();
  const auto other = audit::testing::StoreKey(9);
  request.audit_log.key = &other;
  auto refused = GatherSubjectAccess(*store_, request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(QueuedEntries(*store_).size(), queued);
}

TEST_F(SubjectAccessTest, AnotherKindOfRecordComesAloneWithoutAPanelPart) {
  PutBothOnThePanel();
  auto copy = GatherSubjectAccess(*store_, Request(ExportKind::kPoliceOccurrences, "OC3", "SAR-8"));
  ASSERT_TRUE(copy) << copy.error().message;
  EXPECT_EQ(copy->document["record"]["fields"]["victim_ref"], "V13");
  EXPECT_TRUE(copy->document["records_naming_it"].empty());
  EXPECT_TRUE(copy->document["delivered_interventions"].empty());
  EXPECT_FALSE(copy->document.contains("panel"));
  EXPECT_EQ(QueuedEntries(*store_).back().processing,
            "copy for subject access of 1 police_occurrences record, on request SAR-8");
}

TEST_F(SubjectAccessTest, WhatIsRefusedLogsNothing) {
  struct Case {
    SubjectAccessRequest request;
    Code code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {Request(ExportKind::kPoliceNominals, "N9999999", "SAR-1"), Code::kNotFound,
       "holds no police_nominals record with that reference; nothing was logged"},
      {Request(ExportKind::kProbationCases, "N1000001", "SAR-1"), Code::kNotFound,
       "holds no probation_cases record"},
      {Request(ExportKind::kPoliceNominals, "N1000001", ""), Code::kInvalidArgument, "1 to 64"},
      {Request(ExportKind::kPoliceNominals, "N1000001", "SAR 1"), Code::kInvalidArgument,
       "1 to 64"},
      {Request(ExportKind::kPoliceNominals, "N1000001", "SAR-N1000001"), Code::kInvalidArgument,
       "contains the record's reference"},
  };
  for (const Case& c : cases) {
    auto refused = GatherSubjectAccess(*store_, c.request);
    ASSERT_FALSE(refused) << c.request.record.request_ref;
    EXPECT_EQ(refused.error().code, c.code) << refused.error().message;
    EXPECT_NE(refused.error().message.find(c.says), std::string::npos) << refused.error().message;
  }
  EXPECT_EQ(QueuedEntries(*store_).size(), queued_before_);
}

TEST_F(SubjectAccessTest, ADamagedPanelJournalEntryIsReportedAndLogsNothing) {
  ASSERT_TRUE(store_->AppendJournal(panel::kCasePackJournalKind, kAt, "[not an object]"));
  auto refused =
      GatherSubjectAccess(*store_, Request(ExportKind::kPoliceNominals, "N1000001", "SAR-3"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kCorruption);
  EXPECT_EQ(QueuedEntries(*store_).size(), queued_before_);
}

}  // namespace
}  // namespace tandem::node::importer
