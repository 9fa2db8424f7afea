#include "agency-adapters/offence_table_reader.h"

#include <array>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "agency-adapters/internal/column_spec.h"
#include "agency-adapters/internal/csv_reader.h"
#include "agency-adapters/internal/row_validator.h"

namespace tandem::adapters {
namespace {

using internal::ColumnSpec;

constexpr std::array<std::string_view, 3> kHeader = {"offence_code", "cchi_days", "high_harm"};
constexpr std::array<std::string_view, 3> kHighHarmCodes = {"Y", "N", "DOMESTIC"};

const ColumnSpec kDaysColumn{.name = "cchi_days", .min_value = 0, .max_value = core::kMaxCchiDays};
const ColumnSpec kHighHarmColumn{.name = "high_harm", .codes = kHighHarmCodes};

tl::unexpected<Error> At(std::size_t line, std::string_view column, const std::string& reason) {
  return Fail(Code::kInvalidArgument,
              "line " + std::to_string(line) + ", column " + std::string(column) + ": " + reason);
}

Status CheckHeader(const internal::CsvRow& row) {
  bool same = row.fields.size() == kHeader.size();
  for (std::size_t i = 0; same && i < kHeader.size(); ++i) {
    same = internal::TrimValue(row.fields[i]) == kHeader[i];
  }
  if (same) return Ok();
  return Fail(Code::kInvalidArgument, "line " + std::to_string(row.line) +
                                          ": the header must be offence_code,cchi_days,high_harm");
}

Result<core::Offence> ReadRow(const internal::CsvRow& row) {
  if (!row.problems.empty()) {
    const internal::CsvProblem& problem = row.problems.front();
    return At(row.line, kHeader.at(std::min(problem.column, kHeader.size() - 1)), problem.reason);
  }
  if (row.fields.size() != kHeader.size()) {
    return Fail(Code::kInvalidArgument, "line " + std::to_string(row.line) + ": " +
                                            std::to_string(row.fields.size()) +
                                            " fields where the header has 3");
  }
  core::Offence offence;
  offence.code = std::string(internal::TrimValue(row.fields[0]));
  if (Status s = core::CheckOffence({offence.code, 0, false, false}); !s) {
    return At(row.line, kHeader[0], s.error().message);
  }
  const std::string_view days_text = internal::TrimValue(row.fields[1]);
  if (days_text.empty()) return At(row.line, kHeader[1], "is empty");
  auto days = internal::ParseWholeNumber(days_text, kDaysColumn);
  if (!days) {
    return At(row.line, kHeader[1],
              "'" + internal::ShortenForReport(days_text) + "' " + days.error().message);
  }
  offence.cchi_days = static_cast<int>(*days->number);
  const std::string_view harm_text = internal::TrimValue(row.fields[2]);
  auto harm = internal::ParseCode(harm_text, kHighHarmColumn);
  if (!harm) {
    return At(row.line, kHeader[2],
              "'" + internal::ShortenForReport(harm_text) + "' " + harm.error().message);
  }
  offence.high_harm = harm->canonical == "Y";
  offence.high_harm_when_domestic = harm->canonical == "DOMESTIC";
  return offence;
}

}  // namespace

Result<core::OffenceTable> ParseOffenceTable(std::istream& in) {
  internal::CsvReader reader(in);
  reader.set_column_names({kHeader.begin(), kHeader.end()});
  internal::CsvRow row;
  auto more = reader.Next(row);
  if (!more) return tl::unexpected(more.error());
  if (!*more) return Fail(Code::kInvalidArgument, "the offence table file is empty");
  if (Status s = CheckHeader(row); !s) return tl::unexpected(s.error());

  std::vector<core::Offence> offences;
  std::map<std::string, std::size_t, std::less<>> line_of;  // code -> line it was first given
  while (true) {
    more = reader.Next(row);
    if (!more) return tl::unexpected(more.error());
    if (!*more) break;
    if (offences.size() == core::kMaxOffences) {
      return Fail(Code::kInvalidArgument, "line " + std::to_string(row.line) + ": more than " +
                                              std::to_string(core::kMaxOffences) + " offences");
    }
    auto offence = ReadRow(row);
    if (!offence) return tl::unexpected(offence.error());
    const auto [at, added] = line_of.emplace(offence->code, row.line);
    if (!added) {
      return At(row.line, kHeader[0],
                offence->code + " was already given on line " + std::to_string(at->second));
    }
    offences.push_back(std::move(*offence));
  }
  if (offences.empty()) return Fail(Code::kInvalidArgument, "the offence table lists no offence");
  return core::OffenceTable::Create(std::move(offences));
}

Result<core::OffenceTable> ReadOffenceTable(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    return Fail(Code::kNotFound, "offence table " + file.string() + " does not exist");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Code::kUnavailable, "cannot read offence table " + file.string());
  auto table = ParseOffenceTable(in);
  if (!table) return Fail(table.error().code, file.string() + ": " + table.error().message);
  return table;
}

}  // namespace tandem::adapters
