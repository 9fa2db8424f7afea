#include "core/matching/linkage_quality.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace tandem::core::matching {
namespace {

// Person A: police P1 and P3, nhs N1, housing H1. Person B: police P2, nhs N2.
// Person C: nhs N3 only. Person D: housing H2 only.
// Cross-agency true pairs: police/nhs P1-N1, P3-N1, P2-N2 (3); housing/police H1-P1, H1-P3 (2);
// housing/nhs H1-N1 (1): 6 in all. P1-P3 is within police and is not counted.
constexpr std::string_view kTruthCsv =
    "agency,record_id,person_id\n"
    "police,P1,A\n"
    "police,P2,B\n"
    "police,P3,A\n"
    "nhs,N1,A\n"
    "nhs,N2,B\n"
    "nhs,N3,C\n"
    "housing,H1,A\n"
    "housing,H2,D\n";

constexpr std::string_view kLinksCsv =
    "agency_a,record_a,agency_b,record_b,band,weight\n"
    "police,P1,nhs,N1,auto,25.1\n"         // TP police/nhs
    "nhs,N1,police,P1,review,9.5\n"        // the same pair reversed: counted once, as auto
    "police,P2,nhs,N2,review,8\n"          // TP in auto+review only
    "police,P1,police,P3,auto,30\n"        // within police: ignored
    "police,P2,nhs,N3,auto,21\n"           // FP police/nhs
    "housing,H1,nhs,N1,auto,19.75\n"       // TP housing/nhs
    "housing,H2,police,P1,non-match,-4\n"  // predicted by neither selection
    "police,P1,nhs,N1,auto,25.1\n";        // repeated again

std::vector<TruthRecord> Truth() {
  std::istringstream in{std::string(kTruthCsv)};
  auto truth = ParseTruthCsv(in);
  EXPECT_TRUE(truth.has_value()) << truth.error().message;
  return *truth;
}

std::vector<Link> Links() {
  std::istringstream in{std::string(kLinksCsv)};
  auto links = ParseLinksCsv(in);
  EXPECT_TRUE(links.has_value()) << links.error().message;
  return *links;
}

LinkageQuality Measured() {
  auto quality = MeasureLinkageQuality(Links(), Truth());
  EXPECT_TRUE(quality.has_value()) << quality.error().message;
  return *quality;
}

void ExpectCounts(const PairCounts& counts, std::uint64_t tp, std::uint64_t fp, std::uint64_t fn) {
  EXPECT_EQ(counts.true_positives, tp);
  EXPECT_EQ(counts.false_positives, fp);
  EXPECT_EQ(counts.false_negatives, fn);
}

TEST(LinkageQualityTest, ParsesBothFilesWithLineNumbers) {
  const std::vector<Link> links = Links();
  ASSERT_EQ(links.size(), 8U);
  EXPECT_EQ(links[0].agency_a, "police");
  EXPECT_EQ(links[0].record_b, "N1");
  EXPECT_EQ(links[0].band, Band::kAutoMatch);
  EXPECT_DOUBLE_EQ(links[0].weight, 25.1);
  EXPECT_EQ(links[0].line, 2);
  EXPECT_EQ(links[6].band, Band::kNonMatch);
  EXPECT_DOUBLE_EQ(links[6].weight, -4.0);
  const std::vector<TruthRecord> truth = Truth();
  ASSERT_EQ(truth.size(), 8U);
  EXPECT_EQ(truth[7].agency, "housing");
  EXPECT_EQ(truth[7].person_id, "D");
  EXPECT_EQ(truth[7].line, 9);
}

TEST(LinkageQualityTest, CountsOnlyCrossAgencyTruePairs) {
  const LinkageQuality quality = Measured();
  EXPECT_EQ(quality.truth_records, 8U);
  EXPECT_EQ(quality.people, 4U);
  EXPECT_EQ(quality.true_pairs, 6U);
}

TEST(LinkageQualityTest, IgnoresIntraAgencyLinksAndCountsRepeatedPairsOnce) {
  const LinkageQuality quality = Measured();
  EXPECT_EQ(quality.links_read, 8U);
  EXPECT_EQ(quality.intra_agency_links, 1U);
  EXPECT_EQ(quality.repeated_links, 2U);
  EXPECT_EQ(quality.non_match_pairs, 1U);
}

TEST(LinkageQualityTest, MeasuresTheAutoBand) {
  const LinkageQuality quality = Measured();
  // Predicted: P1-N1 (true), P2-N3 (false), H1-N1 (true). True pairs: 6.
  ExpectCounts(quality.auto_only.overall, 2, 1, 4);
  EXPECT_NEAR(*quality.auto_only.overall.Precision(), 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(*quality.auto_only.overall.Recall(), 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(*quality.auto_only.overall.F1(), 4.0 / 9.0, 1e-12);
}

TEST(LinkageQualityTest, MeasuresAutoPlusReview) {
  const LinkageQuality quality = Measured();
  ExpectCounts(quality.auto_and_review.overall, 3, 1, 3);
  EXPECT_NEAR(*quality.auto_and_review.overall.Precision(), 0.75, 1e-12);
  EXPECT_NEAR(*quality.auto_and_review.overall.Recall(), 0.5, 1e-12);
  EXPECT_NEAR(*quality.auto_and_review.overall.F1(), 0.6, 1e-12);
}

TEST(LinkageQualityTest, BreaksDownByUnorderedAgencyPair) {
  const LinkageQuality quality = Measured();
  const auto& pairs = quality.auto_only.by_agency_pair;
  ASSERT_EQ(pairs.size(), 3U);
  EXPECT_EQ(pairs[0].agency_a, "housing");
  EXPECT_EQ(pairs[0].agency_b, "nhs");
  ExpectCounts(pairs[0].counts, 1, 0, 0);
  EXPECT_EQ(pairs[1].agency_a, "housing");
  EXPECT_EQ(pairs[1].agency_b, "police");
  ExpectCounts(pairs[1].counts, 0, 0, 2);
  EXPECT_FALSE(pairs[1].counts.Precision().has_value());  // nothing predicted
  EXPECT_EQ(*pairs[1].counts.Recall(), 0.0);
  EXPECT_FALSE(pairs[1].counts.F1().has_value());
  EXPECT_EQ(pairs[2].agency_a, "nhs");
  EXPECT_EQ(pairs[2].agency_b, "police");
  ExpectCounts(pairs[2].counts, 1, 1, 2);
  const auto& with_review = quality.auto_and_review.by_agency_pair;
  ASSERT_EQ(with_review.size(), 3U);
  ExpectCounts(with_review[2].counts, 2, 1, 1);
}

TEST(LinkageQualityTest, UndefinedMeasuresWhenThereIsNothingToCount) {
  const PairCounts none;
  EXPECT_FALSE(none.Precision().has_value());
  EXPECT_FALSE(none.Recall().has_value());
  EXPECT_FALSE(none.F1().has_value());
  const PairCounts all_wrong{.true_positives = 0, .false_positives = 3, .false_negatives = 2};
  EXPECT_EQ(*all_wrong.Precision(), 0.0);
  EXPECT_EQ(*all_wrong.F1(), 0.0);
}

TEST(LinkageQualityTest, RefusesALinkToARecordMissingFromTheTruth) {
  std::vector<Link> links = Links();
  links.push_back({.agency_a = "police",
                   .record_a = "P1",
                   .agency_b = "probation",
                   .record_b = "SECRET-ID-77",
                   .band = Band::kAutoMatch,
                   .weight = 20,
                   .line = 10});
  const auto quality = MeasureLinkageQuality(links, Truth());
  ASSERT_FALSE(quality.has_value());
  EXPECT_EQ(quality.error().code, Code::kInvalidArgument);
  EXPECT_NE(quality.error().message.find("links line 10"), std::string::npos);
  EXPECT_NE(quality.error().message.find("record_b of agency probation"), std::string::npos);
  EXPECT_EQ(quality.error().message.find("SECRET-ID-77"), std::string::npos);
}

TEST(LinkageQualityTest, RefusesARecordGivenTwoPeople) {
  std::vector<TruthRecord> truth = Truth();
  truth.push_back({.agency = "nhs", .record_id = "N1", .person_id = "B", .line = 10});
  const auto evaluator = LinkageEvaluator::Create(truth);
  ASSERT_FALSE(evaluator.has_value());
  EXPECT_NE(evaluator.error().message.find("truth line 10"), std::string::npos);
  EXPECT_NE(evaluator.error().message.find("truth line 5"), std::string::npos);
}

TEST(LinkageQualityTest, CountsARepeatedTruthRowOnce) {
  std::vector<TruthRecord> truth = Truth();
  truth.push_back(truth[0]);
  const auto quality = MeasureLinkageQuality(Links(), truth);
  ASSERT_TRUE(quality.has_value());
  EXPECT_EQ(quality->truth_records, 8U);
  EXPECT_EQ(quality->true_pairs, 6U);
}

TEST(LinkageQualityTest, CountsTruePairsOfLargeGroupsWithoutListingThem) {
  // One person with 300 records at each of three agencies: 3 * 300 * 300 true pairs.
  std::vector<TruthRecord> truth;
  for (const char* agency : {"police", "nhs", "housing"}) {
    for (int i = 0; i < 300; ++i) {
      truth.push_back({.agency = agency, .record_id = std::to_string(i), .person_id = "X"});
    }
  }
  const auto quality = MeasureLinkageQuality({}, truth);
  ASSERT_TRUE(quality.has_value());
  EXPECT_EQ(quality->true_pairs, 270000U);
  ExpectCounts(quality->auto_only.overall, 0, 0, 270000);
  EXPECT_EQ(quality->auto_only.by_agency_pair.size(), 3U);
}

TEST(LinkageQualityTest, FormatsATableWithFourDecimals) {
  const std::string table = FormatLinkageQuality(Measured());
  EXPECT_NE(table.find("truth: 8 records, 4 people, 6 true pairs"), std::string::npos) << table;
  EXPECT_NE(table.find("band: auto\n"), std::string::npos) << table;
  EXPECT_NE(table.find("band: auto+review\n"), std::string::npos) << table;
  EXPECT_NE(table.find("0.6667     0.3333     0.4444"), std::string::npos) << table;
  EXPECT_NE(table.find("0.7500     0.5000     0.6000"), std::string::npos) << table;
  EXPECT_NE(table.find("housing / police"), std::string::npos) << table;
  EXPECT_NE(table.find("n/a"), std::string::npos) << table;
}

Status ParseLinksError(const std::string& text) {
  std::istringstream in(text);
  const auto links = ParseLinksCsv(in);
  if (links.has_value()) return Ok();
  return tl::unexpected(links.error());
}

std::string LinksErrorMessage(const std::string& body) {
  const Status status = ParseLinksError("agency_a,record_a,agency_b,record_b,band,weight\n" + body);
  EXPECT_FALSE(status.has_value()) << body;
  return status.has_value() ? "" : status.error().message;
}

TEST(LinkageCsvTest, ReportsLinksErrorsWithLineNumbers) {
  EXPECT_EQ(LinksErrorMessage("police,P1,nhs,N1,auto,1\npolice,P1,nhs,N1,auto\n"),
            "line 3: expected 6 fields, found 5");
  EXPECT_EQ(LinksErrorMessage("police,P1,nhs,,auto,1\n"), "line 2: column record_b is empty");
  EXPECT_EQ(LinksErrorMessage("police,P1,nhs,N1,maybe,1\n"),
            "line 2: column band: 'maybe' is not a band (auto, review or non-match)");
  EXPECT_EQ(LinksErrorMessage("police,P1,nhs,N1,auto,1.5x\n"),
            "line 2: column weight: '1.5x' is not a finite number");
  EXPECT_EQ(LinksErrorMessage("police,P1,nhs,N1,auto,inf\n"),
            "line 2: column weight: 'inf' is not a finite number");
  EXPECT_EQ(LinksErrorMessage("\n\npolice,\"P1,nhs,N1,auto,1\n"),
            "line 4: field 2: the quote is never closed");
  EXPECT_EQ(LinksErrorMessage("police,P\"1,nhs,N1,auto,1\n"),
            "line 2: field 2: a quote inside an unquoted field (enclose the field in quotes)");
}

TEST(LinkageCsvTest, RefusesAMissingOrWrongHeader) {
  std::istringstream empty("");
  EXPECT_EQ(ParseLinksCsv(empty).error().message,
            "line 1: the file is empty; expected the header "
            "'agency_a,record_a,agency_b,record_b,band,weight'");
  std::istringstream wrong("agency,record_id,person_id\npolice,P1,A\n");
  EXPECT_EQ(ParseLinksCsv(wrong).error().message,
            "line 1: expected the header 'agency_a,record_a,agency_b,record_b,band,weight'");
  std::istringstream truth_wrong("agency,record,person\n");
  EXPECT_EQ(ParseTruthCsv(truth_wrong).error().message,
            "line 1: expected the header 'agency,record_id,person_id'");
}

TEST(LinkageCsvTest, ReportsTruthErrorsWithLineNumbers) {
  std::istringstream short_row("agency,record_id,person_id\npolice,P1,A\npolice,P2\n");
  EXPECT_EQ(ParseTruthCsv(short_row).error().message, "line 3: expected 3 fields, found 2");
  std::istringstream empty_person("agency,record_id,person_id\npolice,P1,\n");
  EXPECT_EQ(ParseTruthCsv(empty_person).error().message, "line 2: column person_id is empty");
}

TEST(LinkageCsvTest, AcceptsQuotesCrlfBlankLinesAndAByteOrderMark) {
  std::istringstream in(
      "\xEF\xBB\xBF"
      "agency,record_id,person_id\r\n"
      "\"police\",\"P,1\",\"A \"\"x\"\"\"\r\n"
      "\r\n"
      "nhs,N1,A\r\n");
  const auto truth = ParseTruthCsv(in);
  ASSERT_TRUE(truth.has_value()) << truth.error().message;
  ASSERT_EQ(truth->size(), 2U);
  EXPECT_EQ((*truth)[0].record_id, "P,1");
  EXPECT_EQ((*truth)[0].person_id, "A \"x\"");
  EXPECT_EQ((*truth)[1].agency, "nhs");
  EXPECT_EQ((*truth)[1].line, 4);
}

TEST(LinkageCsvTest, ReadsTheReviewedPairsSkippingThoseNotReviewed) {
  std::istringstream in(
      "agency_a,record_a,agency_b,record_b,band,weight,explanation,same_person\n"
      "police,P1,nhs,N1,auto,40.5,\"auto: weight 40.50, P(match) 1.0000; agreed pnc_id +20.80\","
      "yes\n"
      "police,P2,nhs,N2,review,17.25,\"review: weight 17.25\",\n"
      "police,P3,nhs,N3,review,16.5,\"review: weight 16.50\",no\r\n");
  const auto reviewed = ParseReviewedPairsCsv(in);
  ASSERT_TRUE(reviewed.has_value()) << reviewed.error().message;
  ASSERT_EQ(reviewed->size(), 2U);
  EXPECT_EQ((*reviewed)[0].weight, 40.5);
  EXPECT_TRUE((*reviewed)[0].same_person);
  EXPECT_EQ((*reviewed)[1].weight, 16.5);
  EXPECT_FALSE((*reviewed)[1].same_person);
}

TEST(LinkageCsvTest, ReportsReviewedPairErrorsWithLineNumbers) {
  const auto error = [](const std::string& rows) {
    std::istringstream in(std::string(kReviewedPairsHeader) + "\n" + rows);
    const auto reviewed = ParseReviewedPairsCsv(in);
    return reviewed.has_value() ? std::string() : reviewed.error().message;
  };
  EXPECT_EQ(error("police,P1,nhs,N1,auto,40,x,maybe\n"),
            "line 2: column same_person: 'maybe' is not a decision (yes, no, or empty when the "
            "pair was not reviewed)");
  EXPECT_EQ(error("police,P1,nhs,N1,auto,4o,x,yes\n"),
            "line 2: column weight: '4o' is not a finite number");
  EXPECT_EQ(error("police,P1,nhs,N1,auto,40,x\n"), "line 2: expected 8 fields, found 7");
  EXPECT_EQ(error("police,P1,nhs,N1,auto,40,,yes\n"), "line 2: column explanation is empty");
  std::istringstream unreviewed(std::string(kExplanationsHeader) +
                                "\npolice,P1,nhs,N1,auto,40,x\n");
  EXPECT_EQ(ParseReviewedPairsCsv(unreviewed).error().message,
            "line 1: expected the header '" + std::string(kReviewedPairsHeader) + "'");
}

TEST(LinkageCsvTest, StreamsLinksIntoAnEvaluator) {
  auto evaluator = LinkageEvaluator::Create(Truth());
  ASSERT_TRUE(evaluator.has_value());
  std::istringstream in{std::string(kLinksCsv)};
  const Status read = ReadLinksCsv(in, [&](const Link& link) { return evaluator->Add(link); });
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ExpectCounts(evaluator->Measure().auto_only.overall, 2, 1, 4);
}

}  // namespace
}  // namespace tandem::core::matching
