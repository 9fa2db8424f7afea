#include <gtest/gtest.h>

#include <string>

#include "read_all.h"

namespace tandem::adapters {
namespace {

using core::AgencyKind;
using testing::Field;
using testing::ReadAll;

std::string Cases(const std::string& rows) {
  return "case_ref,referral_date,victim_age,victim_sex,children_in_household,perpetrator_name,"
         "perpetrator_dob,perpetrator_age,relationship,risk_level,dash_score,marac_referral,"
         "case_status,closed_date\n" +
         rows;
}

TEST(IdvaCasesTest, ReadsThePerpetratorAsTheIdentity) {
  auto result = ReadAll(AgencyKind::kVictimAdvocacy,
                        Cases("IDVA-17,02/05/2023,29,F,2,David J Smith,,34,ex_partner,high,16,Y,"
                              "open,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 1u) << DescribeRowError(result->errors.at(0));
  const Record& r = result->records[0];
  EXPECT_EQ(r.kind, ExportKind::kIdvaCases);
  EXPECT_EQ(r.ref, "IDVA-17");
  EXPECT_EQ(r.person_ref, "IDVA-17");
  EXPECT_EQ(Field(r, "referral_date"), "2023-05-02");
  EXPECT_EQ(Field(r, "relationship"), "EX_PARTNER");
  EXPECT_EQ(Field(r, "perpetrator_name"), "David J Smith");
  const Identity& id = *r.identity;
  EXPECT_EQ(id.forename, "david");
  EXPECT_EQ(id.middle_names, "j");
  EXPECT_EQ(id.surname, "smith");
  EXPECT_EQ(id.estimated_age, 34);
  EXPECT_FALSE(id.dob);
  // The victim's sex is not the perpetrator's.
  EXPECT_EQ(id.sex, Sex::kUnknown);
}

TEST(IdvaCasesTest, ReadsNamesAsVictimsGiveThem) {
  auto result = ReadAll(AgencyKind::kVictimAdvocacy,
                        Cases("IDVA-1,02/05/2023,,,,\"Smith, Dave\",11/04/1986,,,STANDARD,,,OPEN,\n"
                              "IDVA-2,02/05/2023,,,,smithy,,,,STANDARD,,,OPEN,\n"
                              "IDVA-3,02/05/2023,,,,,,,,STANDARD,,,OPEN,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 3u);
  EXPECT_EQ(result->records[0].identity->forename, "david");
  EXPECT_EQ(result->records[0].identity->surname, "smith");
  EXPECT_EQ(result->records[0].identity->dob->ToIso(), "1986-04-11");
  EXPECT_EQ(result->records[1].identity->surname, "smithy");
  EXPECT_EQ(result->records[1].identity->forename, "");
  EXPECT_EQ(result->records[2].identity->surname, "");
}

TEST(IdvaCasesTest, TiesTheClosedDateToTheCaseStatus) {
  auto result = ReadAll(AgencyKind::kVictimAdvocacy,
                        Cases("IDVA-1,02/05/2023,,,,,,,,STANDARD,,,CLOSED,\n"
                              "IDVA-2,02/05/2023,,,,,,,,STANDARD,,,OPEN,03/05/2023\n"
                              "IDVA-3,02/05/2023,,,,,,,,STANDARD,,,CLOSED,01/05/2023\n"
                              "IDVA-4,02/05/2023,,,,,,,,STANDARD,,,CLOSED,03/05/2023\n"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->records.size(), 1u);
  ASSERT_EQ(result->errors.size(), 3u);
  EXPECT_EQ(result->errors[0].reason, "must be given when case_status is CLOSED");
  EXPECT_EQ(result->errors[1].reason, "must be empty when case_status is OPEN");
  EXPECT_EQ(result->errors[2].reason, "is before referral_date (2023-05-02)");
}

TEST(IdvaCasesTest, ChecksScoresAndAges) {
  auto result = ReadAll(AgencyKind::kVictimAdvocacy,
                        Cases("IDVA-1,02/05/2023,abc,Q,,,,130,,SEVERE,25,,OPEN,\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 5u);
  EXPECT_EQ(result->errors[0].column, "victim_age");
  EXPECT_EQ(result->errors[1].column, "victim_sex");
  EXPECT_EQ(result->errors[2].column, "perpetrator_age");
  EXPECT_EQ(result->errors[3].column, "risk_level");
  EXPECT_EQ(result->errors[4].column, "dash_score");
  EXPECT_EQ(result->errors[4].reason, "is outside the range 0 to 24");
}

TEST(IdvaCasesTest, RefusesABadCaseReference) {
  auto result =
      ReadAll(AgencyKind::kVictimAdvocacy, Cases("IDVA17,02/05/2023,,,,,,,,STANDARD,,,OPEN,\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].reason, "is not in the form IDVA- followed by 1 to 12 digits");
}

}  // namespace
}  // namespace tandem::adapters
