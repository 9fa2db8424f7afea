// The match model file: comparisons with levels, strict reading with errors that name the
// member, a round trip, and a clear refusal of the old one-comparison-per-key format.
#include "node/linkage/match_model_file.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace tandem::node::linkage {
namespace {

constexpr char kModel[] =
    R"({"format": "tandem-match-model-v2", "prior": 0.001,
        "families": [
          {"name": "nhs_number", "levels": [{"key": "nhs_number", "m": 0.98, "u": 1e-7}],
           "disagree": {"m": 0.02, "u": 0.9999999}},
          {"name": "name", "levels": [{"key": "name_dob", "m": 0.9, "u": 1e-9},
                                      {"key": "phonetic_dob", "m": 0.05, "u": 1e-8}],
           "disagree": {"m": 0.05, "u": 0.99999998900}},
          {"name": "initials", "levels": [{"key": "initials_dob", "m": 0.9, "u": 1e-6}],
           "disagree": {"m": 0.1, "u": 0.999999}, "unless_compared": "name"}],
        "auto_weight": 15.0, "review_weight": 8.0})";

TEST(MatchModelFileTest, ReadsAModelWithLevelsAndWritesItBackUnchanged) {
  auto model = DecodeMatchModel(kModel);
  ASSERT_TRUE(model) << model.error().message;
  ASSERT_EQ(model->model.family_count(), 3u);
  EXPECT_EQ(model->model.family(1).family.levels,
            (std::vector<std::string>{"name_dob", "phonetic_dob"}));
  EXPECT_EQ(model->model.family(2).family.unless_compared, "name");
  EXPECT_DOUBLE_EQ(model->model.parameters(2).m, 0.05);  // phonetic_dob, the third key
  EXPECT_DOUBLE_EQ(model->thresholds.auto_match, 15.0);

  const std::string written = EncodeMatchModel(*model);
  auto again = DecodeMatchModel(written);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(EncodeMatchModel(*again), written);
  ASSERT_EQ(again->model.family_count(), model->model.family_count());
  for (std::size_t f = 0; f < model->model.family_count(); ++f) {
    EXPECT_EQ(again->model.family(f).family, model->model.family(f).family);
    EXPECT_EQ(again->model.family(f).m, model->model.family(f).m);
    EXPECT_EQ(again->model.family(f).u, model->model.family(f).u);
  }
  EXPECT_DOUBLE_EQ(again->model.prior(), 0.001);
}

TEST(MatchModelFileTest, AgreedKeysOfOneFamilyCountOnceWhenANodeScoresAQuery) {
  auto model = DecodeMatchModel(kModel);
  ASSERT_TRUE(model) << model.error().message;
  const auto& m = model->model;
  const std::vector<std::string> agreed = {"name_dob", "phonetic_dob", "initials_dob"};
  // name at name_dob only; the initials yield to the compared name family.
  EXPECT_DOUBLE_EQ(m.AgreedWeight(agreed), std::log2(0.9 / 1e-9));
  const std::vector<std::string> initials_only = {"initials_dob", "not_a_key"};
  EXPECT_DOUBLE_EQ(m.AgreedWeight(initials_only), std::log2(0.9 / 1e-6));
}

TEST(MatchModelFileTest, RefusesTheOldFormatAndSaysToRefit) {
  auto model = DecodeMatchModel(
      R"({"format": "tandem-match-model-v1", "prior": 0.001,
          "keys": [{"name": "nhs_number", "m": 0.98, "u": 1e-7}],
          "auto_weight": 15.0, "review_weight": 8.0})");
  ASSERT_FALSE(model);
  EXPECT_EQ(model.error().code, Code::kInvalidArgument);
  EXPECT_NE(model.error().message.find("tandem-match-model-v1"), std::string::npos);
  EXPECT_NE(model.error().message.find("refit"), std::string::npos);
  EXPECT_NE(model.error().message.find("tandem link --model-out"), std::string::npos);
}

// A "format" that was not a string threw out of the reader instead of being refused.
TEST(MatchModelFileTest, RefusesAFormatThatIsNotAString) {
  auto model = DecodeMatchModel(R"({"format": 1, "prior": 0.001, "families": []})");
  ASSERT_FALSE(model);
  EXPECT_EQ(model.error().code, Code::kInvalidArgument);
  EXPECT_NE(model.error().message.find("'format'"), std::string::npos);
}

TEST(MatchModelFileTest, RefusesAFamilyWhoseSharesDoNotSumToOne) {
  std::string text = kModel;
  text.replace(text.find("\"m\": 0.02"), 9, "\"m\": 0.2");
  auto model = DecodeMatchModel(text);
  ASSERT_FALSE(model);
  EXPECT_NE(model.error().message.find("nhs_number"), std::string::npos);
  EXPECT_NE(model.error().message.find("sum to 1"), std::string::npos);
}

TEST(MatchModelFileTest, RefusesAKeyInTwoFamiliesAndAFamilyWithoutDisagree) {
  std::string twice = kModel;
  twice.replace(twice.find("\"key\": \"initials_dob\""), 21, "\"key\": \"name_dob\"");
  auto model = DecodeMatchModel(twice);
  ASSERT_FALSE(model);
  EXPECT_NE(model.error().message.find("listed twice"), std::string::npos);

  auto no_disagree = DecodeMatchModel(
      R"({"format": "tandem-match-model-v2", "prior": 0.001,
          "families": [{"name": "a", "levels": [{"key": "a", "m": 0.9, "u": 0.1}]}],
          "auto_weight": 15.0, "review_weight": 8.0})");
  ASSERT_FALSE(no_disagree);
  EXPECT_NE(no_disagree.error().message.find("families[0]"), std::string::npos);
}

TEST(MatchModelFileTest, RefusesAFamilyYieldingToOneTheModelLacks) {
  std::string text = kModel;
  text.replace(text.find("\"unless_compared\": \"name\""), 25, "\"unless_compared\": \"nope\"");
  auto model = DecodeMatchModel(text);
  ASSERT_FALSE(model);
  EXPECT_NE(model.error().message.find("'nope'"), std::string::npos);
}

}  // namespace
}  // namespace tandem::node::linkage
