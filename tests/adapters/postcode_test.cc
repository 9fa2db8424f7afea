#include <gtest/gtest.h>

#include <string>

#include "agency-adapters/normalise.h"

namespace tandem::adapters {
namespace {

TEST(PostcodeTest, AcceptsAnyCaseAndSpacing) {
  for (const char* text : {"bh149qt", "BH14 9QT", " bh14  9qt ", "Bh14\t9Qt", "BH149QT"}) {
    auto postcode = NormalisePostcode(text);
    ASSERT_TRUE(postcode) << text;
    EXPECT_EQ(postcode->postcode, "BH14 9QT") << text;
    EXPECT_EQ(postcode->district, "BH14") << text;
  }
}

TEST(PostcodeTest, AcceptsEveryOutwardShape) {
  EXPECT_EQ(NormalisePostcode("m11ae")->postcode, "M1 1AE");      // A9
  EXPECT_EQ(NormalisePostcode("b338th")->postcode, "B33 8TH");    // A99
  EXPECT_EQ(NormalisePostcode("w1a1aa")->postcode, "W1A 1AA");    // A9A
  EXPECT_EQ(NormalisePostcode("cr26xh")->postcode, "CR2 6XH");    // AA9
  EXPECT_EQ(NormalisePostcode("dn551pt")->postcode, "DN55 1PT");  // AA99
  EXPECT_EQ(NormalisePostcode("ec1a1bb")->postcode, "EC1A 1BB");  // AA9A
  EXPECT_EQ(NormalisePostcode("ec1a 1bb")->district, "EC1A");
  EXPECT_EQ(NormalisePostcode("GIR 0AA")->postcode, "GIR 0AA");
}

TEST(PostcodeTest, RefusesInvalidPostcodes) {
  for (const char* text :
       {"", "BH14", "BH14 9Q", "BH14 99T", "BH14 9QTT", "1H14 9QT", "QH14 9QT", "BZ14 9QT",
        "BH14 9CT", "BH14 9QI", "B1I 1AA", "SW1Z 1AA", "BH14-9QT", "BH14 9QÖ", "123 456"}) {
    EXPECT_FALSE(NormalisePostcode(text)) << text;
  }
  auto error = NormalisePostcode("BH14 9Q").error();
  EXPECT_EQ(error.code, Code::kInvalidArgument);
  EXPECT_EQ(error.message, "is not a UK postcode");
}

TEST(PostcodeDistrictTest, AcceptsOutwardCodes) {
  EXPECT_EQ(*NormalisePostcodeDistrict("bh14"), "BH14");
  EXPECT_EQ(*NormalisePostcodeDistrict(" Bh 14 "), "BH14");
  EXPECT_EQ(*NormalisePostcodeDistrict("EC1A"), "EC1A");
  EXPECT_EQ(*NormalisePostcodeDistrict("M1"), "M1");
}

TEST(PostcodeDistrictTest, RefusesFullPostcodesAndNonsense) {
  auto full = NormalisePostcodeDistrict("BH14 9QT");
  ASSERT_FALSE(full);
  EXPECT_NE(full.error().message.find("full postcode"), std::string::npos);
  EXPECT_FALSE(NormalisePostcodeDistrict("14BH"));
  EXPECT_FALSE(NormalisePostcodeDistrict("BHX"));
  EXPECT_FALSE(NormalisePostcodeDistrict(""));
}

}  // namespace
}  // namespace tandem::adapters
