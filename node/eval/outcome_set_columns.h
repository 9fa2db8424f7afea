// The columns of the anonymised outcome set and the generalisation hierarchy of each column
// that may be a quasi-identifier (docs/evaluation.md, "Outcome set"), and how the two columns
// taken from the police nominal are formed: the age band at adoption, worked out from the date
// of birth, and the postcode district. Neither the date of birth nor the full postcode is ever
// a value of the set. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/eval/k_anonymity.h"

namespace tandem::node::eval {

// The value of the age band and district columns when the nominal does not give it.
inline constexpr char kUnknownValue[] = "unknown";

// A column that may be a quasi-identifier, and the names of its generalisation levels (level 0
// is the value itself).
struct OutcomeColumn {
  std::string name;
  std::vector<std::string> level_names;  // "exact", then one per step
  std::vector<core::eval::GeneralisationStep> levels;
};

// The columns of the outcome set, in order, with their hierarchies:
//   age_band: "under 18", "18-24", "25-34", "35-44", "45-54", "55+" -> "under 35", "35+" -> "*"
//   district: postcode district "DT1" -> postcode area "DT" -> "*"
// ("unknown" stays "unknown" until "*").
const std::vector<OutcomeColumn>& OutcomeColumns();

// The age band of a person born on `date_of_birth` on the day `on` (whole years), or
// "unknown" without a date of birth or when it is after `on`.
std::string AgeBandAt(const std::optional<core::Date>& date_of_birth, const core::Date& on);

// The district column's value: the postcode district as the importer normalised it ("DT1"), or
// "unknown" when empty or not an outward code (letters, then a digit).
std::string DistrictValue(std::string_view postcode_district);

}  // namespace tandem::node::eval
