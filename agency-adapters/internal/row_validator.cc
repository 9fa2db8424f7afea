#include "agency-adapters/internal/row_validator.h"

#include <optional>
#include <string>

#include "core/check.h"

namespace tandem::adapters::internal {
namespace {

constexpr std::size_t kMaxReportedValue = 120;

bool ValueMatches(std::string_view canonical, std::string_view wanted) {
  if (wanted == "*") return !canonical.empty();
  return canonical == wanted;
}

std::string Describe(std::string_view column, std::string_view value) {
  if (value == "*") return std::string(column) + " is given";
  if (value.empty()) return std::string(column) + " is empty";
  return std::string(column) + " is " + std::string(value);
}

std::string ConditionReason(std::string_view must_value, std::string_view when,
                            std::string_view when_value) {
  std::string must;
  if (must_value == "*") {
    must = "must be given";
  } else if (must_value.empty()) {
    must = "must be empty";
  } else {
    must = "must be " + std::string(must_value);
  }
  return must + " when " + Describe(when, when_value);
}

}  // namespace

std::string_view TrimValue(std::string_view value) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
  while (!value.empty() && is_space(value.back())) value.remove_suffix(1);
  return value;
}

std::string ShortenForReport(std::string_view value) {
  value = TrimValue(value);
  if (value.size() <= kMaxReportedValue) return std::string(value);
  std::size_t cut = kMaxReportedValue;
  // Back up to the start of a UTF-8 character.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "...";
}

RowValidator::RowValidator(const ExportFormat& format)
    : format_(format),
      ref_index_(ColumnIndex(format, format.ref_column)),
      person_ref_index_(ColumnIndex(format, format.person_ref_column)) {
  TANDEM_CHECK(ref_index_ >= 0 && person_ref_index_ >= 0);
  for (const DateOrderRule& r : format.date_order) {
    date_rules_.push_back({ColumnIndex(format, r.earlier), ColumnIndex(format, r.later)});
    TANDEM_CHECK(date_rules_.back().earlier >= 0 && date_rules_.back().later >= 0);
  }
  for (const ConditionRule& r : format.conditions) {
    conditions_.push_back(
        {ColumnIndex(format, r.column), r.must_value, ColumnIndex(format, r.when), r.when_value});
    TANDEM_CHECK(conditions_.back().column >= 0 && conditions_.back().when >= 0);
  }
}

void RowValidator::Validate(const CsvRow& row, RowOutcome& outcome, std::string& ref) const {
  const auto& columns = format_.columns;
  TANDEM_CHECK(row.fields.size() == columns.size());
  ref.clear();
  auto& errors = outcome.errors;
  const auto add_error = [&](std::size_t column, std::string_view value, std::string reason) {
    errors.push_back(RowError{row.line, std::string(columns[column].name), ShortenForReport(value),
                              std::move(reason)});
  };

  std::vector<ParsedValue> parsed(columns.size());
  std::vector<bool> bad(columns.size(), false);
  for (const CsvProblem& p : row.problems) {
    if (p.column < columns.size() && !bad[p.column]) {
      add_error(p.column, row.fields[p.column], p.reason);
      bad[p.column] = true;
    }
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (bad[i]) continue;
    const ColumnSpec& spec = columns[i];
    const std::string_view value = TrimValue(row.fields[i]);
    if (value.empty()) {
      if (spec.need == Need::kRequired) {
        add_error(i, value, "is empty, but this column must have a value");
        bad[i] = true;
      }
      continue;
    }
    auto result = spec.parse(value, spec);
    if (!result) {
      add_error(i, value, std::move(result.error().message));
      bad[i] = true;
      continue;
    }
    parsed[i] = std::move(*result);
  }
  if (!bad[ref_index_]) ref = parsed[ref_index_].canonical;

  for (const DateRule& r : date_rules_) {
    if (bad[r.earlier] || bad[r.later]) continue;  // one error per column is enough
    const auto& earlier = parsed[r.earlier].date;
    const auto& later = parsed[r.later].date;
    if (earlier && later && *later < *earlier) {
      add_error(
          r.later, row.fields[r.later],
          "is before " + std::string(columns[r.earlier].name) + " (" + earlier->ToIso() + ")");
      bad[r.later] = true;
    }
  }
  for (const Condition& c : conditions_) {
    if (bad[c.column] || bad[c.when]) continue;
    if (ValueMatches(parsed[c.when].canonical, c.when_value) &&
        !ValueMatches(parsed[c.column].canonical, c.must_value)) {
      add_error(c.column, row.fields[c.column],
                ConditionReason(c.must_value, columns[c.when].name, c.when_value));
    }
  }
  if (!errors.empty()) return;

  Record record;
  record.kind = format_.kind;
  record.line = row.line;
  record.ref = parsed[ref_index_].canonical;
  record.person_ref = parsed[person_ref_index_].canonical;
  if (format_.has_identity) {
    Identity identity;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const ColumnSpec& spec = columns[i];
      if (spec.fill == nullptr || parsed[i].canonical.empty()) continue;
      spec.fill(TrimValue(row.fields[i]), parsed[i], spec, identity);
    }
    // Initials for the key that treatment data can support, from the names where the
    // export did not give them.
    if (identity.first_initial == 0 && !identity.forename_as_given.empty()) {
      identity.first_initial = identity.forename_as_given[0];
    }
    if (identity.surname_initial == 0 && !identity.surname.empty()) {
      identity.surname_initial = identity.surname[0];
    }
    record.identity = std::move(identity);
  }
  record.fields.reserve(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    record.fields.emplace_back(std::string(columns[i].name), std::move(parsed[i].canonical));
  }
  outcome.record = std::move(record);
}

}  // namespace tandem::adapters::internal
