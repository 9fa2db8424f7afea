// The coordinator's local routes for the panel, under /v1/panel/ (docs/protocol.md, "Local
// API"; docs/panel.md): referrals, cases and triage, ranking runs, meetings and their agendas,
// case packs, decisions, actions, plans, interventions, offender manager allocations, closing,
// the monitoring check and the catalogue. JSON in and out; a refused request answers with the error
// naming what is wrong (400 for a bad body or a step the book does not allow, 404 for an unknown
// case, meeting or action, 503 when case-pack assembly is not available). Writes need the
// coordinator role; reads also allow the DPO.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/panel/case_pack.h"
#include "core/result.h"
#include "node/panel/pack_request.h"
#include "node/panel/panel_service.h"
#include "node/runtime/local_api.h"

namespace tandem::node::panel {

struct PanelRoutesContext {
  PanelService* service = nullptr;
  // Case-pack assembly across the partnership (CasePackAssembler::Assemble); empty when this
  // node cannot assemble packs.
  std::function<Result<core::panel::CasePack>(const PackRequest&)> assemble;
  // The latest version of each pack of a meeting (LatestPacks); empty likewise.
  std::function<Result<std::vector<core::panel::CasePack>>(std::string_view meeting_id)>
      latest_packs;
  // Whether the packs about a subject are withheld (SubjectRestricted); empty: none is.
  std::function<Result<bool>(std::string_view subject_ref)> subject_restricted;
  // Today's date for requests that give none. Default: the system clock's UTC date.
  std::function<core::Date()> today;
};

// The routes; `context` and what it points to must outlive them.
std::vector<runtime::LocalRoute> PanelRoutes(const PanelRoutesContext& context);

}  // namespace tandem::node::panel
