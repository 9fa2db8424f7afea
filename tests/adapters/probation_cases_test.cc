#include <gtest/gtest.h>

#include <string>

#include "read_all.h"

namespace tandem::adapters {
namespace {

using core::AgencyKind;
using testing::Field;
using testing::ReadAll;

std::string Cases(const std::string& rows) {
  return "crn,pnc_id,surname,forename,dob,gender,postcode,supervision,start_date,end_date,rosh,"
         "ogrs3_2yr,mappa_category,mappa_level,accredited_programme\n" +
         rows;
}

TEST(ProbationCasesTest, ReadsAValidCase) {
  auto result = ReadAll(AgencyKind::kProbation,
                        Cases("X123456,04/881234Y,MacDonald,Dave,11/04/1986,Male,bh14 9qt,"
                              "licence,01/02/2022,01/02/2024,very_high,72,2,1,Kaizen\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 1u) << DescribeRowError(result->errors.at(0));
  const Record& r = result->records[0];
  EXPECT_EQ(r.kind, ExportKind::kProbationCases);
  EXPECT_EQ(r.ref, "X123456");
  EXPECT_EQ(Field(r, "dob"), "1986-04-11");
  EXPECT_EQ(Field(r, "gender"), "MALE");
  EXPECT_EQ(Field(r, "postcode"), "BH14 9QT");
  EXPECT_EQ(Field(r, "supervision"), "LICENCE");
  EXPECT_EQ(Field(r, "start_date"), "2022-02-01");
  EXPECT_EQ(Field(r, "rosh"), "VERY_HIGH");
  EXPECT_EQ(Field(r, "accredited_programme"), "KAIZEN");
  const Identity& id = *r.identity;
  EXPECT_EQ(id.surname, "mcdonald");
  EXPECT_EQ(id.forename, "david");
  EXPECT_EQ(id.forename_as_given, "dave");
  EXPECT_EQ(id.sex, Sex::kMale);
  EXPECT_EQ(id.pnc_id, "04/881234Y");
  EXPECT_EQ(id.dob->ToIso(), "1986-04-11");
}

TEST(ProbationCasesTest, MapsEveryGender) {
  auto result =
      ReadAll(AgencyKind::kProbation, Cases("A000001,,Smith,Jo,,FEMALE,,NONE,01/01/2020,,,,,,\n"
                                            "A000002,,Smith,Jo,,unknown,,NONE,01/01/2020,,,,,,\n"
                                            "A000003,,Smith,Jo,,M,,NONE,01/01/2020,,,,,,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 2u);
  EXPECT_EQ(result->records[0].identity->sex, Sex::kFemale);
  EXPECT_EQ(result->records[1].identity->sex, Sex::kUnknown);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].reason, "is not one of MALE, FEMALE, UNKNOWN");
}

TEST(ProbationCasesTest, RefusesAnEndDateBeforeTheStartDate) {
  auto result = ReadAll(AgencyKind::kProbation,
                        Cases("X123456,,Smith,John,,,,LICENCE,01/02/2022,31/01/2022,,,,,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(DescribeRowError(result->errors[0]),
            "line 2, column end_date: '31/01/2022' is before start_date (2022-02-01)");
}

TEST(ProbationCasesTest, RefusesIsoDatesAndImpossibleDates) {
  auto result = ReadAll(AgencyKind::kProbation,
                        Cases("X123456,,Smith,John,1986-04-11,,,LICENCE,31/02/1985,,,,,,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->errors.size(), 2u);
  EXPECT_EQ(result->errors[0].reason, "is not a date in the form DD/MM/YYYY");
  EXPECT_EQ(DescribeRowError(result->errors[1]),
            "line 2, column start_date: '31/02/1985' is not a date: February 1985 has no day 31");
}

TEST(ProbationCasesTest, ChecksNumbersAndMappaConsistency) {
  auto result = ReadAll(AgencyKind::kProbation,
                        Cases("X123456,,Smith,John,,,,LICENCE,01/02/2022,,,100,0,2,\n"
                              "X123457,,Smith,John,,,,LICENCE,01/02/2022,,,12.5,4,-1,\n"
                              "X123458,,Smith,John,,,,LICENCE,01/02/2022,,,07,3,3,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 1u);
  EXPECT_EQ(Field(result->records[0], "ogrs3_2yr"), "7");
  ASSERT_EQ(result->errors.size(), 5u);
  EXPECT_EQ(result->errors[0].column, "ogrs3_2yr");
  EXPECT_EQ(result->errors[0].reason, "is outside the range 0 to 99");
  EXPECT_EQ(result->errors[1].column, "mappa_level");
  EXPECT_EQ(result->errors[1].reason, "must be 0 when mappa_category is 0");
  EXPECT_EQ(result->errors[2].reason, "is not a whole number");
  EXPECT_EQ(result->errors[3].column, "mappa_category");
  EXPECT_EQ(result->errors[4].column, "mappa_level");
}

TEST(ProbationCasesTest, RefusesABadCrn) {
  auto result =
      ReadAll(AgencyKind::kProbation, Cases("1234567,,Smith,John,,,,LICENCE,01/02/2022,,,,,,\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].reason, "is not in the form a letter followed by 6 digits");
}

}  // namespace
}  // namespace tandem::adapters
