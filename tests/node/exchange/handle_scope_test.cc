// Handles are scoped to the purpose of the match that issued them: an evaluation match's handle
// opens only the evaluation request, a referral match's only the case-pack and outcome requests.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "node/endpoints/evaluation_route.h"
#include "node/endpoints/handle_table.h"
#include "node/isa/hhpp_draft.h"
#include "node/isa/isa_policy.h"
#include "protocol/envelope.h"

namespace tandem::node::endpoints {
namespace {

using nlohmann::json;

protocol::Seconds At(const char* text) { return *protocol::ParseTimestamp(text); }

const protocol::Seconds kNow = At("2026-11-22T14:00:00Z");
const HandleTarget kTarget{"probation_cases", "X000001", {}};

TEST(HandleScopeTest, AHandleResolvesOnlyUnderThePurposeItWasIssuedFor) {
  HandleTable table(std::chrono::hours(1));
  auto evaluation = table.Issue("police", kEvaluationMatchPurpose, kTarget, kNow);
  auto referral = table.Issue("police", kReferralMatchPurpose, kTarget, kNow);
  ASSERT_TRUE(evaluation && referral);
  EXPECT_EQ(evaluation->size(), 32u);

  auto found = table.Resolve("police", kEvaluationMatchPurpose, *evaluation, kNow);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->ref, "X000001");
  EXPECT_TRUE(table.Resolve("police", kReferralMatchPurpose, *referral, kNow));

  const auto crossed = table.Resolve("police", kReferralMatchPurpose, *evaluation, kNow);
  ASSERT_FALSE(crossed);
  EXPECT_EQ(crossed.error().code, Code::kNotFound);
  EXPECT_EQ(table.Resolve("police", kEvaluationMatchPurpose, *referral, kNow).error().code,
            Code::kNotFound);
}

TEST(HandleScopeTest, TheCasePackAndOutcomeResolveAcceptsOnlyReferralMatchHandles) {
  HandleTable table(std::chrono::hours(1));
  auto evaluation = table.Issue("police", kEvaluationMatchPurpose, kTarget, kNow);
  auto referral = table.Issue("police", kReferralMatchPurpose, kTarget, kNow);
  ASSERT_TRUE(evaluation && referral);
  EXPECT_TRUE(table.Resolve("police", *referral, kNow));
  EXPECT_FALSE(table.Resolve("police", *evaluation, kNow));
}

TEST(HandleScopeTest, AnotherAskerOrAnExpiredHandleIsNotFoundWhateverThePurpose) {
  HandleTable table(std::chrono::hours(1));
  auto handle = table.Issue("police", kEvaluationMatchPurpose, kTarget, kNow);
  ASSERT_TRUE(handle);
  EXPECT_FALSE(table.Resolve("nhs", kEvaluationMatchPurpose, *handle, kNow));
  EXPECT_FALSE(
      table.Resolve("police", kEvaluationMatchPurpose, *handle, kNow + std::chrono::hours(1)));
  EXPECT_TRUE(
      table.Resolve("police", kEvaluationMatchPurpose, *handle, kNow + std::chrono::minutes(59)));
}

// The evaluation route of probation as police asks it under clause 6.1 of the standard draft.
class EvaluationRouteScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<isa::DraftParty> parties;
    const std::vector<std::pair<std::string, std::string>> kParties = {{"police", "police"},
                                                                       {"probation", "probation"}};
    for (std::size_t i = 0; i < kParties.size(); ++i) {
      const std::string digit(1, static_cast<char>('1' + i));
      auto seed = crypto::SecretBytes::Copy(
          std::vector<std::uint8_t>(crypto::kEd25519SeedSize, static_cast<std::uint8_t>(i + 1)));
      ASSERT_TRUE(seed);
      auto key = crypto::SigningKey::FromSeed(*seed);
      ASSERT_TRUE(key);
      parties.push_back({kParties[i].first, kParties[i].second, kParties[i].first,
                         key->verifying_key().Hex(), std::string(64, digit[0]),
                         kParties[i].first + ".example:8443", std::nullopt});
    }
    isa::DraftOptions options;
    options.valid_from = At("2026-01-01T00:00:00Z");
    options.valid_until = At("2027-01-01T00:00:00Z");
    auto isa = isa::DraftHhppIsa(parties, options);
    ASSERT_TRUE(isa) << isa.error().message;
    auto policy = isa::IsaPolicy::Create(*isa, "probation");
    ASSERT_TRUE(policy) << policy.error().message;
    policy_ = std::move(*policy);
  }

  // Probation's answer to an evaluation-request carrying `handle`.
  Result<json> Ask(const std::string& handle) {
    const exchange::KindRoute route = EvaluationRoute(
        table_,
        [](const HandleTarget& target) -> Result<std::vector<DeliveredIntervention>> {
          EXPECT_EQ(target.ref, "X000001");
          return std::vector<DeliveredIntervention>{{"behaviour-change-programme",
                                                     *core::Date::FromYmd(2026, 3, 1),
                                                     *core::Date::FromYmd(2026, 6, 1), true}};
        },
        "probation", [] { return kNow; });
    auto id = protocol::MessageId::Generate();
    auto nonce = protocol::Nonce::Generate();
    EXPECT_TRUE(id && nonce);
    const protocol::Envelope envelope{
        {*id, *protocol::NodeId::Create("police"), *protocol::NodeId::Create("probation"),
         protocol::IsaRef{policy_->isa().id, policy_->isa().version},
         *protocol::PurposeId::Create("evaluation"),
         *protocol::MessageKind::Create("evaluation-request"), kNow,
         kNow + std::chrono::seconds(60), *nonce},
        json{{"evaluation_id", "e-1"},
             {"items", {{{"handle", handle}, {"pseudonym", std::string(32, 'a')}}}}}
            .dump(),
        {}};
    auto clause = policy_->Allows("police", "probation", "evaluation", "evaluation-request");
    EXPECT_TRUE(clause);
    auto output = route.handler(exchange::InboundCall{envelope, **clause, *policy_});
    if (!output) return tl::unexpected(output.error());
    return json::parse(output->result_json);
  }

  HandleTable table_{std::chrono::hours(1)};
  std::unique_ptr<isa::IsaPolicy> policy_;
};

TEST_F(EvaluationRouteScopeTest, AnswersAnEvaluationMatchHandleWithTheInterventions) {
  auto handle = table_.Issue("police", kEvaluationMatchPurpose, kTarget, kNow);
  ASSERT_TRUE(handle);
  auto answer = Ask(*handle);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ((*answer)["unresolved"], 0);
  ASSERT_EQ((*answer)["rows"].size(), 1u);
  EXPECT_EQ((*answer)["rows"][0]["interventions"][0]["intervention"], "behaviour-change-programme");
  EXPECT_EQ((*answer)["rows"][0]["interventions"][0]["started_month"], "2026-03");
}

TEST_F(EvaluationRouteScopeTest, NoLongerAcceptsAReferralMatchHandle) {
  auto handle = table_.Issue("police", kReferralMatchPurpose, kTarget, kNow);
  ASSERT_TRUE(handle);
  auto answer = Ask(*handle);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ((*answer)["unresolved"], 1);
  EXPECT_TRUE((*answer)["rows"].empty());
}

}  // namespace
}  // namespace tandem::node::endpoints
