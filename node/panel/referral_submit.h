// Partner-agency referrals through the partner's own node (pathway "partner-agency"):
//
// At a partner, POST /v1/referrals/submit (contributor)
//   {"export": "<kind>", "ref": "<this node's record>", "reason": "...", "referrer": "..."}
// tokenises the record through the threshold OPRF (runtime/partner_match.h) and sends a signed
// referral-submit (purpose hhpp-referral-match, ISA clause 3.2) to the coordinator, with the
// tokens, the reason and the referrer — never the record's reference or any raw identifier.
//   -> {"coordinator": "<node>", "known": true, "referral_id": "R7"} or {"coordinator", "known":
//   false}
//
// At the coordinator, the referral-submit kind: the tokens are looked up in its index and
// weighed with the partnership's match model against its own subject records (`subject_export`,
// police nominals); only an auto-match band refers — to `refer` (the panel service's Refer),
// with pathway partner-agency, source the sender's agency, subject = the matched record's
// reference. A person the coordinator does not know is answered {"known": false} and nothing is
// recorded (docs/panel.md says why). The matched reference never leaves the coordinator.
#pragma once

#include <functional>
#include <string>

#include "core/panel/panel_book.h"
#include "core/result.h"
#include "node/endpoints/shared_store.h"
#include "node/exchange/inbound.h"
#include "node/linkage/match_model_file.h"
#include "node/runtime/local_api.h"
#include "node/runtime/partner_match.h"

namespace tandem::node::panel {

inline constexpr std::string_view kReferralSubmitKind = "referral-submit";

// The partner's route; `matching` must outlive it.
runtime::LocalRoute ReferralSubmitRoute(const runtime::PartnerMatchContext& matching);

using ReferFunction =
    std::function<Result<core::panel::ReferralReceipt>(const core::panel::Referral&)>;

// The coordinator's kind route; every argument must outlive it. `model` may be null (no model
// fitted yet): the kind then answers kNotFound, as match-query does.
exchange::KindRoute ReferralSubmitKindRoute(endpoints::SharedStore& store,
                                            const linkage::MatchModelFile* model,
                                            std::string subject_export, ReferFunction refer,
                                            std::function<protocol::Seconds()> clock);

}  // namespace tandem::node::panel
