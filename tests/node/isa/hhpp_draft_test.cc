#include "node/isa/hhpp_draft.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "isa_fixture.h"
#include "node/isa/isa_policy.h"

namespace tandem::node::isa {
namespace {

// The standard draft for the six parties of the ISA vector.
protocol::Isa Draft(std::optional<std::int64_t> daily_quota = std::nullopt) {
  auto parties = ParseDraftParties(testing::ReadIsaVector("parties.json"));
  EXPECT_TRUE(parties) << parties.error().message;
  DraftOptions options;
  options.valid_from = testing::At("2026-01-01T00:00:00Z");
  options.valid_until = testing::At("2027-01-01T00:00:00Z");
  options.daily_quota = daily_quota;
  auto isa = DraftHhppIsa(*parties, options);
  EXPECT_TRUE(isa) << isa.error().message;
  return *std::move(isa);
}

const protocol::IsaPurpose* PurposeOf(const protocol::Isa& isa, std::string_view id) {
  const auto found = std::ranges::find_if(
      isa.purposes, [&](const protocol::IsaPurpose& p) { return p.id.value() == id; });
  return found == isa.purposes.end() ? nullptr : &*found;
}

TEST(HhppDraftTest, HasAnEvaluationMatchPurposeOfItsOwnFromPoliceToEveryPartner) {
  const protocol::Isa isa = Draft();
  const protocol::IsaPurpose* purpose = PurposeOf(isa, "hhpp-evaluation-match");
  ASSERT_NE(purpose, nullptr);
  EXPECT_EQ(purpose->retention_days, 7);
  EXPECT_EQ(purpose->daily_quota_per_peer, 2000);
  ASSERT_EQ(purpose->clauses.size(), 1u);
  const protocol::IsaClause& clause = purpose->clauses[0];
  EXPECT_EQ(clause.id, "6.2");
  ASSERT_EQ(clause.from.size(), 1u);
  EXPECT_EQ(clause.from[0].value(), "police");
  EXPECT_EQ(clause.to.size(), 5u);
  ASSERT_EQ(clause.kinds.size(), 1u);
  EXPECT_EQ(clause.kinds[0].value(), "match-query");
  EXPECT_EQ(clause.fields, (std::vector<std::string>{"matched", "band", "handle"}));
  // The referral purpose keeps its own quota.
  ASSERT_NE(PurposeOf(isa, "hhpp-referral-match"), nullptr);
  EXPECT_EQ(PurposeOf(isa, "hhpp-referral-match")->daily_quota_per_peer, 500);
  EXPECT_EQ(isa.purposes.size(), 7u);
}

TEST(HhppDraftTest, ThePolicyLetsOnlyPoliceSendAnEvaluationMatchQuery) {
  auto policy = IsaPolicy::Create(Draft(), "probation");
  ASSERT_TRUE(policy) << policy.error().message;
  auto allowed = (*policy)->Allows("police", "probation", "hhpp-evaluation-match", "match-query");
  ASSERT_TRUE(allowed) << allowed.error().message;
  EXPECT_EQ((*allowed)->id, "6.2");
  const auto reverse =
      (*policy)->Allows("probation", "police", "hhpp-evaluation-match", "match-query");
  ASSERT_FALSE(reverse);
  EXPECT_EQ(reverse.error().code, Code::kPermissionDenied);
  // The evaluation match opens no other kind: not the evaluation request itself.
  EXPECT_FALSE(
      (*policy)->Allows("police", "probation", "hhpp-evaluation-match", "evaluation-request"));
  EXPECT_EQ((*policy)->DailyQuotas().at("hhpp-evaluation-match"), 2000);
}

TEST(HhppDraftTest, TheDailyQuotaOptionAlsoReplacesTheEvaluationMatchQuota) {
  const protocol::Isa isa = Draft(40);
  for (const protocol::IsaPurpose& purpose : isa.purposes) {
    EXPECT_EQ(purpose.daily_quota_per_peer, 40) << purpose.id.value();
  }
}

TEST(HhppDraftTest, ClauseIdsStayUniqueAcrossTheDraft) {
  const protocol::Isa isa = Draft();
  std::vector<std::string> ids;
  for (const protocol::IsaPurpose& purpose : isa.purposes) {
    for (const protocol::IsaClause& clause : purpose.clauses) ids.push_back(clause.id);
  }
  std::ranges::sort(ids);
  EXPECT_EQ(std::ranges::adjacent_find(ids), ids.end());
  EXPECT_TRUE(protocol::ValidateIsa(isa));
}

}  // namespace
}  // namespace tandem::node::isa
