#include "node/panel/outcome_answer.h"

#include <nlohmann/json.hpp>

#include "node/panel/delivered_interventions.h"

namespace tandem::node::panel {

using core::panel::InterventionRecord;
using nlohmann::json;

Result<std::vector<InterventionRecord>> DecodeOutcomeAnswer(std::string_view result_json,
                                                            const std::string& case_id,
                                                            core::AgencyKind agency) {
  const json result = json::parse(result_json, nullptr, /*allow_exceptions=*/false);
  if (!result.is_object() || !result.contains("interventions") ||
      !result["interventions"].is_array()) {
    return Fail(Code::kUnauthenticated, "the answer has no interventions list");
  }
  std::vector<InterventionRecord> records;
  for (const json& item : result["interventions"]) {
    if (!item.is_object() || !item.contains("intervention") || !item["intervention"].is_string() ||
        !item.contains("started_on") || !item["started_on"].is_string()) {
      return Fail(Code::kUnauthenticated, "an intervention has no id or start date");
    }
    const auto completed = item.find("completed");
    if (completed != item.end() && !completed->is_boolean()) {
      return Fail(Code::kUnauthenticated, "an intervention's completed is not true or false");
    }
    InterventionRecord record;
    record.case_id = case_id;
    record.intervention_id = item["intervention"].get<std::string>();
    record.delivered_by = agency;
    auto started = core::Date::FromIso(item["started_on"].get<std::string>());
    if (!started) return Fail(Code::kUnauthenticated, "an intervention's start is not a date");
    record.started_on = *started;
    if (item.contains("ended_on") && item["ended_on"].is_string()) {
      if (auto ended = core::Date::FromIso(item["ended_on"].get<std::string>())) {
        record.ended_on = *ended;
      }
    }
    record.completed =
        completed != item.end() && completed->get<bool>() && record.ended_on.has_value();
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace tandem::node::panel
