#include "node/eval/evaluation_answer.h"

#include <nlohmann/json.hpp>

namespace tandem::node::eval {

using nlohmann::json;

Result<EvaluationAnswer> DecodeEvaluationAnswer(const std::string& node,
                                                std::string_view result_json,
                                                const std::set<std::string>& sent) {
  const json answer = json::parse(result_json, nullptr, /*allow_exceptions=*/false);
  const auto bad = [&](std::string_view what) {
    return Fail(Code::kInvalidArgument,
                "the evaluation answer from " + node + " is malformed: " + std::string(what));
  };
  if (!answer.is_object() || !answer.contains("rows") || !answer["rows"].is_array()) {
    return bad("no rows");
  }
  EvaluationAnswer out;
  if (const auto unresolved = answer.find("unresolved"); unresolved != answer.end()) {
    if (!unresolved->is_number_unsigned()) return bad("unresolved is not a count");
    out.unresolved = unresolved->get<std::size_t>();
  }
  for (const json& row : answer["rows"]) {
    if (!row.is_object() || !row.contains("evaluation_pseudonym") ||
        !row["evaluation_pseudonym"].is_string()) {
      return bad("a row has no evaluation_pseudonym");
    }
    const std::string pseudonym = row["evaluation_pseudonym"];
    if (!sent.contains(pseudonym)) return bad("a row names a pseudonym that was not sent");
    const json interventions = row.value("interventions", json::array());
    if (!interventions.is_array()) return bad("a row's interventions are not a list");
    for (const json& item : interventions) {
      if (!item.is_object() || !item.contains("intervention") ||
          !item["intervention"].is_string() || !item.contains("started_month") ||
          !item["started_month"].is_string()) {
        return bad("an intervention lacks its id or start month");
      }
      const auto ended = item.find("ended_month");
      const auto completed = item.find("completed");
      if ((ended != item.end() && !ended->is_string()) ||
          (completed != item.end() && !completed->is_boolean())) {
        return bad("an intervention's end month is not text or its completion not true or false");
      }
      out.rows.push_back({pseudonym, node, item["intervention"], item["started_month"],
                          ended != item.end() ? ended->get<std::string>() : "",
                          completed != item.end() && completed->get<bool>()});
    }
  }
  return out;
}

}  // namespace tandem::node::eval
