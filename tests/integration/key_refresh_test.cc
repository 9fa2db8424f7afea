// A share refresh round through the command line and real nodes: three holders of a 2-of-3
// partnership key (police, probation, nhs, set up by deploy/partnership/setup) deal, check and
// apply a round with `tandem key refresh-deal / refresh-apply`. Running nodes of different
// epochs refuse each other's partial evaluations; once every holder is refreshed and restarted,
// tokens computed over the network equal the tokens from before the round. An apply killed with
// SIGKILL at any moment leaves the old share or exactly the new one.
// Environment: TANDEM_CRASH_TRIALS kills (default 8), TANDEM_CRASH_SEED seed of the delays.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "node/endpoints/remote_evaluator.h"
#include "node/store/data_dir.h"
#include "node/tokens/node_share.h"
#include "node/tokens/partial_evaluator.h"
#include "node/tokens/tokeniser.h"
#include "tests/integration/partnership.h"
#include "tests/integration/police_client.h"
#include "tests/integration/tandem_process.h"
#include "tests/node/temp_dir.h"

namespace tandem {
namespace {

using testing::Partnership;
using testing::PoliceClient;
using testing::TempDir;

const std::vector<std::string> kHolders = {"police", "probation", "nhs"};

std::vector<std::uint8_t> Input() {
  const std::string value("surname_dob\0SMITH|1980-01-02", 28);
  return {value.begin(), value.end()};
}

// The share `node` keeps in its store (the node must not be running).
node::tokens::NodeShare StoredShare(const Partnership& partnership, const std::string& node) {
  node::store::KeyOptions key;
  key.key_file = partnership.key_file(node);
  auto opened = node::store::OpenDataDir(partnership.data_dir(node), key, {});
  EXPECT_TRUE(opened) << opened.error().message;
  auto share = node::tokens::LoadNodeShare(*opened->store);
  EXPECT_TRUE(share && *share);
  return std::move(**share);
}

// The fingerprint a refresh-apply (or its --check) printed.
std::string Fingerprint(const std::string& out) {
  const std::string label = "fingerprint (SHA-256): ";
  const auto at = out.find(label);
  return at == std::string::npos ? "" : out.substr(at + label.size(), 64);
}

class KeyRefreshCliTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(partnership_.SetUp(temp_.path() / "p", kHolders), ""); }
  void TearDown() override { partnership_.StopAll(); }

  testing::ProcessResult Tandem(const std::string& command, const std::string& node,
                                std::vector<std::string> more) {
    std::vector<std::string> args = {"key",        command,
                                     "--data-dir", partnership_.data_dir(node).string(),
                                     "--key-file", partnership_.key_file(node).string()};
    args.insert(args.end(), more.begin(), more.end());
    return testing::RunTandem(args, {}, temp_.path());
  }

  // Every holder's dealing of epoch 0, in temp_/round.
  std::filesystem::path DealRound() {
    const auto round = temp_.path() / "round";
    std::filesystem::create_directory(round);
    for (const auto& node : kHolders) {
      const auto dealt = Tandem("refresh-deal", node, {"--out", round.string()});
      EXPECT_EQ(dealt.exit_code, 0) << dealt.err;
    }
    return round;
  }

  TempDir temp_;
  Partnership partnership_;
};

TEST_F(KeyRefreshCliTest, AllHoldersRefreshThroughTheCommandLineAndTokensStayTheSame) {
  // The token before the round, from the stored shares of police and probation.
  const auto input = Input();
  const std::vector<std::span<const std::uint8_t>> inputs = {input};
  std::vector<node::tokens::Token> before;
  {
    auto police = StoredShare(partnership_, "police");
    auto probation = StoredShare(partnership_, "probation");
    std::vector<crypto::KeyShare> shares;
    shares.push_back(std::move(police.share));
    shares.push_back(std::move(probation.share));
    auto evaluator = node::tokens::InProcessEvaluator::Create(std::move(shares));
    ASSERT_TRUE(evaluator);
    auto tokeniser = node::tokens::Tokeniser::Create(
        police.partnership.key,
        std::make_shared<const node::tokens::InProcessEvaluator>(std::move(*evaluator)));
    ASSERT_TRUE(tokeniser);
    auto tokens = tokeniser->Tokenise(inputs);
    ASSERT_TRUE(tokens) << tokens.error().message;
    before = *tokens;
  }

  const auto round = DealRound();
  for (const auto& node : kHolders) {
    EXPECT_TRUE(std::filesystem::exists(round / ("refresh-0-" + node + ".json")));
  }
  const auto again = Tandem("refresh-deal", "nhs", {"--out", round.string()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("has dealt this round already"), std::string::npos) << again.err;

  // A folder without nhs's dealing is not a round.
  const auto partial = temp_.path() / "partial";
  std::filesystem::create_directory(partial);
  for (const std::string node : {"police", "probation"}) {
    std::filesystem::copy_file(round / ("refresh-0-" + node + ".json"),
                               partial / ("refresh-0-" + node + ".json"));
  }
  const auto incomplete = Tandem("refresh-apply", "probation", {"--dealings", partial.string()});
  EXPECT_EQ(incomplete.exit_code, 1);
  EXPECT_NE(incomplete.err.find("missing: nhs; nothing was changed"), std::string::npos)
      << incomplete.err;

  // Every holder checks the round; all compute the same new public key.
  std::set<std::string> fingerprints;
  for (const auto& node : kHolders) {
    const auto checked = Tandem("refresh-apply", node, {"--dealings", round.string(), "--check"});
    ASSERT_EQ(checked.exit_code, 0) << checked.err;
    EXPECT_NE(checked.out.find("nothing was changed"), std::string::npos);
    fingerprints.insert(Fingerprint(checked.out));
  }
  ASSERT_EQ(fingerprints.size(), 1u);
  ASSERT_EQ(fingerprints.begin()->size(), 64u);
  const auto unchanged = Tandem("show", "police", {});
  EXPECT_NE(unchanged.out.find("threshold 2, epoch 0"), std::string::npos) << unchanged.out;

  // Police and probation apply; nhs has not yet. Probation and nhs run.
  for (const std::string node : {"police", "probation"}) {
    const auto applied = Tandem("refresh-apply", node, {"--dealings", round.string()});
    ASSERT_EQ(applied.exit_code, 0) << applied.err;
    EXPECT_EQ(Fingerprint(applied.out), *fingerprints.begin());
  }
  const auto twice = Tandem("refresh-apply", "police", {"--dealings", round.string()});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.err.find("already applied"), std::string::npos) << twice.err;

  const node::tokens::NodeShare police = StoredShare(partnership_, "police");
  ASSERT_EQ(police.partnership.key.epoch(), 1u);
  ASSERT_EQ(partnership_.Start("probation"), "");
  ASSERT_EQ(partnership_.Start("nhs"), "");
  PoliceClient client;
  ASSERT_EQ(client.Open(partnership_, temp_.path()), "");
  const auto evaluator = std::make_shared<node::endpoints::RemoteEvaluator>(
      client.exchange.get(), "police", police.partnership.names, police.partnership.key.epoch(),
      nullptr);
  node::tokens::Tokeniser::Options remote;
  remote.holders = {2, 3};  // probation (epoch 1) and nhs (still epoch 0)
  remote.names = police.partnership.names;
  auto tokeniser = node::tokens::Tokeniser::Create(police.partnership.key, evaluator, remote);
  ASSERT_TRUE(tokeniser);
  auto mixed = tokeniser->Tokenise(inputs);
  ASSERT_FALSE(mixed);
  EXPECT_NE(mixed.error().message.find("nhs"), std::string::npos) << mixed.error().message;
  EXPECT_NE(mixed.error().message.find("epoch 0, not 1"), std::string::npos)
      << mixed.error().message;

  // Nhs applies and restarts: the round is complete and tokens are what they were.
  partnership_.Stop("nhs");
  const auto last = Tandem("refresh-apply", "nhs", {"--dealings", round.string()});
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(Fingerprint(last.out), *fingerprints.begin());
  ASSERT_EQ(partnership_.Start("nhs"), "");
  auto after = tokeniser->Tokenise(inputs);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(*after, before);

  const auto shown = Tandem("show", "nhs", {});
  EXPECT_NE(shown.out.find("node nhs: holder 3 of 3, threshold 2, epoch 1"), std::string::npos)
      << shown.out;

  // The running node moved the share's import and its refresh into its audit log at start.
  const auto logged = testing::RunTandem(
      {"audit", "export", "--data-dir", partnership_.data_dir("nhs").string(), "--key-file",
       partnership_.key_file("nhs").string(), "--kind", "key-change", "--format", "csv", "--out",
       (temp_.path() / "nhs-key-changes.csv").string()},
      {}, temp_.path());
  ASSERT_EQ(logged.exit_code, 0) << logged.err;
  const std::string csv = testing::ReadWholeFile(temp_.path() / "nhs-key-changes.csv");
  const auto imported = csv.find("import of the OPRF key share of holder 3 of 3, epoch 0");
  const auto refreshed = csv.find("refresh of the OPRF key share of holder 3 of 3, epoch 1");
  ASSERT_NE(imported, std::string::npos) << csv;
  ASSERT_NE(refreshed, std::string::npos) << csv;
  EXPECT_LT(imported, refreshed);
  EXPECT_NE(csv.find(*fingerprints.begin(), refreshed), std::string::npos) << csv;
}

TEST_F(KeyRefreshCliTest, AnApplyKilledAtAnyMomentLeavesTheOldShareOrExactlyTheNewOne) {
  using Clock = std::chrono::steady_clock;
  namespace fs = std::filesystem;
  const auto round = DealRound();
  const fs::path start = partnership_.data_dir("police");
  const fs::path copy = temp_.path() / "police-copy";
  const std::vector<std::string> args = {"key",        "refresh-apply",
                                         "--data-dir", copy.string(),
                                         "--key-file", partnership_.key_file("police").string(),
                                         "--dealings", round.string()};
  const auto secret_of = [](const node::tokens::NodeShare& share) {
    auto secret = share.share.ExportSecret();
    EXPECT_TRUE(secret);
    return std::move(*secret);
  };
  const auto stored_in_copy = [&] {
    node::store::KeyOptions key;
    key.key_file = partnership_.key_file("police");
    auto opened = node::store::OpenDataDir(copy, key, {});
    EXPECT_TRUE(opened) << opened.error().message;
    auto share = node::tokens::LoadNodeShare(*opened->store);
    EXPECT_TRUE(share && *share) << (share ? "no share" : share.error().message);
    return std::move(**share);
  };
  // The refresh entries queued for the audit log in the copy's store.
  const auto refreshes_queued_in_copy = [&] {
    node::store::KeyOptions key;
    key.key_file = partnership_.key_file("police");
    auto opened = node::store::OpenDataDir(copy, key, {});
    EXPECT_TRUE(opened) << opened.error().message;
    auto queued = opened->store->QueuedAuditEntries(1000);
    EXPECT_TRUE(queued) << queued.error().message;
    int refreshes = 0;
    for (const auto& row : *queued) {
      refreshes +=
          row.entry.find("\"processing\":\"refresh of the OPRF key share") != std::string::npos;
    }
    return refreshes;
  };
  const auto old_secret = secret_of(StoredShare(partnership_, "police"));

  // The share a whole apply gives (the same every time: the dealings fix it), and how long an
  // apply takes here, the shorter of two: kills are spread over it.
  Clock::duration apply_time = Clock::duration::max();
  std::optional<crypto::SecretBytes> new_secret;
  for (int run = 0; run < 2; ++run) {
    fs::remove_all(copy);
    fs::copy(start, copy, fs::copy_options::recursive);
    const auto started = Clock::now();
    const auto applied = testing::RunTandem(args, {}, temp_.path());
    apply_time = std::min(apply_time, Clock::now() - started);
    ASSERT_EQ(applied.exit_code, 0) << applied.err;
    auto secret = secret_of(stored_in_copy());
    if (new_secret) EXPECT_TRUE(secret.Equals(*new_secret));
    new_secret.emplace(std::move(secret));
  }
  ASSERT_FALSE(new_secret->Equals(old_secret));

  const std::uint64_t trials = testing::EnvNumber("TANDEM_CRASH_TRIALS", 8);
  const std::uint64_t seed = testing::EnvNumber("TANDEM_CRASH_SEED", 20261124);
  std::mt19937_64 random(seed);
  int kept_old = 0;
  int has_new = 0;
  int finished = 0;
  for (std::uint64_t trial = 0; trial < trials; ++trial) {
    const auto delay = testing::KillDelay(random, trial, trials, 1.3, apply_time);
    SCOPED_TRACE("TANDEM_CRASH_SEED=" + std::to_string(seed) + " trial " + std::to_string(trial));
    fs::remove_all(copy);
    fs::copy(start, copy, fs::copy_options::recursive);
    const auto started = Clock::now();
    const pid_t child = testing::StartTandem(args, {}, temp_.path(), "apply");
    ASSERT_GT(child, 0);
    const testing::Ending ending = testing::KillAfter(child, started, delay);
    if (!ending.killed) ASSERT_EQ(ending.exit_code, 0) << testing::Slurp(temp_ / "apply.stderr");

    const auto check = testing::RunTandem({"store", "check", "--data-dir", copy.string(),
                                           "--key-file", partnership_.key_file("police").string()},
                                          {}, temp_.path());
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    const node::tokens::NodeShare now = stored_in_copy();
    const auto secret = secret_of(now);
    // The new share and its audit entry commit together.
    EXPECT_EQ(refreshes_queued_in_copy(), now.share.epoch() == 0 ? 0 : 1);
    if (now.share.epoch() == 0) {
      EXPECT_TRUE(secret.Equals(old_secret));
      EXPECT_TRUE(ending.killed) << "the apply reported success but the old share is stored";
      ++kept_old;
    } else {
      EXPECT_EQ(now.share.epoch(), 1u);
      EXPECT_EQ(now.partnership.key.epoch(), 1u);
      EXPECT_TRUE(secret.Equals(*new_secret));
      ++(ending.killed ? has_new : finished);
    }
    if (HasFatalFailure()) return;
  }
  std::cout << "[ crash    ] " << trials << " kills (seed " << seed << ") over a "
            << std::chrono::duration_cast<std::chrono::milliseconds>(apply_time).count()
            << " ms refresh-apply: " << kept_old << " kept the old share, " << has_new
            << " had the new one, " << finished << " finished before the kill\n";
}

}  // namespace
}  // namespace tandem
