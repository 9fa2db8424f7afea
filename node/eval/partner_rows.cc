#include "node/eval/partner_rows.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "node/endpoints/evaluation_route.h"
#include "node/eval/evaluation_answer.h"

namespace tandem::node::eval {
namespace {

using nlohmann::json;
constexpr std::string_view kPurpose = "evaluation";
constexpr std::string_view kKind = "evaluation-request";

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
      auto parsed = DecodeEvaluationAnswer(node, *answer, sent[node]);
      if (!parsed) {
        outcome.error = parsed.error().message;
        break;
      }
      outcome.unresolved += parsed->unresolved;
      for (PartnerIntervention& row : parsed->rows) rows.push_back(std::move(row));
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
