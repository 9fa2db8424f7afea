#include "core/panel/panel_book.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace tandem::core::panel {
namespace {

Result<void> NotFound(std::string_view what, std::string_view id) {
  return Fail(Code::kNotFound, std::string(what) + " '" + std::string(id) + "' does not exist");
}

Status Invalid(std::string message) { return Fail(Code::kInvalidArgument, std::move(message)); }

std::string CaseText(const CaseRecord& c) {
  return "case " + c.id + " (" + std::string(CaseStateName(c.state)) + ")";
}

}  // namespace

std::vector<OutcomeReason> DefaultOutcomeReasons() {
  return {
      {"plan-completed", "management plan completed"},
      {"risk-reduced", "risk reduced; no longer needs the unit"},
      {"custody", "sentenced to custody"},
      {"moved-away", "moved out of the partnership's area"},
      {"transferred", "transferred to MAPPA, IOM or another unit"},
      {"died", "died"},
      {"monitoring-ended", "monitoring period ended without a new incident"},
      {"withdrawn", "referral withdrawn"},
  };
}

std::string_view DuplicateKindName(DuplicateKind kind) {
  return kind == DuplicateKind::kManaged ? "managed" : "open-referral";
}

Result<PanelBook> PanelBook::Create(PanelConfig config) {
  if (Status s = ValidateReferralPathways(config.pathways); !s) return tl::unexpected(s.error());
  if (Status s = ValidateDecisionReasons(config.decision_reasons); !s) {
    return tl::unexpected(s.error());
  }
  std::set<std::string> outcome_ids;
  for (const OutcomeReason& r : config.outcome_reasons) {
    if (r.id.empty() || r.text.empty() || !outcome_ids.insert(r.id).second) {
      return Fail(Code::kInvalidArgument,
                  "outcome reason '" + r.id + "' is empty, has no text or appears twice");
    }
  }
  if (config.agenda_cap == 0) return Fail(Code::kInvalidArgument, "agenda cap must be at least 1");
  if (config.review_every_days < 1) {
    return Fail(Code::kInvalidArgument, "review interval must be at least one day");
  }
  return PanelBook(std::move(config));
}

CaseRecord* PanelBook::MutableCase(std::string_view case_id) {
  for (CaseRecord& c : cases_) {
    if (c.id == case_id) return &c;
  }
  return nullptr;
}

const CaseRecord* PanelBook::FindCase(std::string_view case_id) const {
  for (const CaseRecord& c : cases_) {
    if (c.id == case_id) return &c;
  }
  return nullptr;
}

const CaseRecord* PanelBook::FindCaseBySubject(std::string_view subject_key) const {
  const CaseRecord* latest = nullptr;
  for (const CaseRecord& c : cases_) {
    if (c.subject_key == subject_key) latest = &c;
  }
  return latest;
}

const Meeting* PanelBook::FindMeeting(std::string_view meeting_id) const {
  for (const Meeting& m : meetings_) {
    if (m.id == meeting_id) return &m;
  }
  return nullptr;
}

const AgendaItem* PanelBook::AgendaItemOf(const Meeting& meeting, std::string_view case_id) const {
  for (const AgendaItem& item : meeting.agenda) {
    if (item.case_id == case_id) return &item;
  }
  return nullptr;
}

Status PanelBook::Transition(CaseRecord& c, CaseEvent event, const Date& on,
                             std::string_view note) {
  Result<CaseState> next = ApplyEvent(c.state, event);
  if (!next) return Invalid("case " + c.id + ": " + next.error().message);
  c.state = *next;
  std::string line = on.ToIso() + " " + std::string(CaseEventName(event));
  if (!note.empty()) line += " (" + std::string(note) + ")";
  c.history.push_back(std::move(line));
  return Ok();
}

Result<ReferralReceipt> PanelBook::Refer(const Referral& referral) {
  if (Status s = ValidateReferral(referral, config_.pathways); !s) {
    return tl::unexpected(s.error());
  }
  ReferralRecord record{"R" + std::to_string(referrals_.size() + 1), referral, "", std::nullopt};
  ReferralReceipt receipt;
  receipt.referral_id = record.id;
  const std::string note = record.id + " via " + referral.pathway;

  CaseRecord* existing = nullptr;
  for (CaseRecord& c : cases_) {
    if (c.subject_key == referral.subject_key) existing = &c;
  }
  if (existing != nullptr && existing->state != CaseState::kMonitored &&
      existing->state != CaseState::kClosed) {
    record.duplicate =
        Duplicate{existing->state == CaseState::kManaged ? DuplicateKind::kManaged
                                                         : DuplicateKind::kOpenReferral,
                  existing->id, existing->referral_ids.front()};
    existing->referral_ids.push_back(record.id);
    existing->history.push_back(referral.referred_on.ToIso() + " referred again (" + note +
                                ", duplicate)");
  } else if (existing != nullptr) {
    if (Status s = Transition(*existing, CaseEvent::kReturnedToTriage, referral.referred_on, note);
        !s) {
      return tl::unexpected(s.error());
    }
    existing->referral_ids.push_back(record.id);
    existing->monitored_since.reset();
    receipt.returned_to_triage = true;
  } else {
    CaseRecord c;
    c.id = "C" + std::to_string(cases_.size() + 1);
    c.subject_key = referral.subject_key;
    c.opened_on = referral.referred_on;
    c.waiting_since = referral.referred_on;
    c.referral_ids.push_back(record.id);
    c.history.push_back(referral.referred_on.ToIso() + " referred (" + note + ")");
    cases_.push_back(std::move(c));
    existing = &cases_.back();
    receipt.new_case = true;
  }
  record.case_id = existing->id;
  receipt.case_id = existing->id;
  receipt.duplicate = record.duplicate;
  referrals_.push_back(std::move(record));
  return receipt;
}

Status PanelBook::RecordTriage(std::string_view case_id, bool put_forward,
                               std::vector<std::string> reasons, const Date& on) {
  CaseRecord* c = MutableCase(case_id);
  if (c == nullptr) return NotFound("case", case_id);
  if (reasons.empty()) return Invalid("triage of case " + c->id + " gives no reason");
  const CaseEvent event = put_forward ? CaseEvent::kTriagedForward : CaseEvent::kTriagedNotForward;
  if (Status s = Transition(*c, event, on, reasons.front()); !s) return s;
  c->triage_reasons = std::move(reasons);
  if (put_forward) {
    c->waiting_since = on;
  } else {
    c->monitored_since = on;
  }
  return Ok();
}

Status PanelBook::RecordTriage(std::string_view case_id, const TriageAssessment& assessment) {
  return RecordTriage(case_id, assessment.put_forward, assessment.reasons,
                      assessment.reference_date);
}

Result<const Meeting*> PanelBook::PlanMeeting(std::string meeting_id, const Date& on) {
  if (meeting_id.empty()) return Fail(Code::kInvalidArgument, "a meeting needs an id");
  if (FindMeeting(meeting_id) != nullptr) {
    return Fail(Code::kInvalidArgument, "meeting '" + meeting_id + "' is already planned");
  }
  if (!meetings_.empty() && on < meetings_.back().held_on) {
    return Fail(Code::kInvalidArgument, "meeting '" + meeting_id + "' on " + on.ToIso() +
                                            " is before the last meeting, " +
                                            meetings_.back().held_on.ToIso());
  }
  std::vector<AgendaCandidate> candidates;
  for (const CaseRecord& c : cases_) {
    if (c.state == CaseState::kOnAgenda) {
      return Fail(Code::kInvalidArgument, "case " + c.id +
                                              " is still on an earlier meeting's agenda undecided; "
                                              "decide or defer it first");
    }
    if (c.state == CaseState::kPutForward) {
      candidates.push_back({c.id, AgendaItemKind::kNew, c.waiting_since});
    } else if (c.state == CaseState::kManaged && config_.include_reviews) {
      const Date last = c.last_discussed.value_or(c.waiting_since);
      if (on.DaysSinceEpoch() - last.DaysSinceEpoch() >= config_.review_every_days) {
        candidates.push_back({c.id, AgendaItemKind::kReview, last});
      }
    }
  }
  Meeting meeting{std::move(meeting_id), on, BuildAgenda(candidates, config_.agenda_cap)};
  for (const AgendaItem& item : meeting.agenda) {
    if (item.kind != AgendaItemKind::kNew) continue;
    CaseRecord* c = MutableCase(item.case_id);
    if (Status s = Transition(*c, CaseEvent::kScheduled, on, meeting.id); !s) {
      return tl::unexpected(s.error());
    }
  }
  meetings_.push_back(std::move(meeting));
  return &meetings_.back();
}

Status PanelBook::Decide(const Decision& decision) {
  const Meeting* meeting = FindMeeting(decision.meeting_id);
  if (meeting == nullptr) return NotFound("meeting", decision.meeting_id);
  CaseRecord* c = MutableCase(decision.case_id);
  if (c == nullptr) return NotFound("case", decision.case_id);
  const AgendaItem* item = AgendaItemOf(*meeting, c->id);
  if (item == nullptr) {
    return Invalid(CaseText(*c) + " is not on the agenda of meeting " + meeting->id +
                   "; the panel decides only cases on its agenda");
  }
  if (item->kind != AgendaItemKind::kNew) {
    return Invalid(CaseText(*c) + " is on meeting " + meeting->id +
                   "'s agenda for review; adopt, refuse and defer apply to new cases");
  }
  if (c->state != CaseState::kOnAgenda) {
    return Invalid(CaseText(*c) + " was already decided at meeting " + meeting->id);
  }
  if (Status s = CheckDecisionReason(config_.decision_reasons, decision.kind, decision.reason_id);
      !s) {
    return s;
  }
  if (decision.decided_on < meeting->held_on) {
    return Invalid("a decision on case " + c->id + " cannot predate meeting " + meeting->id);
  }
  constexpr std::array<std::pair<DecisionKind, CaseEvent>, 3> kEvents = {{
      {DecisionKind::kAdopt, CaseEvent::kAdopted},
      {DecisionKind::kRefuse, CaseEvent::kRefused},
      {DecisionKind::kDefer, CaseEvent::kDeferred},
  }};
  CaseEvent event = CaseEvent::kDeferred;
  for (const auto& [kind, e] : kEvents) {
    if (kind == decision.kind) event = e;
  }
  if (Status s =
          Transition(*c, event, decision.decided_on, meeting->id + ": " + decision.reason_id);
      !s) {
    return s;
  }
  c->last_discussed = decision.decided_on;
  if (decision.kind == DecisionKind::kRefuse) c->monitored_since = decision.decided_on;
  // A deferred case keeps its original waiting date, so it comes first at the next meeting.
  decisions_.push_back(decision);
  return Ok();
}

Status PanelBook::RecordReview(std::string_view meeting_id, std::string_view case_id) {
  const Meeting* meeting = FindMeeting(meeting_id);
  if (meeting == nullptr) return NotFound("meeting", meeting_id);
  CaseRecord* c = MutableCase(case_id);
  if (c == nullptr) return NotFound("case", case_id);
  const AgendaItem* item = AgendaItemOf(*meeting, c->id);
  if (item == nullptr || item->kind != AgendaItemKind::kReview) {
    return Invalid(CaseText(*c) + " is not on meeting " + meeting->id + "'s agenda for review");
  }
  c->last_discussed = meeting->held_on;
  c->history.push_back(meeting->held_on.ToIso() + " reviewed (" + meeting->id + ")");
  return Ok();
}

Result<std::string> PanelBook::AddAction(std::string_view meeting_id, std::string_view case_id,
                                         std::string description, AgencyKind owner,
                                         const Date& due) {
  const Meeting* meeting = FindMeeting(meeting_id);
  if (meeting == nullptr) return tl::unexpected(NotFound("meeting", meeting_id).error());
  const CaseRecord* c = FindCase(case_id);
  if (c == nullptr) return tl::unexpected(NotFound("case", case_id).error());
  if (AgendaItemOf(*meeting, c->id) == nullptr) {
    return Fail(Code::kInvalidArgument,
                CaseText(*c) + " is not on the agenda of meeting " + meeting->id);
  }
  if (description.empty()) return Fail(Code::kInvalidArgument, "an action needs a description");
  if (due < meeting->held_on) {
    return Fail(Code::kInvalidArgument,
                "an action due " + due.ToIso() + " cannot be due before meeting " + meeting->id);
  }
  Action action{"A" + std::to_string(actions_.size() + 1),
                c->id,
                meeting->id,
                std::move(description),
                owner,
                due,
                std::nullopt};
  actions_.push_back(std::move(action));
  return actions_.back().id;
}

Status PanelBook::CompleteAction(std::string_view action_id, const Date& on) {
  for (Action& action : actions_) {
    if (action.id != action_id) continue;
    if (action.completed_on) {
      return Invalid("action " + action.id + " was already completed on " +
                     action.completed_on->ToIso());
    }
    const Meeting* meeting = FindMeeting(action.meeting_id);
    if (meeting != nullptr && on < meeting->held_on) {
      return Invalid("action " + action.id + " cannot be completed before meeting " + meeting->id +
                     " agreed it");
    }
    action.completed_on = on;
    return Ok();
  }
  return NotFound("action", action_id);
}

std::vector<const Action*> PanelBook::OverdueActions(const Date& on) const {
  std::vector<const Action*> overdue;
  for (const Action& action : actions_) {
    if (!action.completed_on && action.due < on) overdue.push_back(&action);
  }
  return overdue;
}

Status PanelBook::AgreePlan(ManagementPlan plan) {
  const CaseRecord* c = FindCase(plan.case_id);
  if (c == nullptr) return NotFound("case", plan.case_id);
  if (FindMeeting(plan.meeting_id) == nullptr) return NotFound("meeting", plan.meeting_id);
  if (c->state != CaseState::kManaged) {
    return Invalid(CaseText(*c) + " has no management plan: only an adopted case has one");
  }
  if (plan.objectives.empty()) return Invalid("the plan for case " + c->id + " has no objective");
  for (const std::string& id : plan.interventions) {
    if (config_.catalogue.Find(id) == nullptr) {
      return Invalid("the plan for case " + c->id + " names intervention '" + id +
                     "', which is not in the catalogue");
    }
  }
  if (plan.review_by < plan.agreed_on) {
    return Invalid("the plan for case " + c->id + " is reviewed before it is agreed");
  }
  int version = 0;
  for (const ManagementPlan& p : plans_) {
    if (p.case_id == plan.case_id) version = std::max(version, p.version);
  }
  plan.version = version + 1;
  plans_.push_back(std::move(plan));
  return Ok();
}

Status PanelBook::RecordIntervention(InterventionRecord record) {
  const CaseRecord* c = FindCase(record.case_id);
  if (c == nullptr) return NotFound("case", record.case_id);
  if (c->state != CaseState::kManaged) {
    return Invalid(CaseText(*c) + ": interventions are recorded for managed cases");
  }
  if (config_.catalogue.Find(record.intervention_id) == nullptr) {
    return Invalid("intervention '" + record.intervention_id + "' is not in the catalogue");
  }
  if (record.ended_on && *record.ended_on < record.started_on) {
    return Invalid("intervention '" + record.intervention_id + "' ends before it starts");
  }
  if (record.completed && !record.ended_on) {
    return Invalid("a completed intervention needs its end date");
  }
  interventions_.push_back(std::move(record));
  return Ok();
}

const CaseAllocation* PanelBook::CurrentAllocation(std::string_view case_id) const {
  const auto latest = std::find_if(allocations_.rbegin(), allocations_.rend(),
                                   [&](const CaseAllocation& a) { return a.case_id == case_id; });
  return latest != allocations_.rend() && !latest->until ? &*latest : nullptr;
}

std::vector<CaseAllocation> PanelBook::AllocationsOn(const Date& on) const {
  std::vector<CaseAllocation> out;
  for (const CaseAllocation& a : allocations_) {
    if (AllocatedOn(a, on)) out.push_back(a);
  }
  return out;
}

Status PanelBook::Allocate(CaseAllocation allocation) {
  const CaseRecord* c = FindCase(allocation.case_id);
  if (c == nullptr) return NotFound("case", allocation.case_id);
  if (c->state != CaseState::kManaged) {
    return Invalid(CaseText(*c) + " cannot be allocated: only an adopted case has a manager");
  }
  if (Status s = ValidateManagerKey(allocation.manager); !s) return s;
  std::optional<Date> adopted;
  for (const Decision& d : decisions_) {
    if (d.case_id == c->id && d.kind == DecisionKind::kAdopt) adopted = d.decided_on;
  }
  if (adopted && allocation.from < *adopted) {
    return Invalid("an allocation of case " + c->id + " from " + allocation.from.ToIso() +
                   " cannot start before the case was adopted on " + adopted->ToIso());
  }
  allocation.until.reset();
  const auto latest = std::find_if(allocations_.rbegin(), allocations_.rend(),
                                   [&](const CaseAllocation& a) { return a.case_id == c->id; });
  CaseAllocation* current = latest != allocations_.rend() && !latest->until ? &*latest : nullptr;
  if (current != nullptr) {
    if (allocation.from < current->from) {
      return Invalid("a reallocation of case " + c->id + " from " + allocation.from.ToIso() +
                     " cannot start before the current allocation, from " + current->from.ToIso());
    }
    if (current->manager == allocation.manager && current->agency == allocation.agency &&
        current->high_risk == allocation.high_risk) {
      return Invalid("case " + c->id + " is already allocated to that manager");
    }
    current->until = allocation.from;
  }
  CaseRecord* mutable_case = MutableCase(c->id);
  mutable_case->history.push_back(allocation.from.ToIso() +
                                  (current != nullptr ? " reallocated" : " allocated") + " (" +
                                  allocation.manager + ")");
  allocations_.push_back(std::move(allocation));
  return Ok();
}

Status PanelBook::CloseCase(std::string_view case_id, std::string_view reason_id, const Date& on,
                            std::string note) {
  CaseRecord* c = MutableCase(case_id);
  if (c == nullptr) return NotFound("case", case_id);
  const bool known = std::any_of(config_.outcome_reasons.begin(), config_.outcome_reasons.end(),
                                 [&](const OutcomeReason& r) { return r.id == reason_id; });
  if (!known) {
    return Invalid("'" + std::string(reason_id) + "' is not an outcome reason of the partnership");
  }
  if (Status s = Transition(*c, CaseEvent::kClosed, on, reason_id); !s) return s;
  for (CaseAllocation& a : allocations_) {
    if (a.case_id == c->id && !a.until) a.until = std::max(on, a.from);
  }
  outcomes_.push_back({c->id, std::string(reason_id), on, std::move(note)});
  return Ok();
}

Result<std::optional<TriageReturn>> PanelBook::CheckMonitored(
    std::string_view case_id, std::span<const Occurrence> occurrences) {
  CaseRecord* c = MutableCase(case_id);
  if (c == nullptr) return tl::unexpected(NotFound("case", case_id).error());
  if (c->state != CaseState::kMonitored || !c->monitored_since) {
    return Fail(Code::kInvalidArgument, CaseText(*c) + " is not monitored");
  }
  std::optional<TriageReturn> back = ReturnsToTriage(*c->monitored_since, occurrences);
  if (!back) return back;
  Date latest = *c->monitored_since;
  for (const Occurrence& o : occurrences) {
    if (std::find(back->occurrence_ids.begin(), back->occurrence_ids.end(), o.id) !=
        back->occurrence_ids.end()) {
      latest = std::max(latest, o.reported_on);
    }
  }
  if (Status s = Transition(*c, CaseEvent::kReturnedToTriage, latest, back->reason); !s) {
    return tl::unexpected(s.error());
  }
  c->monitored_since.reset();
  return back;
}

}  // namespace tandem::core::panel
