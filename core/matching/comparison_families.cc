#include "core/matching/comparison_families.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace tandem::core::matching {

const std::vector<ComparisonFamily>& DefaultComparisonFamilies() {
  // The table of docs/matching.md, section 4. Levels strongest first: a pair is placed at the
  // first level whose key agrees.
  static const std::vector<ComparisonFamily> kFamilies = {
      {"pnc_id", {"pnc_id"}, "", ""},
      {"nhs_number", {"nhs_number"}, "", ""},
      {"ni_number", {"ni_number"}, "", ""},
      {"name",
       {"name_dob", "swapped_name_dob", "phonetic_dob", "name_dm_free_dob", "forename_dob_district",
        "name_yob_district"},
       "",
       ""},
      // A five-year period of birth says something only when there is no date to compare (a
      // victim's description with an estimated age). Between two records with dates, the dated
      // name keys have already said whether the names and dates agree; agreeing on the period
      // as well would count a common name born in the same five years as a match.
      {"name_period", {"name_birth_period"}, "", "name"},
      // Initials and date of birth are parts of every dated name key: a pair agreeing on any
      // name level agrees on the initials too, so counting both counted one fact twice
      // (phonetic_dob with initials_dob was automatic at a measured precision of 0.85). The
      // initials count only when no name level agreed: for treatment data, which holds nothing
      // else, and for records whose names differ.
      {"initials", {"initials_dob_sex_district", "initials_dob"}, "name", ""},
  };
  return kFamilies;
}

std::vector<ComparisonFamily> OneFamilyPerKey(const std::vector<std::string>& key_names) {
  std::vector<ComparisonFamily> families;
  families.reserve(key_names.size());
  for (const std::string& name : key_names) families.push_back({name, {name}, "", ""});
  return families;
}

Result<std::vector<ComparisonFamily>> GroupIntoFamilies(
    const std::vector<std::string>& key_names, const std::vector<ComparisonFamily>& table) {
  std::unordered_set<std::string> keys;
  for (const std::string& name : key_names) {
    if (name.empty()) return Fail(Code::kInvalidArgument, "a key type has no name");
    if (!keys.insert(name).second) {
      return Fail(Code::kInvalidArgument, "key type '" + name + "' is listed twice");
    }
  }
  std::unordered_set<std::string> placed;
  std::vector<ComparisonFamily> families;
  for (const ComparisonFamily& row : table) {
    if (row.levels.size() > kMaxFamilyLevels) {
      return Fail(Code::kInvalidArgument, "family '" + row.name + "' has more than " +
                                              std::to_string(kMaxFamilyLevels) + " levels");
    }
    ComparisonFamily family{row.name, {}, row.unless_agreed, row.unless_compared};
    for (const std::string& level : row.levels) {
      if (!placed.insert(level).second) {
        return Fail(Code::kInvalidArgument,
                    "key type '" + level + "' is in two families of the table");
      }
      if (keys.contains(level)) family.levels.push_back(level);
    }
    if (!family.levels.empty()) families.push_back(std::move(family));
  }
  for (const std::string& name : key_names) {
    if (!placed.contains(name)) families.push_back({name, {name}, "", ""});
  }
  const auto present = [&](const std::string& name) {
    return std::ranges::any_of(families, [&](const ComparisonFamily& f) { return f.name == name; });
  };
  for (ComparisonFamily& family : families) {
    if (!present(family.unless_agreed)) family.unless_agreed.clear();
    if (!present(family.unless_compared)) family.unless_compared.clear();
  }
  return families;
}

Result<FamilyLayout> MakeFamilyLayout(const std::vector<std::string>& key_names,
                                      const std::vector<ComparisonFamily>& families) {
  if (key_names.empty() || key_names.size() > kMaxKeyTypes) {
    return Fail(Code::kInvalidArgument, "a model needs 1 to " + std::to_string(kMaxKeyTypes) +
                                            " key types, not " + std::to_string(key_names.size()));
  }
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < key_names.size(); ++k) {
    if (key_names[k].empty()) {
      return Fail(Code::kInvalidArgument, "key type " + std::to_string(k + 1) + " has no name");
    }
    if (!index.emplace(key_names[k], k).second) {
      return Fail(Code::kInvalidArgument, "key type '" + key_names[k] + "' is listed twice");
    }
  }
  constexpr auto kUnplaced = static_cast<std::size_t>(-1);
  FamilyLayout layout;
  layout.family_of_key.assign(key_names.size(), kUnplaced);
  layout.level_of_key.assign(key_names.size(), kUnplaced);
  std::unordered_set<std::string> family_names;
  for (std::size_t f = 0; f < families.size(); ++f) {
    const ComparisonFamily& family = families[f];
    if (family.name.empty() || !family_names.insert(family.name).second) {
      return Fail(Code::kInvalidArgument,
                  "family " + std::to_string(f + 1) + " needs a name of its own");
    }
    if (family.levels.empty() || family.levels.size() > kMaxFamilyLevels) {
      return Fail(Code::kInvalidArgument, "family '" + family.name + "' needs 1 to " +
                                              std::to_string(kMaxFamilyLevels) + " levels");
    }
    std::vector<std::size_t> keys;
    for (std::size_t l = 0; l < family.levels.size(); ++l) {
      const auto found = index.find(family.levels[l]);
      if (found == index.end()) {
        return Fail(Code::kInvalidArgument, "family '" + family.name + "' names key type '" +
                                                family.levels[l] + "', which the model lacks");
      }
      if (layout.family_of_key[found->second] != kUnplaced) {
        return Fail(Code::kInvalidArgument,
                    "key type '" + family.levels[l] + "' is in two families");
      }
      layout.family_of_key[found->second] = f;
      layout.level_of_key[found->second] = l;
      keys.push_back(found->second);
    }
    layout.keys_of_family.push_back(std::move(keys));
  }
  for (std::size_t k = 0; k < key_names.size(); ++k) {
    if (layout.family_of_key[k] == kUnplaced) {
      return Fail(Code::kInvalidArgument, "key type '" + key_names[k] + "' is in no family");
    }
  }
  layout.yields_to.assign(families.size(), kUnplaced);
  layout.yields_when_compared.assign(families.size(), false);
  const auto yields = [](const ComparisonFamily& g) {
    return !g.unless_agreed.empty() || !g.unless_compared.empty();
  };
  for (std::size_t f = 0; f < families.size(); ++f) {
    const ComparisonFamily& family = families[f];
    if (!yields(family)) continue;
    if (!family.unless_agreed.empty() && !family.unless_compared.empty()) {
      return Fail(Code::kInvalidArgument,
                  "family '" + family.name + "' sets both unless_agreed and unless_compared");
    }
    const std::string& to =
        family.unless_agreed.empty() ? family.unless_compared : family.unless_agreed;
    const auto other =
        std::ranges::find_if(families, [&](const ComparisonFamily& g) { return g.name == to; });
    if (other == families.end() || other->name == family.name || yields(*other)) {
      return Fail(Code::kInvalidArgument,
                  "family '" + family.name + "' yields to '" + to +
                      "', which must be another family of the model that yields to none");
    }
    layout.yields_to[f] = static_cast<std::size_t>(other - families.begin());
    layout.yields_when_compared[f] = !family.unless_compared.empty();
  }
  return layout;
}

namespace {

std::uint8_t OwnOutcome(const FamilyLayout& layout, std::size_t family,
                        const ComparisonPattern& pattern) {
  const std::vector<std::size_t>& keys = layout.keys_of_family[family];
  bool compared = false;
  for (std::size_t l = 0; l < keys.size(); ++l) {
    const Agreement outcome = pattern.Get(keys[l]);
    if (outcome == Agreement::kAgree) return static_cast<std::uint8_t>(l);
    compared = compared || outcome == Agreement::kDisagree;
  }
  return compared ? static_cast<std::uint8_t>(keys.size()) : kMissingOutcome;
}

}  // namespace

std::uint8_t FamilyOutcome(const FamilyLayout& layout, std::size_t family,
                           const ComparisonPattern& pattern) {
  const std::size_t yields_to = layout.yields_to[family];
  if (yields_to < layout.keys_of_family.size()) {
    const std::uint8_t other = OwnOutcome(layout, yields_to, pattern);
    const bool covered = layout.yields_when_compared[family]
                             ? other != kMissingOutcome
                             : other < layout.keys_of_family[yields_to].size();
    if (covered) return kMissingOutcome;
  }
  return OwnOutcome(layout, family, pattern);
}

}  // namespace tandem::core::matching
