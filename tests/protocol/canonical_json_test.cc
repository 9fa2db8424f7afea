#include "protocol/canonical_json.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace tandem::protocol {
namespace {

std::string ReadFile(const std::string& relative) {
  std::ifstream in(std::string(TANDEM_SOURCE_DIR) + "/tests/vectors/jcs/" + relative,
                   std::ios::binary);
  EXPECT_TRUE(in) << relative;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void ExpectRefused(std::string_view json, std::string_view reason_fragment) {
  auto result = Canonicalize(json);
  ASSERT_FALSE(result) << "accepted: " << json;
  EXPECT_EQ(result.error().code, Code::kInvalidArgument);
  EXPECT_NE(result.error().message.find(reason_fragment), std::string::npos)
      << result.error().message;
}

class JcsExampleTest : public testing::TestWithParam<const char*> {};

TEST_P(JcsExampleTest, CanonicalisesRfc8785ExampleToTheExactBytes) {
  const std::string name = GetParam();
  auto canonical = Canonicalize(ReadFile("input/" + name + ".json"));
  ASSERT_TRUE(canonical) << canonical.error().message;
  EXPECT_EQ(*canonical, ReadFile("output/" + name + ".json"));
  EXPECT_TRUE(IsCanonical(*canonical));
}

INSTANTIATE_TEST_SUITE_P(Rfc8785, JcsExampleTest,
                         testing::Values("arrays", "french", "structures", "unicode", "values",
                                         "weird"));

void CheckNumberFile(const std::string& file) {
  std::istringstream lines(ReadFile(file));
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const auto comma = line.find(',');
    ASSERT_EQ(comma, 16u) << line;
    const auto bits = std::stoull(line.substr(0, 16), nullptr, 16);
    const double value = std::bit_cast<double>(static_cast<std::uint64_t>(bits));
    const std::string expected = line.substr(17);
    auto text = FormatJsonNumber(value);
    ASSERT_TRUE(text) << line;
    EXPECT_EQ(*text, expected) << line;
    // The canonical text parses back to the same double and is itself canonical.
    auto again = Canonicalize(expected);
    ASSERT_TRUE(again) << line;
    EXPECT_EQ(*again, expected);
    ++count;
  }
  EXPECT_GT(count, 20);
}

TEST(JcsNumberTest, FormatsRfc8785AppendixBSamples) { CheckNumberFile("numbers.txt"); }

TEST(JcsNumberTest, FormatsLikeEcmaScriptForTwoThousandMoreDoubles) {
  CheckNumberFile("numbers_random.txt");
}

TEST(JcsNumberTest, WritesNegativeZeroAsZero) {
  EXPECT_EQ(*FormatJsonNumber(-0.0), "0");
  EXPECT_EQ(*Canonicalize("-0.0"), "0");
  EXPECT_EQ(*Canonicalize("[-0, 0e5, 1e-400]"), "[0,0,0]");
}

TEST(JcsNumberTest, RefusesNanAndInfinity) {
  EXPECT_FALSE(FormatJsonNumber(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(FormatJsonNumber(std::numeric_limits<double>::infinity()));
}

TEST(JcsNumberTest, SpellsIntegersWithoutExponentBelowTenToTheTwentyOne) {
  EXPECT_EQ(*Canonicalize("100000000000000000000"), "100000000000000000000");
  EXPECT_EQ(*Canonicalize("1000000000000000000000"), "1e+21");
  EXPECT_EQ(*Canonicalize("0.000001"), "0.000001");
  EXPECT_EQ(*Canonicalize("0.0000001"), "1e-7");
  EXPECT_EQ(*Canonicalize("123.456e2"), "12345.6");
  EXPECT_EQ(*Canonicalize("-1.5E+300"), "-1.5e+300");
}

TEST(JcsParseTest, RefusesNumbersTooLargeForADouble) {
  ExpectRefused("1e309", "too large");
  ExpectRefused("[-123456789e400]", "too large");
}

TEST(JcsParseTest, RefusesDuplicateMemberNames) {
  ExpectRefused(R"({"a":1,"b":2,"a":3})", "duplicate member name \"a\"");
  // The same name spelled two ways is still the same name.
  ExpectRefused(R"({"a":1,"\u0061":2})", "duplicate");
  ExpectRefused(R"({"x":{"k":1,"k":1}})", "duplicate");
}

TEST(JcsParseTest, RefusesInvalidUtf8) {
  ExpectRefused("\"\xff\"", "UTF-8");
  ExpectRefused("\"\xc3\"", "UTF-8");
  ExpectRefused("\"\xc0\xaf\"", "overlong");
  ExpectRefused("\"\xed\xa0\x80\"", "surrogate");
  ExpectRefused("\"\xf4\x90\x80\x80\"", "U+10FFFF");
  ExpectRefused("\"a\x80\"", "UTF-8");
}

TEST(JcsParseTest, RefusesLoneSurrogateEscapes) {
  ExpectRefused(R"("\ud83d")", "surrogate");
  ExpectRefused(R"("\ude02")", "lone low surrogate");
  ExpectRefused(R"("\ud83d\u0041")", "surrogate");
}

TEST(JcsParseTest, RefusesTrailingGarbage) {
  ExpectRefused("{} x", "after the JSON value");
  ExpectRefused("{}{}", "after the JSON value");
  ExpectRefused("1 2", "after the JSON value");
}

TEST(JcsParseTest, RefusesNonJsonSyntax) {
  for (const char* bad :
       {"",        " ",         "{",   "[1,]", "{\"a\":1,}", "01",       "1.",   ".5",
        "+1",      "-",         "1e",  "0x10", "NaN",        "Infinity", "'a'",  "\"\t\"",
        "\"\\x\"", "\"\\u12\"", "tru", "nul",  "{a:1}",      "[1 2]",    "\"abc"}) {
    EXPECT_FALSE(Canonicalize(bad)) << "accepted: " << bad;
  }
}

TEST(JcsParseTest, AcceptsAnyTopLevelValue) {
  EXPECT_EQ(*Canonicalize(" \"x\" "), "\"x\"");
  EXPECT_EQ(*Canonicalize("true"), "true");
  EXPECT_EQ(*Canonicalize("null"), "null");
  EXPECT_EQ(*Canonicalize("\n[ ]\r\n"), "[]");
}

TEST(JcsParseTest, RefusesNestingDeeperThanTheLimit) {
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  EXPECT_TRUE(Canonicalize(ok));
  const std::string deep = std::string(65, '[') + std::string(65, ']');
  ExpectRefused(deep, "nesting deeper than 64");
  EXPECT_FALSE(Canonicalize(std::string(100000, '[')));
}

TEST(JcsParseTest, RefusesInputOverTheSizeLimit) {
  const std::string big = "\"" + std::string(std::size_t{1} << 20, 'a') + "\"";
  ExpectRefused(big, "over the limit");
  EXPECT_TRUE(Canonicalize(big, JsonLimits{std::size_t{2} << 20, 64}));
}

TEST(JcsWriteTest, EscapesOnlyWhatTheRfcRequires) {
  EXPECT_EQ(*Canonicalize(R"("\u0000\u001f\u007f\/\b\f\n\r\t\"\\\u00e9")"),
            "\"\\u0000\\u001f\x7f/\\b\\f\\n\\r\\t\\\"\\\\\xc3\xa9\"");
}

TEST(JcsWriteTest, SortsMembersByUtf16CodeUnitsNotByCodePoints) {
  // U+1F602 (surrogates D83D DE02) sorts before U+FB33 in UTF-16, after it in UTF-8.
  EXPECT_EQ(*Canonicalize(R"({"\ufb33":1,"\ud83d\ude02":2})"),
            "{\"\xf0\x9f\x98\x82\":2,\"\xef\xac\xb3\":1}");
}

TEST(JcsWriteTest, IsCanonicalOnlyForExactCanonicalBytes) {
  EXPECT_TRUE(IsCanonical(R"({"a":1,"b":[true]})"));
  EXPECT_FALSE(IsCanonical(R"({"b":[true],"a":1})"));
  EXPECT_FALSE(IsCanonical(R"({"a":1.0})"));
  EXPECT_FALSE(IsCanonical(R"({"a": 1})"));
  EXPECT_FALSE(IsCanonical(R"({"a":"\u0041"})"));
}

}  // namespace
}  // namespace tandem::protocol
