#include "agency-adapters/internal/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace tandem::adapters::internal {
namespace {

using Rows = std::vector<CsvRow>;

// Every row of `text`, or the error that stopped the reading.
Result<Rows> ReadRows(const std::string& text, CsvLimits limits = {}) {
  std::istringstream in(text);
  CsvReader reader(in, limits);
  Rows rows;
  for (;;) {
    CsvRow row;
    auto more = reader.Next(row);
    if (!more) return tl::unexpected(more.error());
    if (!*more) return rows;
    rows.push_back(std::move(row));
  }
}

std::vector<std::string> Fields(const std::string& line) {
  auto rows = ReadRows(line);
  EXPECT_TRUE(rows) << rows.error().message;
  if (!rows || rows->empty()) return {};
  return rows->front().fields;
}

TEST(CsvReaderTest, SplitsPlainFieldsAndKeepsTheirSpaces) {
  EXPECT_EQ(Fields("a, b ,c\n"), (std::vector<std::string>{"a", " b ", "c"}));
}

TEST(CsvReaderTest, KeepsEmptyFields) {
  EXPECT_EQ(Fields(",,\n"), (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(Fields("a,\n"), (std::vector<std::string>{"a", ""}));
}

TEST(CsvReaderTest, ReadsQuotedCommasAndDoubledQuotes) {
  EXPECT_EQ(Fields("\"12 Kings Road, Poole\",\"say \"\"hi\"\"\",\"\"\n"),
            (std::vector<std::string>{"12 Kings Road, Poole", "say \"hi\"", ""}));
}

TEST(CsvReaderTest, ToleratesSpacesAroundAQuotedValue) {
  EXPECT_EQ(Fields("a,  \"b, c\"  ,d\n"), (std::vector<std::string>{"a", "b, c", "d"}));
}

TEST(CsvReaderTest, TracksThePhysicalLineWhereEachRowStarts) {
  auto rows = ReadRows("h1,h2\n\"multi\nline\",x\nnext,row\n");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].line, 1u);
  EXPECT_EQ((*rows)[1].line, 2u);
  EXPECT_EQ((*rows)[1].fields[0], "multi\nline");
  EXPECT_EQ((*rows)[2].line, 4u);
}

TEST(CsvReaderTest, ReadsCrlfLineEndsIncludingInsideQuotes) {
  auto rows = ReadRows("a,b\r\n\"x\r\ny\",z\r\nlast,one");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*rows)[1].fields[0], "x\ny");
  EXPECT_EQ((*rows)[2].line, 4u);
  EXPECT_EQ((*rows)[2].fields, (std::vector<std::string>{"last", "one"}));
}

TEST(CsvReaderTest, KeepsTheRawRowWithoutItsLineEnd) {
  auto rows = ReadRows("a,\"b,c\"\r\nd,e\n");
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)[0].raw, "a,\"b,c\"");
  EXPECT_EQ((*rows)[1].raw, "d,e");
}

TEST(CsvReaderTest, SkipsAUtf8ByteOrderMark) {
  EXPECT_EQ(Fields("\xEF\xBB\xBFnominal_id,surname\n"),
            (std::vector<std::string>{"nominal_id", "surname"}));
}

TEST(CsvReaderTest, ReadsUtf8Names) {
  EXPECT_EQ(Fields("Zo\xC3\xAB,\xC5\x81ukasz\n"),
            (std::vector<std::string>{"Zo\xC3\xAB", "\xC5\x81ukasz"}));
}

TEST(CsvReaderTest, ReturnsNoRowForAnEmptyFile) {
  auto rows = ReadRows("");
  ASSERT_TRUE(rows);
  EXPECT_TRUE(rows->empty());
  auto bom_only = ReadRows("\xEF\xBB\xBF");
  ASSERT_TRUE(bom_only);
  EXPECT_TRUE(bom_only->empty());
}

TEST(CsvReaderTest, ToleratesBlankLinesAtTheEnd) {
  auto rows = ReadRows("a,b\nc,d\n\n\r\n  \n");
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->size(), 2u);
}

TEST(CsvReaderTest, ReadsALastRowWithoutALineEnd) {
  auto rows = ReadRows("a,b\nc,d");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"c", "d"}));
}

TEST(CsvReaderTest, RejectsUnterminatedQuoteNamingTheLineWhereItOpened) {
  auto rows = ReadRows("a,b\nc,\"never closed\nmore\nlines\n");
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, Code::kInvalidArgument);
  EXPECT_NE(rows.error().message.find("line 2, column 2"), std::string::npos)
      << rows.error().message;
  EXPECT_NE(rows.error().message.find("never closed"), std::string::npos);
}

TEST(CsvReaderTest, RejectsAFieldOfAMegabyteNamingLineAndColumn) {
  std::string text = "a,b\nx,";
  text.append(std::size_t{1024} * 1024, 'y');
  text += "\n";
  auto rows = ReadRows(text);
  ASSERT_FALSE(rows);
  EXPECT_NE(rows.error().message.find("line 2, column 2"), std::string::npos)
      << rows.error().message;
  EXPECT_NE(rows.error().message.find("longer than 65536 bytes"), std::string::npos);
}

TEST(CsvReaderTest, RejectsAnOpenQuoteThatSwallowsTheFileAtTheFieldLimit) {
  std::string text = "a,b\n\"opened here,x\n";
  for (int i = 0; i < 5000; ++i) text += "row,with some text\n";
  auto rows = ReadRows(text, CsvLimits{.max_field_bytes = 4096, .max_row_bytes = 1 << 20});
  ASSERT_FALSE(rows);
  EXPECT_NE(rows.error().message.find("quote opened on line 2"), std::string::npos)
      << rows.error().message;
}

TEST(CsvReaderTest, RejectsARowOverTheRowLimit) {
  std::string text = "a\n";
  for (int i = 0; i < 100; ++i) text += "0123456789,";
  text += "\n";
  auto rows = ReadRows(text, CsvLimits{.max_field_bytes = 64, .max_row_bytes = 500});
  ASSERT_FALSE(rows);
  EXPECT_NE(rows.error().message.find("line 2"), std::string::npos) << rows.error().message;
  EXPECT_NE(rows.error().message.find("row is longer than 500 bytes"), std::string::npos);
}

TEST(CsvReaderTest, RejectsANulByteNamingTheLine) {
  auto rows = ReadRows(std::string("a,b\nc,d\ne,f\0g\n", 14));
  ASSERT_FALSE(rows);
  EXPECT_NE(rows.error().message.find("line 3, column 2"), std::string::npos)
      << rows.error().message;
  EXPECT_NE(rows.error().message.find("NUL"), std::string::npos);
}

TEST(CsvReaderTest, RejectsControlCharacters) {
  auto rows = ReadRows("a,b\nc,\x01\x02\x03\n");
  ASSERT_FALSE(rows);
  EXPECT_NE(rows.error().message.find("line 2"), std::string::npos) << rows.error().message;
  EXPECT_NE(rows.error().message.find("binary"), std::string::npos);
}

TEST(CsvReaderTest, RejectsInvalidUtf8NamingTheLine) {
  // Latin-1 "é" (0xE9) followed by ASCII is not UTF-8.
  auto rows = ReadRows("a,b\nc,d\nRen\xE9,x\n");
  ASSERT_FALSE(rows);
  EXPECT_NE(rows.error().message.find("line 3, column 1"), std::string::npos)
      << rows.error().message;
  EXPECT_NE(rows.error().message.find("UTF-8"), std::string::npos);
}

TEST(CsvReaderTest, RejectsOverlongAndSurrogateUtf8) {
  EXPECT_FALSE(ReadRows("\xC0\xAF\n"));          // overlong "/"
  EXPECT_FALSE(ReadRows("\xE0\x80\xAF\n"));      // overlong, three bytes
  EXPECT_FALSE(ReadRows("\xED\xA0\x80\n"));      // UTF-16 surrogate
  EXPECT_FALSE(ReadRows("\xF4\x90\x80\x80\n"));  // above U+10FFFF
  EXPECT_FALSE(ReadRows("ab\xC3"));              // cut short at end of file
}

TEST(CsvReaderTest, RejectsAUtf16File) {
  auto rows = ReadRows(std::string("\xFF\xFEn\0a\0", 6));
  ASSERT_FALSE(rows);
  EXPECT_NE(rows.error().message.find("UTF-16"), std::string::npos);
}

TEST(CsvReaderTest, ReportsAQuoteInsideAnUnquotedValueAsARowProblem) {
  auto rows = ReadRows("a,b\nO\"Brien,x\nnext,row\n");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  ASSERT_EQ((*rows)[1].problems.size(), 1u);
  EXPECT_EQ((*rows)[1].problems[0].column, 0u);
  EXPECT_TRUE((*rows)[2].problems.empty());
}

TEST(CsvReaderTest, ReportsTextAfterAClosingQuoteAsARowProblem) {
  auto rows = ReadRows("\"abc\"def,x\n");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ((*rows)[0].problems.size(), 1u);
  EXPECT_NE((*rows)[0].problems[0].reason.find("after its closing quote"), std::string::npos);
}

TEST(CsvReaderTest, StaysFailedAfterAnError) {
  std::istringstream in(std::string("a\nb\0\nc\n", 7));
  CsvReader reader(in);
  CsvRow row;
  ASSERT_TRUE(reader.Next(row));
  ASSERT_FALSE(reader.Next(row));
  EXPECT_FALSE(reader.Next(row));
}

TEST(CsvReaderTest, NamesColumnsOnceTheyAreKnown) {
  std::istringstream in(std::string("a,b\nc,d\0\n", 9));
  CsvReader reader(in);
  reader.set_column_names({"nominal_id", "surname"});
  CsvRow row;
  ASSERT_TRUE(reader.Next(row));
  auto second = reader.Next(row);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("line 2, column surname"), std::string::npos)
      << second.error().message;
}

TEST(CsvReaderTest, CountsTheBytesItRead) {
  std::istringstream in("\xEF\xBB\xBFh\nab,cd\n");
  CsvReader reader(in);
  CsvRow row;
  while (*reader.Next(row)) {
  }
  EXPECT_EQ(reader.bytes_read(), 11u);
}

TEST(CsvReaderTest, ReadsRowsThatCrossTheReadBuffer) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "row" + std::to_string(i) + ",\"quoted, value\"\n";
  auto rows = ReadRows(text);
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 20000u);
  EXPECT_EQ((*rows)[12345].fields, (std::vector<std::string>{"row12345", "quoted, value"}));
  EXPECT_EQ((*rows)[12345].line, 12346u);
}

}  // namespace
}  // namespace tandem::adapters::internal
