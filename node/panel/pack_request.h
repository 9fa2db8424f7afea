// What the coordinator's panel book knows about one subject on a meeting's agenda, handed to
// case-pack assembly (docs/panel.md): the referral, the triage summary, the harm history and the
// counts of known victims and children at risk, all from the police node's own records. The
// subject is named by the police nominal reference, which never leaves the police node. Value
// type; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/panel/case_pack.h"
#include "core/panel/harm.h"

namespace tandem::node::panel {

struct PackRequest {    // filled by the panel service from the book and the police store
  std::string pack_id;  // "<meeting>-<case>", e.g. "M3-C7"
  std::string meeting_id, case_id;
  core::Date prepared_on = core::Date::FromDaysSinceEpoch(0);
  std::string subject_export = "police_nominals", subject_ref;  // the coordinator's own record
  core::panel::PackReferral referral;
  core::panel::PackTriage triage;
  std::vector<core::panel::MonthHarm> harm_by_month;
  int known_victims = 0, children_at_risk = 0;
};

}  // namespace tandem::node::panel
