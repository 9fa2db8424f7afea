// The evaluation-request body as the partner's endpoint reads it: a malformed member is an
// error naming the member or the item, never an exception, and what it reads encodes back.
#include "node/endpoints/evaluation_request_codec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tandem::node::endpoints {
namespace {

const std::string kHandle = "0123456789abcdef0123456789abcdef";
const std::string kPseudonym = "fedcba9876543210fedcba9876543210";

TEST(EvaluationRequestCodecTest, ReadsItemsInOrderAndEncodesThemBack) {
  auto request = DecodeEvaluationRequest(R"({"evaluation_id": "E1", "items": [
      {"handle": ")" + kHandle + R"(", "pseudonym": ")" +
                                         kPseudonym + R"("},
      {"handle": ")" + kPseudonym + R"(", "pseudonym": ")" +
                                         kHandle + R"("}]})");
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->evaluation_id, "E1");
  ASSERT_EQ(request->items.size(), 2u);
  EXPECT_EQ(request->items[0], (EvaluationItem{kHandle, kPseudonym}));
  EXPECT_EQ(request->items[1], (EvaluationItem{kPseudonym, kHandle}));
  auto again = DecodeEvaluationRequest(EncodeEvaluationRequest(*request));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->evaluation_id, "E1");
  EXPECT_EQ(again->items, request->items);
}

TEST(EvaluationRequestCodecTest, RefusesAMissingEvaluationId) {
  auto request = DecodeEvaluationRequest(R"({"items": [{"handle": ")" + kHandle +
                                         R"(", "pseudonym": ")" + kPseudonym + R"("}]})");
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().code, Code::kInvalidArgument);
  EXPECT_NE(request.error().message.find("evaluation_id"), std::string::npos);
}

TEST(EvaluationRequestCodecTest, RefusesItemsThatAreNotANonEmptyArray) {
  for (const std::string items : {R"([])", R"({})", R"("x")", R"(7)"}) {
    auto request = DecodeEvaluationRequest(R"({"evaluation_id": "E1", "items": )" + items + "}");
    ASSERT_FALSE(request) << items;
    EXPECT_EQ(request.error().message,
              "evaluation-request: 'items' must be an array of 1 to 5000 objects");
  }
}

TEST(EvaluationRequestCodecTest, RefusesMoreThanTheMaximumOfItems) {
  std::string items;
  for (std::size_t i = 0; i <= kMaxEvaluationItems; ++i) {
    items += std::string(i ? "," : "") + R"({"handle": ")" + kHandle + R"(", "pseudonym": ")" +
             kPseudonym + R"("})";
  }
  auto request = DecodeEvaluationRequest(R"({"evaluation_id": "E1", "items": [)" + items + "]}");
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().code, Code::kInvalidArgument);
}

TEST(EvaluationRequestCodecTest, NamesTheItemWhoseHandleOrPseudonymIsMalformed) {
  const std::string good =
      R"({"handle": ")" + kHandle + R"(", "pseudonym": ")" + kPseudonym + R"("})";
  for (const std::string& bad : std::vector<std::string>{
           R"("x")", R"([1])", R"({"handle": 7, "pseudonym": ")" + kPseudonym + R"("})",
           R"({"handle": ")" + kHandle + R"(", "pseudonym": null})",
           R"({"handle": ")" + kHandle + R"(A", "pseudonym": ")" + kPseudonym + R"("})",
           R"({"handle": ")" + kHandle + R"("})"}) {
    auto request =
        DecodeEvaluationRequest(R"({"evaluation_id": "E1", "items": [)" + good + "," + bad + "]}");
    ASSERT_FALSE(request) << bad;
    EXPECT_EQ(
        request.error().message,
        R"(evaluation-request: item 2 must be {"handle": 32 hex digits, "pseudonym": 32 hex digits})");
  }
}

}  // namespace
}  // namespace tandem::node::endpoints
