#include <gtest/gtest.h>

#include <string>

#include "read_all.h"

namespace tandem::adapters {
namespace {

using core::AgencyKind;
using testing::Field;
using testing::ReadAll;

std::string Patients(const std::string& rows) {
  return "local_patient_id,nhs_number,family_name,given_name,date_of_birth,gender_code,postcode,"
         "service,referral_date,discharge_date,risk_flags,marac_flag\n" +
         rows;
}

TEST(NhsMentalHealthTest, ReadsAValidPatient) {
  auto result = ReadAll(AgencyKind::kNhs,
                        Patients("RX100,943 476 5919,O’Brien,Zoë,29/02/1984,2,BH14 9QT,cmht,"
                                 "01/03/2023,,risk_to_others; safeguarding,y\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 1u) << DescribeRowError(result->errors.at(0));
  const Record& r = result->records[0];
  EXPECT_EQ(r.kind, ExportKind::kNhsMentalHealth);
  EXPECT_EQ(Field(r, "nhs_number"), "9434765919");
  EXPECT_EQ(Field(r, "family_name"), "O’Brien");
  EXPECT_EQ(Field(r, "date_of_birth"), "1984-02-29");
  EXPECT_EQ(Field(r, "service"), "CMHT");
  EXPECT_EQ(Field(r, "risk_flags"), "RISK_TO_OTHERS;SAFEGUARDING");
  EXPECT_EQ(Field(r, "marac_flag"), "Y");
  const Identity& id = *r.identity;
  EXPECT_EQ(id.nhs_number, "9434765919");
  EXPECT_EQ(id.surname, "obrien");
  EXPECT_EQ(id.forename, "zoe");
  EXPECT_EQ(id.sex, Sex::kFemale);
  EXPECT_EQ(id.district, "BH14");
}

TEST(NhsMentalHealthTest, MapsTheDataDictionaryGenderCodes) {
  auto result = ReadAll(AgencyKind::kNhs, Patients("RX1,,Smith,Jo,,1,,ED,01/03/2023,,,\n"
                                                   "RX2,,Smith,Jo,,2,,ED,01/03/2023,,,\n"
                                                   "RX3,,Smith,Jo,,9,,ED,01/03/2023,,,\n"
                                                   "RX4,,Smith,Jo,,0,,ED,01/03/2023,,,\n"
                                                   "RX5,,Smith,Jo,,M,,ED,01/03/2023,,,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 4u);
  EXPECT_EQ(result->records[0].identity->sex, Sex::kMale);
  EXPECT_EQ(result->records[1].identity->sex, Sex::kFemale);
  EXPECT_EQ(result->records[2].identity->sex, Sex::kOther);
  EXPECT_EQ(result->records[3].identity->sex, Sex::kUnknown);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].column, "gender_code");
}

TEST(NhsMentalHealthTest, RefusesAnNhsNumberWithAWrongCheckDigit) {
  auto result =
      ReadAll(AgencyKind::kNhs, Patients("RX100,943 476 5918,Smith,Jo,,,,ED,01/03/2023,,,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(DescribeRowError(result->errors[0]),
            "line 2, column nhs_number: '943 476 5918' is not an NHS number: the check digit "
            "is wrong");
}

TEST(NhsMentalHealthTest, RefusesADischargeBeforeTheReferral) {
  auto result = ReadAll(AgencyKind::kNhs,
                        Patients("RX100,,Smith,Jo,29/02/1985,,,ED,01/03/2023,28/02/2023,,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->errors.size(), 2u);
  EXPECT_EQ(result->errors[0].column, "date_of_birth");
  EXPECT_EQ(result->errors[0].reason, "is not a date: February 1985 has no day 29");
  EXPECT_EQ(result->errors[1].column, "discharge_date");
  EXPECT_EQ(result->errors[1].reason, "is before referral_date (2023-03-01)");
}

TEST(NhsMentalHealthTest, RefusesUnknownRiskFlags) {
  auto result = ReadAll(AgencyKind::kNhs,
                        Patients("RX100,,Smith,Jo,,,,ED,01/03/2023,,RISK_TO_SELF;VIOLENT,\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].reason,
            "holds 'VIOLENT', which is not one of RISK_TO_OTHERS, RISK_TO_SELF, SAFEGUARDING");
}

}  // namespace
}  // namespace tandem::adapters
