// Every way of altering a stored log is found: by VerifyLog, by Open, and (for rollback and
// rewrite) by a witness at the next witnessing.
#include <gtest/gtest.h>

#include <filesystem>

#include "audit_fixture.h"
#include "node/audit/audit_log.h"
#include "node/audit/verify.h"
#include "node/audit/witness.h"
#include "node/store/internal/raw_access.h"

namespace tandem::node::audit {
namespace {

using testing::IdentityKey;
using testing::Node;
using testing::SampleEntry;

constexpr int kEntries = 20;

class AuditTamperTest : public testing::AuditLogTestBase {
 protected:
  void SetUp() override {
    auto log = OpenLog();
    AppendSamples(*log, 10);
    clock_.Advance(1);
    first_ = *log->Checkpoint();
    AppendSamples(*log, kEntries - 10, 10);
    clock_.Advance(1);
    last_ = *log->Checkpoint();
    auto cosignature = Cosign(last_, Node("nhs"), witness_key_);
    ASSERT_TRUE(
        log->AddCosignature(last_, Node("nhs"), cosignature->sig, witness_key_.verifying_key()));
  }

  void Tamper(const std::string& sql) {
    ASSERT_TRUE(store::internal::ExecOnFile(Path(), &key_, sql));
  }

  VerifyReport Verify(VerifyOptions options = {}) {
    options.node_key = identity_.verifying_key();
    auto report = VerifyLog(Path(), &key_, options);
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : VerifyReport{};
  }

  // The report found a problem whose text holds `where`.
  static void ExpectProblem(const VerifyReport& report, std::string_view where) {
    EXPECT_FALSE(report.ok());
    bool found = false;
    for (const auto& problem : report.problems) found |= problem.find(where) != std::string::npos;
    std::string all;
    for (const auto& problem : report.problems) all += problem + "\n";
    EXPECT_TRUE(found) << "no problem mentions '" << where << "' in:\n" << all;
  }

  static std::string Hex32(char digit) { return "X'" + std::string(64, digit) + "'"; }

  SignedCheckpoint first_{Node("police"), 0, {}, {}, {}};
  SignedCheckpoint last_{Node("police"), 0, {}, {}, {}};
  crypto::SigningKey witness_key_ = IdentityKey(2);
};

TEST_F(AuditTamperTest, AnUntouchedLogVerifies) {
  const VerifyReport report = Verify();
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
  EXPECT_EQ(report.entries, std::uint64_t{kEntries});
  EXPECT_EQ(report.checkpoints, 2u);
  EXPECT_EQ(report.cosignatures, 1u);
  EXPECT_EQ(*report.last_checkpoint, last_);
  EXPECT_FALSE(report.key_from_log);
}

TEST_F(AuditTamperTest, FindsAChangedByteInAnEntry) {
  Tamper(
      "UPDATE entries SET data = CAST(replace(CAST(data AS TEXT), 'consultation', "
      "'consultatioN') AS BLOB) WHERE idx = 5");
  const auto report = Verify();
  ExpectProblem(report, "entry 5: stored leaf hash does not match");
  ExpectProblem(report, "checkpoint at size 10");
}

TEST_F(AuditTamperTest, FindsAChangedByteInTheLastEntry) {
  Tamper(
      "UPDATE entries SET data = CAST(replace(CAST(data AS TEXT), '\"ok\"', '\"no\"') AS BLOB) "
      "WHERE idx = 19");
  ExpectProblem(Verify(), "entry 19");
}

TEST_F(AuditTamperTest, FindsAChangedLeafHash) {
  Tamper("UPDATE nodes SET hash = " + Hex32('0') + " WHERE level = 0 AND idx = 7");
  ExpectProblem(Verify(), "entry 7: stored leaf hash");
}

TEST_F(AuditTamperTest, FindsAChangedInteriorHash) {
  Tamper("UPDATE nodes SET hash = " + Hex32('1') + " WHERE level = 2 AND idx = 1");
  ExpectProblem(Verify(), "entries [4, 8): stored interior hash");
}

TEST_F(AuditTamperTest, FindsAMissingInteriorHash) {
  Tamper("DELETE FROM nodes WHERE level = 3 AND idx = 0");
  ExpectProblem(Verify(), "entries [0, 8): stored interior hash is missing");
}

TEST_F(AuditTamperTest, FindsAChangedCheckpointRoot) {
  Tamper("UPDATE checkpoints SET root = " + Hex32('2') + " WHERE tree_size = 10");
  const auto report = Verify();
  ExpectProblem(report, "checkpoint at size 10");
  ExpectProblem(report, "signature does not verify");
}

TEST_F(AuditTamperTest, FindsAChangedCheckpointSize) {
  Tamper("UPDATE checkpoints SET tree_size = 11 WHERE tree_size = 10");
  ExpectProblem(Verify(), "checkpoint at size 11");
}

TEST_F(AuditTamperTest, FindsAChangedCheckpointSignature) {
  Tamper("UPDATE checkpoints SET sig = zeroblob(64) WHERE tree_size = 20");
  const auto report = Verify();
  ExpectProblem(report, "checkpoint at size 20");
  // The co-signature covers the checkpoint's signature too.
  ExpectProblem(report, "co-signature by nhs");
}

TEST_F(AuditTamperTest, FindsAChangedCosignature) {
  Tamper("UPDATE cosignatures SET sig = zeroblob(64)");
  ExpectProblem(Verify(), "co-signature by nhs of the checkpoint at size 20");
}

TEST_F(AuditTamperTest, FindsTruncationAndOpenRefusesTheLog) {
  Tamper("DELETE FROM entries WHERE idx >= 17");
  const auto report = Verify();
  EXPECT_EQ(report.entries, 17u);
  ExpectProblem(report, "checkpoint at size 20");
  ExpectProblem(report, "entries were removed");
  auto reopened = AuditLog::Open(Path(), key_, node_, identity_, ManualCheckpoints());
  ASSERT_FALSE(reopened);
  EXPECT_EQ(reopened.error().code, Code::kCorruption);
}

TEST_F(AuditTamperTest, FindsTruncationOfEntriesHashesAndCheckpointsAgainstATrustedCheckpoint) {
  Tamper(
      "DELETE FROM entries WHERE idx >= 12; DELETE FROM nodes WHERE (idx + 1) * (1 << level) > "
      "12; DELETE FROM cosignatures; DELETE FROM checkpoints WHERE tree_size > 12;");
  EXPECT_TRUE(Verify().ok());  // consistent in itself ...
  VerifyOptions options;
  options.trusted_checkpoints = {last_};  // ... but not with what the witness co-signed
  ExpectProblem(Verify(options), "trusted checkpoint at size 20");
}

TEST_F(AuditTamperTest, FindsARollbackToAnEarlierCopyAndTheWitnessRefusesIt) {
  const auto copy = dir_.path() / "copy.db";
  std::filesystem::copy_file(Path(), copy);
  {
    auto log = OpenLog();
    AppendSamples(*log, 5, 100);
    clock_.Advance(1);
    ASSERT_TRUE(log->Checkpoint());
  }
  const SignedCheckpoint witnessed = [&] {
    auto log = OpenLog();
    return *log->LatestCheckpoint();
  }();
  std::filesystem::copy_file(copy, Path(), std::filesystem::copy_options::overwrite_existing);

  VerifyOptions options;
  options.trusted_checkpoints = {witnessed};
  ExpectProblem(Verify(options), "rolled back");

  // The rolled-back node appends other entries and presents a new checkpoint.
  auto log = OpenLog();
  AppendSamples(*log, 2, 500);
  clock_.Advance(1);
  const auto smaller = *log->Checkpoint();
  auto rollback =
      Witness(identity_.verifying_key(), witnessed, smaller, {}, Node("nhs"), witness_key_);
  ASSERT_FALSE(rollback);
  EXPECT_NE(rollback.error().message.find("rollback"), std::string::npos);
  AppendSamples(*log, 5, 600);
  clock_.Advance(1);
  const auto bigger = *log->Checkpoint();
  auto proof = log->ConsistencyProof(witnessed.tree_size, bigger.tree_size);
  ASSERT_TRUE(proof);
  auto rewritten =
      Witness(identity_.verifying_key(), witnessed, bigger, *proof, Node("nhs"), witness_key_);
  ASSERT_FALSE(rewritten);
  EXPECT_NE(rewritten.error().message.find("history rewritten"), std::string::npos);
}

TEST_F(AuditTamperTest, FindsARewriteThatRecomputedEveryHashAgainstATrustedCheckpoint) {
  // Rebuild the log from scratch with entry 3 changed: every hash and checkpoint is
  // self-consistent and signed by the node's own key.
  std::filesystem::remove(Path());
  {
    auto log = OpenLog();
    for (int i = 0; i < kEntries; ++i) ASSERT_TRUE(log->Append(SampleEntry(i == 3 ? 999 : i)));
    clock_.Advance(1);
    ASSERT_TRUE(log->Checkpoint());
  }
  EXPECT_TRUE(Verify().ok());
  VerifyOptions options;
  options.trusted_checkpoints = {first_, last_};
  const auto report = Verify(options);
  ExpectProblem(report, "trusted checkpoint at size 10");
  ExpectProblem(report, "rewritten");
}

}  // namespace
}  // namespace tandem::node::audit
