// The match model file: strict reading with errors that name the member, and a round trip.
#include "node/linkage/match_model_file.h"

#include <gtest/gtest.h>

namespace tandem::node::linkage {
namespace {

constexpr char kModel[] =
    R"({"format": "tandem-match-model-v1", "prior": 0.001,
        "keys": [{"name": "nhs_number", "m": 0.98, "u": 1e-7}],
        "auto_weight": 15.0, "review_weight": 8.0})";

TEST(MatchModelFileTest, ReadsAModelAndWritesItBackUnchanged) {
  auto model = DecodeMatchModel(kModel);
  ASSERT_TRUE(model) << model.error().message;
  const std::string written = EncodeMatchModel(*model);
  auto again = DecodeMatchModel(written);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(EncodeMatchModel(*again), written);
}

// A "format" that was not a string threw out of the reader instead of being refused.
TEST(MatchModelFileTest, RefusesAFormatThatIsNotAString) {
  auto model = DecodeMatchModel(R"({"format": 1, "prior": 0.001, "keys": []})");
  ASSERT_FALSE(model);
  EXPECT_EQ(model.error().code, Code::kInvalidArgument);
  EXPECT_NE(model.error().message.find("'format'"), std::string::npos);
}

}  // namespace
}  // namespace tandem::node::linkage
