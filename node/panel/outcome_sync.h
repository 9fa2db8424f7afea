// Outcomes flowing back to the coordinator (purpose hhpp-outcomes): for each managed case, the
// subject (one of this node's own records) is matched across the partners the ISA lets this
// node send an outcome-request to; each matched partner is asked, with its match handle, for the
// interventions it delivered for that person (endpoints/outcome_route.h); each one the panel
// book does not hold yet is recorded through `record` (the panel service's RecordIntervention).
// "Already held" is decided from the book itself — same case, intervention, delivering agency
// and start date — so a sync run twice, or after a restart, never records one delivered
// intervention twice. The local route:
//   POST /v1/panel/outcomes/sync   (coordinator)  {}
//     -> {"cases", "partners_asked", "received", "recorded", "already_recorded",
//         "problems": ["<case>: <node>: <why>", ...]}
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/panel/panel_book.h"
#include "core/result.h"
#include "node/runtime/local_api.h"
#include "node/runtime/partner_match.h"

namespace tandem::node::panel {

class PanelService;

inline constexpr std::string_view kOutcomesPurpose = "hhpp-outcomes";
inline constexpr std::string_view kOutcomeKind = "outcome-request";

// A managed case and its subject: a record of this node's store.
struct ManagedSubject {
  std::string case_id;
  std::string subject_export = "police_nominals";
  std::string subject_ref;
};

struct OutcomeSyncContext {
  runtime::PartnerMatchContext matching;  // its objects must outlive every call
  // The managed cases now.
  std::function<Result<std::vector<ManagedSubject>>()> managed;
  // The interventions the book holds now.
  std::function<Result<std::vector<core::panel::InterventionRecord>>()> recorded;
  // Records one intervention in the book.
  std::function<Status(const core::panel::InterventionRecord&)> record;
};

struct OutcomeSyncReport {
  int cases = 0;
  int partners_asked = 0;
  int received = 0;                   // interventions the partners gave
  int recorded = 0;                   // new ones recorded in the book
  int already_recorded = 0;           // ones the book held already
  std::vector<std::string> problems;  // per case and partner; never an identifier
};

// One sync. Partners down, answers that cannot be read and interventions the book refuses are
// problems in the report, not errors; only `managed` or `recorded` failing is an error.
// Thread-safe if the functions are; two syncs at once could both record the same new
// intervention, so the route runs one at a time.
Result<OutcomeSyncReport> SyncOutcomes(const OutcomeSyncContext& context);

// The context for the coordinator's panel service: the managed cases (subjects are police
// nominals) and the interventions from its book, recording through RecordIntervention.
// `service` must outlive the context.
OutcomeSyncContext PanelServiceOutcomeSync(runtime::PartnerMatchContext matching,
                                           PanelService& service);

// The route above; `context` must outlive it.
runtime::LocalRoute OutcomeSyncRoute(const OutcomeSyncContext& context);

}  // namespace tandem::node::panel
