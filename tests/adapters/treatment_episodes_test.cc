#include <gtest/gtest.h>

#include <string>

#include "read_all.h"

namespace tandem::adapters {
namespace {

using core::AgencyKind;
using testing::Field;
using testing::ReadAll;

std::string Episodes(const std::string& rows) {
  return "client_ref,first_initial,surname_initial,dob,sex,postcode_district,substance,"
         "referral_date,treatment_start,discharge_date,discharge_reason,injecting\n" +
         rows;
}

TEST(TreatmentEpisodesTest, ReadsPartialIdentifiers) {
  auto result = ReadAll(AgencyKind::kSubstanceMisuse,
                        Episodes("C42,d,O,1986-04-11,x,bh14,crack,2023-01-10,2023-01-20,"
                                 "2023-06-01,completed,n\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 1u) << DescribeRowError(result->errors.at(0));
  const Record& r = result->records[0];
  EXPECT_EQ(r.kind, ExportKind::kTreatmentEpisodes);
  EXPECT_EQ(Field(r, "first_initial"), "D");
  EXPECT_EQ(Field(r, "sex"), "X");
  EXPECT_EQ(Field(r, "postcode_district"), "BH14");
  EXPECT_EQ(Field(r, "discharge_reason"), "COMPLETED");
  const Identity& id = *r.identity;
  EXPECT_EQ(id.first_initial, 'd');
  EXPECT_EQ(id.surname_initial, 'o');
  EXPECT_EQ(id.sex, Sex::kOther);
  EXPECT_EQ(id.district, "BH14");
  EXPECT_EQ(id.postcode, "");
  EXPECT_EQ(id.surname, "");
  EXPECT_EQ(id.dob->ToIso(), "1986-04-11");
}

TEST(TreatmentEpisodesTest, RefusesLongInitialsAndFullPostcodes) {
  auto result = ReadAll(AgencyKind::kSubstanceMisuse,
                        Episodes("C42,Dave,O',,,BH14 9QT,ALCOHOL,2023-01-10,,,,\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 2u);
  EXPECT_EQ(result->errors[0].column, "first_initial");
  EXPECT_EQ(result->errors[0].reason, "is not a single letter");
  EXPECT_EQ(result->errors[1].column, "postcode_district");
}

TEST(TreatmentEpisodesTest, ChecksTheOrderOfTheEpisodeDates) {
  auto result = ReadAll(AgencyKind::kSubstanceMisuse,
                        Episodes("C1,D,O,,,,ALCOHOL,2023-01-10,2023-01-09,2023-01-08,PRISON,\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 2u);
  EXPECT_EQ(result->errors[0].column, "treatment_start");
  EXPECT_EQ(result->errors[1].column, "discharge_date");
}

TEST(TreatmentEpisodesTest, WantsADischargeDateAndReasonTogether) {
  auto result =
      ReadAll(AgencyKind::kSubstanceMisuse, Episodes("C1,D,O,,,,ALCOHOL,2023-01-10,,2023-02-01,,\n"
                                                     "C2,D,O,,,,ALCOHOL,2023-01-10,,,DROPPED_OUT,\n"
                                                     "C3,D,O,,,,ALCOHOL,2023-01-10,,,,\n"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->records.size(), 1u);
  ASSERT_EQ(result->errors.size(), 2u);
  EXPECT_EQ(DescribeRowError(result->errors[0]),
            "line 2, column discharge_reason: '' must be given when discharge_date is given");
  EXPECT_EQ(DescribeRowError(result->errors[1]),
            "line 3, column discharge_date: '' must be given when discharge_reason is given");
}

TEST(TreatmentEpisodesTest, RefusesOtherDateNotations) {
  auto result = ReadAll(AgencyKind::kSubstanceMisuse,
                        Episodes("C1,D,O,11/04/1986,,,ALCOHOL,10-Jan-2023,,,,\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 2u);
  EXPECT_EQ(result->errors[0].reason, "is not a date in the form YYYY-MM-DD");
  EXPECT_EQ(result->errors[1].reason, "is not a date in the form YYYY-MM-DD");
}

}  // namespace
}  // namespace tandem::adapters
