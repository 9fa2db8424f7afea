#include "node/endpoints/outcome_route.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "node/endpoints/handle_request_codec.h"
#include "node/panel/delivered_interventions.h"

namespace tandem::node::endpoints {
namespace {

using nlohmann::json;

json OptionalDate(const std::optional<core::Date>& date) {
  return date ? json(date->ToIso()) : json(nullptr);
}

// Every field an intervention can give; the ISA picks which leave.
json AllFields(const panel::DeliveredIntervention& item) {
  json fields = {{"intervention", item.intervention_id},
                 {"category", item.category},
                 {"started_on", item.started_on.ToIso()},
                 {"ended_on", OptionalDate(item.ended_on)},
                 {"completed", item.completed}};
  if (!item.civil_order.empty()) {
    fields["civil_order"] = item.civil_order;
    fields["order_made_on"] = OptionalDate(item.order_made_on);
    fields["order_expires_on"] = OptionalDate(item.order_expires_on);
  }
  return fields;
}

}  // namespace

exchange::KindRoute OutcomeRoute(SharedStore& store, const HandleTable& handles, std::string self,
                                 std::function<protocol::Seconds()> clock) {
  return {"outcome-request", "disclosure",
          [&store, &handles, self = std::move(self), clock = std::move(clock)](
              const exchange::InboundCall& call) -> Result<exchange::HandlerOutput> {
            constexpr std::string_view kKind = "outcome-request";
            auto handle = DecodeHandleRequest(call.envelope.body, kKind);
            if (!handle) return tl::unexpected(handle.error());
            const std::string& asker = call.envelope.header.from.value();
            auto target = handles.Resolve(asker, *handle, clock());
            if (!target) return tl::unexpected(target.error());
            auto items = store.With([&](store::Store& s) {
              return panel::DeliveredFor(s, target->export_kind, target->ref);
            });
            if (!items) return tl::unexpected(items.error());
            const std::vector<std::string> allowed =
                call.policy.AllowedFields(asker, self, call.envelope.header.purpose.value(), kKind);
            exchange::HandlerOutput output;
            output.subject_tokens = target->subject_tokens;
            json interventions = json::array();
            for (const panel::DeliveredIntervention& item : *items) {
              json given = json::object();
              const json all = AllFields(item);
              for (const auto& [name, value] : all.items()) {
                if (std::ranges::find(allowed, name) == allowed.end()) continue;
                given[name] = value;
                if (std::ranges::find(output.fields, name) == output.fields.end()) {
                  output.fields.push_back(name);
                }
              }
              interventions.push_back(std::move(given));
            }
            output.result_json = json{{"interventions", interventions},
                                      {"provenance", {{"node", self}, {"clause", call.clause.id}}}}
                                     .dump();
            return output;
          }};
}

}  // namespace tandem::node::endpoints
