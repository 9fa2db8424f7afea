// The peer's answers a witnessing node reads: "witnessed" (a checkpoint or null) and
// "cosignature"; anything else is kInvalidArgument naming the missing member, never an exception.
#include "node/exchange/witness_answers.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::node::exchange {
namespace {

const std::string kCheckpoint = R"({"at":"2026-11-22T14:00:00Z","node":"police","root":")" +
                                std::string(64, 'a') + R"(","sig":")" + std::string(128, 'b') +
                                R"(","tree_size":1234})";

TEST(WitnessAnswersTest, ReadsTheWitnessedCheckpointOrNone) {
  auto none = DecodeCheckpointRequestAnswer(R"({"checkpoint": {}, "witnessed": null})");
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_FALSE(*none);
  auto some = DecodeCheckpointRequestAnswer(R"({"witnessed": )" + kCheckpoint + "}");
  ASSERT_TRUE(some) << some.error().message;
  ASSERT_TRUE(*some);
  EXPECT_EQ((*some)->tree_size, 1234u);
  auto written = EncodeCheckpointRequestAnswer(*some);
  ASSERT_TRUE(written);
  auto again = DecodeCheckpointRequestAnswer(*written);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *some);
}

TEST(WitnessAnswersTest, ReadsTheCosignatureAndEncodesItBack) {
  auto cosignature =
      DecodeCosignAnswer(R"({"cosignature": {"checkpoint":)" + kCheckpoint + R"(,"sig":")" +
                         std::string(128, 'c') + R"(","witness":"nhs"}})");
  ASSERT_TRUE(cosignature) << cosignature.error().message;
  EXPECT_EQ(cosignature->witness.value(), "nhs");
  auto written = EncodeCosignAnswer(*cosignature);
  ASSERT_TRUE(written);
  auto again = DecodeCosignAnswer(*written);
  ASSERT_TRUE(again);
  EXPECT_TRUE(*again == *cosignature);
}

TEST(WitnessAnswersTest, RefusesAnAnswerWithoutItsMember) {
  for (const char* answer : {"", "[]", "{}", R"({"checkpoint": {}})"}) {
    auto witnessed = DecodeCheckpointRequestAnswer(answer);
    ASSERT_FALSE(witnessed) << answer;
    EXPECT_EQ(witnessed.error().code, Code::kInvalidArgument);
    EXPECT_EQ(witnessed.error().message, "checkpoint-request answer lacks 'witnessed'");
    auto cosignature = DecodeCosignAnswer(answer);
    ASSERT_FALSE(cosignature) << answer;
    EXPECT_EQ(cosignature.error().message, "cosign-request answer lacks 'cosignature'");
  }
}

TEST(WitnessAnswersTest, AMalformedCheckpointIsTheDecodersError) {
  auto witnessed = DecodeCheckpointRequestAnswer(R"({"witnessed": {"tree_size": "7"}})");
  ASSERT_FALSE(witnessed);
  EXPECT_EQ(witnessed.error().code, Code::kInvalidArgument);
  EXPECT_NE(witnessed.error().message.find("checkpoint"), std::string::npos);
  auto cosignature = DecodeCosignAnswer(R"({"cosignature": 7})");
  ASSERT_FALSE(cosignature);
  EXPECT_EQ(cosignature.error().code, Code::kInvalidArgument);
}

}  // namespace
}  // namespace tandem::node::exchange
