// The body of POST /v1/referrals/match: an export kind and a record reference, both strings.
#include "node/runtime/referral_match_request.h"

#include <gtest/gtest.h>

namespace tandem::node::runtime {
namespace {

TEST(ReferralMatchRequestTest, ReadsTheRecordAndEncodesItBack) {
  auto request = DecodeReferralMatchRequest(R"({"export": "police_nominals", "ref": "N-1"})");
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->export_kind, "police_nominals");
  EXPECT_EQ(request->ref, "N-1");
  auto again = DecodeReferralMatchRequest(EncodeReferralMatchRequest(*request));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->export_kind, "police_nominals");
  EXPECT_EQ(again->ref, "N-1");
}

TEST(ReferralMatchRequestTest, RefusesAnythingButTwoStrings) {
  for (const char* body : {"", "[]", R"({"export": "police_nominals"})",
                           R"({"export": "police_nominals", "ref": 7})", R"({"ref": "N-1"})"}) {
    auto request = DecodeReferralMatchRequest(body);
    ASSERT_FALSE(request) << body;
    EXPECT_EQ(request.error().code, Code::kInvalidArgument);
    EXPECT_EQ(request.error().message, R"(body must be {"export": string, "ref": string})");
  }
}

}  // namespace
}  // namespace tandem::node::runtime
