// The catalogue of interventions and civil orders a panel can put in a management plan, from
// the Surrey document review (docs/domain.md): each disruptive, rehabilitative or both, and
// marked when it is a civil order or a disclosure (what evaluators count as civil measures).
// Data, not code: InterventionCatalogue::Default() holds the domain list and the panel extends
// it with Add(). Thread-compatible.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tandem::core::panel {

enum class InterventionCategory { kDisruptive, kRehabilitative, kBoth };
std::string_view InterventionCategoryName(InterventionCategory category);

enum class InterventionKind {
  kMeasure,     // an action of an agency
  kCivilOrder,  // a civil or protective order or notice (DVPN, DVPO, SPO, SHPO, CBO, ...)
  kDisclosure,  // a disclosure scheme (Clare's Law)
};
std::string_view InterventionKindName(InterventionKind kind);

struct Intervention {
  std::string id;    // "dvpo", stable: plans and records cite it
  std::string name;  // "Domestic Violence Protection Order"
  InterventionCategory category = InterventionCategory::kBoth;
  InterventionKind kind = InterventionKind::kMeasure;
};

class InterventionCatalogue {
 public:
  // The domain.md list: 34 disruptive, 6 rehabilitative, 12 both (52).
  static InterventionCatalogue Default();

  // Adds one entry. kInvalidArgument for an id that is empty, not lower-case letters, digits
  // and '-', or already in the catalogue (the message names it), or an empty name.
  Status Add(Intervention intervention);

  // nullptr when no entry has that id.
  const Intervention* Find(std::string_view id) const;
  std::span<const Intervention> entries() const { return entries_; }

 private:
  std::vector<Intervention> entries_;
};

}  // namespace tandem::core::panel
