// Column parsers: each reads one trimmed, non-empty value and gives its canonical text.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "agency-adapters/internal/column_spec.h"
#include "agency-adapters/normalise.h"

namespace tandem::adapters::internal {
namespace {

char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string UpperAscii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), Upper);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string CodesList(std::span<const std::string_view> codes) {
  std::string out;
  for (std::string_view code : codes) {
    if (!out.empty()) out += ", ";
    out += code;
  }
  return out;
}

bool IsCode(std::span<const std::string_view> codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

ParsedValue Canonical(std::string text) {
  ParsedValue v;
  v.canonical = std::move(text);
  return v;
}

}  // namespace

Result<ParsedValue> ParseReference(std::string_view value, const ColumnSpec& spec) {
  const std::string ref = UpperAscii(value);
  bool ok = ref.size() >= spec.prefix.size();
  for (std::size_t i = 0; ok && i < spec.prefix.size(); ++i) {
    ok = spec.prefix[i] == '@' ? IsLetter(ref[i]) : ref[i] == spec.prefix[i];
  }
  const std::size_t digits = ok ? ref.size() - spec.prefix.size() : 0;
  ok = ok && digits >= static_cast<std::size_t>(spec.min_digits) &&
       digits <= static_cast<std::size_t>(spec.max_digits) &&
       std::all_of(ref.begin() + static_cast<long>(spec.prefix.size()), ref.end(), IsDigit);
  if (ok) return Canonical(ref);
  std::string form = spec.prefix == "@" ? "a letter" : std::string(spec.prefix);
  form += " followed by " + std::to_string(spec.min_digits);
  if (spec.max_digits != spec.min_digits) form += " to " + std::to_string(spec.max_digits);
  form += spec.max_digits == 1 ? " digit" : " digits";
  return Fail(Code::kInvalidArgument, "is not in the form " + form);
}

Result<ParsedValue> ParseText(std::string_view value, const ColumnSpec&) {
  return Canonical(std::string(value));
}

// Names keep their letters, accents and punctuation as given (the store shows them); runs of
// spaces become one. Digits are refused: a name with a digit is a keying error.
Result<ParsedValue> ParseName(std::string_view value, const ColumnSpec&) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (IsDigit(c)) return Fail(Code::kInvalidArgument, "has a digit in it; names hold letters");
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  const bool has_letter = std::any_of(out.begin(), out.end(), [](char c) {
    return IsLetter(c) || static_cast<unsigned char>(c) >= 0x80;
  });
  if (!has_letter) return Fail(Code::kInvalidArgument, "has no letter in it");
  return Canonical(std::move(out));
}

Result<ParsedValue> ParseDateColumn(std::string_view value, const ColumnSpec& spec) {
  auto date = ParseDate(value, spec.date_format);
  if (!date) return tl::unexpected(date.error());
  ParsedValue v = Canonical(date->ToIso());
  v.date = *date;
  return v;
}

Result<ParsedValue> ParseCode(std::string_view value, const ColumnSpec& spec) {
  std::string code = UpperAscii(value);
  if (IsCode(spec.codes, code)) return Canonical(std::move(code));
  return Fail(Code::kInvalidArgument, "is not one of " + CodesList(spec.codes));
}

// `;`-separated codes: each trimmed and upper-cased, empty items and repeats dropped.
Result<ParsedValue> ParseCodeList(std::string_view value, const ColumnSpec& spec) {
  std::vector<std::string> seen;
  std::string out;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t semi = value.find(';', start);
    const std::size_t stop = semi == std::string_view::npos ? value.size() : semi;
    const std::string code = UpperAscii(Trim(value.substr(start, stop - start)));
    if (!code.empty()) {
      if (!IsCode(spec.codes, code)) {
        return Fail(Code::kInvalidArgument,
                    "holds '" + code + "', which is not one of " + CodesList(spec.codes));
      }
      if (std::find(seen.begin(), seen.end(), code) == seen.end()) {
        if (!out.empty()) out.push_back(';');
        out += code;
        seen.push_back(code);
      }
    }
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  return Canonical(std::move(out));
}

Result<ParsedValue> ParseWholeNumber(std::string_view value, const ColumnSpec& spec) {
  if (value.size() > 9 || !std::all_of(value.begin(), value.end(), IsDigit)) {
    return Fail(Code::kInvalidArgument, "is not a whole number");
  }
  long n = 0;
  for (char c : value) n = n * 10 + (c - '0');
  if (n < spec.min_value || n > spec.max_value) {
    return Fail(Code::kInvalidArgument, "is outside the range " + std::to_string(spec.min_value) +
                                            " to " + std::to_string(spec.max_value));
  }
  ParsedValue v = Canonical(std::to_string(n));
  v.number = n;
  return v;
}

Result<ParsedValue> ParseSex(std::string_view value, const ColumnSpec& spec) {
  std::string code = UpperAscii(value);
  for (const SexCode& s : spec.sex_codes) {
    if (s.code == code) return Canonical(std::move(code));
  }
  std::string list;
  for (const SexCode& s : spec.sex_codes) {
    if (!list.empty()) list += ", ";
    list += s.code;
  }
  return Fail(Code::kInvalidArgument, "is not one of " + list);
}

Result<ParsedValue> ParsePostcodeColumn(std::string_view value, const ColumnSpec&) {
  auto postcode = NormalisePostcode(value);
  if (!postcode) return tl::unexpected(postcode.error());
  return Canonical(std::move(postcode->postcode));
}

Result<ParsedValue> ParseDistrictColumn(std::string_view value, const ColumnSpec&) {
  auto district = NormalisePostcodeDistrict(value);
  if (!district) return tl::unexpected(district.error());
  return Canonical(std::move(*district));
}

Result<ParsedValue> ParsePncColumn(std::string_view value, const ColumnSpec&) {
  auto pnc = NormalisePncId(value);
  if (!pnc) return tl::unexpected(pnc.error());
  return Canonical(std::move(*pnc));
}

Result<ParsedValue> ParseNhsColumn(std::string_view value, const ColumnSpec&) {
  auto nhs = NormaliseNhsNumber(value);
  if (!nhs) return tl::unexpected(nhs.error());
  return Canonical(std::move(*nhs));
}

Result<ParsedValue> ParseNiColumn(std::string_view value, const ColumnSpec&) {
  auto ni = NormaliseNiNumber(value);
  if (!ni) return tl::unexpected(ni.error());
  return Canonical(std::move(*ni));
}

Result<ParsedValue> ParseInitial(std::string_view value, const ColumnSpec&) {
  const std::vector<std::string> words = NameWords(value);
  if (words.size() != 1 || words[0].size() != 1) {
    return Fail(Code::kInvalidArgument, "is not a single letter");
  }
  return Canonical(std::string(1, Upper(words[0][0])));
}

// Aliases are checked here so a bad one is a row error; the canonical text keeps each alias
// as written (spaces tidied) with its date in ISO form.
Result<ParsedValue> ParseAliases(std::string_view value, const ColumnSpec&) {
  std::string out;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t semi = value.find(';', start);
    const std::size_t stop = semi == std::string_view::npos ? value.size() : semi;
    const std::string_view item = Trim(value.substr(start, stop - start));
    if (!item.empty()) {
      auto alias = ParseAlias(item);
      if (!alias) {
        return Fail(Code::kInvalidArgument,
                    "holds '" + std::string(item) + "', which " + alias.error().message);
      }
      if (!out.empty()) out.push_back(';');
      const std::size_t at = item.find('@');
      std::string_view name = Trim(item.substr(0, at));
      for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == ' ' && i > 0 && name[i - 1] == ' ') continue;
        out.push_back(name[i]);
      }
      if (alias->dob) out += "@" + alias->dob->ToIso();
    }
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  return Canonical(std::move(out));
}

Result<ParsedValue> ParseTenantName(std::string_view value, const ColumnSpec&) {
  auto name = ParseSurnameCommaForenames(value);
  if (!name) return tl::unexpected(name.error());
  std::string out;
  for (char c : value) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return Canonical(std::move(out));
}

}  // namespace tandem::adapters::internal
