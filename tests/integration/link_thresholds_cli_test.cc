// `tandem link-thresholds` as an analyst runs it: thresholds chosen from reviewed pairs for
// target precisions, written into a copy of the match model, and clear errors for a bad file.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "node/linkage/match_model_file.h"
#include "tandem_process.h"
#include "tests/integration/match_model.h"
#include "tests/node/temp_dir.h"

namespace tandem {
namespace {

using testing::ReadWholeFile;
using testing::RunTandem;
using testing::TempDir;
using testing::WriteWholeFile;

constexpr char kHeader[] =
    "agency_a,record_a,agency_b,record_b,band,weight,explanation,same_person\n";

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Weights 10..1 decided T T F T T F F T F F, and two pairs nobody reviewed: "weight >= W" has
// precision 1, 1, .667, .75, .8, .667, .571, .625, .556, .5 for W = 10..1.
std::string Reviewed() {
  const std::string labels = "TTFTTFFTFF";
  std::string csv = kHeader;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string weight = std::to_string(10 - static_cast<int>(i));
    csv += "police,P" + std::to_string(i) + ",nhs,N" + std::to_string(i) + ",review," + weight +
           ",\"review: weight " + weight + "\"," + (labels[i] == 'T' ? "yes" : "no") + "\n";
  }
  csv += "police,P20,nhs,N20,review,7.5,\"review: weight 7.50\",\n";
  csv += "police,P21,nhs,N21,review,2.5,\"review: weight 2.50\",\n";
  return csv;
}

class LinkThresholdsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteWholeFile(dir_ / "match-model.json", testing::MatchModel());
    WriteWholeFile(dir_ / "reviewed.csv", Reviewed());
  }
  testing::ProcessResult Run(std::vector<std::string> extra) {
    std::vector<std::string> args = {"link-thresholds", "--reviewed",
                                     (dir_ / "reviewed.csv").string(), "--model",
                                     (dir_ / "match-model.json").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunTandem(args, {}, dir_.path());
  }
  TempDir dir_;
};

TEST_F(LinkThresholdsCliTest, WritesTheLowestThresholdsThatReachTheTargetsIntoTheModel) {
  const auto out = (dir_ / "chosen.json").string();
  const auto ran = Run({"--auto-precision", "0.8", "--review-precision", "0.6", "--out", out});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_TRUE(Has(ran.out, "Reviewed pairs: 10 (5 the same person, 5 not)")) << ran.out;
  EXPECT_TRUE(Has(ran.out, "auto   weight >= 6.00")) << ran.out;
  EXPECT_TRUE(Has(ran.out, "5 reviewed pairs at or above, 4 the same person, precision 0.8000"))
      << ran.out;
  EXPECT_TRUE(Has(ran.out, "review weight >= 3.00")) << ran.out;
  // The model's own auto threshold is far above 6: every pair from 6 up is newly automatic.
  EXPECT_TRUE(Has(ran.out, "newly automatic (6.00 to ")) << ran.out;
  EXPECT_TRUE(Has(ran.out, ": 5 reviewed pairs, 4 the same person, precision 0.8000")) << ran.out;
  // Five reviewed pairs cannot show 0.8 with 95% confidence.
  EXPECT_TRUE(Has(ran.out, "too few to show a target")) << ran.out;
  auto chosen = node::linkage::DecodeMatchModel(ReadWholeFile(out));
  ASSERT_TRUE(chosen) << chosen.error().message;
  EXPECT_EQ(chosen->thresholds.auto_match, 6.0);
  EXPECT_EQ(chosen->thresholds.review, 3.0);
  auto original = node::linkage::DecodeMatchModel(testing::MatchModel());
  ASSERT_TRUE(original);
  EXPECT_EQ(node::linkage::EncodeMatchModel({original->model, chosen->thresholds}),
            ReadWholeFile(out));  // only the thresholds changed
}

TEST_F(LinkThresholdsCliTest, SaysWhenNoThresholdReachesATargetAndWritesNothing) {
  const auto out = dir_ / "chosen.json";
  // A pair decided "no" above all the others: no threshold gives precision 1.
  WriteWholeFile(dir_ / "reviewed.csv", std::string(kHeader) + "police,P1,nhs,N1,auto,12,x,no\n" +
                                            Reviewed().substr(sizeof(kHeader) - 1));
  const auto ran = Run({"--auto-precision", "1", "--out", out.string()});
  EXPECT_EQ(ran.exit_code, 1);
  EXPECT_TRUE(Has(ran.err, "no threshold reaches precision 1.0000 on these 11 labelled pairs"))
      << ran.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(LinkThresholdsCliTest, RefusesABadFileNamingTheLineAndWritesNothing) {
  const auto out = dir_ / "chosen.json";
  WriteWholeFile(dir_ / "reviewed.csv", std::string(kHeader) + "police,P1,nhs,N1,auto,12,x,y\n");
  const auto bad = Run({"--out", out.string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(Has(bad.err, "reviewed.csv: line 2: column same_person: 'y' is not a decision"))
      << bad.err;
  EXPECT_FALSE(std::filesystem::exists(out));

  WriteWholeFile(dir_ / "match-model.json", "{}");
  WriteWholeFile(dir_ / "reviewed.csv", Reviewed());
  const auto no_model = Run({"--out", out.string()});
  EXPECT_EQ(no_model.exit_code, 2);
  EXPECT_TRUE(Has(no_model.err, "match-model.json")) << no_model.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace tandem
