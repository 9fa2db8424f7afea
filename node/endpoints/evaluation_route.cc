#include "node/endpoints/evaluation_route.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "node/endpoints/evaluation_request_codec.h"

namespace tandem::node::endpoints {
namespace {

using nlohmann::json;
constexpr std::string_view kKind = "evaluation-request";

std::string Month(const core::Date& date) { return date.ToIso().substr(0, 7); }

}  // namespace

exchange::KindRoute EvaluationRoute(const HandleTable& handles,
                                    DeliveredInterventionLookup delivered, std::string self,
                                    std::function<protocol::Seconds()> clock) {
  return {std::string(kKind), "disclosure",
          [&handles, delivered = std::move(delivered), self = std::move(self),
           clock = std::move(clock)](
              const exchange::InboundCall& call) -> Result<exchange::HandlerOutput> {
            auto request = DecodeEvaluationRequest(call.envelope.body);
            if (!request) return tl::unexpected(request.error());
            const std::string& asker = call.envelope.header.from.value();
            const std::vector<std::string> allowed =
                call.policy.AllowedFields(asker, self, call.envelope.header.purpose.value(), kKind);
            const auto allows = [&](std::string_view field) {
              return std::ranges::find(allowed, field) != allowed.end();
            };
            if (!allows("evaluation_pseudonym")) {
              return Fail(Code::kPermissionDenied,
                          "the ISA does not let this node key evaluation rows for the asker");
            }
            const protocol::Seconds now = clock();
            json rows = json::array();
            std::size_t unresolved = 0;
            for (const EvaluationItem& item : request->items) {
              // Only a handle an evaluation match gave this asker: a referral match's handle
              // serves the case pack and outcomes, never an evaluation.
              auto target = handles.Resolve(asker, kEvaluationMatchPurpose, item.handle, now);
              if (!target) {
                ++unresolved;
                continue;
              }
              json row = {{"evaluation_pseudonym", item.pseudonym}};
              if (allows("interventions")) {
                auto given = delivered(*target);
                if (!given) return tl::unexpected(given.error());
                json interventions = json::array();
                for (const DeliveredIntervention& d : *given) {
                  interventions.push_back({{"intervention", d.intervention},
                                           {"started_month", Month(d.started_on)},
                                           {"ended_month", d.ended_on ? Month(*d.ended_on) : ""},
                                           {"completed", d.completed}});
                }
                row["interventions"] = interventions;
              }
              rows.push_back(row);
            }
            exchange::HandlerOutput output;
            output.fields.emplace_back("evaluation_pseudonym");
            if (allows("interventions")) output.fields.emplace_back("interventions");
            output.result_json = json{
                {"evaluation_id", request->evaluation_id},
                {"rows", rows},
                {"unresolved",
                 unresolved}}.dump();
            return output;
          }};
}

}  // namespace tandem::node::endpoints
