// Comparison families: the match keys grouped by the fields they are built from, each family an
// ordered list of levels (key types, strongest first). Keys built from the same fields are not
// independent evidence — one changed surname makes every name key disagree — so the model
// compares a pair once per family, at the best level whose key agrees, instead of once per key
// (docs/matching.md, sections 4 and 6).
//
// A family's outcome for a pair: the first level (in order) whose key agrees; otherwise
// "disagree" when the two records were compared on at least one of its keys (both held it);
// otherwise "missing"; and "missing" too when the family it yields to agreed (unless_agreed) or
// was compared (unless_compared).
// The outcome depends only on the per-key comparison pattern, so every
// count of per-key patterns (candidates, and the non-candidate pairs counted exactly from key
// presence) maps exactly onto family outcomes.
//
// Plain values and pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/matching/comparison.h"
#include "core/result.h"

namespace tandem::core::matching {

// The most levels one family has; outcomes of a family fit in four bits.
inline constexpr std::size_t kMaxFamilyLevels = 13;

struct ComparisonFamily {
  std::string name;                 // e.g. "name"; a family of one key is named after it
  std::vector<std::string> levels;  // key-type names, strongest first
  // When set, the family is left out of a pair (missing) whenever the family named here agreed
  // at any level (unless_agreed) or was compared at all, agreeing or not (unless_compared): its
  // keys are built from fields that family's outcome already covers, so counting both would
  // count the same evidence twice. At most one is set; empty: always compared.
  std::string unless_agreed;
  std::string unless_compared;

  friend bool operator==(const ComparisonFamily&, const ComparisonFamily&) = default;
};

// The partnership's table of families over the match-key table (agency-adapters/match_keys.h),
// in the order the model reports them: the strong identifiers one family each, then the name
// and date family, then the initials family.
const std::vector<ComparisonFamily>& DefaultComparisonFamilies();

// The families a model over `key_names` (in pattern order) compares: every family of `table`
// with at least one of the keys, its levels restricted to the keys present (table order kept),
// in table order; then every key that no family of `table` names, as a family of its own. A
// family's unless_agreed or unless_compared is dropped when the family it names is not in the
// result.
// Each key lands in exactly one family. kInvalidArgument when a key name is empty or repeated,
// when `table` names a key in two families or a family has more than kMaxFamilyLevels levels.
Result<std::vector<ComparisonFamily>> GroupIntoFamilies(const std::vector<std::string>& key_names,
                                                        const std::vector<ComparisonFamily>& table);

// Each key in its own family (the independent-keys model): for tests and small models.
std::vector<ComparisonFamily> OneFamilyPerKey(const std::vector<std::string>& key_names);

// Where each key of a pattern sits: family index and level within it, for the families built
// over `key_names`. Precondition: every key in exactly one family, every level a key name.
struct FamilyLayout {
  std::vector<std::size_t> family_of_key;  // per key in pattern order
  std::vector<std::size_t> level_of_key;
  std::vector<std::vector<std::size_t>> keys_of_family;  // per family, level order: key indices
  std::vector<std::size_t> yields_to;      // per family: the family it yields to, or npos
  std::vector<bool> yields_when_compared;  // per family: unless_compared (else unless_agreed)
};

// kInvalidArgument when a family names a key not in `key_names`, a key is in two families or in
// none, a family has no levels or more than kMaxFamilyLevels, family names repeat, or a
// family sets both unless_agreed and unless_compared, or names itself, no family of the list, or
// a family that itself yields.
Result<FamilyLayout> MakeFamilyLayout(const std::vector<std::string>& key_names,
                                      const std::vector<ComparisonFamily>& families);

// A family's outcome: level index (0 = strongest) when a level agrees, `levels` (one past the
// last level) for disagree, kMissingOutcome when neither record could be compared.
inline constexpr std::uint8_t kMissingOutcome = 0xF;

std::uint8_t FamilyOutcome(const FamilyLayout& layout, std::size_t family,
                           const ComparisonPattern& pattern);

}  // namespace tandem::core::matching
