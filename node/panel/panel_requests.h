// The bodies of the panel's local API requests (node/panel/panel_routes.h), read into the values
// PanelService takes. An empty body is {}; every other body must be a JSON object. Only shape is
// read here (required members present, of their type, dates YYYY-MM-DD, agencies and decisions
// by name); the service decides whether the case, meeting or catalogue entry exists. Errors are
// kInvalidArgument naming the member ("decided_on: '2026-13-01' is not a date YYYY-MM-DD").
// Pure; thread-safe; never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/panel/allocation.h"
#include "core/panel/catalogue.h"
#include "core/panel/panel_book.h"
#include "core/panel/referral.h"
#include "core/result.h"
#include "node/panel/panel_json.h"

namespace tandem::node::panel {

// The body as a JSON object; an empty body is {}. "the body must be a JSON object" otherwise.
Result<Json> DecodePanelBody(std::string_view body);

// POST referrals: {"pathway", "source", "reason", "referrer", "referred_on",
// "subject": {"export": "police_nominals", "ref"}}; the subject's ref is the subject key.
Result<core::panel::Referral> DecodePanelReferral(std::string_view body);

// The bodies whose one member is an optional date (triage "on", ranking "run_on", packs
// "prepared_on", monitoring "on"): the date, or nullopt when absent or null.
Result<std::optional<core::Date>> DecodeOptionalDate(std::string_view body, std::string_view name);

// POST cases/{case}/close: {"reason", "on", optional "note"}.
struct CloseRequest {
  std::string reason;
  core::Date on = core::Date::FromDaysSinceEpoch(0);
  std::string note;
};
Result<CloseRequest> DecodeCloseRequest(std::string_view body);

// POST cases/{case}/allocation: {"manager" (a staff key), "agency", "high_risk",
// optional "from"}. The allocation has no case_id; `from` unset means today.
struct AllocationRequest {
  core::panel::CaseAllocation allocation;
  std::optional<core::Date> from;
};
Result<AllocationRequest> DecodeAllocationRequest(std::string_view body);

// POST meetings: {"id", "held_on"}.
struct MeetingRequest {
  std::string id;
  core::Date held_on = core::Date::FromDaysSinceEpoch(0);
};
Result<MeetingRequest> DecodeMeetingRequest(std::string_view body);

// POST meetings/{meeting}/reviews: {"case_id"}; the case id.
Result<std::string> DecodeReviewRequest(std::string_view body);

// POST decisions: {"meeting_id", "case_id", "decision": adopt|refuse|defer, "reason",
// optional "note", "decided_on"}.
Result<core::panel::Decision> DecodeDecisionRequest(std::string_view body);

// POST actions: {"meeting_id", "case_id", "description", "owner" (an agency), "due"}.
struct ActionRequest {
  std::string meeting_id;
  std::string case_id;
  std::string description;
  core::AgencyKind owner = core::AgencyKind::kPolice;
  core::Date due = core::Date::FromDaysSinceEpoch(0);
};
Result<ActionRequest> DecodeActionRequest(std::string_view body);

// POST actions/{action}/complete: {"on"}; the date.
Result<core::Date> DecodeCompleteActionRequest(std::string_view body);

// POST plans: {"case_id", "meeting_id", "agreed_on", optional "objectives" and "interventions"
// (lists of strings), "review_by"}. The version is left 0 for the service to set.
Result<core::panel::ManagementPlan> DecodePlanRequest(std::string_view body);

// POST interventions: {"case_id", "intervention_id", "delivered_by" (an agency), "started_on",
// optional "ended_on", optional "completed" (anything but true is false)}.
Result<core::panel::InterventionRecord> DecodeInterventionRecordRequest(std::string_view body);

// POST catalogue: an intervention as InterventionToJson writes it.
Result<core::panel::Intervention> DecodeCatalogueEntry(std::string_view body);

}  // namespace tandem::node::panel
