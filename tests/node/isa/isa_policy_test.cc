#include "node/isa/isa_policy.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "isa_fixture.h"

namespace tandem::node::isa {
namespace {

using testing::At;
using testing::VectorIsa;

std::unique_ptr<IsaPolicy> PolicyOf(const char* self) {
  auto policy = IsaPolicy::Create(VectorIsa(), self);
  EXPECT_TRUE(policy) << policy.error().message;
  return *std::move(policy);
}

TEST(IsaPolicyTest, ReturnsTheClauseThatAllowsARequest) {
  const auto policy = PolicyOf("nhs");
  auto clause = policy->Allows("police", "nhs", "hhpp-case-pack", "contribution-request");
  ASSERT_TRUE(clause) << clause.error().message;
  EXPECT_EQ((*clause)->id, "4.2");
  auto match = policy->Allows("police", "victim-advocacy", "hhpp-referral-match", "match-query");
  ASSERT_TRUE(match);
  EXPECT_EQ((*match)->id, "3.1");
}

TEST(IsaPolicyTest, DeniesByDefaultNamingPurposeKindAndParties) {
  const auto policy = PolicyOf("police");
  // The reverse direction of clause 4.2 is not allowed.
  auto reverse = policy->Allows("nhs", "police", "hhpp-case-pack", "contribution-request");
  ASSERT_FALSE(reverse);
  EXPECT_EQ(reverse.error().code, Code::kPermissionDenied);
  EXPECT_EQ(reverse.error().message,
            "ISA 'hhpp-dorset' version 1 has no clause for purpose 'hhpp-case-pack' that lets "
            "'nhs' send 'contribution-request' to 'police'");
  // A kind the clause does not list, a purpose the ISA does not have, a stranger.
  EXPECT_FALSE(policy->Allows("police", "nhs", "hhpp-case-pack", "match-query"));
  auto purpose = policy->Allows("police", "nhs", "marketing", "contribution-request");
  ASSERT_FALSE(purpose);
  EXPECT_EQ(purpose.error().code, Code::kPermissionDenied);
  EXPECT_NE(purpose.error().message.find("has no purpose 'marketing'"), std::string::npos);
  EXPECT_FALSE(policy->Allows("courts", "nhs", "hhpp-case-pack", "contribution-request"));
  // Housing may not ask victim advocacy for anything in the case pack.
  EXPECT_FALSE(
      policy->Allows("housing", "victim-advocacy", "hhpp-case-pack", "contribution-request"));
}

TEST(IsaPolicyTest, DeniesWhenTheIsaIsNotInForce) {
  const auto policy = PolicyOf("police");
  EXPECT_TRUE(policy->Allows("police", "nhs", "hhpp-case-pack", "contribution-request",
                             At("2026-06-01T00:00:00Z")));
  auto expired = policy->Allows("police", "nhs", "hhpp-case-pack", "contribution-request",
                                At("2027-01-01T00:00:00Z"));
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, Code::kPermissionDenied);
}

TEST(IsaPolicyTest, AllowedFieldsNeverIncludeTheVictimsIdentity) {
  const auto policy = PolicyOf("victim-advocacy");
  const auto fields =
      policy->AllowedFields("police", "victim-advocacy", "hhpp-case-pack", "contribution-request");
  EXPECT_EQ(fields, (std::vector<std::string>{"referral_date", "risk_level", "dash_score",
                                              "children_in_household", "relationship",
                                              "marac_referral", "case_status", "closed_date"}));
  for (const char* identifying :
       {"case_ref", "victim_age", "victim_sex", "perpetrator_name", "perpetrator_dob"}) {
    EXPECT_EQ(std::find(fields.begin(), fields.end(), identifying), fields.end()) << identifying;
  }
  EXPECT_TRUE(
      policy->AllowedFields("housing", "victim-advocacy", "hhpp-case-pack", "contribution-request")
          .empty());
}

TEST(IsaPolicyTest, FindsPartiesAndPurposes) {
  const auto policy = PolicyOf("housing");
  ASSERT_NE(policy->Party("probation"), nullptr);
  EXPECT_EQ(policy->Party("probation")->agency_kind, "probation");
  EXPECT_EQ(policy->Party("courts"), nullptr);
  ASSERT_NE(policy->Purpose("audit-witness"), nullptr);
  EXPECT_EQ(policy->Purpose("audit-witness")->daily_quota_per_peer, 50000);
  EXPECT_EQ(policy->DailyQuotas().at("hhpp-referral-match"), 500);
  EXPECT_EQ(policy->self(), "housing");
}

TEST(IsaPolicyTest, PinsMapEachOtherPartysCertificateToItsId) {
  const auto policy = PolicyOf("police");
  const auto pins = policy->Pins();
  EXPECT_EQ(pins.size(), 5u);
  const auto* nhs = policy->Party("nhs");
  ASSERT_NE(nhs, nullptr);
  EXPECT_EQ(pins.at(nhs->cert_sha256), "nhs");
  EXPECT_FALSE(pins.contains(policy->Party("police")->cert_sha256));
}

TEST(IsaPolicyTest, RefusesANodeThatIsNotAParty) {
  auto policy = IsaPolicy::Create(VectorIsa(), "courts");
  ASSERT_FALSE(policy);
  EXPECT_EQ(policy.error().code, Code::kNotFound);
}

}  // namespace
}  // namespace tandem::node::isa
