#include "node/panel/panel_json.h"

#include <array>

namespace tandem::node::panel {
namespace {

using core::Date;
using namespace core::panel;

tl::unexpected<Error> Bad(std::string_view name, std::string_view what) {
  return Fail(Code::kInvalidArgument, std::string(name) + ": " + std::string(what));
}

const Json* Member(const Json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(name);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

template <class Enum, std::size_t N>
std::optional<Enum> ParseByName(std::string_view name, const std::array<Enum, N>& values,
                                std::string_view (*name_of)(Enum)) {
  for (Enum value : values) {
    if (name_of(value) == name) return value;
  }
  return std::nullopt;
}

constexpr std::array kCategories = {InterventionCategory::kDisruptive,
                                    InterventionCategory::kRehabilitative,
                                    InterventionCategory::kBoth};
constexpr std::array kKinds = {InterventionKind::kMeasure, InterventionKind::kCivilOrder,
                               InterventionKind::kDisclosure};
constexpr std::array kRiskSources = {RiskSource::kOgrs3, RiskSource::kCopasProxy};

template <class T>
Result<T> Typed(const Json& object, std::string_view name, bool (Json::*is)() const noexcept,
                std::string_view type) {
  const Json* member = Member(object, name);
  if (member == nullptr) return Bad(name, "is required");
  if (!(member->*is)()) return Bad(name, "must be " + std::string(type));
  return member->get<T>();
}

}  // namespace

Result<Date> ParseJsonDate(std::string_view text) {
  const auto bad = [&] {
    return Fail(Code::kInvalidArgument,
                "'" + std::string(text.substr(0, 40)) + "' is not a date YYYY-MM-DD");
  };
  auto date = Date::FromIso(text);
  if (!date) return bad();
  return *date;
}

Result<std::string> RequireString(const Json& object, std::string_view name) {
  auto text = Typed<std::string>(object, name, &Json::is_string, "a string");
  if (text && text->empty()) return Bad(name, "must not be empty");
  return text;
}

Result<std::string> OptionalString(const Json& object, std::string_view name) {
  const Json* member = Member(object, name);
  if (member == nullptr) return std::string();
  if (!member->is_string()) return Bad(name, "must be a string");
  return member->get<std::string>();
}

Result<Date> RequireDate(const Json& object, std::string_view name) {
  auto text = RequireString(object, name);
  if (!text) return tl::unexpected(text.error());
  auto date = ParseJsonDate(*text);
  if (!date) return Bad(name, date.error().message);
  return date;
}

Result<std::optional<Date>> OptionalDate(const Json& object, std::string_view name) {
  if (Member(object, name) == nullptr) return std::optional<Date>();
  auto date = RequireDate(object, name);
  if (!date) return tl::unexpected(date.error());
  return std::optional<Date>(*date);
}

Result<bool> RequireBool(const Json& object, std::string_view name) {
  return Typed<bool>(object, name, &Json::is_boolean, "true or false");
}

Result<std::int64_t> RequireInt(const Json& object, std::string_view name) {
  return Typed<std::int64_t>(object, name, &Json::is_number_integer, "an integer");
}

Result<double> RequireDouble(const Json& object, std::string_view name) {
  return Typed<double>(object, name, &Json::is_number, "a number");
}

Result<std::vector<std::string>> StringList(const Json& object, std::string_view name) {
  const Json* member = Member(object, name);
  if (member == nullptr) return std::vector<std::string>();
  if (!member->is_array()) return Bad(name, "must be a list of strings");
  std::vector<std::string> out;
  for (const Json& item : *member) {
    if (!item.is_string()) return Bad(name, "must be a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<core::AgencyKind> RequireAgency(const Json& object, std::string_view name) {
  auto text = RequireString(object, name);
  if (!text) return tl::unexpected(text.error());
  const auto kind = core::ParseAgencyKind(*text);
  if (!kind) {
    std::string names;
    for (core::AgencyKind k : core::kAllAgencyKinds) {
      names += (names.empty() ? "" : ", ") + std::string(core::AgencyName(k));
    }
    return Bad(name, "'" + text->substr(0, 40) + "' is not an agency (" + names + ")");
  }
  return *kind;
}

// ---- Journal forms ----

Json ErasureToJson(const core::panel::ContributionErasure& erasure) {
  if (!erasure.request.empty()) {
    return {{"erased_on", erasure.erased_on.ToIso()}, {"request", erasure.request}};
  }
  return {{"erased_on", erasure.erased_on.ToIso()},
          {"purpose", erasure.purpose},
          {"retention_days", erasure.retention_days}};
}

Json OccurrenceToJson(const Occurrence& o) {
  return {{"id", o.id},
          {"offence_code", o.offence_code},
          {"role", RoleName(o.role)},
          {"outcome", OutcomeName(o.outcome)},
          {"committed_on", o.committed_on.ToIso()},
          {"reported_on", o.reported_on.ToIso()},
          {"domestic_abuse", o.domestic_abuse}};
}

Result<Occurrence> OccurrenceFromJson(const Json& json) {
  JsonReader r(json, "occurrence.");
  Occurrence o;
  o.id = r.String("id");
  o.offence_code = r.String("offence_code");
  const std::string role = r.String("role");
  const std::string outcome = r.String("outcome");
  o.committed_on = r.DateOf("committed_on");
  o.reported_on = r.DateOf("reported_on");
  o.domestic_abuse = r.Bool("domestic_abuse");
  if (!r.ok()) return r.error();
  const auto parsed_role = ParseRole(role);
  if (!parsed_role) return Bad("occurrence.role", "'" + role.substr(0, 40) + "' is not a role");
  const auto parsed_outcome = ParseOutcome(outcome);
  if (!parsed_outcome) {
    return Bad("occurrence.outcome", "'" + outcome.substr(0, 40) + "' is not an outcome");
  }
  o.role = *parsed_role;
  o.outcome = *parsed_outcome;
  return o;
}

// ---- JsonReader ----

JsonReader::JsonReader(const Json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

template <class T>
T JsonReader::Keep(Result<T> result, T fallback) {
  if (result) return std::move(*result);
  if (!error_) error_ = Error{result.error().code, prefix_ + result.error().message};
  return fallback;
}

std::string JsonReader::String(std::string_view name) {
  return Keep(RequireString(object_, name), std::string());
}
std::string JsonReader::OptionalString(std::string_view name) {
  return Keep(panel::OptionalString(object_, name), std::string());
}
core::Date JsonReader::DateOf(std::string_view name) {
  return Keep(RequireDate(object_, name), Date::FromDaysSinceEpoch(0));
}
std::optional<core::Date> JsonReader::OptionalDateOf(std::string_view name) {
  return Keep(panel::OptionalDate(object_, name), std::optional<core::Date>());
}
bool JsonReader::Bool(std::string_view name) { return Keep(RequireBool(object_, name), false); }
std::int64_t JsonReader::Int(std::string_view name) {
  return Keep(RequireInt(object_, name), std::int64_t{0});
}
double JsonReader::Double(std::string_view name) { return Keep(RequireDouble(object_, name), 0.0); }
std::vector<std::string> JsonReader::Strings(std::string_view name) {
  return Keep(StringList(object_, name), std::vector<std::string>());
}
core::AgencyKind JsonReader::Agency(std::string_view name) {
  return Keep(RequireAgency(object_, name), core::AgencyKind::kPolice);
}
const Json& JsonReader::Object(std::string_view name) {
  static const Json kEmpty = Json::object();
  const Json* member = Member(object_, name);
  if (member != nullptr && member->is_object()) return *member;
  if (!error_) {
    error_ = Error{Code::kInvalidArgument,
                   prefix_ + std::string(name) +
                       (member == nullptr ? ": is required" : ": must be an object")};
  }
  return kEmpty;
}
tl::unexpected<Error> JsonReader::error() const { return tl::unexpected(*error_); }

// ---- Triage summaries, ranking runs, catalogue entries ----

Json PackTriageToJson(const PackTriage& t) {
  return {{"total", t.total},     {"recency", t.recency},         {"frequency", t.frequency},
          {"gravity", t.gravity}, {"victims", t.victims},         {"threshold", t.threshold},
          {"serial", t.serial},   {"put_forward", t.put_forward}, {"explanation", t.explanation}};
}

Result<PackTriage> PackTriageFromJson(const Json& json) {
  JsonReader r(json, "triage.");
  PackTriage t;
  t.total = static_cast<int>(r.Int("total"));
  t.recency = static_cast<int>(r.Int("recency"));
  t.frequency = static_cast<int>(r.Int("frequency"));
  t.gravity = static_cast<int>(r.Int("gravity"));
  t.victims = static_cast<int>(r.Int("victims"));
  t.threshold = static_cast<int>(r.Int("threshold"));
  t.serial = r.Bool("serial");
  t.put_forward = r.Bool("put_forward");
  t.explanation = r.Strings("explanation");
  if (!r.ok()) return r.error();
  return t;
}

Json RankingRunToJson(const RankingRun& run) {
  Json entries = Json::array();
  for (const RankedEntry& e : run.entries) {
    Json entry = {{"rank", e.rank},
                  {"subject", e.subject},
                  {"priority", e.priority},
                  {"harm_cchi_days", e.harm_cchi_days},
                  {"harm_adjusted", e.harm_adjusted},
                  {"harm_component", e.harm_component},
                  {"risk", e.risk},
                  {"risk_source", RiskSourceName(e.risk_source)},
                  {"high_harm", e.high_harm},
                  {"high_harm_ids", e.high_harm_ids}};
    if (e.copas) {
      entry["copas"] = {{"sanctions", e.copas->sanctions},
                        {"career_years", e.copas->career_years},
                        {"rate", e.copas->rate},
                        {"first_id", e.copas->first_id},
                        {"current_id", e.copas->current_id}};
    }
    entries.push_back(std::move(entry));
  }
  return {{"id", run.id},
          {"run_on", run.run_on.ToIso()},
          {"parameters",
           {{"harm_window_months", run.parameters.harm_window_months},
            {"high_harm_factor", run.parameters.high_harm_factor},
            {"domestic_abuse_weight", run.parameters.domestic_abuse_weight}}},
          {"entries", std::move(entries)}};
}

Result<RankingRun> RankingRunFromJson(const Json& json) {
  JsonReader r(json, "run.");
  RankingRun run;
  run.id = r.String("id");
  run.run_on = r.DateOf("run_on");
  JsonReader p(r.Object("parameters"), "run.parameters.");
  run.parameters.harm_window_months = static_cast<int>(p.Int("harm_window_months"));
  run.parameters.high_harm_factor = p.Double("high_harm_factor");
  run.parameters.domestic_abuse_weight = p.Double("domestic_abuse_weight");
  if (!r.ok()) return r.error();
  if (!p.ok()) return p.error();
  const Json* entries = Member(json, "entries");
  if (entries == nullptr || !entries->is_array()) return Bad("run.entries", "must be a list");
  for (const Json& item : *entries) {
    JsonReader e(item, "run.entries[" + std::to_string(run.entries.size()) + "].");
    RankedEntry entry;
    entry.rank = static_cast<std::size_t>(e.Int("rank"));
    entry.subject = e.String("subject");
    entry.priority = e.Double("priority");
    entry.harm_cchi_days = static_cast<int>(e.Int("harm_cchi_days"));
    entry.harm_adjusted = e.Double("harm_adjusted");
    entry.harm_component = e.Double("harm_component");
    entry.risk = e.Double("risk");
    const std::string source = e.String("risk_source");
    entry.high_harm = e.Bool("high_harm");
    entry.high_harm_ids = e.Strings("high_harm_ids");
    if (!e.ok()) return e.error();
    const auto parsed = ParseByName(source, kRiskSources, &RiskSourceName);
    if (!parsed) return Bad("risk_source", "'" + source.substr(0, 40) + "' is not a risk source");
    entry.risk_source = *parsed;
    if (const Json* copas = Member(item, "copas")) {
      JsonReader c(*copas, "copas.");
      CopasRate rate;
      rate.sanctions = static_cast<int>(c.Int("sanctions"));
      rate.career_years = static_cast<int>(c.Int("career_years"));
      rate.rate = c.Double("rate");
      rate.first_id = c.String("first_id");
      rate.current_id = c.String("current_id");
      if (!c.ok()) return c.error();
      entry.copas = rate;
    }
    run.entries.push_back(std::move(entry));
  }
  return run;
}

Json InterventionToJson(const Intervention& i) {
  return {{"id", i.id},
          {"name", i.name},
          {"category", InterventionCategoryName(i.category)},
          {"kind", InterventionKindName(i.kind)}};
}

Result<Intervention> InterventionFromJson(const Json& json) {
  JsonReader r(json);
  Intervention i;
  i.id = r.String("id");
  i.name = r.String("name");
  const std::string category = r.String("category");
  const std::string kind = r.String("kind");
  if (!r.ok()) return r.error();
  const auto parsed_category = ParseByName(category, kCategories, &InterventionCategoryName);
  if (!parsed_category) {
    return Bad("category", "'" + category.substr(0, 40) +
                               "' is not a category (disruptive, rehabilitative, both)");
  }
  const auto parsed_kind = ParseByName(kind, kKinds, &InterventionKindName);
  if (!parsed_kind) {
    return Bad("kind",
               "'" + kind.substr(0, 40) + "' is not a kind (measure, civil-order, disclosure)");
  }
  i.category = *parsed_category;
  i.kind = *parsed_kind;
  return i;
}

Json AllocationToJson(const CaseAllocation& a) {
  return {{"case_id", a.case_id},
          {"manager", a.manager},
          {"agency", core::AgencyName(a.agency)},
          {"high_risk", a.high_risk},
          {"from", a.from.ToIso()},
          {"until", a.until ? Json(a.until->ToIso()) : Json(nullptr)}};
}

Result<CaseAllocation> AllocationFromJson(const Json& json) {
  JsonReader r(json);
  CaseAllocation a;
  a.case_id = r.String("case_id");
  a.manager = r.String("manager");
  a.agency = r.Agency("agency");
  a.high_risk = r.Bool("high_risk");
  a.from = r.DateOf("from");
  if (!r.ok()) return r.error();
  if (Status valid = ValidateManagerKey(a.manager); !valid) return tl::unexpected(valid.error());
  return a;
}

// ---- Views ----

Json ReceiptToJson(const ReferralReceipt& receipt) {
  Json out = {{"referral_id", receipt.referral_id},
              {"case_id", receipt.case_id},
              {"new_case", receipt.new_case},
              {"returned_to_triage", receipt.returned_to_triage}};
  if (receipt.duplicate) {
    out["duplicate"] = {{"kind", DuplicateKindName(receipt.duplicate->kind)},
                        {"case_id", receipt.duplicate->case_id},
                        {"first_referral_id", receipt.duplicate->referral_id}};
  }
  return out;
}

Json MeetingToJson(const PanelBook& book, const Meeting& meeting) {
  Json agenda = Json::array();
  for (const AgendaItem& item : meeting.agenda) {
    Json entry = {{"case_id", item.case_id}, {"kind", AgendaItemKindName(item.kind)}};
    if (const CaseRecord* c = book.FindCase(item.case_id)) {
      entry["state"] = CaseStateName(c->state);
    }
    agenda.push_back(std::move(entry));
  }
  return {{"id", meeting.id}, {"held_on", meeting.held_on.ToIso()}, {"agenda", agenda}};
}

Json CaseSummaryToJson(const CaseRecord& c) {
  return {{"case_id", c.id},
          {"subject_ref", c.subject_key},
          {"state", CaseStateName(c.state)},
          {"opened_on", c.opened_on.ToIso()},
          {"referrals", c.referral_ids.size()}};
}

Json ActionToJson(const Action& a) {
  Json out = {{"action_id", a.id},
              {"case_id", a.case_id},
              {"meeting_id", a.meeting_id},
              {"description", a.description},
              {"owner", core::AgencyName(a.owner)},
              {"due", a.due.ToIso()}};
  out["completed_on"] = a.completed_on ? Json(a.completed_on->ToIso()) : Json(nullptr);
  return out;
}

Json CaseToJson(const PanelBook& book, const CaseRecord& c, const PackTriage* triage) {
  Json out = CaseSummaryToJson(c);
  out["history"] = c.history;
  out["triage_reasons"] = c.triage_reasons;
  out["monitored_since"] = c.monitored_since ? Json(c.monitored_since->ToIso()) : Json(nullptr);
  out["last_discussed"] = c.last_discussed ? Json(c.last_discussed->ToIso()) : Json(nullptr);
  out["triage"] = triage != nullptr ? PackTriageToJson(*triage) : Json(nullptr);
  Json referrals = Json::array();
  for (const ReferralRecord& r : book.referrals()) {
    if (r.case_id != c.id) continue;
    Json entry = {{"referral_id", r.id},
                  {"pathway", r.referral.pathway},
                  {"source", r.referral.source},
                  {"reason", r.referral.reason},
                  {"referrer", r.referral.referrer},
                  {"referred_on", r.referral.referred_on.ToIso()}};
    entry["duplicate"] = r.duplicate ? Json(DuplicateKindName(r.duplicate->kind)) : Json(nullptr);
    referrals.push_back(std::move(entry));
  }
  out["referrals"] = std::move(referrals);
  Json decisions = Json::array();
  for (const Decision& d : book.decisions()) {
    if (d.case_id != c.id) continue;
    decisions.push_back({{"meeting_id", d.meeting_id},
                         {"decision", DecisionKindName(d.kind)},
                         {"reason", d.reason_id},
                         {"note", d.note},
                         {"decided_on", d.decided_on.ToIso()}});
  }
  out["decisions"] = std::move(decisions);
  Json actions = Json::array();
  for (const Action& a : book.actions()) {
    if (a.case_id == c.id) actions.push_back(ActionToJson(a));
  }
  out["actions"] = std::move(actions);
  Json plans = Json::array();
  for (const ManagementPlan& p : book.plans()) {
    if (p.case_id != c.id) continue;
    plans.push_back({{"version", p.version},
                     {"meeting_id", p.meeting_id},
                     {"agreed_on", p.agreed_on.ToIso()},
                     {"objectives", p.objectives},
                     {"interventions", p.interventions},
                     {"review_by", p.review_by.ToIso()}});
  }
  out["plans"] = std::move(plans);
  Json interventions = Json::array();
  for (const InterventionRecord& i : book.interventions()) {
    if (i.case_id != c.id) continue;
    interventions.push_back({{"intervention_id", i.intervention_id},
                             {"delivered_by", core::AgencyName(i.delivered_by)},
                             {"started_on", i.started_on.ToIso()},
                             {"ended_on", i.ended_on ? Json(i.ended_on->ToIso()) : Json(nullptr)},
                             {"completed", i.completed}});
  }
  out["interventions"] = std::move(interventions);
  Json allocations = Json::array();
  for (const CaseAllocation& a : book.allocations()) {
    if (a.case_id != c.id) continue;
    Json entry = AllocationToJson(a);
    entry.erase("case_id");
    allocations.push_back(std::move(entry));
  }
  out["allocations"] = std::move(allocations);
  out["outcome"] = nullptr;
  for (const CaseOutcome& o : book.outcomes()) {
    if (o.case_id != c.id) continue;
    out["outcome"] = {{"reason", o.reason_id}, {"on", o.on.ToIso()}, {"note", o.note}};
  }
  return out;
}

}  // namespace tandem::node::panel
