// Crash consistency of the retention erasure (node/panel/pack_retention.h): police's store holds
// many case-pack versions assembled three years ago, past the ISA's 730 days for
// hhpp-case-pack, and `tandem node run` — which erases them at start, before it serves — is
// killed with SIGKILL at a random moment of its start. After each kill the store must pass
// `tandem store check` and hold either every version erased, with exactly one `retention`
// entry queued or logged, or none erased and no such entry; started again, the node erases what
// is left and logs it once.
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
#include <random>
#include <string>
#include <vector>

#include "core/panel/case_pack.h"
#include "node/audit/local_entry.h"
#include "node/panel/pack_store.h"
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

// Enough versions that erasing them is a visible part of the node's start.
constexpr int kVersions = 1500;
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

struct State {
  int erased = 0;  // case-pack versions with their values erased
  int queued = 0;  // retention entries waiting in the outbox
  int logged = 0;  // retention entries in the audit log
};

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
        ASSERT_TRUE(
            node::panel::JournalCasePack(*opened->store, OldPack(n), "2023-01-10T09:00:00Z"));
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
      const std::array<std::string_view, 1> kinds = {node::panel::kCasePackJournalKind};
      EXPECT_TRUE(opened->store->ForEachJournalEntry(
          kinds, [&](const node::store::JournalEntry& entry) -> Status {
            auto pack = node::panel::ParseCasePackJson(entry.body);
            EXPECT_TRUE(pack) << pack.error().message;
            if (pack && pack->erasure) ++state.erased;
            return Ok();
          }));
      for (const auto& entry : testing::QueuedEntries(*opened->store)) {
        state.queued += entry.kind == node::audit::kRetentionKind ? 1 : 0;
      }
    }
    // A node killed before it created its audit log has logged nothing.
    if (!fs::exists(partnership_->data_dir("police") / "audit.db")) return state;
    const auto csv = temp_->path() / "retention.csv";
    fs::remove(csv);
    auto exported = testing::RunTandem(
        {"audit", "export", "--data-dir", partnership_->data_dir("police").string(), "--key-file",
         partnership_->key_file("police").string(), "--kind", "retention", "--format", "csv",
         "--out", csv.string()},
        {}, temp_->path());
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    const std::string text = testing::Slurp(csv);
    state.logged = static_cast<int>(std::count(text.begin(), text.end(), '\n')) - 1;
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

TEST_F(RetentionCrashTest, AKilledStartLeavesEveryVersionErasedWithItsEntryOrNoneWithout) {
  // The start to measure against: from the fork until the node serves.
  Restore();
  const auto timed = Clock::now();
  ASSERT_EQ(partnership_->Start("police"), "");
  const Clock::duration start_time = Clock::now() - timed;
  partnership_->Stop("police");
  const State whole = Read();
  ASSERT_EQ(whole.erased, kVersions);
  ASSERT_EQ(whole.queued + whole.logged, 1);
  // The same start with nothing left to erase, to show how much of the window the erasure is.
  const auto retimed = Clock::now();
  ASSERT_EQ(partnership_->Start("police"), "");
  const Clock::duration plain_start = Clock::now() - retimed;
  partnership_->Stop("police");

  const std::uint64_t trials = testing::EnvNumber("TANDEM_CRASH_TRIALS", 4);
  const std::uint64_t seed = testing::EnvNumber("TANDEM_CRASH_SEED", 20261122);
  std::mt19937_64 random(seed);
  int none = 0;
  int all = 0;
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
    if (after_kill.erased == 0) {
      EXPECT_EQ(after_kill.queued + after_kill.logged, 0);
      ++none;
    } else {
      EXPECT_EQ(after_kill.erased, kVersions) << "a partial erasure";
      EXPECT_EQ(after_kill.queued + after_kill.logged, 1);
      ++all;
    }

    // Started again, the node finishes the work and the erasure is logged once.
    ASSERT_EQ(partnership_->Start("police"), "");
    partnership_->Stop("police");
    const State restarted = Read();
    EXPECT_EQ(restarted.erased, kVersions);
    EXPECT_EQ(restarted.queued, 0);
    EXPECT_EQ(restarted.logged, 1);
    if (HasFatalFailure()) return;
  }
  std::cout << "[ crash    ] retention: " << trials << " trials (seed " << seed << "), start "
            << Millis(start_time) << " ms (" << Millis(plain_start)
            << " ms with nothing to erase): " << none << " killed before the erasure committed, "
            << all << " after\n";
  EXPECT_EQ(none + all, static_cast<int>(trials));
}

}  // namespace
}  // namespace tandem
