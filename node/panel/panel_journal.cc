#include "node/panel/panel_journal.h"

#include <array>

namespace tandem::node::panel {
namespace {

using namespace core::panel;

using Apply = Result<Json> (*)(const Json& args, PanelState& state);

Result<Json> Done(const Status& status) {
  if (!status) return tl::unexpected(status.error());
  return Json::object();
}

Result<Json> Refer(const Json& args, PanelState& state) {
  JsonReader r(args);
  Referral referral;
  referral.subject_key = r.String("subject_key");
  referral.pathway = r.String("pathway");
  referral.source = r.String("source");
  referral.reason = r.String("reason");
  referral.referrer = r.String("referrer");
  referral.referred_on = r.DateOf("referred_on");
  if (!r.ok()) return r.error();
  auto receipt = state.book.Refer(referral);
  if (!receipt) return tl::unexpected(receipt.error());
  return ReceiptToJson(*receipt);
}

Result<Json> RecordTriage(const Json& args, PanelState& state) {
  JsonReader r(args);
  const std::string case_id = r.String("case_id");
  const bool put_forward = r.Bool("put_forward");
  std::vector<std::string> reasons = r.Strings("reasons");
  const core::Date on = r.DateOf("on");
  const Json& summary = r.Object("summary");
  if (!r.ok()) return r.error();
  auto triage = PackTriageFromJson(summary);
  if (!triage) return tl::unexpected(triage.error());
  if (auto recorded = state.book.RecordTriage(case_id, put_forward, std::move(reasons), on);
      !recorded) {
    return tl::unexpected(recorded.error());
  }
  state.triage[case_id] = std::move(*triage);
  return Json::object();
}

Result<Json> AddRankingRun(const Json& args, PanelState& state) {
  JsonReader r(args);
  const Json& json = r.Object("run");
  if (!r.ok()) return r.error();
  auto run = RankingRunFromJson(json);
  if (!run) return tl::unexpected(run.error());
  return Done(state.ranking.Add(std::move(*run)));
}

Result<Json> PlanMeeting(const Json& args, PanelState& state) {
  JsonReader r(args);
  std::string meeting_id = r.String("meeting_id");
  const core::Date held_on = r.DateOf("held_on");
  if (!r.ok()) return r.error();
  auto meeting = state.book.PlanMeeting(std::move(meeting_id), held_on);
  if (!meeting) return tl::unexpected(meeting.error());
  return MeetingToJson(state.book, **meeting);
}

Result<Json> Decide(const Json& args, PanelState& state) {
  JsonReader r(args);
  Decision decision;
  decision.case_id = r.String("case_id");
  decision.meeting_id = r.String("meeting_id");
  const std::string kind = r.String("decision");
  decision.reason_id = r.String("reason_id");
  decision.note = r.OptionalString("note");
  decision.decided_on = r.DateOf("decided_on");
  if (!r.ok()) return r.error();
  auto decision_kind = DecisionKindFromName(kind);
  if (!decision_kind) return tl::unexpected(decision_kind.error());
  decision.kind = *decision_kind;
  return Done(state.book.Decide(decision));
}

Result<Json> RecordReview(const Json& args, PanelState& state) {
  JsonReader r(args);
  const std::string meeting_id = r.String("meeting_id");
  const std::string case_id = r.String("case_id");
  if (!r.ok()) return r.error();
  return Done(state.book.RecordReview(meeting_id, case_id));
}

Result<Json> AddAction(const Json& args, PanelState& state) {
  JsonReader r(args);
  const std::string meeting_id = r.String("meeting_id");
  const std::string case_id = r.String("case_id");
  std::string description = r.String("description");
  const core::AgencyKind owner = r.Agency("owner");
  const core::Date due = r.DateOf("due");
  if (!r.ok()) return r.error();
  auto id = state.book.AddAction(meeting_id, case_id, std::move(description), owner, due);
  if (!id) return tl::unexpected(id.error());
  return Json{{"action_id", *id}};
}

Result<Json> CompleteAction(const Json& args, PanelState& state) {
  JsonReader r(args);
  const std::string action_id = r.String("action_id");
  const core::Date on = r.DateOf("on");
  if (!r.ok()) return r.error();
  return Done(state.book.CompleteAction(action_id, on));
}

Result<Json> AgreePlan(const Json& args, PanelState& state) {
  JsonReader r(args);
  ManagementPlan plan;
  plan.case_id = r.String("case_id");
  plan.meeting_id = r.String("meeting_id");
  plan.agreed_on = r.DateOf("agreed_on");
  plan.objectives = r.Strings("objectives");
  plan.interventions = r.Strings("interventions");
  plan.review_by = r.DateOf("review_by");
  if (!r.ok()) return r.error();
  const std::string case_id = plan.case_id;
  if (auto agreed = state.book.AgreePlan(std::move(plan)); !agreed) {
    return tl::unexpected(agreed.error());
  }
  int version = 0;
  for (const ManagementPlan& p : state.book.plans()) {
    if (p.case_id == case_id) version = p.version;
  }
  return Json{{"version", version}};
}

Result<Json> RecordIntervention(const Json& args, PanelState& state) {
  // A received intervention whose retention ended keeps its place in the journal and adds
  // nothing (book_retention.h).
  if (args.contains("erasure")) return Json::object();
  JsonReader r(args);
  InterventionRecord record;
  record.case_id = r.String("case_id");
  record.intervention_id = r.String("intervention_id");
  record.delivered_by = r.Agency("delivered_by");
  record.started_on = r.DateOf("started_on");
  record.ended_on = r.OptionalDateOf("ended_on");
  record.completed = r.Bool("completed");
  if (!r.ok()) return r.error();
  return Done(state.book.RecordIntervention(std::move(record)));
}

Result<Json> CloseCase(const Json& args, PanelState& state) {
  JsonReader r(args);
  const std::string case_id = r.String("case_id");
  const std::string reason_id = r.String("reason_id");
  const core::Date on = r.DateOf("on");
  std::string note = r.OptionalString("note");
  if (!r.ok()) return r.error();
  return Done(state.book.CloseCase(case_id, reason_id, on, std::move(note)));
}

Result<Json> MonitoringReturn(const Json& args, PanelState& state) {
  JsonReader r(args);
  const std::string case_id = r.String("case_id");
  if (!r.ok()) return r.error();
  const auto it = args.find("occurrences");
  if (it == args.end() || !it->is_array()) {
    return Fail(Code::kInvalidArgument, "occurrences: must be a list");
  }
  std::vector<Occurrence> occurrences;
  for (const Json& item : *it) {
    auto occurrence = OccurrenceFromJson(item);
    if (!occurrence) return tl::unexpected(occurrence.error());
    occurrences.push_back(std::move(*occurrence));
  }
  auto returned = state.book.CheckMonitored(case_id, occurrences);
  if (!returned) return tl::unexpected(returned.error());
  if (!*returned) {
    return Fail(Code::kInvalidArgument,
                "the occurrences do not return case " + case_id + " to triage");
  }
  return Json{{"case_id", case_id},
              {"reason", (*returned)->reason},
              {"occurrence_ids", (*returned)->occurrence_ids}};
}

Result<Json> Allocate(const Json& args, PanelState& state) {
  auto allocation = AllocationFromJson(args);
  if (!allocation) return tl::unexpected(allocation.error());
  return Done(state.book.Allocate(std::move(*allocation)));
}

Result<Json> ExtendCatalogue(const Json& args, PanelState& state) {
  auto intervention = InterventionFromJson(args);
  if (!intervention) return tl::unexpected(intervention.error());
  return Done(state.book.catalogue().Add(std::move(*intervention)));
}

struct CommandKind {
  std::string_view name;
  Apply apply;
  bool changes_ranking;
};

constexpr std::array<CommandKind, 14> kCommands = {{
    {"refer", &Refer, false},
    {"triage", &RecordTriage, false},
    {"ranking-run", &AddRankingRun, true},
    {"plan-meeting", &PlanMeeting, false},
    {"decide", &Decide, false},
    {"review", &RecordReview, false},
    {"add-action", &AddAction, false},
    {"complete-action", &CompleteAction, false},
    {"agree-plan", &AgreePlan, false},
    {"record-intervention", &RecordIntervention, false},
    {"close-case", &CloseCase, false},
    {"monitoring-return", &MonitoringReturn, false},
    {"extend-catalogue", &ExtendCatalogue, false},
    {"allocate", &Allocate, false},
}};

const CommandKind* FindCommand(std::string_view name) {
  for (const CommandKind& kind : kCommands) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

}  // namespace

std::string EncodeCommand(const PanelCommand& command) {
  return Json{{"command", command.name}, {"args", command.args}}.dump(
      -1, ' ', false, Json::error_handler_t::replace);
}

Result<PanelCommand> DecodeCommand(std::string_view body) {
  const Json json = Json::parse(body, nullptr, false);
  if (!json.is_object()) return Fail(Code::kInvalidArgument, "not a JSON object");
  JsonReader r(json);
  std::string name = r.String("command");
  const Json& args = r.Object("args");
  if (!r.ok()) return r.error();
  if (FindCommand(name) == nullptr) {
    return Fail(Code::kInvalidArgument, "'" + name.substr(0, 40) + "' is not a panel command");
  }
  return PanelCommand{std::move(name), args};
}

bool ChangesRanking(std::string_view command_name) {
  const CommandKind* kind = FindCommand(command_name);
  return kind != nullptr && kind->changes_ranking;
}

Result<Json> ApplyCommand(const PanelCommand& command, PanelState& state) {
  const CommandKind* kind = FindCommand(command.name);
  if (kind == nullptr) {
    return Fail(Code::kInvalidArgument,
                "'" + command.name.substr(0, 40) + "' is not a panel command");
  }
  if (!command.args.is_object()) return Fail(Code::kInvalidArgument, "args: must be an object");
  return kind->apply(command.args, state);
}

Result<PanelState> ReplayJournal(store::Store& store, core::panel::PanelConfig config) {
  auto book = PanelBook::Create(std::move(config));
  if (!book) return tl::unexpected(book.error());
  PanelState state{std::move(*book), {}, {}};
  const std::array<std::string_view, 1> kinds = {kPanelCommandKind};
  auto replayed = store.ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto command = DecodeCommand(entry.body);
    if (!command) return DamagedEntry(entry, command.error().message);
    if (auto applied = ApplyCommand(*command, state); !applied) {
      return DamagedEntry(entry, applied.error().message);
    }
    return Ok();
  });
  if (!replayed) return tl::unexpected(replayed.error());
  return state;
}

Result<int> ReferralsNaming(store::Store& store, std::string_view subject_key) {
  int referrals = 0;
  const std::array<std::string_view, 1> kinds = {kPanelCommandKind};
  auto read = store.ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto command = DecodeCommand(entry.body);
    if (!command) return DamagedEntry(entry, command.error().message);
    if (command->name != "refer") return Ok();
    const auto named = command->args.find("subject_key");
    if (named != command->args.end() && named->is_string() && *named == subject_key) ++referrals;
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return referrals;
}

tl::unexpected<Error> DamagedEntry(const store::JournalEntry& entry, std::string_view what) {
  return Fail(Code::kCorruption,
              "panel journal entry " + std::to_string(entry.id) + ": " + std::string(what));
}

}  // namespace tandem::node::panel
