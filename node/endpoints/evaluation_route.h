// The evaluation-request endpoint (purpose "evaluation", ISA clause 6.1): the coordinator
// presents, for one evaluation, handles an evaluation match query (purpose
// "hhpp-evaluation-match", clause 6.2) gave it — a referral match's handle counts as unresolved
// here — each paired with the fresh evaluation pseudonym it chose for that person, and receives
// per pseudonym only the clause's fields: the interventions this node delivered, dates
// generalised to the month. No reference,
// token or identifier of this node's leaves, and the pseudonym is the coordinator's own random
// value, so this node learns nothing it could link to another evaluation.
//   request: {"evaluation_id": "<name>",
//             "items": [{"handle": "<32 hex>", "pseudonym": "<32 hex>"}, ...]}   (1-5000 items)
//   result:  {"evaluation_id": "<name>",
//             "rows": [{"evaluation_pseudonym": "<32 hex>",
//                       "interventions": [{"intervention": "<catalogue id>",
//                                          "started_month": "YYYY-MM",
//                                          "ended_month": "YYYY-MM" | "",
//                                          "completed": bool}, ...]}, ...],
//             "unresolved": <count of handles unknown, expired or of another purpose>}
// A field the ISA does not list for the asker is left out of every row. The interventions come
// from a function (handle target -> interventions this node delivered), so the route does not
// depend on where they are recorded.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "node/endpoints/evaluation_request_codec.h"
#include "node/endpoints/handle_table.h"
#include "node/exchange/inbound.h"

namespace tandem::node::endpoints {

struct DeliveredIntervention {
  std::string intervention;  // catalogue id
  core::Date started_on = core::Date::FromDaysSinceEpoch(0);
  std::optional<core::Date> ended_on;
  bool completed = false;
};

// The interventions this node delivered to the person of a matched record; empty when none.
using DeliveredInterventionLookup =
    std::function<Result<std::vector<DeliveredIntervention>>(const HandleTarget&)>;

// Every argument must outlive the route.
exchange::KindRoute EvaluationRoute(const HandleTable& handles,
                                    DeliveredInterventionLookup delivered, std::string self,
                                    std::function<protocol::Seconds()> clock);

}  // namespace tandem::node::endpoints
