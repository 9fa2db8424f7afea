#include "node/eval/partner_rows.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "node/endpoints/evaluation_route.h"

namespace tandem::node::eval {
namespace {

using nlohmann::json;
constexpr std::string_view kPurpose = "evaluation";
constexpr std::string_view kKind = "evaluation-request";

// The rows of one answer; kInvalidArgument for a malformed answer or a pseudonym not sent.
Result<std::vector<PartnerIntervention>> ParseAnswer(const std::string& node,
                                                     const std::string& result_json,
                                                     const std::set<std::string>& sent,
                                                     std::size_t& unresolved) {
  const json answer = json::parse(result_json, nullptr, false);
  const auto bad = [&](std::string_view what) {
    return Fail(Code::kInvalidArgument,
                "the evaluation answer from " + node + " is malformed: " + std::string(what));
  };
  if (!answer.is_object() || !answer.contains("rows") || !answer["rows"].is_array()) {
    return bad("no rows");
  }
  unresolved = answer.value("unresolved", std::size_t{0});
  std::vector<PartnerIntervention> rows;
  for (const json& row : answer["rows"]) {
    if (!row.is_object() || !row.contains("evaluation_pseudonym") ||
        !row["evaluation_pseudonym"].is_string()) {
      return bad("a row has no evaluation_pseudonym");
    }
    const std::string pseudonym = row["evaluation_pseudonym"];
    if (!sent.contains(pseudonym)) return bad("a row names a pseudonym that was not sent");
    for (const json& item : row.value("interventions", json::array())) {
      if (!item.is_object() || !item.contains("intervention") ||
          !item["intervention"].is_string() || !item.contains("started_month") ||
          !item["started_month"].is_string()) {
        return bad("an intervention lacks its id or start month");
      }
      rows.push_back({pseudonym, node, item["intervention"], item["started_month"],
                      item.value("ended_month", ""), item.value("completed", false)});
    }
  }
  return rows;
}

}  // namespace

EvaluationCall PeerEvaluationCall(exchange::PeerExchange& peers) {
  return [&peers](const std::string& node, const std::string& body) -> Result<std::string> {
    auto answer = peers.Call(node, kPurpose, kKind, body);
    if (!answer) return tl::unexpected(answer.error());
    return answer->result_json;
  };
}

Result<PartnerRows> GatherPartnerRows(const std::string& evaluation_id,
                                      std::span<const std::string> cohort_subject_keys,
                                      const PartnerHandleLookup& handles,
                                      EvaluationPseudonyms& pseudonyms,
                                      const EvaluationCall& call) {
  // Items per partner, in cohort order.
  std::map<std::string, std::vector<json>> items;
  std::map<std::string, std::set<std::string>> sent;
  for (const std::string& subject : cohort_subject_keys) {
    for (const PartnerHandle& handle : handles(subject)) {
      const std::string pseudonym = pseudonyms.For(subject);
      items[handle.node].push_back({{"handle", handle.handle}, {"pseudonym", pseudonym}});
      sent[handle.node].insert(pseudonym);
    }
  }
  PartnerRows out;
  for (auto& [node, list] : items) {
    PartnerOutcome outcome{node, list.size(), 0, 0, ""};
    std::vector<PartnerIntervention> rows;
    for (std::size_t at = 0; at < list.size() && outcome.error.empty();
         at += endpoints::kMaxEvaluationItems) {
      const std::size_t end = std::min(list.size(), at + endpoints::kMaxEvaluationItems);
      const json body = {
          {"evaluation_id", evaluation_id},
          {"items", json(std::vector<json>(list.begin() + static_cast<std::ptrdiff_t>(at),
                                           list.begin() + static_cast<std::ptrdiff_t>(end)))}};
      auto answer = call(node, body.dump());
      if (!answer) {
        outcome.error = answer.error().message;
        break;
      }
      std::size_t unresolved = 0;
      auto parsed = ParseAnswer(node, *answer, sent[node], unresolved);
      if (!parsed) {
        outcome.error = parsed.error().message;
        break;
      }
      outcome.unresolved += unresolved;
      for (PartnerIntervention& row : *parsed) rows.push_back(std::move(row));
    }
    if (outcome.error.empty()) {
      outcome.rows = rows.size();
      for (PartnerIntervention& row : rows) out.rows.push_back(std::move(row));
    }
    out.partners.push_back(std::move(outcome));
  }
  return out;
}

}  // namespace tandem::node::eval
