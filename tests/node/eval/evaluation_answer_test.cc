// The coordinator's reader of evaluation-request answers: a member of the wrong type is a
// malformed answer, never an exception (the cases below used to throw).
#include "node/eval/evaluation_answer.h"

#include <gtest/gtest.h>

namespace tandem::node::eval {
namespace {

const std::set<std::string> kSent = {"0123456789abcdef0123456789abcdef"};

TEST(EvaluationAnswerTest, ReadsRowsAndTheUnresolvedCount) {
  auto answer = DecodeEvaluationAnswer("probation", R"({"unresolved": 2, "rows": [
      {"evaluation_pseudonym": "0123456789abcdef0123456789abcdef",
       "interventions": [{"intervention": "cas3", "started_month": "2026-03",
                          "ended_month": "2026-05", "completed": true}]}]})",
                                       kSent);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->unresolved, 2u);
  ASSERT_EQ(answer->rows.size(), 1u);
  EXPECT_EQ(answer->rows[0].ended_month, "2026-05");
  EXPECT_TRUE(answer->rows[0].completed);
}

TEST(EvaluationAnswerTest, RefusesAnUnresolvedThatIsNotACount) {
  auto answer = DecodeEvaluationAnswer("probation", R"({"unresolved": "2", "rows": []})", kSent);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, Code::kInvalidArgument);
  EXPECT_NE(answer.error().message.find("from probation"), std::string::npos);
}

TEST(EvaluationAnswerTest, RefusesAnInterventionWhoseEndOrCompletionHasTheWrongType) {
  for (const char* item :
       {R"({"intervention": "x", "started_month": "2026-01", "ended_month": 5})",
        R"({"intervention": "x", "started_month": "2026-01", "completed": 1})"}) {
    const std::string text =
        R"({"rows": [{"evaluation_pseudonym": "0123456789abcdef0123456789abcdef",
            "interventions": [)" +
        std::string(item) + "]}]}";
    auto answer = DecodeEvaluationAnswer("probation", text, kSent);
    ASSERT_FALSE(answer) << item;
    EXPECT_EQ(answer.error().code, Code::kInvalidArgument);
  }
}

}  // namespace
}  // namespace tandem::node::eval
