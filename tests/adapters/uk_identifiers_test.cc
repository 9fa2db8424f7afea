#include <gtest/gtest.h>

#include <string>

#include "agency-adapters/normalise.h"

namespace tandem::adapters {
namespace {

TEST(NhsNumberTest, AcceptsSpacesAndDashes) {
  EXPECT_EQ(*NormaliseNhsNumber("9434765919"), "9434765919");
  EXPECT_EQ(*NormaliseNhsNumber("943 476 5919"), "9434765919");
  EXPECT_EQ(*NormaliseNhsNumber(" 943-476-5919 "), "9434765919");
}

TEST(NhsNumberTest, RefusesAWrongCheckDigit) {
  auto wrong = NormaliseNhsNumber("943 476 5918");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message, "is not an NHS number: the check digit is wrong");
}

TEST(NhsNumberTest, RefusesNumbersWithoutACheckDigit) {
  // The first nine digits give remainder 10: such numbers are never issued.
  EXPECT_FALSE(NormaliseNhsNumber("1000000010"));
}

TEST(NhsNumberTest, RefusesTheWrongLengthAndLetters) {
  EXPECT_FALSE(NormaliseNhsNumber("943476591"));
  EXPECT_FALSE(NormaliseNhsNumber("94347659190"));
  EXPECT_FALSE(NormaliseNhsNumber("943476591X"));
  EXPECT_FALSE(NormaliseNhsNumber(""));
  EXPECT_NE(NormaliseNhsNumber("123").error().message.find("ten digits"), std::string::npos);
}

TEST(PncIdTest, AcceptsValidIdsInAnyCase) {
  EXPECT_EQ(*NormalisePncId("04/881234Y"), "04/881234Y");
  EXPECT_EQ(*NormalisePncId("04/881234y"), "04/881234Y");
  EXPECT_EQ(*NormalisePncId(" 98 / 123456G "), "98/123456G");
}

TEST(PncIdTest, DropsLeadingZerosOfTheSerial) {
  EXPECT_EQ(*NormalisePncId("04/0881234Y"), "04/881234Y");
  EXPECT_EQ(*NormalisePncId("98/0000001R"), "98/1R");
  EXPECT_EQ(*NormalisePncId("98/1R"), "98/1R");
}

TEST(PncIdTest, RefusesAWrongCheckLetter) {
  auto wrong = NormalisePncId("04/881234T");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("check letter"), std::string::npos);
}

TEST(PncIdTest, RefusesOtherShapes) {
  for (const char* text : {"", "04881234Y", "4/881234Y", "2004/881234Y", "04/12345678Z", "04/Y",
                           "04/881234", "04/88123AY", "04/0000000Z"}) {
    EXPECT_FALSE(NormalisePncId(text)) << text;
  }
}

TEST(NiNumberTest, AcceptsSpacesAndAnyCase) {
  EXPECT_EQ(*NormaliseNiNumber("AB123456C"), "AB123456C");
  EXPECT_EQ(*NormaliseNiNumber("ab 12 34 56 c"), "AB123456C");
}

TEST(NiNumberTest, RefusesPrefixesNeverIssued) {
  for (const char* text :
       {"DA123456C", "FA123456C", "QA123456C", "AD123456C", "AO123456C", "BG123456C", "GB123456C",
        "NK123456C", "KN123456C", "TN123456C", "NT123456C", "ZZ123456C"}) {
    auto ni = NormaliseNiNumber(text);
    ASSERT_FALSE(ni) << text;
    EXPECT_NE(ni.error().message.find("prefix"), std::string::npos) << text;
  }
}

TEST(NiNumberTest, RefusesBadSuffixesAndShapes) {
  EXPECT_FALSE(NormaliseNiNumber("AB123456E"));
  EXPECT_FALSE(NormaliseNiNumber("AB12345C"));
  EXPECT_FALSE(NormaliseNiNumber("A1123456C"));
  EXPECT_FALSE(NormaliseNiNumber("AB1234567"));
  EXPECT_FALSE(NormaliseNiNumber(""));
}

}  // namespace
}  // namespace tandem::adapters
