// `tandem identity` and `tandem isa` end to end through the real executable.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "../temp_dir.h"
#include "isa_fixture.h"

namespace tandem {
namespace {

using testing::ReadWholeFile;
using testing::TempDir;
using testing::WriteWholeFile;

struct Ran {
  int exit_code;
  std::string output;  // stdout and stderr
};

Ran Tandem(const std::string& args) {
  const std::string command = std::string(TANDEM_BINARY) + " " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

class IsaCliTest : public ::testing::Test {
 protected:
  // Once for the suite: six parties with fresh identity keys, and a draft ISA valid from today
  // for a year. Each test works on its own copy of the draft.
  static void SetUpTestSuite() {
    keys_ = new TempDir();
    std::string parties = "{\"parties\": [";
    for (std::size_t i = 0; i < testing::kVectorParties.size(); ++i) {
      const std::string id = testing::kVectorParties[i];
      const Ran init = Tandem("identity init --out " + Key(id).string());
      ASSERT_EQ(init.exit_code, 0) << init.output;
      const Ran show = Tandem("identity show --key " + Key(id).string());
      ASSERT_EQ(show.exit_code, 0) << show.output;
      EXPECT_EQ(Trimmed(show.output), Trimmed(init.output));
      parties += std::string(i ? "," : "") + "{\"id\":\"" + id + "\",\"agency_kind\":\"" + id +
                 "\",\"name\":\"The " + id + " node\",\"signing_key\":\"" + Trimmed(show.output) +
                 "\",\"cert_sha256\":\"" + std::string(63, 'a') + std::to_string(i) +
                 "\",\"endpoint\":\"" + id + ".example:8443\"}";
    }
    parties += "]}";
    WriteWholeFile(*keys_ / "parties.json", parties);
    const Ran draft = Tandem("isa draft --parties " + (*keys_ / "parties.json").string() +
                             " --out " + (*keys_ / "draft.json").string() + " --id hhpp-test");
    ASSERT_EQ(draft.exit_code, 0) << draft.output;
  }
  static void TearDownTestSuite() {
    delete keys_;
    keys_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(keys_, nullptr);
    std::filesystem::copy_file(*keys_ / "draft.json", Isa());
  }

  static std::filesystem::path Key(const std::string& party) { return *keys_ / (party + ".key"); }
  std::filesystem::path Isa() const { return dir_ / "isa.json"; }

  Ran Sign(const std::string& party, const std::string& key_of) {
    return Tandem("isa sign --isa " + Isa().string() + " --party " + party + " --key " +
                  Key(key_of).string());
  }

  static TempDir* keys_;
  TempDir dir_;
};

TempDir* IsaCliTest::keys_ = nullptr;

TEST_F(IsaCliTest, DraftHoldsTheStandardPurposesAndShowSummarisesThem) {
  const Ran show = Tandem("isa show --isa " + Isa().string());
  ASSERT_EQ(show.exit_code, 0) << show.output;
  for (const char* expected :
       {"hhpp-referral-match", "hhpp-case-pack", "hhpp-outcomes", "evaluation", "oprf-evaluation",
        "audit-witness", "clause 4.5: police -> victim-advocacy [contribution-request]",
        "OPRF key: 4 of 6 holders", "k = 5, counts under 10 suppressed, rounded to 5",
        "DPA 2018 Part 3"}) {
    EXPECT_NE(show.output.find(expected), std::string::npos) << expected << "\n" << show.output;
  }
}

TEST_F(IsaCliTest, VerifyFailsUntilEveryPartyHasSignedThenSucceeds) {
  for (std::size_t i = 0; i < testing::kVectorParties.size(); ++i) {
    const Ran verify = Tandem("isa verify --isa " + Isa().string());
    EXPECT_EQ(verify.exit_code, 1) << verify.output;
    EXPECT_NE(verify.output.find("no signature from"), std::string::npos) << verify.output;
    const Ran sign = Sign(testing::kVectorParties[i], testing::kVectorParties[i]);
    ASSERT_EQ(sign.exit_code, 0) << sign.output;
  }
  const Ran verify = Tandem("isa verify --isa " + Isa().string());
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("police: signed"), std::string::npos) << verify.output;
  EXPECT_NE(verify.output.find("signed by every party"), std::string::npos) << verify.output;

  const Ran later = Tandem("isa verify --isa " + Isa().string() + " --at 2999-01-01T00:00:00Z");
  EXPECT_EQ(later.exit_code, 1) << later.output;
  EXPECT_NE(later.output.find("expired at"), std::string::npos) << later.output;
}

TEST_F(IsaCliTest, SignRefusesAKeyThatIsNotThePartys) {
  const std::string before = ReadWholeFile(Isa());
  const Ran sign = Sign("police", "nhs");
  EXPECT_EQ(sign.exit_code, 1) << sign.output;
  EXPECT_NE(sign.output.find("is not the signing key the ISA lists for 'police'"),
            std::string::npos)
      << sign.output;
  EXPECT_EQ(ReadWholeFile(Isa()), before);
}

TEST_F(IsaCliTest, VerifyNamesAPartyWhoseSignatureNoLongerMatches) {
  for (const char* party : testing::kVectorParties) ASSERT_EQ(Sign(party, party).exit_code, 0);
  std::string text = ReadWholeFile(Isa());
  const auto at = text.find("\"daily_quota_per_peer\": 500");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 27, "\"daily_quota_per_peer\": 501");
  WriteWholeFile(Isa(), text);
  const Ran verify = Tandem("isa verify --isa " + Isa().string());
  EXPECT_EQ(verify.exit_code, 1) << verify.output;
  EXPECT_NE(verify.output.find("nhs: BAD SIGNATURE"), std::string::npos) << verify.output;
}

TEST_F(IsaCliTest, InstallTakesOnlyAFullySignedNewerIsa) {
  const auto data_dir = dir_ / "node";
  std::filesystem::create_directories(data_dir);
  const std::string install =
      "isa install --isa " + Isa().string() + " --data-dir " + data_dir.string();
  const Ran unsigned_install = Tandem(install);
  EXPECT_EQ(unsigned_install.exit_code, 1) << unsigned_install.output;
  EXPECT_FALSE(std::filesystem::exists(data_dir / "isa.json"));

  for (const char* party : testing::kVectorParties) ASSERT_EQ(Sign(party, party).exit_code, 0);
  const Ran first = Tandem(install);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("installed ISA 'hhpp-test' version 1"), std::string::npos);
  const Ran again = Tandem(install);
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_NE(again.output.find("only a higher version"), std::string::npos) << again.output;
}

TEST_F(IsaCliTest, VerifyReportsAMalformedFileByField) {
  std::string text = ReadWholeFile(Isa());
  const auto at = text.find("\"from\": [\"police\"]");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 18, "\"from\": [\"polise\"]");
  WriteWholeFile(Isa(), text);
  const Ran verify = Tandem("isa verify --isa " + Isa().string());
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.output.find("isa field 'purposes[0].clauses[0].from[0]': 'polise' is not a "
                               "party"),
            std::string::npos)
      << verify.output;
}

TEST(IdentityCliTest, InitRefusesToOverwriteAKey) {
  TempDir dir;
  const std::string path = (dir / "identity.key").string();
  const Ran first = Tandem("identity init --out " + path);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_EQ(Trimmed(first.output).size(), 64u);
  const std::string key = ReadWholeFile(path);
  const Ran second = Tandem("identity init --out " + path);
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_EQ(ReadWholeFile(path), key);
}

}  // namespace
}  // namespace tandem
