#include <gtest/gtest.h>

#include <string>

#include "read_all.h"

namespace tandem::adapters {
namespace {

using core::AgencyKind;
using testing::Field;
using testing::ReadAll;

std::string Tenancies(const std::string& rows) {
  return "tenancy_ref,lead_tenant_name,date_of_birth,ni_number,address,postcode,tenure,status,"
         "start_date,end_date,homelessness_duty,asb_cases_open\n" +
         rows;
}

TEST(HousingTenanciesTest, ReadsAValidTenancy) {
  auto result = ReadAll(AgencyKind::kHousing,
                        Tenancies("T5001,\"SMITH, John Paul\",05-mar-1984,ab 12 34 56 c,\"Flat 2, "
                                  "3 High St\",BH14 9QT,secure,Arrears,01-JAN-2020,,relief,2\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 1u) << DescribeRowError(result->errors.at(0));
  const Record& r = result->records[0];
  EXPECT_EQ(r.kind, ExportKind::kHousingTenancies);
  EXPECT_EQ(Field(r, "lead_tenant_name"), "SMITH, John Paul");
  EXPECT_EQ(Field(r, "date_of_birth"), "1984-03-05");
  EXPECT_EQ(Field(r, "ni_number"), "AB123456C");
  EXPECT_EQ(Field(r, "tenure"), "SECURE");
  EXPECT_EQ(Field(r, "status"), "ARREARS");
  EXPECT_EQ(Field(r, "start_date"), "2020-01-01");
  EXPECT_EQ(Field(r, "homelessness_duty"), "RELIEF");
  const Identity& id = *r.identity;
  EXPECT_EQ(id.surname, "smith");
  EXPECT_EQ(id.forename, "john");
  EXPECT_EQ(id.middle_names, "paul");
  EXPECT_EQ(id.ni_number, "AB123456C");
  EXPECT_EQ(id.sex, Sex::kUnknown);
  EXPECT_EQ(id.first_initial, 'j');
  EXPECT_EQ(id.surname_initial, 's');
}

TEST(HousingTenanciesTest, RefusesOtherDateNotations) {
  auto result = ReadAll(AgencyKind::kHousing,
                        Tenancies("T1,\"SMITH, John\",05/03/1984,,,,SECURE,ACTIVE,2020-01-01,,,\n"
                                  "T2,\"SMITH, John\",31-Feb-1984,,,,SECURE,ACTIVE,5-Jan-2020,,,"
                                  "\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->errors.size(), 4u);
  EXPECT_EQ(result->errors[0].reason, "is not a date in the form DD-Mon-YYYY");
  EXPECT_EQ(result->errors[1].reason, "is not a date in the form DD-Mon-YYYY");
  EXPECT_EQ(result->errors[2].reason, "is not a date: February 1984 has no day 31");
  EXPECT_EQ(result->errors[3].reason, "is not a date in the form DD-Mon-YYYY");
}

TEST(HousingTenanciesTest, RefusesANameWithoutAComma) {
  auto result =
      ReadAll(AgencyKind::kHousing, Tenancies("T1,John Smith,,,,,SECURE,ACTIVE,01-Jan-2020,,,\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(DescribeRowError(result->errors[0]),
            "line 2, column lead_tenant_name: 'John Smith' is not a name in the form SURNAME, "
            "Forename Middle");
}

TEST(HousingTenanciesTest, RequiresAnEndDateForAnEndedTenancy) {
  auto result = ReadAll(AgencyKind::kHousing,
                        Tenancies("T1,\"SMITH, John\",,,,,SECURE,ENDED,01-Jan-2020,,,\n"
                                  "T2,\"SMITH, John\",,,,,SECURE,ENDED,01-Jan-2020,01-Jan-2019,,"
                                  "\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 2u);
  EXPECT_EQ(DescribeRowError(result->errors[0]),
            "line 2, column end_date: '' must be given when status is ENDED");
  EXPECT_EQ(result->errors[1].reason, "is before start_date (2020-01-01)");
}

TEST(HousingTenanciesTest, RefusesAnInvalidNiNumberAndPostcode) {
  auto result = ReadAll(AgencyKind::kHousing,
                        Tenancies("T1,\"SMITH, John\",,QQ123456C,,BH14,SECURE,ACTIVE,01-Jan-2020,,"
                                  ",many\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 3u);
  EXPECT_EQ(result->errors[0].column, "ni_number");
  EXPECT_EQ(result->errors[1].column, "postcode");
  EXPECT_EQ(result->errors[2].column, "asb_cases_open");
}

}  // namespace
}  // namespace tandem::adapters
