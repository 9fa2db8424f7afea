#include "node/panel/panel_requests.h"

#include <array>

#include "node/panel/occurrence_reader.h"

namespace tandem::node::panel {
namespace {

using namespace core::panel;

// Runs `read` on the body as a JSON object.
template <class T, class Read>
Result<T> WithBody(std::string_view text, Read read) {
  auto body = DecodePanelBody(text);
  if (!body) return tl::unexpected(body.error());
  return read(*body);
}

}  // namespace

Result<Json> DecodePanelBody(std::string_view text) {
  if (text.empty()) return Json::object();
  Json json = Json::parse(text, nullptr, false);
  if (!json.is_object()) return Fail(Code::kInvalidArgument, "the body must be a JSON object");
  return json;
}

Result<Referral> DecodePanelReferral(std::string_view text) {
  return WithBody<Referral>(text, [](const Json& body) -> Result<Referral> {
    JsonReader r(body);
    Referral referral;
    referral.pathway = r.String("pathway");
    referral.source = r.String("source");
    referral.reason = r.String("reason");
    referral.referrer = r.String("referrer");
    referral.referred_on = r.DateOf("referred_on");
    const Json& subject = r.Object("subject");
    if (!r.ok()) return r.error();
    JsonReader s(subject, "subject.");
    const std::string export_kind = s.String("export");
    referral.subject_key = s.String("ref");
    if (!s.ok()) return s.error();
    if (export_kind != kNominalsExport) {
      return Fail(Code::kInvalidArgument,
                  "subject.export: the panel's subjects are police nominals "
                  "(\"police_nominals\")");
    }
    return referral;
  });
}

Result<std::optional<core::Date>> DecodeOptionalDate(std::string_view text, std::string_view name) {
  return WithBody<std::optional<core::Date>>(
      text, [name](const Json& body) { return OptionalDate(body, name); });
}

Result<CloseRequest> DecodeCloseRequest(std::string_view text) {
  return WithBody<CloseRequest>(text, [](const Json& body) -> Result<CloseRequest> {
    JsonReader r(body);
    CloseRequest close;
    close.reason = r.String("reason");
    close.on = r.DateOf("on");
    close.note = r.OptionalString("note");
    if (!r.ok()) return r.error();
    return close;
  });
}

Result<AllocationRequest> DecodeAllocationRequest(std::string_view text) {
  return WithBody<AllocationRequest>(text, [](const Json& body) -> Result<AllocationRequest> {
    JsonReader r(body);
    AllocationRequest request;
    request.allocation.manager = r.String("manager");
    request.allocation.agency = r.Agency("agency");
    request.allocation.high_risk = r.Bool("high_risk");
    if (!r.ok()) return r.error();
    if (Status valid = ValidateManagerKey(request.allocation.manager); !valid) {
      return tl::unexpected(valid.error());
    }
    auto from = OptionalDate(body, "from");
    if (!from) return tl::unexpected(from.error());
    request.from = *from;
    return request;
  });
}

Result<MeetingRequest> DecodeMeetingRequest(std::string_view text) {
  return WithBody<MeetingRequest>(text, [](const Json& body) -> Result<MeetingRequest> {
    JsonReader r(body);
    MeetingRequest meeting;
    meeting.id = r.String("id");
    meeting.held_on = r.DateOf("held_on");
    if (!r.ok()) return r.error();
    return meeting;
  });
}

Result<std::string> DecodeReviewRequest(std::string_view text) {
  return WithBody<std::string>(text, [](const Json& body) -> Result<std::string> {
    JsonReader r(body);
    std::string case_id = r.String("case_id");
    if (!r.ok()) return r.error();
    return case_id;
  });
}

Result<Decision> DecodeDecisionRequest(std::string_view text) {
  return WithBody<Decision>(text, [](const Json& body) -> Result<Decision> {
    JsonReader r(body);
    Decision decision;
    decision.meeting_id = r.String("meeting_id");
    decision.case_id = r.String("case_id");
    const std::string kind = r.String("decision");
    decision.reason_id = r.String("reason");
    decision.note = r.OptionalString("note");
    decision.decided_on = r.DateOf("decided_on");
    if (!r.ok()) return r.error();
    auto decision_kind = DecisionKindFromName(kind);
    if (!decision_kind) return tl::unexpected(decision_kind.error());
    decision.kind = *decision_kind;
    return decision;
  });
}

Result<ActionRequest> DecodeActionRequest(std::string_view text) {
  return WithBody<ActionRequest>(text, [](const Json& body) -> Result<ActionRequest> {
    JsonReader r(body);
    ActionRequest action;
    action.meeting_id = r.String("meeting_id");
    action.case_id = r.String("case_id");
    action.description = r.String("description");
    action.owner = r.Agency("owner");
    action.due = r.DateOf("due");
    if (!r.ok()) return r.error();
    return action;
  });
}

Result<core::Date> DecodeCompleteActionRequest(std::string_view text) {
  return WithBody<core::Date>(text, [](const Json& body) -> Result<core::Date> {
    JsonReader r(body);
    const core::Date on = r.DateOf("on");
    if (!r.ok()) return r.error();
    return on;
  });
}

Result<ManagementPlan> DecodePlanRequest(std::string_view text) {
  return WithBody<ManagementPlan>(text, [](const Json& body) -> Result<ManagementPlan> {
    JsonReader r(body);
    ManagementPlan plan;
    plan.case_id = r.String("case_id");
    plan.meeting_id = r.String("meeting_id");
    plan.agreed_on = r.DateOf("agreed_on");
    plan.objectives = r.Strings("objectives");
    plan.interventions = r.Strings("interventions");
    plan.review_by = r.DateOf("review_by");
    if (!r.ok()) return r.error();
    return plan;
  });
}

Result<InterventionRecord> DecodeInterventionRecordRequest(std::string_view text) {
  return WithBody<InterventionRecord>(text, [](const Json& body) -> Result<InterventionRecord> {
    JsonReader r(body);
    InterventionRecord record;
    record.case_id = r.String("case_id");
    record.intervention_id = r.String("intervention_id");
    record.delivered_by = r.Agency("delivered_by");
    record.started_on = r.DateOf("started_on");
    record.ended_on = r.OptionalDateOf("ended_on");
    const auto completed = body.find("completed");
    record.completed = completed != body.end() && completed->is_boolean() && completed->get<bool>();
    if (!r.ok()) return r.error();
    return record;
  });
}

Result<Intervention> DecodeCatalogueEntry(std::string_view text) {
  return WithBody<Intervention>(text, [](const Json& body) { return InterventionFromJson(body); });
}

}  // namespace tandem::node::panel
