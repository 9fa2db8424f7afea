#include "node/panel/delivered_request.h"

#include <array>
#include <nlohmann/json.hpp>

namespace tandem::node::panel {

using nlohmann::json;

Result<DeliveredIntervention> DecodeDeliveredIntervention(std::string_view text) {
  const json body = json::parse(text, nullptr, false);
  if (!body.is_object()) return Fail(Code::kInvalidArgument, "the body must be a JSON object");
  DeliveredIntervention item;
  const std::array<std::pair<const char*, std::string*>, 3> required = {{
      {"export", &item.export_kind},
      {"ref", &item.ref},
      {"intervention", &item.intervention_id},
  }};
  for (const auto& [name, out] : required) {
    if (!body.contains(name) || !body[name].is_string() || body[name].get<std::string>().empty()) {
      return Fail(Code::kInvalidArgument, std::string(name) + ": a non-empty string is required");
    }
    *out = body[name].get<std::string>();
  }
  if (body.contains("category")) {
    if (!body["category"].is_string()) {
      return Fail(Code::kInvalidArgument, "category: must be a string");
    }
    item.category = body["category"].get<std::string>();
  }
  if (!body.contains("started_on") || !body["started_on"].is_string()) {
    return Fail(Code::kInvalidArgument, "started_on: a date YYYY-MM-DD is required");
  }
  auto started = core::Date::FromIso(body["started_on"].get<std::string>());
  if (!started) {
    return Fail(Code::kInvalidArgument, "started_on: '" + body["started_on"].get<std::string>() +
                                            "' is not a date YYYY-MM-DD");
  }
  item.started_on = *started;
  for (const auto& [name, out] : std::array<std::pair<const char*, std::optional<core::Date>*>, 3>{
           {{"ended_on", &item.ended_on},
            {"order_made_on", &item.order_made_on},
            {"order_expires_on", &item.order_expires_on}}}) {
    if (!body.contains(name) || body[name].is_null()) continue;
    const std::string text_value = body[name].is_string() ? body[name].get<std::string>() : "";
    auto date = core::Date::FromIso(text_value);
    if (!date) {
      return Fail(Code::kInvalidArgument,
                  std::string(name) + ": '" + text_value + "' is not a date YYYY-MM-DD");
    }
    *out = *date;
  }
  if (body.contains("completed")) {
    if (!body["completed"].is_boolean()) {
      return Fail(Code::kInvalidArgument, "completed: must be true or false");
    }
    item.completed = body["completed"].get<bool>();
  }
  return item;
}

std::string EncodeDeliveredIntervention(const DeliveredIntervention& item) {
  const auto date_or_null = [](const std::optional<core::Date>& date) {
    return date ? json(date->ToIso()) : json(nullptr);
  };
  return json{{"export", item.export_kind},
              {"ref", item.ref},
              {"intervention", item.intervention_id},
              {"category", item.category},
              {"started_on", item.started_on.ToIso()},
              {"ended_on", date_or_null(item.ended_on)},
              {"order_made_on", date_or_null(item.order_made_on)},
              {"order_expires_on", date_or_null(item.order_expires_on)},
              {"completed", item.completed}}
      .dump();
}

}  // namespace tandem::node::panel
