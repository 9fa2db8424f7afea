#include "agency-adapters/offence_table_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace tandem::adapters {
namespace {

Result<core::OffenceTable> Parse(const std::string& text) {
  std::istringstream in(text);
  return ParseOffenceTable(in);
}

TEST(OffenceTableReaderTest, TheShippedApproximateFileIsTheApproximateTable) {
  auto table =
      ReadOffenceTable(std::string(TANDEM_SOURCE_DIR) + "/deploy/panel/offences.approximate.csv");
  ASSERT_TRUE(table.has_value()) << table.error().message;
  const auto expected = core::OffenceTable::Approximate().offences();
  ASSERT_EQ(table->offences().size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const core::Offence& got = table->offences()[i];
    EXPECT_EQ(got.code, expected[i].code);
    EXPECT_EQ(got.cchi_days, expected[i].cchi_days) << got.code;
    EXPECT_EQ(got.high_harm, expected[i].high_harm) << got.code;
    EXPECT_EQ(got.high_harm_when_domestic, expected[i].high_harm_when_domestic) << got.code;
  }
}

TEST(OffenceTableReaderTest, ReadsCodesDaysAndTheThreeHighHarmValues) {
  auto table = Parse(
      "\xEF\xBB\xBFoffence_code,cchi_days,high_harm\r\n"
      "8/1,3650,Y\r\n"
      "\r\n"
      " 105A , 10 ,domestic\r\n"
      "\"195/94\",0,N\r\n");
  ASSERT_TRUE(table.has_value()) << table.error().message;
  ASSERT_EQ(table->offences().size(), 3u);
  const core::Offence* murder = table->Find("8/1");
  ASSERT_NE(murder, nullptr);
  EXPECT_EQ(murder->cchi_days, 3650);
  EXPECT_TRUE(murder->high_harm);
  const core::Offence* assault = table->Find("105A");
  ASSERT_NE(assault, nullptr);
  EXPECT_EQ(assault->cchi_days, 10);
  EXPECT_FALSE(assault->high_harm);
  EXPECT_TRUE(assault->high_harm_when_domestic);
  const core::Offence* other = table->Find("195/94");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->cchi_days, 0);
  EXPECT_FALSE(other->high_harm || other->high_harm_when_domestic);
}

TEST(OffenceTableReaderTest, RefusesABrokenFileNamingTheLineAndColumn) {
  const std::string header = "offence_code,cchi_days,high_harm\n";
  struct Case {
    std::string text;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"", "the offence table file is empty"},
      {header, "lists no offence"},
      {"code,days,harm\nABH,182,Y\n",
       "line 1: the header must be offence_code,cchi_days,high_harm"},
      {header + "ABH,182\n", "line 2: 2 fields where the header has 3"},
      {header + "ABH,182,Y,extra\n", "line 2: 4 fields where the header has 3"},
      {header + "ABH,182,Y\nGBH,36501,Y\n",
       "line 3, column cchi_days: '36501' is outside the range"},
      {header + "ABH,1e3,Y\n", "line 2, column cchi_days: '1e3' is not a whole number"},
      {header + "ABH,-4,Y\n", "line 2, column cchi_days: '-4' is not a whole number"},
      {header + "ABH, ,Y\n", "line 2, column cchi_days: is empty"},
      {header + "ABH,182,\n", "line 2, column high_harm: '' is not one of Y, N, DOMESTIC"},
      {header + "ABH,182,YES\n", "line 2, column high_harm: 'YES' is not one of"},
      {header + "abh,182,Y\n", "line 2, column offence_code: an offence code is 1-32 characters"},
      {header + ",182,Y\n", "line 2, column offence_code: the offence code is empty"},
      {header + "ABH,182,Y\nGBH,365,Y\nABH,10,N\n",
       "line 4, column offence_code: ABH was already given on line 2"},
      {header + "ABH,1\"82,Y\n", "line 2, column cchi_days"},
      {header + "ABH,182,\"Y\n", "line 2"},
      {header + std::string("ABH,182,Y\0\n", 11), "line 2"},
      {header + "ABH,182,\xC3\x28\n", "line 2"},
  };
  for (const Case& c : cases) {
    auto table = Parse(c.text);
    ASSERT_FALSE(table.has_value()) << c.says;
    EXPECT_EQ(table.error().code, Code::kInvalidArgument) << c.says;
    EXPECT_NE(table.error().message.find(c.says), std::string::npos)
        << "expected '" << c.says << "' in: " << table.error().message;
  }
}

TEST(OffenceTableReaderTest, StopsAtTheRowPastTheLimitWithoutReadingTheRest) {
  std::string text = "offence_code,cchi_days,high_harm\n";
  for (std::size_t i = 0; i <= core::kMaxOffences; ++i) text += "C" + std::to_string(i) + ",1,N\n";
  auto table = Parse(text);
  ASSERT_FALSE(table.has_value());
  EXPECT_NE(table.error().message.find("line 20002: more than 20000 offences"), std::string::npos)
      << table.error().message;
}

TEST(OffenceTableReaderTest, AMissingFileIsNotFoundAndNamesTheFile) {
  const std::filesystem::path missing =
      std::filesystem::temp_directory_path() / "tandem-no-such-offence-table.csv";
  auto table = ReadOffenceTable(missing);
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().code, Code::kNotFound);
  EXPECT_NE(table.error().message.find(missing.string()), std::string::npos);
}

}  // namespace
}  // namespace tandem::adapters
