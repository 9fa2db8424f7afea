// The column tables must say exactly what docs/agency-exports.md says.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "agency-adapters/export_reader.h"

namespace tandem::adapters {
namespace {

// The header line documented for `file` ("police_nominals.csv"): the first line after the
// section heading that names the file and is written as code.
std::string DocumentedHeader(const std::string& doc, const std::string& file) {
  const std::size_t heading = doc.find("`" + file + "`");
  if (heading == std::string::npos) return "<no section for " + file + ">";
  std::istringstream lines(doc.substr(heading));
  std::string line;
  std::getline(lines, line);  // the heading itself
  while (std::getline(lines, line)) {
    if (line.size() > 2 && line.front() == '`' && line.back() == '`') {
      return line.substr(1, line.size() - 2);
    }
  }
  return "<no header for " + file + ">";
}

TEST(ExportFormatsTest, HeadersAreThoseOfTheDesignDocument) {
  std::ifstream in(std::string(TANDEM_SOURCE_DIR) + "/docs/agency-exports.md");
  ASSERT_TRUE(in) << "docs/agency-exports.md not found";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (ExportKind kind :
       {ExportKind::kPoliceNominals, ExportKind::kPoliceOccurrences, ExportKind::kProbationCases,
        ExportKind::kNhsMentalHealth, ExportKind::kHousingTenancies, ExportKind::kTreatmentEpisodes,
        ExportKind::kIdvaCases}) {
    const std::string file = std::string(ExportKindName(kind)) + ".csv";
    EXPECT_EQ(ExportHeader(kind), DocumentedHeader(doc, file)) << file;
  }
}

TEST(ExportFormatsTest, EachAgencyOpensItsOwnFormats) {
  for (ExportKind kind :
       {ExportKind::kPoliceNominals, ExportKind::kPoliceOccurrences, ExportKind::kProbationCases,
        ExportKind::kNhsMentalHealth, ExportKind::kHousingTenancies, ExportKind::kTreatmentEpisodes,
        ExportKind::kIdvaCases}) {
    for (core::AgencyKind agency : core::kAllAgencyKinds) {
      std::istringstream in(ExportHeader(kind) + "\n");
      auto reader = ExportReader::Open(agency, in);
      EXPECT_EQ(reader.has_value(), agency == ExportAgency(kind))
          << ExportKindName(kind) << " as " << core::AgencyName(agency);
      if (reader) EXPECT_EQ((*reader)->kind(), kind);
    }
  }
}

}  // namespace
}  // namespace tandem::adapters
