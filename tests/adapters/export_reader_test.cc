// ExportReader on hostile files: header recognition, file-level failures and row errors.
#include "agency-adapters/export_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>

#include "read_all.h"

namespace tandem::adapters {
namespace {

using core::AgencyKind;
using testing::ReadAll;

constexpr std::string_view kNominalsHeader =
    "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
    "warning_markers";
constexpr std::string_view kGoodRow = "N0000001,Smith,John,,1980-01-02,M,,,,,";

std::string Nominals(const std::string& rows, const std::string& line_end = "\n") {
  return std::string(kNominalsHeader).append(line_end).append(rows);
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ExportReaderTest, RefusesAnEmptyFile) {
  for (const char* text : {"", "\xEF\xBB\xBF", "\n\n", "  \r\n"}) {
    auto result = ReadAll(AgencyKind::kPolice, text);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Code::kInvalidArgument);
    EXPECT_TRUE(Contains(result.error().message, "file is empty")) << result.error().message;
  }
}

TEST(ExportReaderTest, AcceptsAHeaderWithAByteOrderMarkAndStraySpaces) {
  const std::string file =
      "\xEF\xBB\xBF nominal_id , surname,forename,middle_names,dob,sex,"
      "pnc_id,address,postcode,aliases,warning_markers \r\n" +
      std::string(kGoodRow) + "\r\n";
  auto result = ReadAll(AgencyKind::kPolice, file);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->kind, ExportKind::kPoliceNominals);
  EXPECT_EQ(result->records.size(), 1u);
}

TEST(ExportReaderTest, ReadsAHeaderOnlyFileAsNoRows) {
  auto result = ReadAll(AgencyKind::kPolice, Nominals(""));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(result->records.empty());
  EXPECT_TRUE(result->errors.empty());
}

TEST(ExportReaderTest, RefusesAWrongHeaderListingTheExpectedOne) {
  const std::string file =
      "nominal_id,surname,forename,middle_names,date_of_birth,sex,pnc_id,address,postcode,"
      "aliases,warning_markers\n" +
      std::string(kGoodRow) + "\n";
  auto result = ReadAll(AgencyKind::kPolice, file);
  ASSERT_FALSE(result);
  const std::string& message = result.error().message;
  EXPECT_TRUE(Contains(message, "line 1")) << message;
  EXPECT_TRUE(Contains(message, "column 5 should be 'dob' but is 'date_of_birth'")) << message;
  EXPECT_TRUE(Contains(message, std::string(kNominalsHeader))) << message;
  EXPECT_TRUE(Contains(message, "police_occurrences.csv: occurrence_id,nominal_id,role"))
      << message;
}

TEST(ExportReaderTest, RefusesAMissingHeaderWithoutQuotingTheData) {
  auto result = ReadAll(AgencyKind::kPolice, std::string(kGoodRow) + "\n");
  ASSERT_FALSE(result);
  const std::string& message = result.error().message;
  EXPECT_TRUE(Contains(message, "column 1 should be 'nominal_id'")) << message;
  EXPECT_FALSE(Contains(message, "N0000001")) << message;
  EXPECT_FALSE(Contains(message, "Smith")) << message;
}

TEST(ExportReaderTest, RefusesAHeaderWithColumnsInAnotherOrder) {
  auto result = ReadAll(AgencyKind::kPolice,
                        "nominal_id,forename,surname,middle_names,dob,sex,pnc_id,address,"
                        "postcode,aliases,warning_markers\n");
  ASSERT_FALSE(result);
  EXPECT_TRUE(Contains(result.error().message, "column 2 should be 'surname'"))
      << result.error().message;
}

TEST(ExportReaderTest, RefusesAHeaderWithAMissingColumn) {
  auto result = ReadAll(AgencyKind::kPolice,
                        "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,"
                        "postcode,aliases\n");
  ASSERT_FALSE(result);
  EXPECT_TRUE(Contains(result.error().message, "has 10 columns but police_nominals.csv has 11"))
      << result.error().message;
}

TEST(ExportReaderTest, RefusesAnotherAgencysExport) {
  auto result = ReadAll(AgencyKind::kProbation, Nominals(std::string(kGoodRow) + "\n"));
  ASSERT_FALSE(result);
  EXPECT_TRUE(Contains(result.error().message, "probation export")) << result.error().message;
  EXPECT_TRUE(Contains(result.error().message, "probation_cases.csv: crn,pnc_id,surname"))
      << result.error().message;
}

TEST(ExportReaderTest, ReadsCrlfFiles) {
  auto result =
      ReadAll(AgencyKind::kPolice,
              Nominals(std::string(kGoodRow) + "\r\nN0000002,Jones,Ann,,,F,,,,,\r\n", "\r\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->records.size(), 2u);
  EXPECT_EQ(result->records[1].line, 3u);
  EXPECT_EQ(result->records[1].identity->surname, "jones");
}

TEST(ExportReaderTest, ToleratesBlankLinesAtTheEnd) {
  auto result = ReadAll(AgencyKind::kPolice, Nominals(std::string(kGoodRow) + "\n\n\n"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->records.size(), 1u);
  EXPECT_TRUE(result->errors.empty());
}

TEST(ExportReaderTest, ReportsARowWithTooFewFields) {
  auto result = ReadAll(AgencyKind::kPolice, Nominals("N0000001,Smith,John\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].line, 2u);
  EXPECT_EQ(DescribeRowError(result->errors[0]),
            "line 2: the row has 3 fields but the header has 11");
}

TEST(ExportReaderTest, ReportsARowWithTooManyFields) {
  auto result = ReadAll(AgencyKind::kPolice,
                        Nominals("N0000001,Smith,John,,1980-01-02,M,,12 Kings Road, Poole,,,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_TRUE(Contains(result->errors[0].reason, "12 fields but the header has 11"));
  EXPECT_TRUE(Contains(result->errors[0].reason, "unquoted comma"));
}

TEST(ExportReaderTest, ReportsEveryBadColumnOfARow) {
  auto result = ReadAll(AgencyKind::kPolice,
                        Nominals("X123,Smith,,,31/02/1985,Q,04/881234T,,BH14 9Q,Smithy,VI;ZZ\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->error_rows.size(), 1u);
  std::vector<std::string> columns;
  for (const RowError& e : result->errors) {
    EXPECT_EQ(e.line, 2u);
    columns.push_back(e.column);
  }
  EXPECT_EQ(columns, (std::vector<std::string>{"nominal_id", "forename", "dob", "sex", "pnc_id",
                                               "postcode", "aliases", "warning_markers"}));
  EXPECT_EQ(DescribeRowError(result->errors[2]),
            "line 2, column dob: '31/02/1985' is not a date in the form YYYY-MM-DD");
  EXPECT_EQ(DescribeRowError(result->errors[1]),
            "line 2, column forename: '' is empty, but this column must have a value");
  EXPECT_EQ(result->errors[6].value, "Smithy");
  EXPECT_EQ(result->errors[7].reason,
            "holds 'ZZ', which is not one of VI, WE, DA, ST, SX, MH, "
            "DR, SH");
}

TEST(ExportReaderTest, KeepsReadingAfterABadRow) {
  auto result =
      ReadAll(AgencyKind::kPolice, Nominals("N0000001,Smith,John,,1980-02-30,M,,,,,\n" +
                                            std::string("N0000002,Jones,Ann,,,F,,,,,\n")));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->error_rows, std::vector<std::size_t>{2});
  ASSERT_EQ(result->records.size(), 1u);
  EXPECT_EQ(result->records[0].ref, "N0000002");
}

TEST(ExportReaderTest, ReportsADuplicateReferenceNamingTheEarlierLine) {
  auto result = ReadAll(AgencyKind::kPolice,
                        Nominals(std::string(kGoodRow) + "\nN0000002,Jones,Ann,,,F,,,,,\n" +
                                 " n0000001 ,Smith,John,,,M,,,,,\n"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->records.size(), 2u);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(DescribeRowError(result->errors[0]),
            "line 4, column nominal_id: 'n0000001' repeats the reference of line 2");
}

TEST(ExportReaderTest, ReportsADuplicateReferenceAlongsideOtherErrors) {
  auto result =
      ReadAll(AgencyKind::kPolice,
              Nominals(std::string(kGoodRow) + "\nN0000001,Smith,John,,1980-13-01,M,,,,,\n"));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->errors.size(), 2u);
  EXPECT_EQ(result->errors[0].column, "dob");
  EXPECT_EQ(result->errors[1].column, "nominal_id");
}

TEST(ExportReaderTest, ReportsBrokenQuotingAsARowError) {
  auto result = ReadAll(AgencyKind::kPolice,
                        Nominals("N0000001,O\"Brien,John,,,M,,,,,\n" + std::string(kGoodRow)));
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->errors.size(), 2u);  // the quote, and the repeated reference
  EXPECT_EQ(result->errors[0].column, "surname");
  EXPECT_TRUE(Contains(result->errors[0].reason, "quote"));
}

TEST(ExportReaderTest, FailsOnAnUnterminatedQuoteNamingWhereItOpened) {
  auto result = ReadAll(AgencyKind::kPolice,
                        Nominals(std::string(kGoodRow) + "\nN0000002,Jones,Ann,,,F,,\"12 High "
                                                         "St,,,\nN0000003,Lee,Bo,,,M,,,,,\n"));
  ASSERT_FALSE(result);
  EXPECT_TRUE(Contains(result.error().message, "line 3, column address")) << result.error().message;
  EXPECT_TRUE(Contains(result.error().message, "never closed")) << result.error().message;
}

TEST(ExportReaderTest, FailsOnAFieldOfAMegabyte) {
  std::string row = "N0000001,Smith,John,,,M,,\"";
  row.append(std::size_t{1024} * 1024, 'x');
  row += "\",,,\n";
  auto result = ReadAll(AgencyKind::kPolice, Nominals(row));
  ASSERT_FALSE(result);
  EXPECT_TRUE(Contains(result.error().message, "line 2, column address"))
      << result.error().message.substr(0, 200);
  EXPECT_TRUE(Contains(result.error().message, "longer than 65536 bytes"));
}

TEST(ExportReaderTest, FailsOnBinaryJunk) {
  std::string junk = Nominals(std::string(kGoodRow) + "\n");
  junk += std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  auto result = ReadAll(AgencyKind::kPolice, junk);
  ASSERT_FALSE(result);
  EXPECT_TRUE(Contains(result.error().message, "line 3")) << result.error().message;
}

TEST(ExportReaderTest, FailsOnLatin1Text) {
  auto result = ReadAll(AgencyKind::kPolice, Nominals("N0000001,Ren\xE9,John,,,M,,,,,\n"));
  ASSERT_FALSE(result);
  EXPECT_TRUE(Contains(result.error().message, "line 2, column surname")) << result.error().message;
  EXPECT_TRUE(Contains(result.error().message, "UTF-8")) << result.error().message;
}

TEST(ExportReaderTest, KeepsTheRawRowForRejectFiles) {
  std::istringstream in(Nominals("N0000001,Smith,John,,1980-02-30,M,,\"1 A St, B\",,,\r\n"));
  auto reader = ExportReader::Open(AgencyKind::kPolice, in);
  ASSERT_TRUE(reader);
  auto row = (*reader)->Next();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->raw, "N0000001,Smith,John,,1980-02-30,M,,\"1 A St, B\",,,");
  EXPECT_EQ((*row)->line, 2u);
  EXPECT_FALSE((*row)->record);
  auto end = (*reader)->Next();
  ASSERT_TRUE(end);
  EXPECT_FALSE(*end);
  EXPECT_GT((*reader)->bytes_read(), 100u);
}

TEST(ExportReaderTest, ShortensVeryLongValuesInErrors) {
  const std::string long_name(500, 'a');
  auto result =
      ReadAll(AgencyKind::kPolice, Nominals("N0000001,Smith,John,,,M,,," + long_name + ",,\n"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].column, "postcode");
  EXPECT_LT(result->errors[0].value.size(), 130u);
  EXPECT_TRUE(result->errors[0].value.ends_with("..."));
}

TEST(ExportReaderTest, GivesTheHeaderOfEachFormat) {
  EXPECT_EQ(ExportHeader(ExportKind::kPoliceNominals), kNominalsHeader);
  EXPECT_EQ(ExportHeader(ExportKind::kTreatmentEpisodes),
            "client_ref,first_initial,surname_initial,dob,sex,postcode_district,substance,"
            "referral_date,treatment_start,discharge_date,discharge_reason,injecting");
  EXPECT_EQ(ExportHeader(ExportKind::kIdvaCases),
            "case_ref,referral_date,victim_age,victim_sex,children_in_household,"
            "perpetrator_name,perpetrator_dob,perpetrator_age,relationship,risk_level,"
            "dash_score,marac_referral,case_status,closed_date");
}

TEST(ExportReaderTest, DescribesRowErrorsForPeople) {
  EXPECT_EQ(DescribeRowError(RowError{14, "dob", "31/02/1985", "is not a date"}),
            "line 14, column dob: '31/02/1985' is not a date");
  EXPECT_EQ(DescribeRowError(RowError{3, "", "", "the row has 2 fields but the header has 11"}),
            "line 3: the row has 2 fields but the header has 11");
}

}  // namespace
}  // namespace tandem::adapters
