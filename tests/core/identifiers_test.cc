#include "core/identifiers.h"

#include <gtest/gtest.h>

namespace tandem::core {
namespace {

TEST(NhsCheckDigitTest, GivesThePublishedCheckDigits) {
  // 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
  EXPECT_EQ(NhsCheckDigit("943476591"), '9');
  EXPECT_EQ(NhsCheckDigit("401023213"), '7');
  EXPECT_EQ(NhsCheckDigit("123456788"), '1');
}

TEST(NhsCheckDigitTest, WritesElevenAsZero) {
  // Sum 0: remainder 0, 11 - 0 = 11, written 0.
  EXPECT_EQ(NhsCheckDigit("000000000"), '0');
}

TEST(NhsCheckDigitTest, HasNoCheckDigitWhenTheRemainderIsOne) {
  // 1*10 + 1*2 = 12; 12 mod 11 = 1; 11 - 1 = 10: never issued.
  EXPECT_EQ(NhsCheckDigit("100000001"), std::nullopt);
}

TEST(NhsCheckDigitTest, RefusesInputThatIsNotNineDigits) {
  EXPECT_EQ(NhsCheckDigit("94347659"), std::nullopt);
  EXPECT_EQ(NhsCheckDigit("9434765911"), std::nullopt);
  EXPECT_EQ(NhsCheckDigit("94347659X"), std::nullopt);
  EXPECT_EQ(NhsCheckDigit(""), std::nullopt);
}

TEST(IsValidNhsNumberTest, AcceptsValidNumbers) {
  EXPECT_TRUE(IsValidNhsNumber("9434765919"));
  EXPECT_TRUE(IsValidNhsNumber("4010232137"));
}

TEST(IsValidNhsNumberTest, RefusesAnyChangedDigit) {
  EXPECT_FALSE(IsValidNhsNumber("9434765918"));
  EXPECT_FALSE(IsValidNhsNumber("9434765929"));  // a digit before the check digit changed
  EXPECT_FALSE(IsValidNhsNumber("4910232137"));
}

TEST(IsValidNhsNumberTest, RefusesSpacesAndWrongLengths) {
  EXPECT_FALSE(IsValidNhsNumber("943 476 5919"));
  EXPECT_FALSE(IsValidNhsNumber("943476591"));
  EXPECT_FALSE(IsValidNhsNumber("1000000010"));  // no check digit exists
}

TEST(PncCheckLetterTest, IndexesTheLetterTableByTheRemainder) {
  // 98 * 10^7 + 123456 = 980123456 = 23 * 42614063 + 7, and letter 7 of ZABCDEFGH... is G.
  EXPECT_EQ(PncCheckLetter("98", "123456"), 'G');
  // 4 * 10^7 + 881234 = 40881234, remainder 22: the last letter, Y.
  EXPECT_EQ(PncCheckLetter("04", "881234"), 'Y');
  // 0 * 10^7 + 1 = 1: A.
  EXPECT_EQ(PncCheckLetter("00", "1"), 'A');
  EXPECT_EQ(PncCheckLetter("99", "9999999"), 'V');
}

TEST(PncCheckLetterTest, IgnoresLeadingZerosOfTheSerial) {
  EXPECT_EQ(PncCheckLetter("04", "0881234"), PncCheckLetter("04", "881234"));
  EXPECT_EQ(PncCheckLetter("12", "0000345"), 'G');
}

TEST(PncCheckLetterTest, RefusesMalformedParts) {
  EXPECT_EQ(PncCheckLetter("4", "881234"), std::nullopt);
  EXPECT_EQ(PncCheckLetter("2004", "881234"), std::nullopt);
  EXPECT_EQ(PncCheckLetter("04", ""), std::nullopt);
  EXPECT_EQ(PncCheckLetter("04", "12345678"), std::nullopt);
  EXPECT_EQ(PncCheckLetter("0A", "881234"), std::nullopt);
  EXPECT_EQ(PncCheckLetter("04", "88123X"), std::nullopt);
}

}  // namespace
}  // namespace tandem::core
