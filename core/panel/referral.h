// Referral pathways and referrals into the panel. Pathways are data (DefaultReferralPathways()
// lists the four of the Surrey and Dorset units); a partnership may add its own. A referral
// names the person only by the subject key the node supplies (a pseudonymous token or a local
// person reference), never by name. Value types; pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace tandem::core::panel {

// What the `source` of a referral through a pathway must be.
enum class ReferralSourceKind {
  kRankingRun,  // the id of the ranking run that listed the person
  kAgency,      // an agency name of core/agency.h ("probation", "nhs", ...)
  kMeeting,     // the meeting that referred (a MARAC date or reference)
  kPoliceUnit,  // the referring unit ("Safeguarding Investigation Unit")
};

struct ReferralPathway {
  std::string id;    // "ranking-algorithm", "partner-agency", "marac", "police-unit"
  std::string name;  // what people read
  ReferralSourceKind source_kind = ReferralSourceKind::kPoliceUnit;
};

std::vector<ReferralPathway> DefaultReferralPathways();

struct Referral {
  std::string subject_key;
  std::string pathway;   // a pathway id
  std::string source;    // see ReferralSourceKind
  std::string reason;    // why the referrer thinks the person belongs at the panel
  std::string referrer;  // who referred: a role or an officer's collar number, not the subject
  Date referred_on = Date::FromDaysSinceEpoch(0);
};

// Ok, or kInvalidArgument naming the field: empty subject key, reason, referrer or source; a
// pathway not in `pathways`; a partner-agency source that is not an agency name.
Status ValidateReferral(const Referral& referral, std::span<const ReferralPathway> pathways);

// Ok, or kInvalidArgument: an empty or repeated pathway id or an empty name.
Status ValidateReferralPathways(std::span<const ReferralPathway> pathways);

}  // namespace tandem::core::panel
