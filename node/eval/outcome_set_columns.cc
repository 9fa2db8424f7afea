#include "node/eval/outcome_set_columns.h"

#include <array>
#include <map>
#include <utility>

namespace tandem::node::eval {
namespace {

namespace ce = core::eval;
using ce::GeneralisationStep;
using ce::StepKind;

GeneralisationStep Band(int width) { return {StepKind::kIntegerBand, width, {}}; }
GeneralisationStep Step(StepKind kind) { return {kind, 0, {}}; }

struct AgeBand {
  int from;  // the band holds ages from this one up to the next band's
  std::string_view name;
  std::string_view wider;  // its level-1 generalisation
};

// Ages at adoption; the first band whose `from` the age reaches, walking from the top.
constexpr std::array<AgeBand, 6> kAgeBands = {{
    {55, "55+", "35+"},
    {45, "45-54", "35+"},
    {35, "35-44", "35+"},
    {25, "25-34", "under 35"},
    {18, "18-24", "under 35"},
    {0, "under 18", "under 35"},
}};

GeneralisationStep WiderAgeBand() {
  std::map<std::string, std::string> lookup = {{kUnknownValue, kUnknownValue}};
  for (const AgeBand& band : kAgeBands) lookup.emplace(band.name, band.wider);
  return {StepKind::kLookup, 0, std::move(lookup)};
}

bool Upper(char c) { return c >= 'A' && c <= 'Z'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

const std::vector<OutcomeColumn>& OutcomeColumns() {
  static const std::vector<OutcomeColumn> kColumns = {
      {"pseudonym", {"exact"}, {}},
      {"pathway", {"exact", "suppressed"}, {Step(StepKind::kSuppress)}},
      {"adopted",
       {"day", "month", "quarter", "year", "suppressed"},
       {Step(StepKind::kDateMonth), Step(StepKind::kDateQuarter), Step(StepKind::kDateYear),
        Step(StepKind::kSuppress)}},
      {"age_band",
       {"band", "under 35 / 35+", "suppressed"},
       {WiderAgeBand(), Step(StepKind::kSuppress)}},
      {"district",
       {"postcode district", "postcode area", "suppressed"},
       {Step(StepKind::kLeadingLetters), Step(StepKind::kSuppress)}},
      {"offences_before",
       {"exact", "band of 5", "band of 10", "suppressed"},
       {Band(5), Band(10), Step(StepKind::kSuppress)}},
      {"offences_after",
       {"exact", "band of 5", "band of 10", "suppressed"},
       {Band(5), Band(10), Step(StepKind::kSuppress)}},
      {"cchi_before", {"exact"}, {}},
      {"cchi_after", {"exact"}, {}},
      {"interventions", {"exact", "band of 5", "suppressed"}, {Band(5), Step(StepKind::kSuppress)}},
      {"disruptive", {"exact"}, {}},
      {"rehabilitative", {"exact"}, {}},
      {"both", {"exact"}, {}},
      {"civil_measure", {"exact", "suppressed"}, {Step(StepKind::kSuppress)}},
      {"completed_any", {"exact"}, {}},
  };
  return kColumns;
}

std::string AgeBandAt(const std::optional<core::Date>& date_of_birth, const core::Date& on) {
  if (!date_of_birth || on < *date_of_birth) return kUnknownValue;
  const int age = on.YearsSince(*date_of_birth);
  for (const AgeBand& band : kAgeBands) {
    if (age >= band.from) return std::string(band.name);
  }
  return kUnknownValue;
}

std::string DistrictValue(std::string_view district) {
  // An outward code: one or two letters, then a digit (the postcode area is the letters).
  std::size_t letters = 0;
  while (letters < district.size() && Upper(district[letters])) ++letters;
  const bool outward = (letters == 1 || letters == 2) && letters < district.size() &&
                       Digit(district[letters]) && district.size() <= 4;
  return outward ? std::string(district) : std::string(kUnknownValue);
}

}  // namespace tandem::node::eval
