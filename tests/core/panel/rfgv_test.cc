#include "core/panel/rfgv.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/core/panel/panel_test_support.h"

namespace tandem::core::panel {
namespace {

using testing::D;
using testing::Occ;

std::vector<Occurrence> History() {
  return {
      Occ("OC1", "COMMON_ASSAULT", "2025-03-10", true, "V1"),
      Occ("OC2", "ABH", "2025-12-05", true, "V1"),
      Occ("OC3", "NON_FATAL_STRANGULATION", "2026-09-20", true, "V2"),
      Occ("OC4", "THEFT_SHOP", "2026-10-01", false),                          // not domestic
      Occ("OC5", "ABH", "2024-06-01", true, "V3"),                            // before the window
      Occ("OC6", "COMMON_ASSAULT", "2026-10-10", true, "V9", Role::kVictim),  // a victim here
  };
}

TEST(RfgvTest, ScoresAHandBuiltHistoryWithKnownPointsOnEachDimension) {
  const std::vector<Occurrence> history = History();
  Result<RfgvScore> score =
      ScoreRfgv(history, D("2026-11-01"), DefaultRfgvConfig(), OffenceTable::Approximate());
  ASSERT_TRUE(score.has_value()) << score.error().message;
  EXPECT_EQ(score->recency, 4);    // 1 whole month since OC3
  EXPECT_EQ(score->frequency, 2);  // 3 incidents
  EXPECT_EQ(score->gravity, 4);    // strangulation, 365 CCHI days
  EXPECT_EQ(score->victims, 3);    // V1 and V2
  EXPECT_EQ(score->total, 13);
  EXPECT_TRUE(score->above_threshold);
  EXPECT_TRUE(score->serial);  // V1, V2 and V3 within 36 months
  EXPECT_EQ(score->counted_occurrence_ids, (std::vector<std::string>{"OC1", "OC2", "OC3"}));
}

TEST(RfgvTest, ExplainsWhichIncidentsGaveWhichPoints) {
  const std::vector<Occurrence> history = History();
  Result<RfgvScore> score =
      ScoreRfgv(history, D("2026-11-01"), DefaultRfgvConfig(), OffenceTable::Approximate());
  ASSERT_TRUE(score.has_value());
  ASSERT_EQ(score->explanation.size(), 4u);
  const RfgvLine& recency = score->explanation[0];
  EXPECT_EQ(recency.dimension, RfgvDimension::kRecency);
  EXPECT_EQ(recency.value, 1);
  EXPECT_EQ(recency.occurrence_ids, std::vector<std::string>{"OC3"});
  EXPECT_NE(recency.text.find("OC3"), std::string::npos) << recency.text;
  EXPECT_NE(recency.text.find("4 point"), std::string::npos) << recency.text;
  const RfgvLine& frequency = score->explanation[1];
  EXPECT_EQ(frequency.value, 3);
  EXPECT_EQ(frequency.occurrence_ids.size(), 3u);
  const RfgvLine& gravity = score->explanation[2];
  EXPECT_EQ(gravity.value, 365);
  EXPECT_EQ(gravity.occurrence_ids, std::vector<std::string>{"OC3"});
  EXPECT_NE(gravity.text.find("NON_FATAL_STRANGULATION"), std::string::npos);
  const RfgvLine& victims = score->explanation[3];
  EXPECT_EQ(victims.value, 2);
  EXPECT_EQ(victims.occurrence_ids, (std::vector<std::string>{"OC1", "OC3"}));
  EXPECT_NE(victims.text.find("serial"), std::string::npos) << victims.text;
  // No explanation ever carries a victim reference.
  for (const RfgvLine& line : score->explanation) {
    EXPECT_EQ(line.text.find("V1"), std::string::npos) << line.text;
  }
}

TEST(RfgvTest, ScoresNothingWithoutAnIncidentInTheWindowAndSaysSo) {
  const std::vector<Occurrence> history = {Occ("OC5", "ABH", "2024-06-01", true, "V3")};
  Result<RfgvScore> score =
      ScoreRfgv(history, D("2026-11-01"), DefaultRfgvConfig(), OffenceTable::Approximate());
  ASSERT_TRUE(score.has_value());
  EXPECT_EQ(score->total, 0);
  EXPECT_FALSE(score->above_threshold);
  ASSERT_EQ(score->explanation.size(), 4u);
  EXPECT_NE(score->explanation[0].text.find("no domestic abuse incident"), std::string::npos);
}

TEST(RfgvTest, WindowExcludesItsFirstDayAndIncludesTheReferenceDate) {
  const std::vector<Occurrence> history = {
      Occ("OC1", "ABH", "2024-11-01", true, "V1"), Occ("OC2", "ABH", "2024-11-02", true, "V1"),
      Occ("OC3", "ABH", "2026-11-01", true, "V1"),
      Occ("OC4", "ABH", "2026-11-02", true, "V1"),  // after the reference date
  };
  Result<RfgvScore> score =
      ScoreRfgv(history, D("2026-11-01"), DefaultRfgvConfig(), OffenceTable::Approximate());
  ASSERT_TRUE(score.has_value());
  EXPECT_EQ(score->counted_occurrence_ids, (std::vector<std::string>{"OC2", "OC3"}));
  EXPECT_EQ(score->recency, 4);  // 0 months
}

TEST(RfgvTest, UsesTheConfiguredTableNotFixedWeights) {
  RfgvConfig config = DefaultRfgvConfig();
  config.gravity = {{1, 1000000, 9}};
  config.threshold = 9;
  const std::vector<Occurrence> history = {Occ("OC1", "COMMON_ASSAULT", "2025-01-01", true)};
  Result<RfgvScore> score =
      ScoreRfgv(history, D("2026-11-01"), config, OffenceTable::Approximate());
  ASSERT_TRUE(score.has_value());
  EXPECT_EQ(score->gravity, 9);
  EXPECT_EQ(score->victims, 0);  // the incident names no victim
  EXPECT_NE(score->explanation[3].text.find("name no victim"), std::string::npos);
  EXPECT_TRUE(score->above_threshold);
}

TEST(RfgvTest, RefusesAnOffenceCodeOutsideTheTableNamingTheOccurrence) {
  const std::vector<Occurrence> history = {Occ("OC77", "JAYWALKING", "2026-01-01", true)};
  Result<RfgvScore> score =
      ScoreRfgv(history, D("2026-11-01"), DefaultRfgvConfig(), OffenceTable::Approximate());
  ASSERT_FALSE(score.has_value());
  EXPECT_EQ(score.error().code, Code::kInvalidArgument);
  EXPECT_NE(score.error().message.find("OC77"), std::string::npos);
  EXPECT_NE(score.error().message.find("JAYWALKING"), std::string::npos);
}

TEST(RfgvTest, RefusesOverlappingBandsNamingTheDimension) {
  RfgvConfig config = DefaultRfgvConfig();
  config.frequency = {{1, 3, 1}, {3, 5, 2}};
  Status status = ValidateRfgvConfig(config);
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().message.find("frequency"), std::string::npos);
  EXPECT_NE(status.error().message.find("overlaps"), std::string::npos);
  config = DefaultRfgvConfig();
  config.window_months = 0;
  EXPECT_FALSE(ValidateRfgvConfig(config).has_value());
  config = DefaultRfgvConfig();
  config.recency = {{5, 2, 1}};
  EXPECT_FALSE(ValidateRfgvConfig(config).has_value());
  EXPECT_TRUE(ValidateRfgvConfig(DefaultRfgvConfig()).has_value());
}

}  // namespace
}  // namespace tandem::core::panel
