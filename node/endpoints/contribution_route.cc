#include "node/endpoints/contribution_route.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "node/endpoints/handle_request_codec.h"

namespace tandem::node::endpoints {

exchange::KindRoute ContributionRoute(SharedStore& store, const HandleTable& handles,
                                      std::string self, std::function<protocol::Seconds()> clock) {
  return {"contribution-request", "disclosure",
          [&store, &handles, self = std::move(self), clock = std::move(clock)](
              const exchange::InboundCall& call) -> Result<exchange::HandlerOutput> {
            constexpr std::string_view kKind = "contribution-request";
            auto handle = DecodeHandleRequest(call.envelope.body, kKind);
            if (!handle) return tl::unexpected(handle.error());
            const std::string& asker = call.envelope.header.from.value();
            auto target = handles.Resolve(asker, *handle, clock());
            if (!target) return tl::unexpected(target.error());
            auto record = store.With(
                [&](store::Store& s) { return s.GetRecord(target->export_kind, target->ref); });
            if (!record) return tl::unexpected(record.error());
            if (!*record) {
              return Fail(Code::kNotFound,
                          "the matched record is no longer available at this node");
            }
            const auto fields = nlohmann::json::parse((*record)->fields, nullptr, false);
            if (!fields.is_object()) {
              return Fail(Code::kCorruption, "a stored record's fields are damaged");
            }
            const std::vector<std::string> allowed =
                call.policy.AllowedFields(asker, self, call.envelope.header.purpose.value(), kKind);
            nlohmann::json given = nlohmann::json::object();
            nlohmann::json withheld = nlohmann::json::array();
            exchange::HandlerOutput output;
            output.subject_tokens = target->subject_tokens;
            for (const auto& [name, value] : fields.items()) {
              if (std::ranges::find(allowed, name) != allowed.end()) {
                given[name] = value;
                output.fields.push_back(name);
              } else {
                withheld.push_back(name);
              }
            }
            output.result_json = nlohmann::json{
                {"fields", given},
                {"provenance",
                 {{"node", self}, {"clause", call.clause.id}, {"export", target->export_kind}}},
                {"withheld",
                 withheld}}.dump();
            return output;
          }};
}

}  // namespace tandem::node::endpoints
