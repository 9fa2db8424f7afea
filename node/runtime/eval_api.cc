#include "node/runtime/eval_api.h"

#include <sodium.h>

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "crypto/hex.h"
#include "node/eval/evaluation_outputs.h"
#include "node/eval/privacy_budget_journal.h"
#include "node/eval/report_release.h"
#include "node/eval/sodium_random.h"
#include "node/net/http_error.h"
#include "node/runtime/eval_api_request.h"
#include "protocol/timestamp.h"

namespace tandem::node::runtime {
namespace {

using nlohmann::json;
namespace ce = core::eval;

// The request an evaluation match serves (clause 6.1).
constexpr std::string_view kEvaluationPurpose = "evaluation";
constexpr std::string_view kEvaluationKind = "evaluation-request";

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

// The evaluation's parameters from the request body, with the ISA's disclosure control as
// defaults.
Result<eval::EvaluationParameters> ParametersFrom(const std::string& text, const protocol::Isa& isa,
                                                  protocol::Seconds now) {
  auto request = DecodeEvaluationApiRequest(text);
  if (!request) return tl::unexpected(request.error());
  eval::EvaluationParameters p;
  p.isa_id = isa.id.value();
  p.isa_version = isa.version;
  p.data_end = core::Date::FromDaysSinceEpoch(
      static_cast<std::int32_t>(now.time_since_epoch().count() / 86400));
  p.disclosure.k = static_cast<std::size_t>(std::max<std::int64_t>(2, isa.disclosure_control.k));
  p.disclosure.small_cells.threshold = isa.disclosure_control.small_cell_threshold;
  p.disclosure.small_cells.rounding_base =
      std::max<std::int64_t>(1, isa.disclosure_control.rounding_base);

  p.evaluation_id = request->evaluation_id.value_or(FreshEvaluationId());
  if (request->data_end) p.data_end = *request->data_end;
  if (request->k) p.disclosure.k = *request->k;
  if (request->quasi_identifiers) p.disclosure.quasi_identifiers = *request->quasi_identifiers;
  // An evaluator may make the rule stricter than the agreement's, never looser.
  if (const auto& threshold = request->small_cell_threshold) {
    if (*threshold < p.disclosure.small_cells.threshold) {
      return Fail(Code::kPermissionDenied, "small_cell_threshold below the ISA's " +
                                               std::to_string(p.disclosure.small_cells.threshold));
    }
    p.disclosure.small_cells.threshold = *threshold;
  }
  if (request->k && *request->k < static_cast<std::size_t>(isa.disclosure_control.k)) {
    return Fail(Code::kPermissionDenied,
                "k below the ISA's " + std::to_string(isa.disclosure_control.k));
  }
  if (request->rounding_base) p.disclosure.small_cells.rounding_base = *request->rounding_base;
  if (request->max_suppressed_share) {
    p.disclosure.max_suppressed_share = *request->max_suppressed_share;
  }
  if (request->epsilon_per_table) {
    auto parsed = ce::ParseEpsilon(*request->epsilon_per_table);
    if (!parsed) return tl::unexpected(parsed.error());
    p.disclosure.epsilon_per_table = *parsed;
  }
  if (request->before_days) p.before_days = *request->before_days;
  if (request->after_days) p.after_days = *request->after_days;
  if (request->follow_up_days) p.follow_up_days = *request->follow_up_days;
  if (request->value_per_cchi_day) p.value_per_cchi_day = *request->value_per_cchi_day;
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

// A partner that did not answer the evaluation match for some people: how many, and the first
// reason it gave.
struct MatchRefusal {
  std::size_t people = 0;
  std::string reason;
};

// Everything one evaluation reads, owned for its duration.
struct Evaluation {
  eval::EvaluationParameters parameters;
  PanelCopy panel;
  std::map<std::string, std::vector<core::panel::Occurrence>> occurrences;
  eval::EvaluationPseudonyms pseudonyms;
  eval::PartnerRows partner;
  eval::SubjectFactsLookup subject_facts;
  std::map<std::string, MatchRefusal> match_refusals;  // by partner node
  const core::OffenceTable* offences = nullptr;

  eval::EvaluationSources Sources() const {
    eval::EvaluationSources sources;
    sources.book = &*panel.book;
    sources.runs = panel.runs;
    sources.occurrences = [this](const std::string& subject) {
      const auto found = occurrences.find(subject);
      return found == occurrences.end() ? std::vector<core::panel::Occurrence>{} : found->second;
    };
    sources.partner_rows = partner.rows;
    sources.subject_facts = subject_facts;
    sources.offences = offences;
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
    if (!occurrences) {
      // The reader's message names the record; the evaluator does not own the data, so it gets
      // the code only (the coordinator sees the record in its own panel routes).
      return Fail(occurrences.error().code, "the police occurrences could not be read");
    }
    evaluation->occurrences = std::move(*occurrences);
  }
  evaluation->subject_facts = context.subject_facts;
  evaluation->offences = context.offences;
  if (context.partner_matches && context.call) {
    std::vector<std::string> adopted;
    std::set<std::string> seen;
    for (const core::panel::Decision& decision : evaluation->panel.book->decisions()) {
      if (decision.kind != core::panel::DecisionKind::kAdopt) continue;
      const core::panel::CaseRecord* c = evaluation->panel.book->FindCase(decision.case_id);
      if (c != nullptr && seen.insert(c->subject_key).second) adopted.push_back(c->subject_key);
    }
    auto& refusals = evaluation->match_refusals;
    const eval::PartnerHandleLookup handles = [&](const std::string& subject) {
      std::vector<eval::PartnerHandle> out;
      for (const PartnerMatch& match : context.partner_matches(subject)) {
        if (match.error) {
          MatchRefusal& refusal = refusals[match.node];
          ++refusal.people;
          if (refusal.reason.empty()) refusal.reason = match.error->message;
        } else if (match.matched()) {
          out.push_back({match.node, match.handle});
        }
      }
      return out;
    };
    auto rows = eval::GatherPartnerRows(evaluation->parameters.evaluation_id, adopted, handles,
                                        evaluation->pseudonyms, context.call);
    if (!rows) return tl::unexpected(rows.error());
    evaluation->partner = std::move(*rows);
  }
  return evaluation;
}

std::string RefusalText(const MatchRefusal& refusal) {
  return "did not answer the evaluation match (" + std::string(kEvaluationMatchPurpose) + ") for " +
         std::to_string(refusal.people) + (refusal.people == 1 ? " person: " : " people: ") +
         refusal.reason;
}

// Each partner asked for rows, and each that did not answer the match, with why.
json Partners(const Evaluation& evaluation) {
  json partners = json::array();
  std::set<std::string> listed;
  for (const eval::PartnerOutcome& p : evaluation.partner.partners) {
    json item = {{"node", p.node}, {"asked", p.asked}, {"unresolved", p.unresolved}};
    if (p.error.empty()) {
      item["interventions"] = p.rows;
    } else {
      item["error"] = p.error;
    }
    if (const auto refused = evaluation.match_refusals.find(p.node);
        refused != evaluation.match_refusals.end()) {
      item["match_error"] = RefusalText(refused->second);
    }
    partners.push_back(item);
    listed.insert(p.node);
  }
  for (const auto& [node, refusal] : evaluation.match_refusals) {
    if (listed.contains(node)) continue;
    partners.push_back({{"node", node},
                        {"asked", 0},
                        {"unresolved", 0},
                        {"error", RefusalText(refusal)},
                        {"match_error", RefusalText(refusal)}});
  }
  return partners;
}

// What `after` spent on `agreement` beyond `before`; zero when nothing.
ce::Epsilon SpentBetween(const ce::PrivacyBudgetLedger& before,
                         const ce::PrivacyBudgetLedger& after, const std::string& agreement) {
  const auto left_before = before.Remaining(agreement);
  const auto left_after = after.Remaining(agreement);
  if (!left_before || !left_after || left_after->micros >= left_before->micros) return {};
  return ce::Epsilon{left_before->micros - left_after->micros};
}

// The agreement's whole budget in the ledger; zero when it has none.
ce::Epsilon BudgetOf(const ce::PrivacyBudgetLedger& ledger, const std::string& agreement) {
  for (const ce::PrivacyBudgetLedger::Entry& entry : ledger.Entries()) {
    if (entry.agreement_id == agreement) return entry.budget;
  }
  return {};
}

}  // namespace

PartnerMatchLookup EvaluationMatcher(PartnerMatchContext matching, std::string export_kind) {
  matching.purpose = kEvaluationMatchPurpose;
  return [matching = std::move(matching),
          export_kind = std::move(export_kind)](const std::string& subject_key) {
    // A partner this node may ask for evaluation rows (6.1) but not match under 6.2 (an
    // agreement drafted before the purpose) is named with the reason, not silently left out.
    std::vector<PartnerMatch> answers;
    std::vector<std::string> asked;
    const auto policy = matching.policy->Get();
    for (const protocol::IsaParty& party : policy->isa().parties) {
      const std::string& peer = party.id.value();
      if (peer == matching.self ||
          !policy->Allows(matching.self, peer, kEvaluationPurpose, kEvaluationKind)) {
        continue;
      }
      if (auto allowed = policy->Allows(matching.self, peer, matching.purpose, kMatchKind)) {
        asked.push_back(peer);
      } else {
        answers.push_back({peer, allowed.error(), "", {}, ""});
      }
    }
    if (asked.empty()) return answers;
    auto tokens = TokeniseRecord(*matching.store, *matching.tokeniser, export_kind, subject_key);
    if (!tokens) return answers;  // a person the node cannot tokenise has no partner rows
    for (PartnerMatch& answer : MatchAcrossPartners(matching, *tokens, asked)) {
      answers.push_back(std::move(answer));
    }
    return answers;
  };
}

EvalApi::EvalApi(EvalApiContext context) : context_(std::move(context)) {
  if (context_.budget_store == nullptr) return;
  auto restored =
      context_.budget_store->With([](store::Store& s) { return eval::LoadBudgetLedger(s); });
  if (restored) {
    ledger_ = std::move(*restored);
  } else {
    ledger_error_ = restored.error();
  }
}

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
  if (p.disclosure.epsilon_per_table && ledger_error_) {
    return net::ErrorResponse(Error{ledger_error_->code,
                                    "no noised release while the privacy-budget ledger cannot be "
                                    "restored from the store: " +
                                        ledger_error_->message});
  }
  // The report spends from a copy, which replaces the ledger only once the spend is recorded.
  ce::PrivacyBudgetLedger trial = ledger_;
  eval::SodiumRandom random;
  auto report =
      eval::ProduceReport((*evaluation)->Sources(), p, (*evaluation)->pseudonyms, &trial, &random);
  if (!report) return net::ErrorResponse(report.error());
  auto created = protocol::FormatTimestamp(context_.clock());
  if (!created) return net::ErrorResponse(created.error());
  (*report)["partners"] = Partners(**evaluation);
  auto files =
      eval::ReleaseReport(std::move(*report), {context_.self, *created, *context_.identity});
  if (!files) return net::ErrorResponse(files.error());
  const ce::Epsilon spent = SpentBetween(ledger_, trial, p.isa_id);
  if (spent.micros > 0 && context_.budget_store != nullptr) {
    const eval::BudgetSpend spend{p.isa_id, BudgetOf(trial, p.isa_id), spent, p.evaluation_id};
    auto recorded = context_.budget_store->With(
        [&](store::Store& s) { return eval::RecordBudgetSpend(s, spend, *created); });
    if (!recorded) {
      return net::ErrorResponse(Error{
          recorded.error().code,
          "the noised report was not released: its privacy-budget spend could not be recorded: " +
              recorded.error().message});
    }
  }
  ledger_ = std::move(trial);
  return JsonAnswer({{"evaluation_id", p.evaluation_id},
                     {"report", json::parse(files->json)},
                     {"html", files->html}});
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
                     {"partners", Partners(**evaluation)}});
}

}  // namespace tandem::node::runtime
