#include "node/panel/rfgv_file.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::node::panel {
namespace {

std::string ErrorOf(std::string_view json) {
  auto parsed = ParseRfgvConfig(json);
  EXPECT_FALSE(parsed);
  return parsed ? std::string() : parsed.error().message;
}

TEST(RfgvFileTest, TheDeployedDefaultFileIsTheDocumentedDefault) {
  auto config = ReadRfgvConfig(std::string(TANDEM_SOURCE_DIR) + "/deploy/panel/rfgv.default.json");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(RfgvConfigJson(*config), RfgvConfigJson(core::panel::DefaultRfgvConfig()));
}

TEST(RfgvFileTest, ALocalMatrixRoundTripsThroughItsJson) {
  core::panel::RfgvConfig local = core::panel::DefaultRfgvConfig();
  local.window_months = 18;
  local.threshold = 9;
  local.victims = {{1, 1, 2}, {2, 100000, 4}};
  auto parsed = ParseRfgvConfig(RfgvConfigJson(local));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->window_months, 18);
  EXPECT_EQ(parsed->threshold, 9);
  ASSERT_EQ(parsed->victims.size(), 2u);
  EXPECT_EQ(parsed->victims[0].points, 2);
  EXPECT_EQ(RfgvConfigJson(*parsed), RfgvConfigJson(local));
}

TEST(RfgvFileTest, NamesTheBandAndMemberThatIsWrong) {
  std::string json = RfgvConfigJson(core::panel::DefaultRfgvConfig());
  const std::string points = "\"points\": 2";
  json.replace(json.find(points, json.find("\"gravity\"")), points.size(), "\"points\": \"two\"");
  const std::string error = ErrorOf(json);
  EXPECT_NE(error.find("gravity[1].points"), std::string::npos) << error;
  EXPECT_NE(error.find("integer"), std::string::npos) << error;
}

TEST(RfgvFileTest, RefusesAnUnknownOrMissingMemberByName) {
  std::string json = RfgvConfigJson(core::panel::DefaultRfgvConfig());
  std::string typo = json;
  typo.replace(typo.find("\"threshold\""), 11, "\"treshold\"");
  const std::string unknown = ErrorOf(typo);
  EXPECT_NE(unknown.find("treshold: unknown member"), std::string::npos) << unknown;
  EXPECT_NE(ErrorOf("{}").find("window_months: missing"), std::string::npos);
  EXPECT_NE(ErrorOf("[1, 2]").find("must be a JSON object"), std::string::npos);
  EXPECT_NE(ErrorOf("{\"window_months\": ").find("not valid JSON"), std::string::npos);
}

TEST(RfgvFileTest, RefusesAMatrixTheCoreRefuses) {
  core::panel::RfgvConfig overlapping = core::panel::DefaultRfgvConfig();
  overlapping.recency = {{0, 5, 4}, {3, 8, 3}};
  const std::string error = ErrorOf(RfgvConfigJson(overlapping));
  EXPECT_NE(error.find("the matrix"), std::string::npos) << error;
  EXPECT_NE(error.find("recency"), std::string::npos) << error;
}

TEST(RfgvFileTest, AMissingFileIsNotFoundAndNamed) {
  auto config = ReadRfgvConfig("/nonexistent/rfgv.json");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, Code::kNotFound);
  EXPECT_NE(config.error().message.find("/nonexistent/rfgv.json"), std::string::npos);
}

}  // namespace
}  // namespace tandem::node::panel
