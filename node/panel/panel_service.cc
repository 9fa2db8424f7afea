#include "node/panel/panel_service.h"

#include <set>
#include <string_view>
#include <tuple>

#include "core/panel/case_pack.h"
#include "core/panel/harm.h"
#include "core/panel/monitoring.h"
#include "core/panel/months.h"
#include "crypto/digest.h"
#include "node/panel/occurrence_reader.h"

namespace tandem::node::panel {
namespace {

using namespace core::panel;

constexpr std::string_view kPanelPurpose = "hhpp-panel";
constexpr std::string_view kRankingPathway = "ranking-algorithm";
// The case pack's harm history covers the 24 months to the meeting (the ranking window).
constexpr int kHarmHistoryMonths = 24;

ReferralReceipt ReceiptFrom(const PanelBook& book, const Json& json) {
  const ReferralRecord& record = book.referrals().back();
  ReferralReceipt receipt;
  receipt.referral_id = record.id;
  receipt.case_id = record.case_id;
  receipt.duplicate = record.duplicate;
  receipt.new_case = json.value("new_case", false);
  receipt.returned_to_triage = json.value("returned_to_triage", false);
  return receipt;
}

Json ReferralArgs(const Referral& referral) {
  return {{"subject_key", referral.subject_key}, {"pathway", referral.pathway},
          {"source", referral.source},           {"reason", referral.reason},
          {"referrer", referral.referrer},       {"referred_on", referral.referred_on.ToIso()}};
}

}  // namespace

PanelService::PanelService(endpoints::SharedStore& store, PanelConfig config,
                           TriageConfig triage_config, PanelServiceOptions options,
                           PanelState state)
    : store_(store),
      config_(std::move(config)),
      triage_config_(std::move(triage_config)),
      options_(std::move(options)),
      state_(std::move(state)) {
  if (!options_.clock) options_.clock = &protocol::SystemNow;
}

Result<std::unique_ptr<PanelService>> PanelService::Open(endpoints::SharedStore& store,
                                                         PanelConfig config,
                                                         TriageConfig triage_config,
                                                         PanelServiceOptions options) {
  if (auto valid = ValidateRfgvConfig(triage_config.rfgv); !valid) {
    return tl::unexpected(valid.error());
  }
  if (auto valid = ValidateIndicatorRules(triage_config.indicators, triage_config.offences);
      !valid) {
    return tl::unexpected(valid.error());
  }
  if (auto valid = ValidateRankingParameters(options.ranking); !valid) {
    return tl::unexpected(valid.error());
  }
  auto state = store.With([&](store::Store& s) { return ReplayJournal(s, config); });
  if (!state) return tl::unexpected(state.error());
  return std::unique_ptr<PanelService>(new PanelService(
      store, std::move(config), std::move(triage_config), std::move(options), std::move(*state)));
}

Result<ErasedCommands> PanelService::EraseExpired(const protocol::Isa& isa, std::string_view self,
                                                  protocol::Seconds now) {
  std::lock_guard lock(mutex_);
  auto erased =
      store_.With([&](store::Store& s) { return EraseExpiredBookValues(s, isa, self, now); });
  if (!erased) return erased;
  if (erased->referrals + erased->interventions > 0) {
    auto state = store_.With([&](store::Store& s) { return ReplayJournal(s, config_); });
    if (!state) return tl::unexpected(state.error());
    state_ = std::move(*state);
  }
  return erased;
}

Result<Json> PanelService::Execute(const PanelCommand& given, const Actor& actor) {
  PanelCommand marked;
  if (!actor.received_for.empty()) {
    marked = given;
    marked.args["received_for"] = actor.received_for;
  }
  const PanelCommand& command = actor.received_for.empty() ? given : marked;
  const bool ranking = ChangesRanking(command.name);
  PanelState next{state_.book, ranking ? state_.ranking : RankingHistory{}, state_.triage};
  auto result = ApplyCommand(command, next);
  if (!result) return result;

  const std::string body = EncodeCommand(command);
  const protocol::Seconds now = options_.clock();
  auto at = protocol::FormatTimestamp(now);
  if (!at) return tl::unexpected(at.error());
  audit::AuditEntry entry;
  entry.kind = kPanelCommandKind;
  entry.actor = actor.name.empty() ? "coordinator" : actor.name;
  entry.processing = command.name;
  entry.at = now;
  entry.purpose = kPanelPurpose;
  if (options_.isa) std::tie(entry.isa_id, entry.isa_version) = options_.isa();
  entry.recipient = "panel";
  entry.request_sha256 = crypto::Sha256Hex(body);  // the journal entry's body
  entry.outcome = "ok";

  Status stored = store_.With([&](store::Store& s) -> Status {
    auto transaction = s.Begin();
    if (!transaction) return tl::unexpected(transaction.error());
    auto appended = s.AppendJournal(kPanelCommandKind, *at, body);
    if (!appended) return tl::unexpected(appended.error());
    if (options_.audit != nullptr) {
      if (auto logged = options_.audit->Append(entry); !logged) {
        return Fail(Code::kUnavailable, "the audit log: " + logged.error().message);
      }
    }
    return transaction->Commit();
  });
  if (!stored) {
    return Fail(stored.error().code,
                "the panel journal could not record the " + command.name +
                    " command, so it was not applied: " + stored.error().message);
  }
  state_.book = std::move(next.book);
  state_.triage = std::move(next.triage);
  if (ranking) state_.ranking = std::move(next.ranking);
  return result;
}

Result<ReferralOutcome> PanelService::ReferAndTriage(const Referral& referral, const Actor& actor) {
  std::lock_guard lock(mutex_);
  if (referral.pathway == kRankingPathway && !referral.source.empty() &&
      state_.ranking.Find(referral.source) == nullptr) {
    return Fail(Code::kInvalidArgument,
                "source: no ranking run '" + referral.source.substr(0, 40) + "' is kept");
  }
  if (!referral.subject_key.empty()) {
    auto nominal = store_.With(
        [&](store::Store& s) { return s.GetRecord(kNominalsExport, referral.subject_key); });
    if (!nominal) return tl::unexpected(nominal.error());
    if (!*nominal) {
      return Fail(Code::kNotFound, "subject: this node holds no police nominal of that reference");
    }
  }
  auto applied = Execute({"refer", ReferralArgs(referral)}, actor);
  if (!applied) return tl::unexpected(applied.error());
  ReferralOutcome outcome;
  outcome.receipt = ReceiptFrom(state_.book, *applied);
  if (outcome.receipt.new_case || outcome.receipt.returned_to_triage) {
    auto triaged = TriageLocked(outcome.receipt.case_id, referral.referred_on, actor);
    if (triaged) {
      outcome.triage = triaged->summary;
    } else {
      outcome.triage_error = triaged.error();
    }
  }
  return outcome;
}

Result<ReferralReceipt> PanelService::Refer(const Referral& referral, const Actor& actor) {
  auto outcome = ReferAndTriage(referral, actor);
  if (!outcome) return tl::unexpected(outcome.error());
  return outcome->receipt;
}

Result<TriageOutcome> PanelService::TriageLocked(const std::string& case_id, const core::Date& on,
                                                 const Actor& actor) {
  const CaseRecord* c = state_.book.FindCase(case_id);
  if (c == nullptr) return Fail(Code::kNotFound, "no case " + case_id.substr(0, 40));
  auto occurrences =
      store_.With([&](store::Store& s) { return ReadOccurrencesOf(s, c->subject_key); });
  if (!occurrences) return tl::unexpected(occurrences.error());
  auto assessment = core::panel::Triage(*occurrences, on, triage_config_);
  if (!assessment) return tl::unexpected(assessment.error());
  TriageOutcome outcome{*assessment, SummariseTriage(*assessment, triage_config_)};
  Json args = {{"case_id", case_id},
               {"put_forward", assessment->put_forward},
               {"reasons", assessment->reasons},
               {"on", on.ToIso()},
               {"summary", PackTriageToJson(outcome.summary)}};
  if (auto applied = Execute({"triage", std::move(args)}, actor); !applied) {
    return tl::unexpected(applied.error());
  }
  return outcome;
}

Result<PackTriage> PanelService::Triage(std::string_view case_id, const core::Date& on,
                                        const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto outcome = TriageLocked(std::string(case_id), on, actor);
  if (!outcome) return tl::unexpected(outcome.error());
  return outcome->summary;
}

Result<RankingRun> PanelService::RunRanking(const core::Date& run_on, const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto all = store_.With([&](store::Store& s) { return ReadAllOccurrences(s); });
  if (!all) return tl::unexpected(all.error());
  std::vector<RankingInput> people;
  people.reserve(all->size());
  for (auto& [nominal, occurrences] : *all) {
    people.push_back(RankingInput{nominal, std::move(occurrences), std::nullopt});
  }
  const std::string id = "RK" + std::to_string(state_.ranking.runs().size() + 1);
  auto run = core::panel::RunRanking(id, run_on, options_.ranking, people, offences());
  if (!run) return tl::unexpected(run.error());
  if (auto applied = Execute({"ranking-run", {{"run", RankingRunToJson(*run)}}}, actor); !applied) {
    return tl::unexpected(applied.error());
  }
  return *state_.ranking.Find(id);
}

Result<Meeting> PanelService::PlanMeeting(std::string meeting_id, const core::Date& on,
                                          const Actor& actor) {
  std::lock_guard lock(mutex_);
  const std::string id = meeting_id;
  auto applied = Execute(
      {"plan-meeting", {{"meeting_id", std::move(meeting_id)}, {"held_on", on.ToIso()}}}, actor);
  if (!applied) return tl::unexpected(applied.error());
  return *state_.book.FindMeeting(id);
}

Status PanelService::Decide(const Decision& decision, const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto applied = Execute({"decide",
                          {{"case_id", decision.case_id},
                           {"meeting_id", decision.meeting_id},
                           {"decision", DecisionKindName(decision.kind)},
                           {"reason_id", decision.reason_id},
                           {"note", decision.note},
                           {"decided_on", decision.decided_on.ToIso()}}},
                         actor);
  if (!applied) return tl::unexpected(applied.error());
  return Ok();
}

Status PanelService::RecordReview(std::string_view meeting_id, std::string_view case_id,
                                  const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto applied = Execute({"review", {{"meeting_id", meeting_id}, {"case_id", case_id}}}, actor);
  if (!applied) return tl::unexpected(applied.error());
  return Ok();
}

Result<std::string> PanelService::AddAction(std::string_view meeting_id, std::string_view case_id,
                                            std::string description, core::AgencyKind owner,
                                            const core::Date& due, const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto applied = Execute({"add-action",
                          {{"meeting_id", meeting_id},
                           {"case_id", case_id},
                           {"description", std::move(description)},
                           {"owner", core::AgencyName(owner)},
                           {"due", due.ToIso()}}},
                         actor);
  if (!applied) return tl::unexpected(applied.error());
  return (*applied)["action_id"].get<std::string>();
}

Status PanelService::CompleteAction(std::string_view action_id, const core::Date& on,
                                    const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto applied =
      Execute({"complete-action", {{"action_id", action_id}, {"on", on.ToIso()}}}, actor);
  if (!applied) return tl::unexpected(applied.error());
  return Ok();
}

Result<int> PanelService::AgreePlan(const ManagementPlan& plan, const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto applied = Execute({"agree-plan",
                          {{"case_id", plan.case_id},
                           {"meeting_id", plan.meeting_id},
                           {"agreed_on", plan.agreed_on.ToIso()},
                           {"objectives", plan.objectives},
                           {"interventions", plan.interventions},
                           {"review_by", plan.review_by.ToIso()}}},
                         actor);
  if (!applied) return tl::unexpected(applied.error());
  return (*applied)["version"].get<int>();
}

Status PanelService::RecordIntervention(const InterventionRecord& record, const Actor& actor) {
  std::lock_guard lock(mutex_);
  Json args = {{"case_id", record.case_id},
               {"intervention_id", record.intervention_id},
               {"delivered_by", core::AgencyName(record.delivered_by)},
               {"started_on", record.started_on.ToIso()},
               {"completed", record.completed}};
  if (record.ended_on) args["ended_on"] = record.ended_on->ToIso();
  auto applied = Execute({"record-intervention", std::move(args)}, actor);
  if (!applied) return tl::unexpected(applied.error());
  return Ok();
}

Status PanelService::CloseCase(std::string_view case_id, std::string_view reason_id,
                               const core::Date& on, std::string note, const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto applied = Execute({"close-case",
                          {{"case_id", case_id},
                           {"reason_id", reason_id},
                           {"on", on.ToIso()},
                           {"note", std::move(note)}}},
                         actor);
  if (!applied) return tl::unexpected(applied.error());
  return Ok();
}

Status PanelService::Allocate(const CaseAllocation& allocation, const Actor& actor) {
  std::lock_guard lock(mutex_);
  Json args = AllocationToJson(allocation);
  args.erase("until");
  auto applied = Execute({"allocate", std::move(args)}, actor);
  if (!applied) return tl::unexpected(applied.error());
  return Ok();
}

Status PanelService::ExtendCatalogue(const Intervention& intervention, const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto applied = Execute({"extend-catalogue", InterventionToJson(intervention)}, actor);
  if (!applied) return tl::unexpected(applied.error());
  return Ok();
}

Result<std::vector<MonitoringReturnReport>> PanelService::CheckMonitoring(const core::Date& on,
                                                                          const Actor& actor) {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, std::string>> monitored;  // case, subject
  for (const CaseRecord& c : state_.book.cases()) {
    if (c.state == CaseState::kMonitored && c.monitored_since) {
      monitored.emplace_back(c.id, c.subject_key);
    }
  }
  std::vector<MonitoringReturnReport> returned;
  if (monitored.empty()) return returned;
  auto all = store_.With([&](store::Store& s) { return ReadAllOccurrences(s); });
  if (!all) return tl::unexpected(all.error());
  for (const auto& [case_id, subject] : monitored) {
    const auto found = all->find(subject);
    if (found == all->end()) continue;
    const CaseRecord* c = state_.book.FindCase(case_id);
    const auto back = ReturnsToTriage(*c->monitored_since, found->second);
    if (!back) continue;
    // The journal keeps the incidents behind the return, so replay reaches the same result.
    const std::set<std::string> ids(back->occurrence_ids.begin(), back->occurrence_ids.end());
    Json occurrences = Json::array();
    for (const Occurrence& o : found->second) {
      if (ids.count(o.id) != 0) occurrences.push_back(OccurrenceToJson(o));
    }
    auto applied = Execute(
        {"monitoring-return", {{"case_id", case_id}, {"occurrences", std::move(occurrences)}}},
        actor);
    if (!applied) return tl::unexpected(applied.error());
    MonitoringReturnReport report{case_id, back->reason, std::nullopt, std::nullopt};
    auto triaged = TriageLocked(case_id, on, actor);
    if (triaged) {
      report.triage = triaged->summary;
    } else {
      report.triage_error = triaged.error();
    }
    returned.push_back(std::move(report));
  }
  return returned;
}

Result<std::vector<PackRequest>> PanelService::PackRequests(std::string_view meeting_id,
                                                            const core::Date& prepared_on) const {
  std::lock_guard lock(mutex_);
  const Meeting* meeting = state_.book.FindMeeting(meeting_id);
  if (meeting == nullptr) {
    return Fail(Code::kNotFound, "no meeting " + std::string(meeting_id.substr(0, 40)));
  }
  std::vector<PackRequest> requests;
  for (const AgendaItem& item : meeting->agenda) {
    const CaseRecord* c = state_.book.FindCase(item.case_id);
    if (c == nullptr || c->referral_ids.empty()) continue;
    PackRequest request;
    request.pack_id = meeting->id + "-" + c->id;
    request.meeting_id = meeting->id;
    request.case_id = c->id;
    request.prepared_on = prepared_on;
    request.subject_ref = c->subject_key;
    for (const ReferralRecord& r : state_.book.referrals()) {
      if (r.id != c->referral_ids.front()) continue;
      request.referral = PackReferral{r.id,
                                      r.referral.pathway,
                                      r.referral.source,
                                      r.referral.reason,
                                      r.referral.referrer,
                                      r.referral.referred_on};
    }
    if (const auto triage = state_.triage.find(c->id); triage != state_.triage.end()) {
      request.triage = triage->second;
    }
    auto occurrences =
        store_.With([&](store::Store& s) { return ReadOccurrencesOf(s, c->subject_key); });
    if (!occurrences) return tl::unexpected(occurrences.error());
    auto harm = HarmByMonth(*occurrences, MonthsBefore(meeting->held_on, kHarmHistoryMonths - 1),
                            meeting->held_on, offences());
    if (!harm) return tl::unexpected(harm.error());
    request.harm_by_month = std::move(*harm);
    std::set<std::string> victims;
    for (const Occurrence& o : *occurrences) {
      if (IsAccused(o) && !o.victim_ref.empty()) victims.insert(o.victim_ref);
    }
    request.known_victims = static_cast<int>(victims.size());
    // Police exports hold no record of children; partners' contributions carry what they know.
    request.children_at_risk = 0;
    requests.push_back(std::move(request));
  }
  return requests;
}

Status PanelService::Read(
    const std::function<Status(const PanelBook&, std::span<const RankingRun>)>& f) const {
  std::lock_guard lock(mutex_);
  return f(state_.book, state_.ranking.runs());
}

Status PanelService::ReadState(const std::function<Status(const PanelState&)>& f) const {
  std::lock_guard lock(mutex_);
  return f(state_);
}

}  // namespace tandem::node::panel
