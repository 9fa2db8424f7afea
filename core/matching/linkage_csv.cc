// The CSV shapes of linkage measurement: links, ground truth and clerically reviewed pairs.
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

#include "core/check.h"
#include "core/matching/internal/csv_line.h"
#include "core/matching/linkage_quality.h"

namespace tandem::core::matching {
namespace {

std::string AtLine(int line_number) { return "line " + std::to_string(line_number) + ": "; }

// Column names of a header, in order, for messages about one field.
std::vector<std::string> ColumnNames(std::string_view header) {
  std::vector<std::string> names;
  const Status split = internal::SplitCsvLine(header, names);
  TANDEM_CHECK(split.has_value());  // the headers are constants without quotes
  return names;
}

// Splits a data line and checks its shape: the expected number of fields, none empty.
Status SplitRow(const std::string& line, int line_number, const std::vector<std::string>& columns,
                std::vector<std::string>& fields) {
  if (Status split = internal::SplitCsvLine(line, fields); !split) {
    return Fail(Code::kInvalidArgument, AtLine(line_number) + split.error().message);
  }
  if (fields.size() != columns.size()) {
    return Fail(Code::kInvalidArgument, AtLine(line_number) + "expected " +
                                            std::to_string(columns.size()) + " fields, found " +
                                            std::to_string(fields.size()));
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].empty()) {
      return Fail(Code::kInvalidArgument,
                  AtLine(line_number) + "column " + columns[i] + " is empty");
    }
  }
  return Ok();
}

Result<double> ParseWeight(const std::string& text, int line_number) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || !std::isfinite(value)) {
    return Fail(Code::kInvalidArgument,
                AtLine(line_number) + "column weight: '" + text + "' is not a finite number");
  }
  return value;
}

}  // namespace

Status ReadLinksCsv(std::istream& in, const std::function<Status(const Link&)>& sink) {
  int line_number = 0;
  if (Status header = internal::ExpectCsvHeader(in, kLinksHeader, line_number); !header) {
    return header;
  }
  const std::vector<std::string> columns = ColumnNames(kLinksHeader);
  std::string line;
  std::vector<std::string> fields;
  while (internal::NextCsvLine(in, line, line_number)) {
    if (Status shape = SplitRow(line, line_number, columns, fields); !shape) return shape;
    const std::optional<Band> band = ParseBand(fields[4]);
    if (!band.has_value()) {
      return Fail(Code::kInvalidArgument, AtLine(line_number) + "column band: '" + fields[4] +
                                              "' is not a band (auto, review or non-match)");
    }
    Result<double> weight = ParseWeight(fields[5], line_number);
    if (!weight) return tl::unexpected(weight.error());
    Link link{.agency_a = std::move(fields[0]),
              .record_a = std::move(fields[1]),
              .agency_b = std::move(fields[2]),
              .record_b = std::move(fields[3]),
              .band = *band,
              .weight = *weight,
              .line = line_number};
    if (Status taken = sink(link); !taken) return taken;
  }
  if (in.bad()) return Fail(Code::kUnavailable, "the links input could not be read");
  return Ok();
}

Result<std::vector<Link>> ParseLinksCsv(std::istream& in) {
  std::vector<Link> links;
  Status read = ReadLinksCsv(in, [&links](const Link& link) -> Status {
    links.push_back(link);
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return links;
}

Result<std::vector<TruthRecord>> ParseTruthCsv(std::istream& in) {
  int line_number = 0;
  if (Status header = internal::ExpectCsvHeader(in, kTruthHeader, line_number); !header) {
    return tl::unexpected(header.error());
  }
  const std::vector<std::string> columns = ColumnNames(kTruthHeader);
  std::vector<TruthRecord> truth;
  std::string line;
  std::vector<std::string> fields;
  while (internal::NextCsvLine(in, line, line_number)) {
    if (Status shape = SplitRow(line, line_number, columns, fields); !shape) {
      return tl::unexpected(shape.error());
    }
    truth.push_back({.agency = std::move(fields[0]),
                     .record_id = std::move(fields[1]),
                     .person_id = std::move(fields[2]),
                     .line = line_number});
  }
  if (in.bad()) return Fail(Code::kUnavailable, "the truth input could not be read");
  return truth;
}

Result<std::vector<LabelledPair>> ParseReviewedPairsCsv(std::istream& in) {
  int line_number = 0;
  if (Status header = internal::ExpectCsvHeader(in, kReviewedPairsHeader, line_number); !header) {
    return tl::unexpected(header.error());
  }
  const std::vector<std::string> columns = ColumnNames(kReviewedPairsHeader);
  std::vector<LabelledPair> reviewed;
  std::string line;
  std::vector<std::string> fields;
  while (internal::NextCsvLine(in, line, line_number)) {
    // same_person, the last column, may be empty (not reviewed): check the rest as a row.
    if (Status split = internal::SplitCsvLine(line, fields); !split) {
      return Fail(Code::kInvalidArgument, AtLine(line_number) + split.error().message);
    }
    if (fields.size() == columns.size() && fields.back().empty()) continue;
    if (Status shape = SplitRow(line, line_number, columns, fields); !shape) {
      return tl::unexpected(shape.error());
    }
    Result<double> weight = ParseWeight(fields[5], line_number);
    if (!weight) return tl::unexpected(weight.error());
    const std::string& decision = fields.back();
    if (decision != "yes" && decision != "no") {
      return Fail(Code::kInvalidArgument, AtLine(line_number) + "column same_person: '" + decision +
                                              "' is not a decision (yes, no, or empty when the "
                                              "pair was not reviewed)");
    }
    reviewed.push_back({.weight = *weight, .same_person = decision == "yes"});
  }
  if (in.bad()) return Fail(Code::kUnavailable, "the reviewed pairs could not be read");
  return reviewed;
}

}  // namespace tandem::core::matching
