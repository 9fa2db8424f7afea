// Shared by the synthetic generator's tests: one generated partnership per test binary (small,
// so the tests stay fast under sanitizers) and an RFC 4180 reader to take it apart.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/synth/generator.h"

namespace tandem::core::synth::testing {

inline constexpr std::uint64_t kTestPeople = 2000;
inline constexpr std::uint64_t kTestSeed = 7;

struct Generated {
  std::array<std::string, kOutputFileCount> bytes;
  Summary summary;
};

// Generates `people` people from `seed` into strings.
inline Generated GenerateToStrings(const Options& options) {
  std::array<std::ostringstream, kOutputFileCount> streams;
  Sinks sinks;
  sinks.police_nominals = &streams[0];
  sinks.police_occurrences = &streams[1];
  sinks.probation_cases = &streams[2];
  sinks.nhs_mental_health = &streams[3];
  sinks.housing_tenancies = &streams[4];
  sinks.treatment_episodes = &streams[5];
  sinks.idva_cases = &streams[6];
  sinks.truth = &streams[7];
  auto summary = Generate(options, sinks);
  EXPECT_TRUE(summary.has_value()) << (summary ? "" : summary.error().message);
  Generated out;
  for (std::size_t i = 0; i < kOutputFileCount; ++i) out.bytes[i] = streams[i].str();
  if (summary) out.summary = *summary;
  return out;
}

// The partnership most tests look at, generated once.
inline const Generated& TestPartnership() {
  static const Generated generated = [] {
    Options options;
    options.people = kTestPeople;
    options.seed = kTestSeed;
    return GenerateToStrings(options);
  }();
  return generated;
}

using Row = std::vector<std::string>;

// Parses RFC 4180 text (optional UTF-8 BOM, LF or CRLF line ends, quoted fields with doubled
// quotes and embedded line breaks). Adds a test failure for malformed input.
inline std::vector<Row> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  bool field_was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty() || field_was_quoted) {
        ADD_FAILURE() << "quote inside an unquoted field near byte " << i;
      }
      quoted = true;
      field_was_quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r') {
        if (i + 1 >= text.size() || text[i + 1] != '\n') ADD_FAILURE() << "bare CR at " << i;
        ++i;
      }
      row.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
      rows.push_back(std::move(row));
      row.clear();
    } else {
      if (field_was_quoted) ADD_FAILURE() << "text after a closing quote near byte " << i;
      field.push_back(c);
    }
  }
  if (quoted) ADD_FAILURE() << "unterminated quoted field";
  if (!field.empty() || !row.empty()) ADD_FAILURE() << "last line has no line end";
  return rows;
}

// A file of the test partnership as rows; [0] is the header.
inline const std::vector<Row>& TestRows(OutputFile file) {
  static const std::array<std::vector<Row>, kOutputFileCount> all = [] {
    std::array<std::vector<Row>, kOutputFileCount> parsed;
    for (std::size_t i = 0; i < kOutputFileCount; ++i) {
      parsed[i] = ParseCsv(TestPartnership().bytes[i]);
    }
    return parsed;
  }();
  return all[static_cast<std::size_t>(file)];
}

}  // namespace tandem::core::synth::testing
