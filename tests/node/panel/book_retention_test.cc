// Retention of what partners sent into the panel book, over a real store (unencrypted, so that
// the files can be searched for erased values) holding a journal that replays: a partner's
// referral, the case adopted, an intervention received from probation and one the coordinator
// recorded itself, and a case pack quoting the referral.
#include "node/panel/book_retention.h"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "node/audit/entry.h"
#include "node/audit/local_entry.h"
#include "node/panel/outcome_sync.h"
#include "node/panel/pack_store.h"
#include "node/panel/panel_journal.h"
#include "node/panel/panel_service.h"
#include "node/panel/render_json.h"
#include "tests/node/audit/queued_entries.h"
#include "tests/node/isa/isa_fixture.h"
#include "tests/node/temp_dir.h"

namespace tandem::node::panel {
namespace {

using core::Date;
using namespace core::panel;
using tandem::testing::At;
using tandem::testing::QueuedEntries;
using tandem::testing::ReadWholeFile;
using tandem::testing::TempDir;

constexpr char kReason[] = "Disclosed threats to kill his former partner at supervision";
constexpr char kReferrer[] = "Senior probation officer Quennell";

// The vector ISA keeps hhpp-referral-match 90 days and hhpp-outcomes 730.
const protocol::Seconds kNow = At("2026-11-22T14:00:00Z");
constexpr char kLongAgo[] = "2024-10-01T09:00:00Z";  // more than 730 days before kNow
constexpr char kRecently[] = "2026-11-01T09:00:00Z";

class BookRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::OpenUnencrypted(dir_ / "store.db", {.create_if_missing = true});
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
  }

  std::int64_t Append(const std::string& name, Json args, const char* at) {
    auto id = store_->AppendJournal(kPanelCommandKind, at, EncodeCommand({name, std::move(args)}));
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  }

  // A partner referral of case C1 received at `at`, adopted at meeting M1, with an intervention
  // received from probation at `at` and one police recorded itself; and a case pack quoting the
  // referral.
  void Journal(const char* at) {
    Append("refer",
           {{"subject_key", "N1000001"},
            {"pathway", "partner-agency"},
            {"source", "probation"},
            {"reason", kReason},
            {"referrer", kReferrer},
            {"referred_on", "2024-09-30"},
            {"received_for", "hhpp-referral-match"}},
           at);
    Append("triage",
           {{"case_id", "C1"},
            {"put_forward", true},
            {"reasons", {"domestic abuse"}},
            {"on", "2024-09-30"},
            {"summary", PackTriageToJson(PackTriage{})}},
           at);
    Append("plan-meeting", {{"meeting_id", "M1"}, {"held_on", "2024-10-01"}}, at);
    Append("decide",
           {{"case_id", "C1"},
            {"meeting_id", "M1"},
            {"decision", "adopt"},
            {"reason_id", "high-harm-high-risk"},
            {"decided_on", "2024-10-01"}},
           at);
    Append("record-intervention",
           {{"case_id", "C1"},
            {"intervention_id", "ete-help"},
            {"delivered_by", "probation"},
            {"started_on", "2024-10-02"},
            {"ended_on", "2024-12-20"},
            {"completed", true},
            {"received_for", "hhpp-outcomes"}},
           at);
    Append("record-intervention",
           {{"case_id", "C1"},
            {"intervention_id", "pnc-marker"},
            {"delivered_by", "police"},
            {"started_on", "2024-10-02"},
            {"completed", false}},
           at);
    CasePack pack;
    pack.pack_id = "P1";
    pack.subject_ref = "N1000001";
    pack.case_id = "C1";
    pack.meeting_id = "M1";
    pack.prepared_on = *Date::FromYmd(2024, 9, 30);
    pack.referral = {"R1",    "partner-agency", "probation",
                     kReason, kReferrer,        *Date::FromYmd(2024, 9, 30)};
    ASSERT_TRUE(store_->AppendJournal(kCasePackJournalKind, at, RenderCasePackJson(pack)));
  }

  Result<PanelState> Replay() { return ReplayJournal(*store_, {}); }

  std::string Files() {
    store_->TruncateWal();
    std::string bytes = ReadWholeFile(dir_ / "store.db");
    if (std::filesystem::exists(dir_ / "store.db-wal"))
      bytes += ReadWholeFile(dir_ / "store.db-wal");
    return bytes;
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  protocol::Isa isa_ = testing::VectorIsaVersion(1);
};

TEST_F(BookRetentionTest, WhatPartnersSentLongerAgoThanTheRetentionGoesAndTheBookStillReplays) {
  Journal(kLongAgo);
  auto erased = EraseExpiredBookValues(*store_, isa_, "police", kNow);
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->referrals, 1);
  EXPECT_EQ(erased->interventions, 1);
  EXPECT_EQ(erased->pack_versions, 1);
  // The referral's reason and referrer, in the command and the pack; the intervention's id,
  // start, end and completion.
  EXPECT_EQ(erased->values, 2 + 2 + 4);

  auto state = Replay();
  ASSERT_TRUE(state) << state.error().message;
  const PanelBook& book = state->book;
  ASSERT_EQ(book.referrals().size(), 1u);
  const Referral& referral = book.referrals()[0].referral;
  EXPECT_EQ(referral.reason, kErasedValue);
  EXPECT_EQ(referral.referrer, kErasedValue);
  EXPECT_EQ(referral.source, "probation");
  EXPECT_EQ(referral.pathway, "partner-agency");
  EXPECT_EQ(referral.referred_on, *Date::FromYmd(2024, 9, 30));
  EXPECT_EQ(book.FindCase("C1")->state, CaseState::kManaged);
  // Police's own intervention stays; probation's adds nothing any more.
  ASSERT_EQ(book.interventions().size(), 1u);
  EXPECT_EQ(book.interventions()[0].intervention_id, "pnc-marker");

  auto packs = PackVersions(*store_, "P1");
  ASSERT_TRUE(packs) << packs.error().message;
  ASSERT_EQ(packs->size(), 1u);
  EXPECT_EQ((*packs)[0].referral.reason, kErasedValue);
  EXPECT_EQ((*packs)[0].referral.referrer, kErasedValue);

  // The erased intervention keeps its case, agency and mark, with the erasure.
  std::vector<Json> interventions;
  const std::array<std::string_view, 1> kinds = {kPanelCommandKind};
  ASSERT_TRUE(store_->ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto command = DecodeCommand(entry.body);
    if (command && command->name == "record-intervention") interventions.push_back(command->args);
    return Ok();
  }));
  ASSERT_EQ(interventions.size(), 2u);
  EXPECT_EQ(interventions[0], Json({{"case_id", "C1"},
                                    {"delivered_by", "probation"},
                                    {"received_for", "hhpp-outcomes"},
                                    {"erasure",
                                     {{"erased_on", "2026-11-22"},
                                      {"purpose", "hhpp-outcomes"},
                                      {"retention_days", 730}}}}));
  EXPECT_EQ(interventions[1]["intervention_id"], "pnc-marker");

  const std::string files = Files();
  for (const char* gone : {kReason, kReferrer, "ete-help", "2024-12-20"}) {
    EXPECT_EQ(files.find(gone), std::string::npos) << gone;
  }
  EXPECT_NE(files.find("pnc-marker"), std::string::npos);

  // One entry per purpose, with no value and no reference.
  const auto entries = QueuedEntries(*store_);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].purpose, "hhpp-outcomes");
  EXPECT_EQ(entries[0].processing,
            "erasure of 1 intervention partners reported (4 values): received more than 730 days "
            "ago");
  EXPECT_EQ(entries[1].purpose, "hhpp-referral-match");
  EXPECT_EQ(entries[1].processing,
            "erasure of the reason and referrer of 1 partner referral, also where 1 case pack "
            "version quoted them (4 values): received more than 90 days ago");
  for (const auto& entry : entries) {
    EXPECT_EQ(entry.kind, audit::kRetentionKind);
    EXPECT_EQ(entry.actor, "police");
    EXPECT_EQ(entry.isa_id, isa_.id.value());
    EXPECT_EQ(entry.isa_version, 1);
    EXPECT_EQ(entry.at, kNow);
    for (const std::string value : {"N1000001", "C1", "R1", "P1", "ete-help", "probation"}) {
      EXPECT_EQ(entry.processing.find(value), std::string::npos) << value;
    }
  }

  // A second run finds nothing more.
  auto again = EraseExpiredBookValues(*store_, isa_, "police", kNow);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->referrals + again->interventions + again->pack_versions + again->values, 0);
  EXPECT_EQ(QueuedEntries(*store_).size(), 2u);
}

TEST_F(BookRetentionTest, EachPurposeKeepsItsOwnRetention) {
  // 100 days ago: past the referral's 90 days, within the outcomes' 730.
  Journal("2026-08-14T09:00:00Z");
  auto erased = EraseExpiredBookValues(*store_, isa_, "police", kNow);
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->referrals, 1);
  EXPECT_EQ(erased->interventions, 0);
  auto state = Replay();
  ASSERT_TRUE(state) << state.error().message;
  EXPECT_EQ(state->book.referrals()[0].referral.reason, kErasedValue);
  EXPECT_EQ(state->book.interventions().size(), 2u);
}

TEST_F(BookRetentionTest, RecentCommandsAndAnAgreementWithoutThePurposesKeepEverything) {
  Journal(kRecently);
  auto erased = EraseExpiredBookValues(*store_, isa_, "police", kNow);
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->referrals + erased->interventions + erased->pack_versions, 0);

  // Years later, under an agreement that no longer has the purposes.
  protocol::Isa without = isa_;
  std::erase_if(without.purposes, [](const protocol::IsaPurpose& p) {
    return p.id.value() == "hhpp-referral-match" || p.id.value() == "hhpp-outcomes";
  });
  erased = EraseExpiredBookValues(*store_, without, "police", At("2030-01-01T00:00:00Z"));
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->referrals + erased->interventions + erased->pack_versions, 0);
  EXPECT_TRUE(QueuedEntries(*store_).empty());
  auto state = Replay();
  ASSERT_TRUE(state) << state.error().message;
  EXPECT_EQ(state->book.referrals()[0].referral.reason, kReason);
}

TEST_F(BookRetentionTest, AMarkedCommandThatDoesNotReadIsNamedAndNothingIsErased) {
  Journal(kLongAgo);
  const std::int64_t bad = Append("decide",
                                  {{"case_id", "C1"},
                                   {"meeting_id", "M1"},
                                   {"decision", "defer"},
                                   {"reason_id", "out-of-time"},
                                   {"decided_on", "2024-10-01"},
                                   {"received_for", "hhpp-outcomes"}},
                                  kLongAgo);
  auto refused = EraseExpiredBookValues(*store_, isa_, "police", kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kCorruption);
  EXPECT_NE(refused.error().message.find("panel journal entry " + std::to_string(bad)),
            std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(QueuedEntries(*store_).empty());
  EXPECT_NE(Files().find(kReason), std::string::npos);
}

TEST_F(BookRetentionTest, ThePanelServiceMarksWhatPartnersSendAndRebuildsItsBookAfterAnErasure) {
  Journal(kLongAgo);
  endpoints::SharedStore shared(store_.get());
  PanelServiceOptions options;
  options.clock = [] { return kNow; };
  auto service = PanelService::Open(shared, {}, {}, options);
  ASSERT_TRUE(service) << service.error().message;
  const InterventionRecord housing{"C1",
                                   "accommodation-help",
                                   core::AgencyKind::kHousing,
                                   *Date::FromYmd(2026, 11, 1),
                                   std::nullopt,
                                   false};
  // Recorded as an outcome sync records what a partner reported.
  ASSERT_TRUE(PanelServiceOutcomeSync(runtime::PartnerMatchContext{}, **service).record(housing));
  Json last;
  const std::array<std::string_view, 1> kinds = {kPanelCommandKind};
  ASSERT_TRUE(store_->ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    last = Json::parse(entry.body);
    return Ok();
  }));
  EXPECT_EQ(last["args"]["received_for"], "hhpp-outcomes");

  auto erased = (*service)->EraseExpired(isa_, "police", kNow);
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->referrals, 1);
  EXPECT_EQ(erased->interventions, 1);
  std::vector<std::string> interventions;
  std::string reason;
  ASSERT_TRUE((*service)->Read([&](const PanelBook& book, std::span<const RankingRun>) -> Status {
    for (const auto& record : book.interventions()) {
      interventions.push_back(record.intervention_id);
    }
    reason = book.referrals()[0].referral.reason;
    return Ok();
  }));
  EXPECT_EQ(interventions, (std::vector<std::string>{"pnc-marker", "accommodation-help"}));
  EXPECT_EQ(reason, kErasedValue);
}

}  // namespace
}  // namespace tandem::node::panel
