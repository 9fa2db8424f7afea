#include "node/net/tls_context.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "tests/node/net/net_test_support.h"

namespace tandem::node::net {
namespace {

using testing::TestPki;

TEST(CertificateFingerprintTest, MatchesWhatTheIssueScriptPrints) {
  const TestPki& pki = TestPki::Get();
  for (const char* node : {"police", "housing", "nhs", "probation"}) {
    const std::string fingerprint = pki.Fingerprint(node);
    EXPECT_EQ(fingerprint.size(), 64u);
    EXPECT_EQ(fingerprint.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(pki.ScriptOutput(node).find("sha256 " + fingerprint + "\n"), std::string::npos)
        << pki.ScriptOutput(node);
  }
  EXPECT_NE(pki.Fingerprint("police"), pki.Fingerprint("rogue-police"));
}

TEST(CertificateFingerprintTest, MissingFileIsNotFound) {
  auto fingerprint = CertificateFingerprint(TestPki::Get().dir() / "no-such.crt");
  ASSERT_FALSE(fingerprint);
  EXPECT_EQ(fingerprint.error().code, Code::kNotFound);
  EXPECT_NE(fingerprint.error().message.find("no-such.crt"), std::string::npos);
}

TEST(CertificateFingerprintTest, KeyFileIsNotACertificate) {
  auto fingerprint = CertificateFingerprint(TestPki::Get().Files("police").key);
  ASSERT_FALSE(fingerprint);
  EXPECT_EQ(fingerprint.error().code, Code::kInvalidArgument);
  EXPECT_NE(fingerprint.error().message.find("no PEM certificate"), std::string::npos);
}

TEST(PkiScriptsTest, WriteKeysWithMode0600) {
  const TestPki& pki = TestPki::Get();
  for (const auto& key : {pki.dir() / "ca" / "ca.key", pki.dir() / "police" / "node.key"}) {
    struct stat info {};
    ASSERT_EQ(::stat(key.c_str(), &info), 0) << key;
    EXPECT_EQ(info.st_mode & 0777, 0600u) << key;
  }
}

TEST(PeerPinsTest, FindsThePartyOfAPinnedFingerprintOnly) {
  PeerPins pins({{std::string(64, 'a'), "police"}});
  EXPECT_EQ(pins.PartyFor(std::string(64, 'a')), "police");
  EXPECT_EQ(pins.PartyFor(std::string(64, 'b')), std::nullopt);
}

TEST(PeerPinsTest, ReplaceDropsTheOldTable) {
  PeerPins pins({{std::string(64, 'a'), "police"}});
  pins.Replace({{std::string(64, 'b'), "housing"}});
  EXPECT_EQ(pins.PartyFor(std::string(64, 'a')), std::nullopt);
  EXPECT_EQ(pins.PartyFor(std::string(64, 'b')), "housing");
}

}  // namespace
}  // namespace tandem::node::net
