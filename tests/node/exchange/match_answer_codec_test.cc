// A partner's match-query answer as the asking node reads it: only a string band is required,
// a malformed optional member is skipped, and nothing it is sent makes it throw.
#include "node/runtime/match_answer_codec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tandem::node::runtime {
namespace {

TEST(MatchAnswerCodecTest, ReadsTheBandAgreedKeysAndHandleAndEncodesThemBack) {
  auto answer = DecodeMatchAnswer(
      R"({"band": "auto", "agreed": ["nhs_number", "name_dob"], "handle": "h1"})");
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->band, "auto");
  EXPECT_EQ(answer->agreed, (std::vector<std::string>{"nhs_number", "name_dob"}));
  EXPECT_EQ(answer->handle, "h1");
  auto again = DecodeMatchAnswer(EncodeMatchAnswer(*answer));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->band, answer->band);
  EXPECT_EQ(again->agreed, answer->agreed);
  EXPECT_EQ(again->handle, answer->handle);
}

TEST(MatchAnswerCodecTest, RefusesAnAnswerWithoutAStringBand) {
  for (const char* text : {"", "[]", "\"auto\"", "{}", R"({"band": 1})", R"({"band": null})"}) {
    auto answer = DecodeMatchAnswer(text);
    ASSERT_FALSE(answer) << text;
    EXPECT_EQ(answer.error().code, Code::kUnauthenticated);
    EXPECT_EQ(answer.error().message, "the partner's match answer has no band");
  }
}

TEST(MatchAnswerCodecTest, SkipsAgreedKeysAndAHandleOfTheWrongType) {
  auto answer =
      DecodeMatchAnswer(R"({"band": "review", "agreed": [1, "pnc_id", null], "handle": 7})");
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->agreed, (std::vector<std::string>{"pnc_id"}));
  EXPECT_EQ(answer->handle, "");
  auto not_array = DecodeMatchAnswer(R"({"band": "non-match", "agreed": "pnc_id"})");
  ASSERT_TRUE(not_array) << not_array.error().message;
  EXPECT_TRUE(not_array->agreed.empty());
}

}  // namespace
}  // namespace tandem::node::runtime
