// The local linkage pipeline on real exports: tokens through the threshold OPRF, and the whole
// of `tandem link` on a small synthetic partnership, measured against its ground truth.
#include "node/linkage/linkage.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/matching/linkage_quality.h"
#include "core/synth/generator.h"
#include "node/linkage/links_file.h"
#include "node/linkage/threshold_tokeniser.h"
#include "temp_dir.h"

namespace tandem::node::linkage {
namespace {

using core::matching::Band;
using testing::ReadWholeFile;
using testing::TempDir;
using testing::WriteWholeFile;

std::vector<std::span<const std::uint8_t>> Spans(const std::vector<std::string>& inputs) {
  std::vector<std::span<const std::uint8_t>> out;
  for (const auto& s : inputs) {
    out.emplace_back(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  }
  return out;
}

const std::vector<std::string> kInputs = {std::string("name_dob\0daniel\x1f"
                                                      "obrien",
                                                      22),
                                          std::string("name_dob\0daniel\x1f"
                                                      "obryan",
                                                      22),
                                          std::string("pnc_id\0"
                                                      "04/881234T",
                                                      17)};

TEST(ThresholdTokeniserTest, TokensAreDeterministicWhicheverHoldersAnswer) {
  auto tokeniser = ThresholdTokeniser::Create(3, 6);
  ASSERT_TRUE(tokeniser) << tokeniser.error().message;
  EXPECT_EQ(tokeniser->threshold(), 3u);
  EXPECT_EQ(tokeniser->holders(), 6u);
  const auto inputs = Spans(kInputs);
  auto first = tokeniser->Tokenise(inputs, 0);   // holders 1, 2, 3
  auto second = tokeniser->Tokenise(inputs, 4);  // holders 5, 6, 1
  ASSERT_TRUE(first && second);
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ(*first, *second);
  EXPECT_NE((*first)[0], (*first)[1]);  // one letter apart, unrelated tokens
  EXPECT_NE((*first)[0], (*first)[2]);
}

TEST(ThresholdTokeniserTest, AnotherPartnershipsKeyGivesOtherTokens) {
  auto ours = ThresholdTokeniser::Create();
  auto theirs = ThresholdTokeniser::Create();
  ASSERT_TRUE(ours && theirs);
  const auto inputs = Spans(kInputs);
  auto a = ours->Tokenise(inputs);
  auto b = theirs->Tokenise(inputs);
  ASSERT_TRUE(a && b);
  for (std::size_t i = 0; i < inputs.size(); ++i) EXPECT_NE((*a)[i], (*b)[i]);
}

TEST(ThresholdTokeniserTest, RefusesAnEmptyBatchAndABadKeyShape) {
  auto tokeniser = ThresholdTokeniser::Create();
  ASSERT_TRUE(tokeniser);
  EXPECT_FALSE(tokeniser->Tokenise({}));
  EXPECT_FALSE(ThresholdTokeniser::Create(4, 3));
}

// One small partnership for the whole suite: generating and linking it is the slow part.
class LinkageTest : public ::testing::Test {
 protected:
  static constexpr std::uint64_t kPeople = 1500;

  static void SetUpTestSuite() {
    dir_ = new TempDir();
    core::synth::Options options;
    options.people = kPeople;
    options.seed = 7;
    std::vector<std::ofstream> files;
    for (std::size_t i = 0; i < core::synth::kOutputFileCount; ++i) {
      files.emplace_back(*dir_ / std::string(core::synth::OutputFileName(
                                     static_cast<core::synth::OutputFile>(i))));
    }
    core::synth::Sinks sinks{&files[0], &files[1], &files[2], &files[3],
                             &files[4], &files[5], &files[6], &files[7]};
    ASSERT_TRUE(core::synth::Generate(options, sinks));
    for (auto& f : files) f.close();

    LinkOptions link;
    link.exports_dir = dir_->path();
    auto scored = RunLinkage(link);
    ASSERT_TRUE(scored) << scored.error().message;
    scored_ = new LinkReport(std::move(*scored));
    link.mode = LinkMode::kExactBaseline;
    auto baseline = RunLinkage(link);
    ASSERT_TRUE(baseline) << baseline.error().message;
    baseline_ = new LinkReport(std::move(*baseline));
  }
  static void TearDownTestSuite() {
    delete scored_;
    delete baseline_;
    delete dir_;
  }

  // Quality of `report`'s links, read back through the links file as linkage-quality reads it.
  static core::matching::LinkageQuality Quality(const LinkReport& report) {
    const auto links_path = *dir_ / "links.csv";
    EXPECT_TRUE(WriteLinksCsv(links_path, report.links));
    std::istringstream links_in(ReadWholeFile(links_path));
    auto links = core::matching::ParseLinksCsv(links_in);
    std::istringstream truth_in(ReadWholeFile(*dir_ / "truth.csv"));
    auto truth = core::matching::ParseTruthCsv(truth_in);
    EXPECT_TRUE(links && truth);
    auto quality = core::matching::MeasureLinkageQuality(*links, *truth);
    EXPECT_TRUE(quality) << quality.error().message;
    return *quality;
  }

  static TempDir* dir_;
  static LinkReport* scored_;
  static LinkReport* baseline_;
};

TempDir* LinkageTest::dir_ = nullptr;
LinkReport* LinkageTest::scored_ = nullptr;
LinkReport* LinkageTest::baseline_ = nullptr;

TEST_F(LinkageTest, ReadsEveryPersonRecordAndTokenisesEachValueOnce) {
  ASSERT_FALSE(scored_->refused);
  std::uint64_t records = 0;
  for (auto n : scored_->records) {
    EXPECT_GT(n, 0u);
    records += n;
  }
  std::istringstream truth_in(ReadWholeFile(*dir_ / "truth.csv"));
  EXPECT_EQ(records, core::matching::ParseTruthCsv(truth_in)->size());
  // The same person's values at several agencies are tokenised once.
  EXPECT_LT(scored_->distinct_values, scored_->key_values);
  EXPECT_EQ(scored_->distinct_tokens, scored_->distinct_values);
  EXPECT_GT(scored_->candidate_pairs, 0u);
}

TEST_F(LinkageTest, FitsTheModelOverEveryCrossAgencyPair) {
  ASSERT_TRUE(scored_->fit);
  EXPECT_TRUE(scored_->fit->corrected_for_blocking);
  const auto& model = scored_->fit->model;
  EXPECT_EQ(model.key_count(), scored_->key_names.size());
  EXPECT_LT(model.prior(), 0.01);  // matches are rare among all cross-agency pairs
  // Each family's strongest level is evidence for a match and its disagreement against (a
  // weaker level may never be a pair's best, e.g. swapped names, which also give name_dob).
  for (const auto& family : model.families()) {
    EXPECT_GT(family.m.front() / family.u.front(), 1.0) << family.family.name;
    EXPECT_LE(family.m.back() / family.u.back(), 1.0) << family.family.name;
  }
  ASSERT_TRUE(scored_->thresholds);
  EXPECT_GE(scored_->thresholds->auto_match, scored_->thresholds->review);
}

TEST_F(LinkageTest, AutoLinksArePreciseAndFindMostPairs) {
  const auto quality = Quality(*scored_);
  const auto& overall = quality.auto_only.overall;
  ASSERT_TRUE(overall.Precision() && overall.Recall());
  EXPECT_GE(*overall.Precision(), 0.98);
  EXPECT_GE(*overall.Recall(), 0.55);
  // Between the agencies that hold full names and dates of birth, nearly every pair links.
  const std::set<std::string> full = {"housing", "nhs", "police", "probation"};
  core::matching::PairCounts named;
  for (const auto& pair : quality.auto_only.by_agency_pair) {
    if (!full.count(pair.agency_a) || !full.count(pair.agency_b)) continue;
    named.true_positives += pair.counts.true_positives;
    named.false_positives += pair.counts.false_positives;
    named.false_negatives += pair.counts.false_negatives;
  }
  EXPECT_GE(*named.Precision(), 0.98);
  EXPECT_GE(*named.Recall(), 0.85);
  // Review adds recall.
  EXPECT_GT(*quality.auto_and_review.overall.Recall(), *overall.Recall());
}

TEST_F(LinkageTest, ScoringFindsMoreThanTheExactBaseline) {
  const auto scored = Quality(*scored_);
  const auto baseline = Quality(*baseline_);
  ASSERT_FALSE(baseline_->fit);
  for (const auto& link : baseline_->links) EXPECT_EQ(link.band, Band::kAutoMatch);
  EXPECT_GT(*scored.auto_only.overall.Recall(), *baseline.auto_only.overall.Recall() + 0.1);
}

TEST_F(LinkageTest, LinksNameRecordsByTheExportsOwnReferencesInAgencyOrder) {
  ASSERT_FALSE(scored_->links.empty());
  for (const auto& link : scored_->links) {
    EXPECT_LT(static_cast<int>(link.agency_a), static_cast<int>(link.agency_b));
    if (link.agency_a == core::AgencyKind::kPolice) EXPECT_EQ(link.record_a[0], 'N');
    if (link.agency_b == core::AgencyKind::kVictimAdvocacy) {
      EXPECT_EQ(link.record_b.rfind("IDVA-", 0), 0u);
    }
  }
}

TEST_F(LinkageTest, LinksFileHasTheHeaderAndNoNonMatches) {
  const auto path = *dir_ / "written.csv";
  ASSERT_TRUE(WriteLinksCsv(path, scored_->links));
  const std::string text = ReadWholeFile(path);
  EXPECT_EQ(text.rfind("agency_a,record_a,agency_b,record_b,band,weight\n", 0), 0u);
  EXPECT_EQ(text.find(",non-match,"), std::string::npos);
}

TEST_F(LinkageTest, ExplanationsNameKeyTypesOnly) {
  const auto path = *dir_ / "explanations.csv";
  ASSERT_TRUE(
      WriteExplanationsCsv(path, scored_->links, scored_->fit->model, *scored_->thresholds));
  const std::string text = ReadWholeFile(path);
  EXPECT_NE(text.find("agreed name at name_dob"), std::string::npos);
  EXPECT_NE(text.find(",non-match,"), std::string::npos);  // every candidate pair
}

TEST(LinkageRefusalTest, RefusesExportsWithABadRowAndLinksNothing) {
  TempDir dir;
  core::synth::Options options;
  options.people = 60;
  std::vector<std::ofstream> files;
  for (std::size_t i = 0; i < core::synth::kOutputFileCount; ++i) {
    files.emplace_back(
        dir / std::string(core::synth::OutputFileName(static_cast<core::synth::OutputFile>(i))));
  }
  core::synth::Sinks sinks{&files[0], &files[1], &files[2], &files[3],
                           &files[4], &files[5], &files[6], &files[7]};
  ASSERT_TRUE(core::synth::Generate(options, sinks));
  for (auto& f : files) f.close();
  std::string probation = ReadWholeFile(dir / "probation_cases.csv");
  probation += "X000001,,Smith,John,31/02/1985,Male,BH14 9QT,NONE,01/01/2020,,LOW,,0,0,\n";
  WriteWholeFile(dir / "probation_cases.csv", probation);

  LinkOptions link;
  link.exports_dir = dir.path();
  auto report = RunLinkage(link);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->refused);
  EXPECT_EQ(report->bad_rows, 1u);
  ASSERT_FALSE(report->first_problems.empty());
  EXPECT_NE(report->first_problems[0].find("probation_cases.csv"), std::string::npos);
  EXPECT_NE(report->first_problems[0].find("dob"), std::string::npos);
  EXPECT_TRUE(report->links.empty());
}

TEST(LinkageRefusalTest, NamesTheMissingExport) {
  TempDir dir;
  LinkOptions link;
  link.exports_dir = dir.path();
  auto report = RunLinkage(link);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, Code::kNotFound);
  EXPECT_NE(report.error().message.find("police_nominals.csv"), std::string::npos);

  link.exports_dir = dir / "nowhere";
  report = RunLinkage(link);
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find("does not exist"), std::string::npos);
}

TEST(LinkageRefusalTest, RefusesBandProbabilitiesOutOfOrder) {
  TempDir dir;
  LinkOptions link;
  link.exports_dir = dir.path();
  link.auto_probability = 0.5;
  link.review_probability = 0.9;
  auto report = RunLinkage(link);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, Code::kInvalidArgument);
}

}  // namespace
}  // namespace tandem::node::linkage
