// Generate(): reproducible bytes, independent files, and clear errors for bad options or a
// failing sink.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/core/synth_test_support.h"

namespace tandem::core::synth {
namespace {

using testing::GenerateToStrings;
using testing::TestPartnership;

Options SmallOptions(std::uint64_t seed) {
  Options options;
  options.people = 300;
  options.seed = seed;
  return options;
}

TEST(SynthGeneratorTest, SameSeedGivesIdenticalBytes) {
  const auto first = GenerateToStrings(SmallOptions(3));
  const auto second = GenerateToStrings(SmallOptions(3));
  for (std::size_t f = 0; f < kOutputFileCount; ++f) {
    EXPECT_EQ(first.bytes[f], second.bytes[f]) << OutputFileName(static_cast<OutputFile>(f));
    EXPECT_GT(first.bytes[f].size(), 100u) << OutputFileName(static_cast<OutputFile>(f));
  }
}

TEST(SynthGeneratorTest, DifferentSeedsGiveDifferentData) {
  const auto a = GenerateToStrings(SmallOptions(3));
  const auto b = GenerateToStrings(SmallOptions(4));
  for (std::size_t f = 0; f < kOutputFileCount; ++f) {
    EXPECT_NE(a.bytes[f], b.bytes[f]) << OutputFileName(static_cast<OutputFile>(f));
  }
}

TEST(SynthGeneratorTest, AFileIsTheSameWhicheverOtherSinksAreSet) {
  const auto all = GenerateToStrings(SmallOptions(5));
  std::ostringstream truth;
  std::ostringstream idva;
  Sinks sinks;
  sinks.truth = &truth;
  sinks.idva_cases = &idva;
  auto summary = Generate(SmallOptions(5), sinks);
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(truth.str(), all.bytes[static_cast<std::size_t>(OutputFile::kTruth)]);
  EXPECT_EQ(idva.str(), all.bytes[static_cast<std::size_t>(OutputFile::kIdvaCases)]);
  EXPECT_EQ(summary->rows, all.summary.rows) << "rows are counted even for unset sinks";
}

TEST(SynthGeneratorTest, NoSinksStillCountsEverything) {
  auto summary = Generate(SmallOptions(5), Sinks{});
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->people, 300u);
  EXPECT_GT(summary->rows[static_cast<std::size_t>(OutputFile::kTruth)], 300u);
}

TEST(SynthGeneratorTest, PrefixOfAPopulationIsTheSameWhateverItsSize) {
  // Each person comes from their own streams, so the first people of a larger run are the
  // people of a smaller one: the first truth lines agree.
  const auto small = GenerateToStrings(SmallOptions(9));
  Options larger = SmallOptions(9);
  larger.people = 600;
  const auto large = GenerateToStrings(larger);
  const std::string& a = small.bytes[static_cast<std::size_t>(OutputFile::kTruth)];
  const std::string& b = large.bytes[static_cast<std::size_t>(OutputFile::kTruth)];
  const std::size_t cut = a.rfind("P0000250");
  ASSERT_NE(cut, std::string::npos);
  EXPECT_EQ(a.substr(0, cut), b.substr(0, cut));
}

TEST(SynthGeneratorTest, ReferenceDateBoundsTheData) {
  Options options = SmallOptions(2);
  options.reference_date = *Date::FromYmd(2021, 6, 30);
  const auto generated = GenerateToStrings(options);
  const std::string& occurrences =
      generated.bytes[static_cast<std::size_t>(OutputFile::kPoliceOccurrences)];
  const auto rows = testing::ParseCsv(occurrences);
  ASSERT_GT(rows.size(), 10u);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    EXPECT_LE(rows[r][5], "2021-06-30");
    EXPECT_GE(rows[r][4], "2013-01-01");
  }
}

TEST(SynthGeneratorTest, RejectsZeroPeople) {
  Options options;
  options.people = 0;
  auto result = Generate(options, Sinks{});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Code::kInvalidArgument);
  EXPECT_NE(result.error().message.find("people"), std::string::npos);
}

TEST(SynthGeneratorTest, RejectsMorePeopleThanTheReferencesCanNumber) {
  Options options;
  options.people = kMaxPeople + 1;
  auto result = Generate(options, Sinks{});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Code::kInvalidArgument);
}

TEST(SynthGeneratorTest, RejectsAReferenceDateBefore2019) {
  Options options;
  options.reference_date = *Date::FromYmd(2018, 12, 31);
  auto result = Generate(options, Sinks{});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Code::kInvalidArgument);
  EXPECT_NE(result.error().message.find("2018-12-31"), std::string::npos);
}

TEST(SynthGeneratorTest, ReportsASinkThatFailsByItsFileName) {
  std::ostream broken(nullptr);  // every write sets badbit
  Sinks sinks;
  sinks.housing_tenancies = &broken;
  auto result = Generate(SmallOptions(1), sinks);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Code::kUnavailable);
  EXPECT_NE(result.error().message.find("housing_tenancies.csv"), std::string::npos);
}

TEST(SynthGeneratorTest, FilesUseTheLineEndingsAndMarksOfTheirSystems) {
  const auto& bytes = TestPartnership().bytes;
  const std::string& nhs = bytes[static_cast<std::size_t>(OutputFile::kNhsMentalHealth)];
  EXPECT_EQ(nhs.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(nhs.find("marac_flag\r\n"), std::string::npos);
  const std::string& housing = bytes[static_cast<std::size_t>(OutputFile::kHousingTenancies)];
  EXPECT_NE(housing.find("asb_cases_open\r\n"), std::string::npos);
  const std::string& police = bytes[static_cast<std::size_t>(OutputFile::kPoliceNominals)];
  EXPECT_EQ(police.find('\r'), std::string::npos);
  EXPECT_EQ(police.substr(0, 10), "nominal_id");
}

TEST(SynthGeneratorTest, NamesOutputFiles) {
  EXPECT_EQ(OutputFileName(OutputFile::kPoliceNominals), "police_nominals.csv");
  EXPECT_EQ(OutputFileName(OutputFile::kIdvaCases), "idva_cases.csv");
  EXPECT_EQ(OutputFileName(OutputFile::kTruth), "truth.csv");
}

}  // namespace
}  // namespace tandem::core::synth
