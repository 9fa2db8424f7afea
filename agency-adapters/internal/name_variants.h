// The ways one identity's name can be written that its match keys should cover: the canonical
// forename and the forename as given (a nickname), each with the surname, and every alias with
// its own date of birth when it has one. Views borrow the identity. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "agency-adapters/record.h"
#include "core/date.h"

namespace tandem::adapters::internal {

struct NameVariant {
  std::string_view forename;  // may be empty (a surname or initials only)
  std::string_view surname;   // may be empty (a forename only)
  std::optional<core::Date> dob;
};

// The identity's names, distinct, primary name first.
std::vector<NameVariant> NameVariantsOf(const Identity& identity);

struct InitialsVariant {
  char first = 0;
  char surname = 0;
  std::optional<core::Date> dob;
};

// Pairs of initials, distinct: from the initials the export gave (treatment data), from the
// forename as given and the canonical forename, from the initials of the canonical forename's
// nicknames (William gives w and b, so that a treatment record of "Bill" agrees), and from
// every alias. Only pairs with both initials.
std::vector<InitialsVariant> InitialsVariantsOf(const Identity& identity);

// The first letters of the nicknames of a canonical forename that differ from its own first
// letter ("william" gives "b"), without repeats.
std::vector<char> NicknameInitials(std::string_view canonical_forename);

}  // namespace tandem::adapters::internal
