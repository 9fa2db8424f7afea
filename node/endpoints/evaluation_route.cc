#include "node/endpoints/evaluation_route.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "node/endpoints/json_body.h"

namespace tandem::node::endpoints {
namespace {

using nlohmann::json;
constexpr std::string_view kKind = "evaluation-request";

bool IsHex32(const json& value) {
  if (!value.is_string()) return false;
  const auto& text = value.get_ref<const std::string&>();
  return text.size() == 32 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::string Month(const core::Date& date) { return date.ToIso().substr(0, 7); }

}  // namespace

exchange::KindRoute EvaluationRoute(const HandleTable& handles,
                                    DeliveredInterventionLookup delivered, std::string self,
                                    std::function<protocol::Seconds()> clock) {
  return {
      std::string(kKind), "disclosure",
      [&handles, delivered = std::move(delivered), self = std::move(self),
       clock =
           std::move(clock)](const exchange::InboundCall& call) -> Result<exchange::HandlerOutput> {
        auto body = ParseBody(call.envelope.body, kKind);
        if (!body) return tl::unexpected(body.error());
        auto evaluation = StringMember(*body, kKind, "evaluation_id");
        if (!evaluation) return tl::unexpected(evaluation.error());
        if (!body->contains("items") || !(*body)["items"].is_array() || (*body)["items"].empty() ||
            (*body)["items"].size() > kMaxEvaluationItems) {
          return Fail(Code::kInvalidArgument,
                      "evaluation-request: 'items' must be an array of 1 to " +
                          std::to_string(kMaxEvaluationItems) + " objects");
        }
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
        std::size_t index = 0;
        for (const json& item : (*body)["items"]) {
          ++index;
          if (!item.is_object() || !IsHex32(item.value("handle", json())) ||
              !IsHex32(item.value("pseudonym", json()))) {
            return Fail(Code::kInvalidArgument,
                        "evaluation-request: item " + std::to_string(index) +
                            R"( must be {"handle": 32 hex digits, "pseudonym": 32 hex digits})");
          }
          auto target = handles.Resolve(asker, item["handle"], now);
          if (!target) {
            ++unresolved;
            continue;
          }
          json row = {{"evaluation_pseudonym", item["pseudonym"]}};
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
        output.result_json =
            json{{"evaluation_id", *evaluation}, {"rows", rows}, {"unresolved", unresolved}}.dump();
        return output;
      }};
}

}  // namespace tandem::node::endpoints
