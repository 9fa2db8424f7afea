// Identity fillers: what each identifying column adds to the person's normalised Identity.
#include <algorithm>
#include <string>
#include <string_view>

#include "agency-adapters/internal/column_spec.h"
#include "agency-adapters/normalise.h"

namespace tandem::adapters::internal {
namespace {

void AppendWords(std::string_view words, std::string& out) {
  if (words.empty()) return;
  if (!out.empty()) out.push_back(' ');
  out.append(words);
}

void SetName(PersonName name, Identity& identity) {
  identity.surname = std::move(name.surname);
  identity.forename_as_given = std::move(name.forename_as_given);
  identity.forename = std::move(name.forename);
  AppendWords(name.middle_names, identity.middle_names);
  if (name.first_initial != 0) identity.first_initial = name.first_initial;
  if (name.surname_initial != 0) identity.surname_initial = name.surname_initial;
}

char LowerInitial(const ParsedValue& parsed) {
  const char c = parsed.canonical.empty() ? '\0' : parsed.canonical[0];
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

void FillSurname(std::string_view value, const ParsedValue&, const ColumnSpec&, Identity& id) {
  id.surname = NormaliseSurname(value);
}

void FillForenames(std::string_view value, const ParsedValue&, const ColumnSpec&, Identity& id) {
  Forenames f = NormaliseForenames(value);
  id.forename_as_given = std::move(f.forename_as_given);
  id.forename = std::move(f.forename);
  AppendWords(f.middle_names, id.middle_names);
}

void FillMiddleNames(std::string_view value, const ParsedValue&, const ColumnSpec&, Identity& id) {
  const Forenames f = NormaliseForenames(value);
  AppendWords(f.forename_as_given, id.middle_names);
  AppendWords(f.middle_names, id.middle_names);
}

void FillDob(std::string_view, const ParsedValue& parsed, const ColumnSpec&, Identity& id) {
  id.dob = parsed.date;
}

void FillSex(std::string_view, const ParsedValue& parsed, const ColumnSpec& spec, Identity& id) {
  for (const SexCode& s : spec.sex_codes) {
    if (s.code == parsed.canonical) id.sex = s.sex;
  }
}

void FillPostcode(std::string_view, const ParsedValue& parsed, const ColumnSpec&, Identity& id) {
  id.postcode = parsed.canonical;
  id.district = parsed.canonical.substr(0, parsed.canonical.find(' '));
}

void FillDistrict(std::string_view, const ParsedValue& parsed, const ColumnSpec&, Identity& id) {
  id.district = parsed.canonical;
}

void FillPnc(std::string_view, const ParsedValue& parsed, const ColumnSpec&, Identity& id) {
  id.pnc_id = parsed.canonical;
}

void FillNhs(std::string_view, const ParsedValue& parsed, const ColumnSpec&, Identity& id) {
  id.nhs_number = parsed.canonical;
}

void FillNi(std::string_view, const ParsedValue& parsed, const ColumnSpec&, Identity& id) {
  id.ni_number = parsed.canonical;
}

// Each alias was checked by ParseAliases; the parse is repeated here for its parts.
void FillAliases(std::string_view, const ParsedValue& parsed, const ColumnSpec&, Identity& id) {
  const std::string_view text = parsed.canonical;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t semi = std::min(text.find(';', start), text.size());
    if (auto alias = ParseAlias(text.substr(start, semi - start))) {
      id.aliases.push_back(Identity::Name{std::move(alias->name.forename),
                                          std::move(alias->name.surname), alias->dob});
    }
    start = semi + 1;
  }
}

void FillTenantName(std::string_view value, const ParsedValue&, const ColumnSpec&, Identity& id) {
  if (auto name = ParseSurnameCommaForenames(value)) SetName(std::move(*name), id);
}

void FillDescribedName(std::string_view value, const ParsedValue&, const ColumnSpec&,
                       Identity& id) {
  SetName(ParseDescribedName(value), id);
}

void FillEstimatedAge(std::string_view, const ParsedValue& parsed, const ColumnSpec&,
                      Identity& id) {
  if (parsed.number) id.estimated_age = static_cast<int>(*parsed.number);
}

void FillFirstInitial(std::string_view, const ParsedValue& parsed, const ColumnSpec&,
                      Identity& id) {
  id.first_initial = LowerInitial(parsed);
}

void FillSurnameInitial(std::string_view, const ParsedValue& parsed, const ColumnSpec&,
                        Identity& id) {
  id.surname_initial = LowerInitial(parsed);
}

}  // namespace tandem::adapters::internal
