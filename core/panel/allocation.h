// Offender manager allocations: which member of staff manages an adopted case, and from when to
// when. A manager is known by an opaque staff key ("om-17"), never by a name, so the book, its
// journal and what the evaluation reads of caseloads carry no person's name. Pure functions;
// thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/agency.h"
#include "core/date.h"
#include "core/result.h"

namespace tandem::core::panel {

struct CaseAllocation {
  std::string case_id;
  std::string manager;                         // a staff key (ValidateManagerKey), never a name
  AgencyKind agency = AgencyKind::kProbation;  // the manager's agency
  bool high_risk = false;                      // counted in the manager's high-risk share
  Date from = Date::FromDaysSinceEpoch(0);
  // The first day the allocation no longer holds: the day of a reallocation or of the case's
  // closure. nullopt while it holds.
  std::optional<Date> until;
};

// The longest staff key accepted.
inline constexpr std::size_t kMaxManagerKeyLength = 32;

// Ok for a staff key: 1 to kMaxManagerKeyLength characters of a-z, 0-9 and '-', starting with a
// letter or digit. kInvalidArgument otherwise, with a message that says what a key looks like
// and never repeats the value (it might be a person's name).
Status ValidateManagerKey(std::string_view key);

// True when the allocation holds on `on`: from <= on, and on < until when it has ended.
bool AllocatedOn(const CaseAllocation& allocation, const Date& on);

}  // namespace tandem::core::panel
