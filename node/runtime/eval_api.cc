#include "node/runtime/eval_api.h"

#include <sodium.h>

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "crypto/hex.h"
#include "node/eval/evaluation_outputs.h"
#include "node/eval/sodium_random.h"
#include "node/net/http_error.h"
#include "protocol/timestamp.h"

namespace tandem::node::runtime {
namespace {

using nlohmann::json;
namespace ce = core::eval;

net::HttpResponse JsonAnswer(const json& body) {
  net::HttpResponse response;
  response.body = body.dump();
  return response;
}

std::string FreshEvaluationId() {
  std::array<std::uint8_t, 8> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return "eval-" + crypto::EncodeHex(bytes);
}

// "YYYY-MM-DD" as a date.
Result<core::Date> ParseDate(const std::string& text) {
  const auto bad = [&] {
    return Fail(Code::kInvalidArgument, "data_end: '" + text + "' is not a date (YYYY-MM-DD)");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  std::array<int, 3> parts{};
  const std::array<std::pair<std::size_t, std::size_t>, 3> kFields = {{{0, 4}, {5, 2}, {8, 2}}};
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    const char* first = text.data() + kFields[i].first;
    const char* last = first + kFields[i].second;
    const auto [end, error] = std::from_chars(first, last, parts[i]);
    if (error != std::errc{} || end != last) return bad();
  }
  auto date = core::Date::FromYmd(parts[0], parts[1], parts[2]);
  if (!date) return Fail(Code::kInvalidArgument, "data_end: " + date.error().message);
  return date;
}

// A member of the body: absent is fine, the wrong type is an error naming it.
template <class T>
Result<std::optional<T>> Member(const json& body, const char* name) {
  if (!body.contains(name)) return std::optional<T>{};
  try {
    return std::optional<T>(body[name].get<T>());
  } catch (const json::exception&) {
    return Fail(Code::kInvalidArgument, std::string("'") + name + "' has the wrong type");
  }
}

template <class T>
const Error* ErrorOf(const Result<T>& result) {
  return result ? nullptr : &result.error();
}

// The evaluation's parameters from the request body, with the ISA's disclosure control as
// defaults.
Result<eval::EvaluationParameters> ParametersFrom(const std::string& text, const protocol::Isa& isa,
                                                  protocol::Seconds now) {
  json body = text.empty() ? json::object() : json::parse(text, nullptr, false);
  if (!body.is_object()) return Fail(Code::kInvalidArgument, "the body must be a JSON object");
  eval::EvaluationParameters p;
  p.isa_id = isa.id.value();
  p.isa_version = isa.version;
  p.data_end = core::Date::FromDaysSinceEpoch(
      static_cast<std::int32_t>(now.time_since_epoch().count() / 86400));
  p.disclosure.k = static_cast<std::size_t>(std::max<std::int64_t>(2, isa.disclosure_control.k));
  p.disclosure.small_cells.threshold = isa.disclosure_control.small_cell_threshold;
  p.disclosure.small_cells.rounding_base =
      std::max<std::int64_t>(1, isa.disclosure_control.rounding_base);

  auto id = Member<std::string>(body, "evaluation_id");
  auto end = Member<std::string>(body, "data_end");
  auto k = Member<std::size_t>(body, "k");
  auto quasi = Member<std::vector<std::string>>(body, "quasi_identifiers");
  auto threshold = Member<std::int64_t>(body, "small_cell_threshold");
  auto base = Member<std::int64_t>(body, "rounding_base");
  auto share = Member<double>(body, "max_suppressed_share");
  auto epsilon = Member<std::string>(body, "epsilon_per_table");
  auto before = Member<int>(body, "before_days");
  auto after = Member<int>(body, "after_days");
  auto follow = Member<int>(body, "follow_up_days");
  auto value = Member<double>(body, "value_per_cchi_day");
  for (const Error* error : {ErrorOf(id), ErrorOf(end), ErrorOf(k), ErrorOf(quasi),
                             ErrorOf(threshold), ErrorOf(base), ErrorOf(share), ErrorOf(epsilon),
                             ErrorOf(before), ErrorOf(after), ErrorOf(follow), ErrorOf(value)}) {
    if (error != nullptr) return tl::unexpected(*error);
  }
  p.evaluation_id = id->value_or(FreshEvaluationId());
  if (auto checked = protocol::NodeId::Create(p.evaluation_id); !checked) {
    return Fail(Code::kInvalidArgument,
                "evaluation_id may hold only letters, digits and . _ : / - (1-128)");
  }
  if (*end) {
    auto date = ParseDate(**end);
    if (!date) return tl::unexpected(date.error());
    p.data_end = *date;
  }
  if (*k) p.disclosure.k = **k;
  if (*quasi) p.disclosure.quasi_identifiers = **quasi;
  // An evaluator may make the rule stricter than the agreement's, never looser.
  if (*threshold) {
    if (**threshold < p.disclosure.small_cells.threshold) {
      return Fail(Code::kPermissionDenied, "small_cell_threshold below the ISA's " +
                                               std::to_string(p.disclosure.small_cells.threshold));
    }
    p.disclosure.small_cells.threshold = **threshold;
  }
  if (*k && **k < static_cast<std::size_t>(isa.disclosure_control.k)) {
    return Fail(Code::kPermissionDenied,
                "k below the ISA's " + std::to_string(isa.disclosure_control.k));
  }
  if (*base) p.disclosure.small_cells.rounding_base = **base;
  if (*share) p.disclosure.max_suppressed_share = **share;
  if (*epsilon) {
    auto parsed = ce::ParseEpsilon(**epsilon);
    if (!parsed) return tl::unexpected(parsed.error());
    p.disclosure.epsilon_per_table = *parsed;
  }
  if (*before) p.before_days = **before;
  if (*after) p.after_days = **after;
  if (*follow) p.follow_up_days = **follow;
  if (*value) p.value_per_cchi_day = **value;
  return p;
}

// The panel's book and runs, copied under its lock so the evaluation does not hold it.
struct PanelCopy {
  std::optional<core::panel::PanelBook> book;
  std::vector<core::panel::RankingRun> runs;
};

Result<PanelCopy> CopyPanel(const PanelReader& reader) {
  PanelCopy copy;
  auto read = reader([&](const core::panel::PanelBook& book,
                         std::span<const core::panel::RankingRun> runs) -> Status {
    copy.book.emplace(book);
    copy.runs.assign(runs.begin(), runs.end());
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return copy;
}

// Everything one evaluation reads, owned for its duration.
struct Evaluation {
  eval::EvaluationParameters parameters;
  PanelCopy panel;
  std::map<std::string, std::vector<core::panel::Occurrence>> occurrences;
  eval::EvaluationPseudonyms pseudonyms;
  eval::PartnerRows partner;

  eval::EvaluationSources Sources() const {
    eval::EvaluationSources sources;
    sources.book = &*panel.book;
    sources.runs = panel.runs;
    sources.occurrences = [this](const std::string& subject) {
      const auto found = occurrences.find(subject);
      return found == occurrences.end() ? std::vector<core::panel::Occurrence>{} : found->second;
    };
    sources.partner_rows = partner.rows;
    return sources;
  }
};

Result<std::unique_ptr<Evaluation>> Prepare(const EvalApiContext& context,
                                            const net::HttpRequest& request) {
  if (!context.panel) return Fail(Code::kNotFound, "this node runs no panel to evaluate");
  const auto policy = context.policy->Get();
  auto evaluation = std::make_unique<Evaluation>();
  auto parameters = ParametersFrom(request.body, policy->isa(), context.clock());
  if (!parameters) return tl::unexpected(parameters.error());
  evaluation->parameters = std::move(*parameters);
  auto panel = CopyPanel(context.panel);
  if (!panel) return tl::unexpected(panel.error());
  evaluation->panel = std::move(*panel);
  if (context.occurrences) {
    auto occurrences = context.occurrences();
    if (!occurrences) return tl::unexpected(occurrences.error());
    evaluation->occurrences = std::move(*occurrences);
  }
  if (context.partner_handles && context.call) {
    std::vector<std::string> adopted;
    std::set<std::string> seen;
    for (const core::panel::Decision& decision : evaluation->panel.book->decisions()) {
      if (decision.kind != core::panel::DecisionKind::kAdopt) continue;
      const core::panel::CaseRecord* c = evaluation->panel.book->FindCase(decision.case_id);
      if (c != nullptr && seen.insert(c->subject_key).second) adopted.push_back(c->subject_key);
    }
    auto rows =
        eval::GatherPartnerRows(evaluation->parameters.evaluation_id, adopted,
                                context.partner_handles, evaluation->pseudonyms, context.call);
    if (!rows) return tl::unexpected(rows.error());
    evaluation->partner = std::move(*rows);
  }
  return evaluation;
}

json Partners(const eval::PartnerRows& rows) {
  json partners = json::array();
  for (const eval::PartnerOutcome& p : rows.partners) {
    json item = {{"node", p.node}, {"asked", p.asked}, {"unresolved", p.unresolved}};
    if (p.error.empty()) {
      item["interventions"] = p.rows;
    } else {
      item["error"] = p.error;
    }
    partners.push_back(item);
  }
  return partners;
}

}  // namespace

std::vector<LocalRoute> EvalApi::Routes() {
  return {
      {"POST",
       "/v1/eval/report",
       {exchange::Role::kEvaluator},
       [this](const net::HttpRequest& request, const exchange::ApiUser*) {
         return Report(request);
       }},
      {"POST",
       "/v1/eval/outcome-set",
       {exchange::Role::kEvaluator},
       [this](const net::HttpRequest& request, const exchange::ApiUser*) {
         return OutcomeSet(request);
       }},
  };
}

net::HttpResponse EvalApi::Report(const net::HttpRequest& request) {
  std::lock_guard lock(mutex_);
  auto evaluation = Prepare(context_, request);
  if (!evaluation) return net::ErrorResponse(evaluation.error());
  const eval::EvaluationParameters& p = (*evaluation)->parameters;
  const auto policy = context_.policy->Get();
  const double budget = policy->isa().disclosure_control.dp_epsilon_budget;
  if (p.disclosure.epsilon_per_table && !ledger_.Remaining(p.isa_id)) {
    std::ostringstream text;
    text << budget;
    auto epsilon = ce::ParseEpsilon(text.str());
    if (budget <= 0 || !epsilon) {
      return net::ErrorResponse(
          Error{Code::kPermissionDenied, "the ISA allows no noised release (no epsilon budget)"});
    }
    if (auto set = ledger_.SetBudget(p.isa_id, *epsilon); !set) {
      return net::ErrorResponse(set.error());
    }
  }
  eval::SodiumRandom random;
  auto files = eval::ProduceReport((*evaluation)->Sources(), p, (*evaluation)->pseudonyms, &ledger_,
                                   &random);
  if (!files) return net::ErrorResponse(files.error());
  json report = json::parse(files->json);
  report["partners"] = Partners((*evaluation)->partner);
  return JsonAnswer(
      {{"evaluation_id", p.evaluation_id}, {"report", report}, {"html", files->html}});
}

net::HttpResponse EvalApi::OutcomeSet(const net::HttpRequest& request) {
  std::lock_guard lock(mutex_);
  auto evaluation = Prepare(context_, request);
  if (!evaluation) return net::ErrorResponse(evaluation.error());
  const eval::EvaluationParameters& p = (*evaluation)->parameters;
  auto created = protocol::FormatTimestamp(context_.clock());
  if (!created) return net::ErrorResponse(created.error());
  eval::ManifestContext manifest{context_.self, *created, {}, ""};
  const auto policy = context_.policy->Get();
  if (policy->isa().disclosure_control.dp_epsilon_budget > 0) {
    std::ostringstream text;
    text << policy->isa().disclosure_control.dp_epsilon_budget;
    manifest.epsilon_budget = text.str();
  }
  if (auto remaining = ledger_.Remaining(p.isa_id)) manifest.noise.remaining = *remaining;
  auto files = eval::ProduceOutcomeSet((*evaluation)->Sources(), p, (*evaluation)->pseudonyms,
                                       manifest, *context_.identity);
  if (!files) return net::ErrorResponse(files.error());
  return JsonAnswer({{"evaluation_id", p.evaluation_id},
                     {"csv", files->csv},
                     {"manifest", files->manifest},
                     {"rows", files->rows},
                     {"rows_suppressed", files->rows_suppressed},
                     {"partners", Partners((*evaluation)->partner)}});
}

}  // namespace tandem::node::runtime
