// The vocabulary in which each export's format is written down as data: a column spec says
// whether a column must have a value, how its text is read and checked, and what it adds to
// the person's Identity. The shared row validator (row_validator.h) walks these tables.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "agency-adapters/internal/date_formats.h"
#include "agency-adapters/record.h"
#include "core/date.h"
#include "core/result.h"

namespace tandem::adapters::internal {

enum class Need { kRequired, kOptional };

// A code of a sex column and what it means.
struct SexCode {
  std::string_view code;  // upper case
  Sex sex;
};

// What a column parser makes of one value: the canonical text kept in Record::fields, and the
// typed forms other steps use (cross-field date checks, the Identity fillers).
struct ParsedValue {
  std::string canonical;
  std::optional<core::Date> date;
  std::optional<long> number;
};

struct ColumnSpec;

// Reads one trimmed, non-empty value. Errors: kInvalidArgument whose message is the reason,
// written to follow the quoted value ("is not a date in the form DD/MM/YYYY").
using ColumnParser = Result<ParsedValue> (*)(std::string_view value, const ColumnSpec& spec);

// Adds a parsed value to the person's identity; `value` is the trimmed text as given.
using IdentityFiller = void (*)(std::string_view value, const ParsedValue& parsed,
                                const ColumnSpec& spec, Identity& identity);

struct ColumnSpec {
  std::string_view name;
  Need need = Need::kOptional;
  ColumnParser parse = nullptr;
  IdentityFiller fill = nullptr;  // nullptr: not part of the identity
  // Parameters, each used only by the parsers that name it:
  std::string_view prefix = {};  // ParseReference: literal prefix; '@' stands for any letter
  int min_digits = 0;            // ParseReference
  int max_digits = 0;            // ParseReference
  long min_value = 0;            // ParseWholeNumber
  long max_value = 0;            // ParseWholeNumber
  DateFormat date_format = DateFormat::kIso;     // ParseDate
  std::span<const std::string_view> codes = {};  // ParseCode, ParseCodeList
  std::span<const SexCode> sex_codes = {};       // ParseSex
};

// A later date that must not come before an earlier one (end_date after start_date). Checked
// only when both columns hold a valid date; the error names `later`.
struct DateOrderRule {
  std::string_view earlier;
  std::string_view later;
};

// When column `when` holds `when_value`, column `column` must hold `must_value`. In both
// values "*" means any value and "" means empty. The error names `column`.
struct ConditionRule {
  std::string_view column;
  std::string_view must_value;
  std::string_view when;
  std::string_view when_value;
};

struct ExportFormat {
  ExportKind kind;
  std::span<const ColumnSpec> columns;  // in header order
  std::string_view ref_column;          // unique within one file
  std::string_view person_ref_column;   // == ref_column except for occurrences
  bool has_identity = false;
  std::span<const DateOrderRule> date_order = {};
  std::span<const ConditionRule> conditions = {};
};

// Column parsers (column_parsers.cc).
Result<ParsedValue> ParseReference(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseText(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseName(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseDateColumn(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseCode(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseCodeList(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseWholeNumber(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseSex(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParsePostcodeColumn(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseDistrictColumn(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParsePncColumn(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseNhsColumn(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseNiColumn(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseInitial(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseAliases(std::string_view value, const ColumnSpec& spec);
Result<ParsedValue> ParseTenantName(std::string_view value, const ColumnSpec& spec);

// Identity fillers (identity_fillers.cc).
void FillSurname(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillForenames(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillMiddleNames(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillDob(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillSex(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillPostcode(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillDistrict(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillPnc(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillNhs(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillNi(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillAliases(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillTenantName(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillDescribedName(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillEstimatedAge(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillFirstInitial(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);
void FillSurnameInitial(std::string_view, const ParsedValue&, const ColumnSpec&, Identity&);

}  // namespace tandem::adapters::internal
