#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "agency-adapters/export_reader.h"
#include "read_all.h"

namespace tandem::adapters {
namespace {

using core::AgencyKind;
using testing::Field;
using testing::ReadAll;

constexpr std::string_view kHeader =
    "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
    "warning_markers\n";

TEST(PoliceNominalsTest, ReadsTheExampleRowOfTheFormat) {
  const std::string file = std::string(kHeader) +
                           "N0004312,O'Brien,Daniel,James,1986-04-11,M,04/881234Y,\"12 Kings "
                           "Road, Poole\",BH14 9QT,Danny OBrien;Dan Brian@1986-11-04,VI;DA\n";
  auto result = ReadAll(AgencyKind::kPolice, file);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->kind, ExportKind::kPoliceNominals);
  ASSERT_TRUE(result->errors.empty()) << DescribeRowError(result->errors[0]);
  ASSERT_EQ(result->records.size(), 1u);
  const Record& r = result->records[0];
  EXPECT_EQ(r.ref, "N0004312");
  EXPECT_EQ(r.person_ref, "N0004312");
  EXPECT_EQ(r.line, 2u);
  EXPECT_EQ(Field(r, "address"), "12 Kings Road, Poole");
  EXPECT_EQ(Field(r, "dob"), "1986-04-11");
  EXPECT_EQ(Field(r, "warning_markers"), "VI;DA");
  EXPECT_EQ(Field(r, "aliases"), "Danny OBrien;Dan Brian@1986-11-04");
  ASSERT_TRUE(r.identity);
  const Identity& id = *r.identity;
  EXPECT_EQ(id.surname, "obrien");
  EXPECT_EQ(id.forename, "daniel");
  EXPECT_EQ(id.forename_as_given, "daniel");
  EXPECT_EQ(id.middle_names, "james");
  EXPECT_EQ(id.dob->ToIso(), "1986-04-11");
  EXPECT_EQ(id.sex, Sex::kMale);
  EXPECT_EQ(id.pnc_id, "04/881234Y");
  EXPECT_EQ(id.postcode, "BH14 9QT");
  EXPECT_EQ(id.district, "BH14");
  EXPECT_EQ(id.first_initial, 'd');
  EXPECT_EQ(id.surname_initial, 'o');
  ASSERT_EQ(id.aliases.size(), 2u);
  EXPECT_EQ(id.aliases[0].forename, "daniel");
  EXPECT_EQ(id.aliases[0].surname, "obrien");
  EXPECT_FALSE(id.aliases[0].dob);
  EXPECT_EQ(id.aliases[1].forename, "daniel");
  EXPECT_EQ(id.aliases[1].surname, "brian");
  EXPECT_EQ(id.aliases[1].dob->ToIso(), "1986-11-04");
}

}  // namespace
}  // namespace tandem::adapters
