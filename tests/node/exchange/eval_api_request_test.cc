// The evaluator's request body (POST /v1/eval/report, /v1/eval/outcome-set) as the evaluation API
// reads it: every member optional, a member of the wrong type or out of range is an error naming
// it, never an exception or undefined behaviour, and what it reads encodes back.
#include "node/runtime/eval_api_request.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::node::runtime {
namespace {

void ExpectRefused(std::string_view body, std::string_view names) {
  auto request = DecodeEvaluationApiRequest(body);
  ASSERT_FALSE(request) << body;
  EXPECT_EQ(request.error().code, Code::kInvalidArgument) << body;
  EXPECT_NE(request.error().message.find(names), std::string::npos)
      << body << ": " << request.error().message;
}

TEST(EvaluationApiRequestTest, AnEmptyBodyAsksForEveryDefault) {
  auto request = DecodeEvaluationApiRequest("");
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_FALSE(request->evaluation_id);
  EXPECT_FALSE(request->data_end);
  EXPECT_FALSE(request->k);
  EXPECT_FALSE(request->epsilon_per_table);
}

TEST(EvaluationApiRequestTest, ReadsEveryMemberAndEncodesThemBack) {
  auto request = DecodeEvaluationApiRequest(
      R"({"evaluation_id": "it-1", "data_end": "2027-11-01", "k": 5,
          "quasi_identifiers": ["age_band", "district"], "small_cell_threshold": 10,
          "rounding_base": 5, "max_suppressed_share": 0.1, "epsilon_per_table": "0.5",
          "before_days": 365, "after_days": 180, "follow_up_days": 90,
          "value_per_cchi_day": 12.5})");
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->evaluation_id, "it-1");
  EXPECT_EQ(request->data_end, core::Date::FromYmd(2027, 11, 1).value());
  EXPECT_EQ(request->k, 5u);
  EXPECT_EQ(request->quasi_identifiers, (std::vector<std::string>{"age_band", "district"}));
  EXPECT_EQ(request->epsilon_per_table, "0.5");
  EXPECT_EQ(request->before_days, 365);
  EXPECT_EQ(request->value_per_cchi_day, 12.5);
  auto again = DecodeEvaluationApiRequest(EncodeEvaluationApiRequest(*request));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(EncodeEvaluationApiRequest(*again), EncodeEvaluationApiRequest(*request));
  EXPECT_EQ(again->follow_up_days, 90);
  EXPECT_EQ(again->max_suppressed_share, 0.1);
}

TEST(EvaluationApiRequestTest, RefusesABodyThatIsNotAnObject) {
  ExpectRefused("[1, 2]", "the body must be a JSON object");
  ExpectRefused("{\"k\":", "the body must be a JSON object");
}

TEST(EvaluationApiRequestTest, NamesAMemberOfTheWrongType) {
  ExpectRefused(R"({"k": "five"})", "'k' has the wrong type");
  ExpectRefused(R"({"quasi_identifiers": ["age_band", 3]})",
                "'quasi_identifiers' has the wrong type");
  ExpectRefused(R"({"epsilon_per_table": 0.5})", "'epsilon_per_table' has the wrong type");
}

// A number too large for its member was converted with undefined behaviour (a double of 1e300
// into an int); it is now refused by name.
TEST(EvaluationApiRequestTest, RefusesANumberOutOfItsMembersRange) {
  ExpectRefused(R"({"before_days": 1e300})", "'before_days' is out of range");
  ExpectRefused(R"({"after_days": 3000000000})", "'after_days' is out of range");
  ExpectRefused(R"({"k": -1})", "'k' is out of range");
  ExpectRefused(R"({"k": -2.5})", "'k' is out of range");
  ExpectRefused(R"({"rounding_base": 1e19})", "'rounding_base' is out of range");
  ExpectRefused(R"({"small_cell_threshold": 18446744073709551615})",
                "'small_cell_threshold' is out of range");
}

TEST(EvaluationApiRequestTest, RefusesABadEvaluationIdOrDate) {
  ExpectRefused(R"({"evaluation_id": "a b"})", "evaluation_id may hold only");
  ExpectRefused(R"({"data_end": "2027-02-30"})", "data_end");
  ExpectRefused(R"({"data_end": "01/11/2027"})", "'01/11/2027' is not a date");
}

}  // namespace
}  // namespace tandem::node::runtime
