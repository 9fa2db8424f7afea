// The match-key tables (match_keys.h) and the derivation that walks them.
#include "agency-adapters/match_keys.h"

#include <array>
#include <charconv>
#include <string>

#include "agency-adapters/internal/key_derivers.h"

namespace tandem::adapters {
namespace {

using namespace internal;  // NOLINT(google-build-using-namespace): the derivers' names read as a
                           // table

// Strongest first. Seeds only start EM; the weights come from the fit.
constexpr std::array<MatchKeySpec, 12> kMatchKeys = {{
    {"pnc_id", 0.95, 1e-7, DerivePncId,
     "a person's Police National Computer ID: police and probation both hold it"},
    {"nhs_number", 0.97, 1e-7, DeriveNhsNumber,
     "the NHS number, check digit verified: the NHS trust holds it"},
    {"ni_number", 0.95, 1e-7, DeriveNiNumber, "the National Insurance number: housing holds it"},
    {"name_dob", 0.85, 1e-6, DeriveNameDob,
     "forename, surname and date of birth: what every agency with names records; aliases and "
     "the forename as given add values"},
    {"phonetic_dob", 0.9, 2e-6, DerivePhoneticDob,
     "NYSIIS code of the surname, forename initial and date of birth: survives misspelt "
     "surnames and forenames"},
    {"swapped_name_dob", 0.85, 1e-6, DeriveSwappedNameDob,
     "forename and surname in either order with the date of birth: catches names entered the "
     "wrong way round"},
    {"name_dm_free_dob", 0.87, 2e-6, DeriveNameDayMonthFreeDob,
     "forename, surname and the date of birth with day and month in either order: catches "
     "day/month transpositions"},
    {"name_yob_district", 0.6, 1e-6, DeriveNameYobDistrict,
     "forename, surname, year of birth and postcode district: survives a wrong day or month"},
    {"forename_dob_district", 0.6, 1e-7, DeriveForenameDobDistrict,
     "forename, date of birth and postcode district: survives a surname changed on marriage"},
    {"initials_dob_sex_district", 0.6, 1e-7, DeriveInitialsDobSexDistrict,
     "initials, date of birth, sex and postcode district: all that treatment data holds; a "
     "record without sex (housing) gives a value for either sex"},
    {"initials_dob", 0.85, 5e-6, DeriveInitialsDob,
     "initials and date of birth: where treatment data meets a record without a district (a "
     "victim's description), or a district that changed"},
    {"name_birth_period", 0.8, 2e-5, DeriveNameBirthPeriod,
     "forename, surname and five-year period of birth, every period an estimated age allows: "
     "the most a victim's description without a date of birth supports"},
}};

constexpr std::array<MatchKeySpec, 4> kExactBaselineKeys = {{
    kMatchKeys[0],
    kMatchKeys[1],
    kMatchKeys[2],
    {"exact_name_dob", 0.85, 1e-6, DeriveExactNameDob,
     "forename as given, surname and date of birth, exactly (no aliases, no nicknames)"},
}};

std::optional<core::Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  int m = 0;
  int d = 0;
  const auto read = [&](std::size_t at, std::size_t len, int& out) {
    const auto [ptr, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc() && ptr == text.data() + at + len;
  };
  if (!read(0, 4, y) || !read(5, 2, m) || !read(8, 2, d)) return std::nullopt;
  auto date = core::Date::FromYmd(y, m, d);
  if (!date) return std::nullopt;
  return *date;
}

}  // namespace

std::optional<MatchKeySource> MatchKeySourceOf(const Record& record) {
  if (!record.identity) return std::nullopt;
  MatchKeySource source;
  source.identity = &*record.identity;
  if (record.kind == ExportKind::kIdvaCases) {
    for (const auto& [column, value] : record.fields) {
      if (column == "referral_date") source.age_estimated_on = ParseIsoDate(value);
    }
  }
  return source;
}

std::span<const MatchKeySpec> MatchKeyTable() { return kMatchKeys; }

std::span<const MatchKeySpec> ExactBaselineKeyTable() { return kExactBaselineKeys; }

std::vector<core::matching::KeyType> KeyTypesOf(std::span<const MatchKeySpec> table) {
  std::vector<core::matching::KeyType> out;
  out.reserve(table.size());
  for (const MatchKeySpec& spec : table) {
    out.push_back({std::string(spec.name), spec.seed_m, spec.seed_u});
  }
  return out;
}

Status DeriveMatchKeys(std::span<const MatchKeySpec> table, const MatchKeySource& source,
                       MatchKeyValues& out) {
  out.Clear();
  if (source.identity == nullptr) {
    return Fail(Code::kInvalidArgument, "the record has no identity to derive match keys from");
  }
  if (table.size() > core::matching::kMaxKeyTypes) {
    return Fail(Code::kInvalidArgument, "a key table holds at most " +
                                            std::to_string(core::matching::kMaxKeyTypes) +
                                            " key types, not " + std::to_string(table.size()));
  }
  for (std::size_t k = 0; k < table.size(); ++k) {
    KeyValueSink sink(out, k, table[k].name);
    table[k].derive(source, sink);
    if (!sink.status()) {
      out.Clear();
      return sink.status();
    }
  }
  return Ok();
}

}  // namespace tandem::adapters
