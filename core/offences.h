// The offence table of docs/domain.md as data: each offence code with its Cambridge Crime Harm
// Index weight and whether it counts as high harm. The CCHI days here are APPROXIMATE weights,
// good enough for synthetic data and tests. Loading the published table from a file is not built
// yet: a node uses this table too.
// All functions are pure and thread-safe; the table is static and never changes at run time.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace tandem::core {

struct Offence {
  std::string_view code;  // "COMMON_ASSAULT", as police_occurrences.csv carries it
  // Approximate CCHI weight: days of imprisonment at the sentencing-guideline starting point
  // for a first offender. Not the published table.
  int cchi_days = 0;
  bool high_harm = false;  // high harm whatever the context
  // High harm only when the occurrence is flagged domestic abuse (COMMON_ASSAULT).
  bool high_harm_when_domestic = false;
};

// Every offence of the table, in the order domain.md lists them. Codes are unique.
std::span<const Offence> Offences();

// The entry for `code` (exact, upper case, as in the exports); nullopt for any other string.
std::optional<Offence> FindOffence(std::string_view code);

// Whether one occurrence of `offence` is high harm, given its domestic abuse flag.
bool IsHighHarm(const Offence& offence, bool domestic_abuse);

}  // namespace tandem::core
