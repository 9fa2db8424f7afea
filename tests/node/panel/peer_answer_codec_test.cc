// The coordinator's readers of partner answers and the referral-submit bytes: each refuses a
// malformed value with an error instead of throwing (each case below used to throw).
#include <gtest/gtest.h>

#include "node/endpoints/handle_request_codec.h"
#include "node/panel/outcome_answer.h"
#include "node/panel/referral_submit_codec.h"

namespace tandem::node::panel {
namespace {

const std::string kToken(128, 'a');

TEST(OutcomeAnswerTest, ReadsInterventionsCompletedOnlyWithAnEndDate) {
  auto records = DecodeOutcomeAnswer(
      R"({"interventions": [{"intervention": "tenancy-support", "started_on": "2026-03-01",
          "ended_on": "2026-09-30", "completed": true},
         {"intervention": "debt-advice", "started_on": "2026-04-01", "completed": true}]})",
      "C1", core::AgencyKind::kHousing);
  ASSERT_TRUE(records) << records.error().message;
  ASSERT_EQ(records->size(), 2u);
  EXPECT_TRUE((*records)[0].completed);
  EXPECT_FALSE((*records)[1].completed);
  EXPECT_EQ((*records)[1].case_id, "C1");
}

TEST(OutcomeAnswerTest, RefusesACompletedThatIsNotTrueOrFalse) {
  auto records = DecodeOutcomeAnswer(
      R"({"interventions": [{"intervention": "x", "started_on": "2026-03-01", "completed": "yes"}]})",
      "C1", core::AgencyKind::kHousing);
  ASSERT_FALSE(records);
  EXPECT_EQ(records.error().code, Code::kUnauthenticated);
}

TEST(ReferralSubmitCodecTest, RefusesAnAnswerWhoseKnownIsNotTrueOrFalse) {
  auto answer = DecodeReferralAnswer(R"({"known": "yes"})");
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, Code::kInvalidArgument);
  EXPECT_NE(answer.error().message.find("'known'"), std::string::npos);
  auto id = DecodeReferralAnswer(R"({"known": true, "referral_id": 7})");
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, Code::kInvalidArgument);
}

TEST(ReferralSubmitCodecTest, ReadsAKnownAnswerAndTreatsANonObjectAsUnknown) {
  auto known = DecodeReferralAnswer(R"({"known": true, "referral_id": "R7"})");
  ASSERT_TRUE(known) << known.error().message;
  EXPECT_TRUE(known->known);
  EXPECT_EQ(known->referral_id, "R7");
  auto not_object = DecodeReferralAnswer("[1]");
  ASSERT_TRUE(not_object);
  EXPECT_FALSE(not_object->known);
}

TEST(ReferralSubmitCodecTest, ReadsASubmissionAndNamesTheMissingMember) {
  const std::string body = R"({"reason": "r", "referrer": "p", "tokens": [{"key": "name_dob",
      "token": ")" + kToken +
                           R"("}]})";
  auto submission = DecodeReferralSubmission(body);
  ASSERT_TRUE(submission) << submission.error().message;
  ASSERT_EQ(submission->tokens.size(), 1u);
  EXPECT_EQ(submission->tokens[0].key, "name_dob");
  EXPECT_EQ(submission->reason, "r");
  auto missing = DecodeReferralSubmission(R"({"reason": "r", "referrer": "p"})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "referral-submit: member 'tokens' is missing");
}

TEST(ReferralSubmitCodecTest, RefusesARequestWithAnEmptyMember) {
  auto request = DecodeReferralRequest(
      R"({"export": "housing_tenancies", "ref": "", "reason": "r", "referrer": "p"})");
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().code, Code::kInvalidArgument);
  EXPECT_NE(request.error().message.find("ref is not"), std::string::npos);
}

TEST(HandleRequestCodecTest, RoundTripsAHandleAndNamesTheKindWhenItIsMissing) {
  auto handle = endpoints::DecodeHandleRequest(
      endpoints::EncodeHandleRequest("0123456789abcdef0123456789abcdef"), "outcome-request");
  ASSERT_TRUE(handle) << handle.error().message;
  EXPECT_EQ(*handle, "0123456789abcdef0123456789abcdef");
  auto missing = endpoints::DecodeHandleRequest("{}", "contribution-request");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "contribution-request member 'handle': missing");
  auto number = endpoints::DecodeHandleRequest(R"({"handle": 1})", "outcome-request");
  ASSERT_FALSE(number);
  EXPECT_EQ(number.error().code, Code::kInvalidArgument);
}

}  // namespace
}  // namespace tandem::node::panel
