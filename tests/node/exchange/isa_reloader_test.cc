#include "node/exchange/isa_reloader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "node/isa/isa_installer.h"
#include "node/isa/isa_policy.h"
#include "protocol/isa.h"
#include "tests/node/temp_dir.h"

namespace tandem::node::exchange {
namespace {

using testing::ReadWholeFile;
using testing::TempDir;

// The ISA test vector (tests/vectors/isa): party n's identity seed is 32 bytes equal to n, in
// the order of its parties.
crypto::SigningKey TestKey(std::uint8_t n) {
  auto seed = crypto::SecretBytes::Zeroed(32);
  for (std::size_t i = 0; i < 32; ++i) seed->data()[i] = n;
  return *crypto::SigningKey::FromSeed(*seed);
}

const protocol::Seconds kNoon = *protocol::ParseTimestamp("2026-06-01T12:00:00Z");

protocol::Isa VectorIsa() {
  auto isa = protocol::ParseIsa(
      ReadWholeFile(std::string(TANDEM_SOURCE_DIR) + "/tests/vectors/isa/isa.json"));
  EXPECT_TRUE(isa) << isa.error().message;
  return *isa;
}

void SignByAll(protocol::Isa& isa) {
  isa.signatures.clear();
  for (std::size_t i = 0; i < isa.parties.size(); ++i) {
    const auto key = TestKey(static_cast<std::uint8_t>(i + 1));
    ASSERT_TRUE(protocol::SignIsa(isa, isa.parties[i].id.value(), key));
  }
}

class IsaReloaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto policy = isa::IsaPolicy::Create(VectorIsa(), "probation");
    ASSERT_TRUE(policy) << policy.error().message;
    pins_.Replace((*policy)->Pins());
    quotas_.ReplaceQuotas((*policy)->DailyQuotas());
    policy_ =
        std::make_unique<CurrentPolicy>(std::shared_ptr<const isa::IsaPolicy>(std::move(*policy)));
    reloader_ = std::make_unique<IsaReloader>(
        IsaReloader::Targets{dir_.path(), "probation", &identity_.verifying_key(), policy_.get(),
                             &pins_, &quotas_, nullptr, [this] { return now_; },
                             [this](const protocol::Isa& isa) {
                               recorded_.push_back(isa.version);
                               return record_result_;
                             }});
  }

  void Write(const protocol::Isa& isa) {
    auto json = protocol::EncodeIsa(isa);
    ASSERT_TRUE(json) << json.error().message;
    std::ofstream(dir_.path() / isa::kIsaFileName, std::ios::trunc) << *json;
  }

  // Version 2 of the vector: probation may ask police for audit-witness messages only once a day,
  // police's certificate pin changed, and every party signed it.
  protocol::Isa Version2() {
    protocol::Isa isa = VectorIsa();
    isa.version = 2;
    for (auto& purpose : isa.purposes) {
      if (purpose.id.value() == "audit-witness") purpose.daily_quota_per_peer = 1;
    }
    isa.parties[0].cert_sha256 = std::string(64, 'a');
    SignByAll(isa);
    return isa;
  }

  std::int64_t VersionInForce() const { return policy_->Get()->isa().version; }

  TempDir dir_;
  protocol::Seconds now_ = kNoon;
  crypto::SigningKey identity_ = TestKey(2);
  net::PeerPins pins_;
  isa::QuotaCounter quotas_{{}};
  std::unique_ptr<CurrentPolicy> policy_;
  std::unique_ptr<IsaReloader> reloader_;
  // The versions given to the ISA history, and what recording answers.
  std::vector<std::int64_t> recorded_;
  Status record_result_ = Ok();
};

TEST_F(IsaReloaderTest, ANewerFullySignedVersionReplacesPolicyPinsAndQuotas) {
  const std::string old_pin = policy_->Get()->Party("police")->cert_sha256;
  const auto held = policy_->Get();  // a request in flight keeps its snapshot
  Write(Version2());
  auto reloaded = reloader_->Reload();
  ASSERT_TRUE(reloaded) << reloaded.error().message;
  EXPECT_EQ(reloaded->version, 2);
  EXPECT_EQ(reloaded->replaced_version, 1);
  EXPECT_EQ(VersionInForce(), 2);
  EXPECT_EQ(held->isa().version, 1);
  EXPECT_EQ(pins_.PartyFor(std::string(64, 'a')), "police");
  EXPECT_EQ(pins_.PartyFor(old_pin), std::nullopt);
  EXPECT_TRUE(quotas_.Charge("police", "audit-witness", now_));
  EXPECT_FALSE(quotas_.Charge("police", "audit-witness", now_));
}

TEST_F(IsaReloaderTest, TheNewVersionIsRecordedBeforeItIsInForceAndNotWhenRefused) {
  protocol::Isa unsigned_version = Version2();
  unsigned_version.signatures.erase("nhs");
  Write(unsigned_version);
  ASSERT_FALSE(reloader_->Reload());
  EXPECT_TRUE(recorded_.empty());

  record_result_ = Fail(Code::kUnavailable, "the store is busy");
  Write(Version2());
  auto refused = reloader_->Reload();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kUnavailable);
  EXPECT_NE(refused.error().message.find("could not be recorded in the ISA history: the store is "
                                         "busy"),
            std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("version 1 stays in force"), std::string::npos);
  EXPECT_EQ(VersionInForce(), 1);

  record_result_ = Ok();
  ASSERT_TRUE(reloader_->Reload());
  EXPECT_EQ(VersionInForce(), 2);
  EXPECT_EQ(recorded_, (std::vector<std::int64_t>{2, 2}));
}

TEST_F(IsaReloaderTest, TheSameVersionAgainIsRefused) {
  Write(Version2());
  ASSERT_TRUE(reloader_->Reload());
  auto again = reloader_->Reload();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Code::kInvalidArgument);
  EXPECT_NE(again.error().message.find("not newer than version 2"), std::string::npos);
}

TEST_F(IsaReloaderTest, AnOlderVersionIsRefusedAndTheOneInForceStays) {
  Write(Version2());
  ASSERT_TRUE(reloader_->Reload());
  Write(VectorIsa());
  auto refused = reloader_->Reload();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("version 2 stays in force"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(VersionInForce(), 2);
}

TEST_F(IsaReloaderTest, AVersionNotSignedByEveryPartyIsRefusedNamingTheParty) {
  protocol::Isa isa = Version2();
  isa.signatures.erase("housing");
  Write(isa);
  const std::string pin = policy_->Get()->Party("police")->cert_sha256;
  auto refused = reloader_->Reload();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kUnauthenticated);
  EXPECT_NE(refused.error().message.find("housing"), std::string::npos) << refused.error().message;
  EXPECT_EQ(VersionInForce(), 1);
  EXPECT_EQ(pins_.PartyFor(pin), "police");
  EXPECT_TRUE(quotas_.Charge("police", "audit-witness", now_));
  EXPECT_TRUE(quotas_.Charge("police", "audit-witness", now_));
}

TEST_F(IsaReloaderTest, AnExpiredVersionIsRefused) {
  Write(Version2());
  now_ = *protocol::ParseTimestamp("2027-01-01T00:00:00Z");
  auto refused = reloader_->Reload();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kPermissionDenied);
  EXPECT_EQ(VersionInForce(), 1);
}

TEST_F(IsaReloaderTest, AVersionListingAnotherKeyForThisNodeIsRefused) {
  protocol::Isa isa = Version2();
  isa.parties[1].signing_key = TestKey(9).verifying_key();  // probation's entry
  isa.signatures.clear();
  for (std::size_t i = 0; i < isa.parties.size(); ++i) {
    const auto key = TestKey(i == 1 ? 9 : static_cast<std::uint8_t>(i + 1));
    ASSERT_TRUE(protocol::SignIsa(isa, isa.parties[i].id.value(), key));
  }
  Write(isa);
  auto refused = reloader_->Reload();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kPermissionDenied);
  EXPECT_NE(refused.error().message.find("identity.key"), std::string::npos);
  EXPECT_EQ(VersionInForce(), 1);
}

TEST_F(IsaReloaderTest, NoInstalledFileIsNotFound) {
  auto refused = reloader_->Reload();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kNotFound);
}

}  // namespace
}  // namespace tandem::node::exchange
