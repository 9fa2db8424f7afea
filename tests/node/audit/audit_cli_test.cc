// `tandem audit verify|show|export` on a real data directory, through the tandem executable.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include "audit_fixture.h"
#include "node/audit/checkpoint.h"
#include "node/audit/messages.h"
#include "node/store/internal/raw_access.h"

namespace tandem::node::audit {
namespace {

using tandem::testing::ReadWholeFile;
using tandem::testing::WriteWholeFile;

struct CliRun {
  int exit_code;
  std::string out;
};

CliRun Tandem(const std::string& args) {
  const std::string command = std::string(TANDEM_BINARY) + " " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  while (pipe != nullptr) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe);
    if (n == 0) break;
    out.append(buffer, n);
  }
  const int status = pipe != nullptr ? ::pclose(pipe) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

class AuditCliTest : public testing::AuditLogTestBase {
 protected:
  void SetUp() override {
    std::string key_hex;
    for (int i = 0; i < 32; ++i) key_hex += "07";  // testing::StoreKey()
    WriteWholeFile(dir_ / "key.hex", key_hex + "\n");
    ::chmod((dir_ / "key.hex").c_str(), 0600);
    std::string seed;
    for (int i = 0; i < 32; ++i) seed += "01";  // testing::IdentityKey(1)
    WriteWholeFile(dir_ / "identity.key", seed + "\n");
    ::chmod((dir_ / "identity.key").c_str(), 0600);
    auto log = OpenLog();
    AppendSamples(*log, 12);
    auto other = testing::SampleEntry(12);
    other.peer = "nhs";
    other.purpose = "hhpp-case-pack";
    other.kind = "disclosure";
    other.at = testing::At(86400 * 3);
    ASSERT_TRUE(log->Append(other));
    clock_.Advance(1);
    checkpoint_ = *log->Checkpoint();
  }

  std::string Dir() const { return dir_.path().string(); }
  std::string Options() const {
    return "--data-dir " + Dir() + " --key-file " + (dir_ / "key.hex").string();
  }

  SignedCheckpoint checkpoint_{testing::Node("police"), 0, {}, {}, {}};
};

TEST_F(AuditCliTest, VerifyPrintsASummaryAndExitsZero) {
  const CliRun run = Tandem("audit verify " + Options());
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("entries         13"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("checkpoints     1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("last checkpoint size 13"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("the node's identity key"), std::string::npos) << run.out;
}

TEST_F(AuditCliTest, VerifyReadsTheIdentityKeyAsTheNodeDoes) {
  ::chmod((dir_ / "identity.key").c_str(), 0644);
  const CliRun loose = Tandem("audit verify " + Options());
  EXPECT_EQ(loose.exit_code, 1) << loose.out;
  EXPECT_NE(loose.out.find("chmod 600"), std::string::npos) << loose.out;
  EXPECT_NE(loose.out.find("--node-key"), std::string::npos) << loose.out;
  EXPECT_EQ(loose.out.find("entries "), std::string::npos) << loose.out;

  std::filesystem::remove(dir_ / "identity.key");
  const CliRun absent = Tandem("audit verify " + Options());
  EXPECT_EQ(absent.exit_code, 0) << absent.out;
  EXPECT_NE(absent.out.find("as recorded in the log"), std::string::npos) << absent.out;
}

TEST_F(AuditCliTest, VerifyNamesTheDamagedEntryAndExitsOne) {
  ASSERT_TRUE(store::internal::ExecOnFile(
      Path(), &key_,
      "UPDATE entries SET data = CAST(replace(CAST(data AS TEXT), 'probation', 'probatioN') AS "
      "BLOB) WHERE idx = 4"));
  const CliRun run = Tandem("audit verify " + Options());
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("entry 4"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("checkpoint at size 13"), std::string::npos) << run.out;
}

TEST_F(AuditCliTest, VerifyWithATrustedCheckpointFindsARollback) {
  const auto trusted = dir_ / "trusted.json";
  WriteWholeFile(trusted, *EncodeCheckpoint(checkpoint_));
  ASSERT_TRUE(store::internal::ExecOnFile(
      Path(), &key_,
      "DELETE FROM entries WHERE idx >= 10; DELETE FROM nodes WHERE (idx + 1) * (1 << level) > "
      "10; DELETE FROM checkpoints;"));
  EXPECT_EQ(Tandem("audit verify " + Options()).exit_code, 0);
  const CliRun run =
      Tandem("audit verify " + Options() + " --trusted-checkpoint " + trusted.string());
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("rolled back"), std::string::npos) << run.out;
}

TEST_F(AuditCliTest, ExportWritesFilteredCsvAndJson) {
  const auto csv = dir_ / "out.csv";
  CliRun run =
      Tandem("audit export " + Options() + " --format csv --out " + csv.string() + " --peer nhs");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const std::string text = ReadWholeFile(csv);
  EXPECT_EQ(text.rfind("index,at,kind,actor,processing,purpose", 0), 0u);
  EXPECT_NE(text.find("12,2026-01-04T00:00:00Z,disclosure,probation,consultation,hhpp-case-pack"),
            std::string::npos)
      << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);

  const auto json = dir_ / "out.json";
  run = Tandem("audit export " + Options() + " --format json --out " + json.string() +
               " --from 2026-01-01 --to 2026-01-01 --kind exchange-in");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("Wrote 6 entries"), std::string::npos) << run.out;
  EXPECT_NE(ReadWholeFile(json).find("\"index\":10"), std::string::npos);

  run = Tandem("audit export " + Options() + " --format json --out " + json.string() +
               " --from 2026-13-01");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("--from"), std::string::npos) << run.out;
}

TEST_F(AuditCliTest, ShowPrintsATable) {
  const CliRun run = Tandem("audit show " + Options() + " --purpose hhpp-case-pack");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find(" ok                  consultation\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("1 entry"), std::string::npos) << run.out;
}

TEST_F(AuditCliTest, ShowBySubjectTokenReadsItsEntriesAndStillReportsADamagedOther) {
  // SampleEntry(i) names the token 0a1b2c3d100i.
  const CliRun named = Tandem("audit show " + Options() + " --subject-token 0a1b2c3d1003");
  EXPECT_EQ(named.exit_code, 0) << named.out;
  EXPECT_NE(named.out.find("1 entry"), std::string::npos) << named.out;
  EXPECT_NE(named.out.find("\n3 "), std::string::npos) << named.out;

  // Entry 4 does not name the token, so it is not decoded; its bytes no longer match its leaf
  // hash, and that is reported.
  ASSERT_TRUE(store::internal::ExecOnFile(
      Path(), &key_,
      "UPDATE entries SET data = CAST(replace(CAST(data AS TEXT), 'probation', 'probatioN') AS "
      "BLOB) WHERE idx = 4"));
  const CliRun damaged = Tandem("audit show " + Options() + " --subject-token 0a1b2c3d1003");
  EXPECT_EQ(damaged.exit_code, 2) << damaged.out;
  EXPECT_NE(damaged.out.find("entry 4: its bytes do not match its stored leaf hash"),
            std::string::npos)
      << damaged.out;
}

}  // namespace
}  // namespace tandem::node::audit
