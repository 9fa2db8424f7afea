// The panel's book: referrals, cases, meetings with their agendas, decisions, actions,
// management plans, interventions delivered and outcomes, for one partnership. Every change of
// a case's state goes through the transition table of case_state.h, so an illegal step (a
// decision on a case that is not on the meeting's agenda, a plan for a case not adopted) is an
// error naming the case, its state and what is allowed. Subjects are known only by the key the
// node supplies. In memory and deterministic (ids R1, C1, A1, ... in order of creation); the
// node persists it. Thread-compatible: callers serialise access.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/agency.h"
#include "core/date.h"
#include "core/panel/agenda.h"
#include "core/panel/allocation.h"
#include "core/panel/case_state.h"
#include "core/panel/catalogue.h"
#include "core/panel/decision.h"
#include "core/panel/monitoring.h"
#include "core/panel/occurrence.h"
#include "core/panel/referral.h"
#include "core/panel/triage.h"
#include "core/result.h"

namespace tandem::core::panel {

struct OutcomeReason {
  std::string id;  // "plan-completed"
  std::string text;
};

// plan-completed, risk-reduced, custody, moved-away, transferred (to MAPPA, IOM or another
// unit), died, monitoring-ended, withdrawn.
std::vector<OutcomeReason> DefaultOutcomeReasons();

struct PanelConfig {
  std::vector<ReferralPathway> pathways = DefaultReferralPathways();
  std::vector<DecisionReason> decision_reasons = DefaultDecisionReasons();
  std::vector<OutcomeReason> outcome_reasons = DefaultOutcomeReasons();
  InterventionCatalogue catalogue = InterventionCatalogue::Default();
  // Items per meeting. Ten: a two-hour meeting (Surrey's maximum) at about twelve minutes a
  // case; also the Dorset unit's first caseload.
  std::size_t agenda_cap = 10;
  bool include_reviews = true;  // false keeps a meeting to new cases only (Surrey's practice)
  int review_every_days = 90;   // a managed case comes back for review after this long
};

enum class DuplicateKind { kOpenReferral, kManaged };
std::string_view DuplicateKindName(DuplicateKind kind);  // "open-referral", "managed"

struct Duplicate {
  DuplicateKind kind = DuplicateKind::kOpenReferral;
  std::string case_id;
  std::string referral_id;  // the case's first referral
};

struct ReferralReceipt {
  std::string referral_id;
  std::string case_id;
  bool new_case = false;
  bool returned_to_triage = false;     // a monitored or closed person referred again
  std::optional<Duplicate> duplicate;  // set when the person is already referred or managed
};

struct ReferralRecord {
  std::string id;
  Referral referral;
  std::string case_id;
  std::optional<Duplicate> duplicate;
};

struct CaseRecord {
  std::string id;
  std::string subject_key;
  CaseState state = CaseState::kAwaitingTriage;
  std::vector<std::string> referral_ids;
  Date opened_on = Date::FromDaysSinceEpoch(0);
  Date waiting_since = Date::FromDaysSinceEpoch(0);  // put forward / deferred on
  std::optional<Date> monitored_since;
  std::optional<Date> last_discussed;
  std::vector<std::string> triage_reasons;  // of the last triage
  std::vector<std::string> history;         // "2026-11-03 scheduled (M1)", in order
};

struct Meeting {
  std::string id;
  Date held_on = Date::FromDaysSinceEpoch(0);
  std::vector<AgendaItem> agenda;
};

struct Decision {
  std::string case_id;
  std::string meeting_id;
  DecisionKind kind = DecisionKind::kDefer;
  std::string reason_id;  // from PanelConfig::decision_reasons
  std::string note;       // free text
  Date decided_on = Date::FromDaysSinceEpoch(0);
};

struct Action {
  std::string id;
  std::string case_id;
  std::string meeting_id;
  std::string description;
  AgencyKind owner = AgencyKind::kPolice;
  Date due = Date::FromDaysSinceEpoch(0);
  std::optional<Date> completed_on;
};

struct ManagementPlan {
  std::string case_id;
  std::string meeting_id;
  int version = 0;  // set by AgreePlan: 1, 2, ...
  Date agreed_on = Date::FromDaysSinceEpoch(0);
  std::vector<std::string> objectives;
  std::vector<std::string> interventions;  // catalogue ids
  Date review_by = Date::FromDaysSinceEpoch(0);
};

struct InterventionRecord {
  std::string case_id;
  std::string intervention_id;  // catalogue id
  AgencyKind delivered_by = AgencyKind::kPolice;
  Date started_on = Date::FromDaysSinceEpoch(0);
  std::optional<Date> ended_on;
  bool completed = false;
};

struct CaseOutcome {
  std::string case_id;
  std::string reason_id;  // from PanelConfig::outcome_reasons
  Date on = Date::FromDaysSinceEpoch(0);
  std::string note;
};

class PanelBook {
 public:
  // kInvalidArgument when the configuration's tables are invalid (empty or repeated ids) or
  // agenda_cap is 0 or review_every_days below 1.
  static Result<PanelBook> Create(PanelConfig config);

  // Records a referral. A person with a case awaiting triage, put forward or on an agenda is an
  // open referral; one who is managed is managed: the referral is recorded against that case
  // and the receipt names it as a duplicate. A monitored or closed person goes back to triage.
  // Otherwise a new case opens awaiting triage. kInvalidArgument as ValidateReferral.
  Result<ReferralReceipt> Refer(const Referral& referral);

  // The outcome of triage for a case awaiting it: forward to the panel or monitored. `reasons`
  // say why (TriageAssessment::reasons). kNotFound for an unknown case; kInvalidArgument for a
  // case not awaiting triage or no reason.
  Status RecordTriage(std::string_view case_id, bool put_forward, std::vector<std::string> reasons,
                      const Date& on);

  // The same from a triage assessment (core/panel/triage.h), dated its reference date.
  Status RecordTriage(std::string_view case_id, const TriageAssessment& assessment);

  // Plans a meeting: builds its agenda (agenda.h) from the cases put forward (new) and, when
  // reviews are included, managed cases not discussed for review_every_days; new cases placed
  // go on-agenda, the rest wait for the next meeting. kInvalidArgument for an empty or used id,
  // a date before the last meeting, or a case left on an earlier meeting's agenda undecided
  // (the message names it: defer it first).
  // The pointer stays valid until the next PlanMeeting.
  Result<const Meeting*> PlanMeeting(std::string meeting_id, const Date& on);

  // Records the panel's decision on a new case of that meeting's agenda. Adopt: managed;
  // refuse: monitored from the decision date; defer: back to waiting, first in line.
  // kNotFound for an unknown meeting or case; kInvalidArgument for a case not on that
  // meeting's agenda as a new case, already decided, or a reason not listed for the kind.
  Status Decide(const Decision& decision);

  // Marks a review item of a meeting as discussed. kNotFound / kInvalidArgument likewise.
  Status RecordReview(std::string_view meeting_id, std::string_view case_id);

  // An action agreed at a meeting on a case of its agenda, owned by one agency. Returns its
  // id. kNotFound for an unknown meeting or case; kInvalidArgument for a case not on that
  // agenda, an empty description, or a due date before the meeting.
  Result<std::string> AddAction(std::string_view meeting_id, std::string_view case_id,
                                std::string description, AgencyKind owner, const Date& due);

  // kNotFound for an unknown action; kInvalidArgument when already completed or dated before
  // the meeting that agreed it.
  Status CompleteAction(std::string_view action_id, const Date& on);

  // Open actions due before `on`.
  std::vector<const Action*> OverdueActions(const Date& on) const;

  // A new version of a managed case's plan. kNotFound for an unknown case or meeting;
  // kInvalidArgument for a case not managed, no objective, an intervention not in the
  // catalogue, or a review date before the agreement.
  Status AgreePlan(ManagementPlan plan);

  // An intervention or civil order delivered for a managed case. kNotFound for an unknown
  // case; kInvalidArgument for a case not managed, an id not in the catalogue, an end before
  // the start, or completed without an end date.
  Status RecordIntervention(InterventionRecord record);

  // The catalogue, which the panel may extend (InterventionCatalogue::Add).
  InterventionCatalogue& catalogue() { return config_.catalogue; }
  const InterventionCatalogue& catalogue() const { return config_.catalogue; }

  // Allocates a managed case to an offender manager from `allocation.from` (`until` is
  // ignored). The case's current allocation, if any, ends that day: a reallocation. kNotFound
  // for an unknown case; kInvalidArgument for a case not managed, a manager key that is not a
  // staff key (ValidateManagerKey), a start before the case was adopted or before the current
  // allocation's start, or the same manager, agency and risk as the current allocation.
  Status Allocate(CaseAllocation allocation);

  // The case's allocation that has not ended; nullptr when none.
  const CaseAllocation* CurrentAllocation(std::string_view case_id) const;

  // Every allocation that holds on `on` (AllocatedOn), in the order they were made.
  std::vector<CaseAllocation> AllocationsOn(const Date& on) const;

  // Closes a case with an outcome; its current allocation ends on `on` (or on its start, when
  // that is later). kNotFound / kInvalidArgument (unknown reason, or a state the table does not
  // close from).
  Status CloseCase(std::string_view case_id, std::string_view reason_id, const Date& on,
                   std::string note = "");

  // Given a monitored case's occurrences, returns it to triage when ReturnsToTriage says so
  // (the reason is kept in the case history) and returns that reason; nullopt when it stays
  // monitored. kNotFound for an unknown case; kInvalidArgument for a case not monitored.
  Result<std::optional<TriageReturn>> CheckMonitored(std::string_view case_id,
                                                     std::span<const Occurrence> occurrences);

  const CaseRecord* FindCase(std::string_view case_id) const;
  // The subject's latest case; nullptr when never referred.
  const CaseRecord* FindCaseBySubject(std::string_view subject_key) const;
  const Meeting* FindMeeting(std::string_view meeting_id) const;

  const std::vector<ReferralRecord>& referrals() const { return referrals_; }
  const std::vector<CaseRecord>& cases() const { return cases_; }
  const std::vector<Meeting>& meetings() const { return meetings_; }
  const std::vector<Decision>& decisions() const { return decisions_; }
  const std::vector<Action>& actions() const { return actions_; }
  const std::vector<ManagementPlan>& plans() const { return plans_; }
  const std::vector<InterventionRecord>& interventions() const { return interventions_; }
  const std::vector<CaseOutcome>& outcomes() const { return outcomes_; }
  // Every allocation ever made, ended ones included, in the order they were made.
  const std::vector<CaseAllocation>& allocations() const { return allocations_; }

 private:
  explicit PanelBook(PanelConfig config) : config_(std::move(config)) {}
  CaseRecord* MutableCase(std::string_view case_id);
  Status Transition(CaseRecord& c, CaseEvent event, const Date& on, std::string_view note);
  const AgendaItem* AgendaItemOf(const Meeting& meeting, std::string_view case_id) const;

  PanelConfig config_;
  std::vector<ReferralRecord> referrals_;
  std::vector<CaseRecord> cases_;
  std::vector<Meeting> meetings_;
  std::vector<Decision> decisions_;
  std::vector<Action> actions_;
  std::vector<ManagementPlan> plans_;
  std::vector<InterventionRecord> interventions_;
  std::vector<CaseOutcome> outcomes_;
  std::vector<CaseAllocation> allocations_;
};

}  // namespace tandem::core::panel
