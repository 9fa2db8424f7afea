#include <gtest/gtest.h>

#include <string>

#include "read_all.h"

namespace tandem::adapters {
namespace {

using core::AgencyKind;
using testing::Field;
using testing::ReadAll;

std::string Occurrences(const std::string& rows) {
  return "occurrence_id,nominal_id,role,offence_code,committed_on,reported_on,domestic_abuse,"
         "victim_ref,outcome\n" +
         rows;
}

TEST(PoliceOccurrencesTest, IsRecognisedFromItsHeader) {
  auto result = ReadAll(AgencyKind::kPolice,
                        Occurrences("OC1001,N0004312,SUSPECT,ABH,2023-05-01,2023-05-02,Y,V77,"
                                    "CHARGED\n"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->kind, ExportKind::kPoliceOccurrences);
  ASSERT_EQ(result->records.size(), 1u);
  const Record& r = result->records[0];
  EXPECT_EQ(r.ref, "OC1001");
  EXPECT_EQ(r.person_ref, "N0004312");
  EXPECT_FALSE(r.identity);
  EXPECT_EQ(Field(r, "offence_code"), "ABH");
  EXPECT_EQ(Field(r, "victim_ref"), "V77");
}

TEST(PoliceOccurrencesTest, CanonicalisesCodesWrittenInAnyCase) {
  auto result = ReadAll(AgencyKind::kPolice,
                        Occurrences("oc1, n0004312 , suspect ,Controlling_Coercive,,2023-05-02, "
                                    "n ,,under_investigation\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 1u) << DescribeRowError(result->errors.at(0));
  const Record& r = result->records[0];
  EXPECT_EQ(r.ref, "OC1");
  EXPECT_EQ(r.person_ref, "N0004312");
  EXPECT_EQ(Field(r, "role"), "SUSPECT");
  EXPECT_EQ(Field(r, "offence_code"), "CONTROLLING_COERCIVE");
  EXPECT_EQ(Field(r, "domestic_abuse"), "N");
  EXPECT_EQ(Field(r, "committed_on"), "");
  EXPECT_EQ(Field(r, "outcome"), "UNDER_INVESTIGATION");
}

TEST(PoliceOccurrencesTest, RefusesUnknownCodesAndReportDatesBeforeTheOffence) {
  auto result = ReadAll(AgencyKind::kPolice,
                        Occurrences("OC1,N0004312,BYSTANDER,SHOPLIFTING,2023-05-03,2023-05-02,"
                                    "maybe,X1,NFA\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->errors.size(), 5u);
  EXPECT_EQ(result->errors[0].column, "role");
  EXPECT_EQ(result->errors[0].reason, "is not one of SUSPECT, OFFENDER, VICTIM, WITNESS");
  EXPECT_EQ(result->errors[1].column, "offence_code");
  EXPECT_EQ(result->errors[2].column, "domestic_abuse");
  EXPECT_EQ(result->errors[3].column, "victim_ref");
  EXPECT_EQ(result->errors[3].reason, "is not in the form V followed by 1 to 12 digits");
  EXPECT_EQ(DescribeRowError(result->errors[4]),
            "line 2, column reported_on: '2023-05-02' is before committed_on (2023-05-03)");
}

TEST(PoliceOccurrencesTest, AllowsTheSameNominalInManyOccurrences) {
  auto result = ReadAll(AgencyKind::kPolice,
                        Occurrences("OC1,N0004312,SUSPECT,ABH,,2023-05-02,Y,,NFA\n"
                                    "OC2,N0004312,OFFENDER,GBH,,2023-06-02,Y,,CONVICTED\n"
                                    "OC1,N0000001,VICTIM,GBH,,2023-06-02,Y,,CONVICTED\n"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->records.size(), 2u);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].reason, "repeats the reference of line 2");
}

}  // namespace
}  // namespace tandem::adapters
