// Nicknames and short forms of English forenames, as data: the synthetic generator uses them
// to write names as people give them, the adapters to map them back to a canonical forename.
// All entries are ASCII lower case.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace tandem::core {

struct Nickname {
  std::string_view nickname;   // "danny"
  std::string_view canonical;  // "daniel"
};

// The whole table, sorted by nickname. A nickname maps to exactly one canonical forename.
std::span<const Nickname> Nicknames();

// The canonical forename for a lower-case ASCII nickname; nullopt when it is not one.
std::optional<std::string_view> CanonicalForename(std::string_view nickname);

}  // namespace tandem::core
