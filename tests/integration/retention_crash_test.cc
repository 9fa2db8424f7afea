// Crash consistency of the retention erasures (node/panel/pack_retention.h,
// node/panel/book_retention.h): police's store holds many case-pack versions assembled three
// years ago, past the ISA's 730 days for hhpp-case-pack, and a panel book whose partner
// referrals (hhpp-referral-match, 90 days) and partner interventions (hhpp-outcomes, 730 days)
// were received then too. `tandem node run` — which erases all three at start, before it
// serves, one transaction each — is killed with SIGKILL at a random moment of its start. After
// each kill the store must pass `tandem store check` and, for each of the three, hold either
// everything erased with exactly one `retention` entry of that purpose queued or logged, or
// nothing erased and no such entry; started again, the node erases what is left and logs each
// erasure once.
//
// Environment (see docs/crash-consistency.md):
//   TANDEM_CRASH_TRIALS  kills (default 4)
//   TANDEM_CRASH_SEED    seed of the kill delays (default 20261122), printed on failure
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/panel/case_pack.h"
#include "node/audit/local_entry.h"
#include "node/panel/book_retention.h"
#include "node/panel/pack_store.h"
#include "node/panel/panel_journal.h"
#include "node/panel/panel_json.h"
#include "node/store/data_dir.h"
#include "tests/integration/partnership.h"
#include "tests/node/audit/queued_entries.h"
#include "tests/node/temp_dir.h"

namespace tandem {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using core::panel::CasePack;
using core::panel::ContributionStatus;
using node::panel::Json;

// Enough versions and cases that erasing them is a visible part of the node's start.
constexpr int kVersions = 1500;
constexpr int kCases = 300;  // each with a partner referral and a partner intervention
constexpr std::string_view kReceived = "2023-01-10T09:00:00Z";
constexpr std::array<std::string_view, 3> kPurposes = {"hhpp-case-pack", "hhpp-referral-match",
                                                       "hhpp-outcomes"};
// Kill delays are drawn from [0, kWindow × the measured start]: past 1 the node serves.
constexpr double kWindow = 1.15;

core::Date D(int y, int m, int d) { return *core::Date::FromYmd(y, m, d); }

CasePack OldPack(int n) {
  CasePack pack;
  pack.pack_id = "M" + std::to_string(n / 10) + "-C" + std::to_string(n % 10);
  pack.subject_ref = "N" + std::to_string(1000000 + n);
  pack.case_id = "C" + std::to_string(n % 10);
  pack.meeting_id = "M" + std::to_string(n / 10);
  pack.prepared_on = D(2023, 1, 10);
  pack.contributions.push_back(
      {"probation",
       core::AgencyKind::kProbation,
       ContributionStatus::kMatched,
       "auto",
       "",
       {{"rosh", "HIGH", {"probation", D(2022, 12, 1), "4.1"}},
        {"supervision", "COMMUNITY_ORDER", {"probation", D(2022, 12, 1), "4.1"}}}});
  EXPECT_TRUE(core::panel::FinalisePack(pack));
  return pack;
}

// A case referred by probation and adopted, with an intervention probation reported, as the
// node journals them (the `received_for` member marks what a partner sent).
void JournalBookCase(node::store::Store& store, int n) {
  using node::panel::EncodeCommand;
  const std::string case_id = "C" + std::to_string(n + 1);
  const std::string meeting_id = "M" + std::to_string(n + 1);
  const auto append = [&](const std::string& name, Json args) {
    auto id = store.AppendJournal(node::panel::kPanelCommandKind, kReceived,
                                  EncodeCommand({name, std::move(args)}));
    ASSERT_TRUE(id) << id.error().message;
  };
  append("refer", {{"subject_key", "N" + std::to_string(2000000 + n)},
                   {"pathway", "partner-agency"},
                   {"source", "probation"},
                   {"reason", "Disclosed threats to a former partner at supervision"},
                   {"referrer", "Probation officer"},
                   {"referred_on", "2023-01-09"},
                   {"received_for", "hhpp-referral-match"}});
  append("triage", {{"case_id", case_id},
                    {"put_forward", true},
                    {"reasons", {"domestic abuse"}},
                    {"on", "2023-01-09"},
                    {"summary", node::panel::PackTriageToJson(core::panel::PackTriage{})}});
  append("plan-meeting", {{"meeting_id", meeting_id}, {"held_on", "2023-01-10"}});
  append("decide", {{"case_id", case_id},
                    {"meeting_id", meeting_id},
                    {"decision", "adopt"},
                    {"reason_id", "high-harm-high-risk"},
                    {"decided_on", "2023-01-10"}});
  append("record-intervention", {{"case_id", case_id},
                                 {"intervention_id", "ete-help"},
                                 {"delivered_by", "probation"},
                                 {"started_on", "2023-01-11"},
                                 {"completed", false},
                                 {"received_for", "hhpp-outcomes"}});
}

struct State {
  int packs = 0;                      // case-pack versions with their values erased
  int referrals = 0;                  // partner referrals with reason and referrer erased
  int interventions = 0;              // partner interventions erased
  std::map<std::string, int> queued;  // retention entries waiting in the outbox, by purpose
  std::map<std::string, int> logged;  // retention entries in the audit log, by purpose
  int Entries(std::string_view purpose) const {
    const auto count = [&](const std::map<std::string, int>& by) {
      const auto it = by.find(std::string(purpose));
      return it == by.end() ? 0 : it->second;
    };
    return count(queued) + count(logged);
  }
  int Erased(std::string_view purpose) const {
    if (purpose == "hhpp-case-pack") return packs;
    return purpose == "hhpp-referral-match" ? referrals : interventions;
  }
};

int Total(std::string_view purpose) { return purpose == "hhpp-case-pack" ? kVersions : kCases; }

class RetentionCrashTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new testing::TempDir();
    partnership_ = new testing::Partnership();
    ASSERT_EQ(partnership_->SetUp(temp_->path() / "p", {"police", "probation"}), "");
    {
      auto opened = Open();
      ASSERT_TRUE(opened) << opened.error().message;
      auto txn = opened->store->Begin();
      ASSERT_TRUE(txn);
      for (int n = 0; n < kVersions; ++n) {
        ASSERT_TRUE(node::panel::JournalCasePack(*opened->store, OldPack(n), kReceived));
      }
      for (int n = 0; n < kCases; ++n) {
        JournalBookCase(*opened->store, n);
        if (HasFatalFailure()) return;
      }
      ASSERT_TRUE(txn->Commit());
    }
    template_ = temp_->path() / "police-template";
    fs::copy(partnership_->data_dir("police"), template_, fs::copy_options::recursive);
  }

  static void TearDownTestSuite() {
    if (partnership_ != nullptr) partnership_->StopAll();
    delete partnership_;
    delete temp_;
  }

  static Result<node::store::OpenedStore> Open() {
    node::store::KeyOptions key;
    key.key_file = partnership_->key_file("police");
    return node::store::OpenDataDir(partnership_->data_dir("police"), key, {});
  }

  static void Restore() {
    fs::remove_all(partnership_->data_dir("police"));
    fs::copy(template_, partnership_->data_dir("police"), fs::copy_options::recursive);
  }

  static std::vector<std::string> Store(const std::string& what) {
    return {"store",      what,
            "--data-dir", partnership_->data_dir("police").string(),
            "--key-file", partnership_->key_file("police").string()};
  }

  static State Read() {
    State state;
    {
      auto opened = Open();
      EXPECT_TRUE(opened) << opened.error().message;
      if (!opened) return state;
      const std::array<std::string_view, 1> packs = {node::panel::kCasePackJournalKind};
      EXPECT_TRUE(opened->store->ForEachJournalEntry(
          packs, [&](const node::store::JournalEntry& entry) -> Status {
            auto pack = node::panel::ParseCasePackJson(entry.body);
            EXPECT_TRUE(pack) << pack.error().message;
            if (pack && pack->erasure) ++state.packs;
            return Ok();
          }));
      const std::array<std::string_view, 1> commands = {node::panel::kPanelCommandKind};
      EXPECT_TRUE(opened->store->ForEachJournalEntry(
          commands, [&](const node::store::JournalEntry& entry) -> Status {
            auto command = node::panel::DecodeCommand(entry.body);
            EXPECT_TRUE(command) << command.error().message;
            if (!command) return Ok();
            if (command->name == "refer" &&
                command->args.value("reason", "") == node::panel::kErasedValue) {
              ++state.referrals;
            }
            if (command->name == "record-intervention" && command->args.contains("erasure")) {
              ++state.interventions;
            }
            return Ok();
          }));
      for (const auto& entry : testing::QueuedEntries(*opened->store)) {
        if (entry.kind == node::audit::kRetentionKind) ++state.queued[entry.purpose];
      }
    }
    // A node killed before it created its audit log has logged nothing.
    if (!fs::exists(partnership_->data_dir("police") / "audit.db")) return state;
    const auto exported_file = temp_->path() / "retention.json";
    fs::remove(exported_file);
    auto exported = testing::RunTandem(
        {"audit", "export", "--data-dir", partnership_->data_dir("police").string(), "--key-file",
         partnership_->key_file("police").string(), "--kind", "retention", "--format", "json",
         "--out", exported_file.string()},
        {}, temp_->path());
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    const Json logged = Json::parse(testing::Slurp(exported_file), nullptr, false);
    EXPECT_TRUE(logged.is_array()) << testing::Slurp(exported_file);
    if (!logged.is_array()) return state;
    for (const Json& row : logged) ++state.logged[row["entry"]["purpose"].get<std::string>()];
    return state;
  }

  static std::int64_t Millis(Clock::duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  }

  static testing::TempDir* temp_;
  static testing::Partnership* partnership_;
  static fs::path template_;
};

testing::TempDir* RetentionCrashTest::temp_ = nullptr;
testing::Partnership* RetentionCrashTest::partnership_ = nullptr;
fs::path RetentionCrashTest::template_;

TEST_F(RetentionCrashTest, AKilledStartLeavesEachErasureWholeWithItsEntryOrAbsentWithout) {
  // The start to measure against: from the fork until the node serves.
  Restore();
  const auto timed = Clock::now();
  ASSERT_EQ(partnership_->Start("police"), "");
  const Clock::duration start_time = Clock::now() - timed;
  partnership_->Stop("police");
  const State whole = Read();
  for (const std::string_view purpose : kPurposes) {
    ASSERT_EQ(whole.Erased(purpose), Total(purpose)) << purpose;
    ASSERT_EQ(whole.Entries(purpose), 1) << purpose;
  }
  // The same start with nothing left to erase, to show how much of the window the erasure is.
  const auto retimed = Clock::now();
  ASSERT_EQ(partnership_->Start("police"), "");
  const Clock::duration plain_start = Clock::now() - retimed;
  partnership_->Stop("police");

  const std::uint64_t trials = testing::EnvNumber("TANDEM_CRASH_TRIALS", 4);
  const std::uint64_t seed = testing::EnvNumber("TANDEM_CRASH_SEED", 20261122);
  std::mt19937_64 random(seed);
  std::map<std::string_view, int> none;  // by purpose: kills before that erasure committed
  std::map<std::string_view, int> all;   // and after
  const std::vector<std::string> run = {"node", "run", "--config",
                                        (partnership_->dir() / "police.toml").string()};
  for (std::uint64_t trial = 0; trial < trials; ++trial) {
    const auto delay = testing::KillDelay(random, trial, trials, kWindow, start_time);
    SCOPED_TRACE("replay: TANDEM_CRASH_SEED=" + std::to_string(seed) +
                 " TANDEM_CRASH_TRIALS=" + std::to_string(trials) + " (trial " +
                 std::to_string(trial) + ", kill after " + std::to_string(Millis(delay)) +
                 " ms of " + std::to_string(Millis(start_time)) + " ms)");
    Restore();
    const auto started = Clock::now();
    const pid_t child = testing::StartTandem(run, {}, temp_->path(), "node");
    ASSERT_GT(child, 0);
    const testing::Ending ending = testing::KillAfter(child, started, delay);
    ASSERT_TRUE(ending.killed) << "the node ended by itself: "
                               << testing::Slurp(temp_->path() / "node.stderr");

    const auto check = testing::RunTandem(Store("check"), {}, temp_->path());
    ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
    const State after_kill = Read();
    for (const std::string_view purpose : kPurposes) {
      SCOPED_TRACE(purpose);
      if (after_kill.Erased(purpose) == 0) {
        EXPECT_EQ(after_kill.Entries(purpose), 0);
        ++none[purpose];
      } else {
        EXPECT_EQ(after_kill.Erased(purpose), Total(purpose)) << "a partial erasure";
        EXPECT_EQ(after_kill.Entries(purpose), 1);
        ++all[purpose];
      }
    }

    // Started again, the node finishes the work and each erasure is logged once.
    ASSERT_EQ(partnership_->Start("police"), "");
    partnership_->Stop("police");
    const State restarted = Read();
    for (const std::string_view purpose : kPurposes) {
      EXPECT_EQ(restarted.Erased(purpose), Total(purpose)) << purpose;
      EXPECT_EQ(restarted.queued.count(std::string(purpose)), 0U) << purpose;
      EXPECT_EQ(restarted.Entries(purpose), 1) << purpose;
    }
    if (HasFatalFailure()) return;
  }
  std::cout << "[ crash    ] retention: " << trials << " trials (seed " << seed << "), start "
            << Millis(start_time) << " ms (" << Millis(plain_start)
            << " ms with nothing to erase); killed before / after each erasure committed:";
  for (const std::string_view purpose : kPurposes) {
    std::cout << " " << purpose << " " << none[purpose] << " / " << all[purpose];
    EXPECT_EQ(none[purpose] + all[purpose], static_cast<int>(trials));
  }
  std::cout << "\n";
}

}  // namespace
}  // namespace tandem
