#include "node/runtime/referral_match_request.h"

#include <nlohmann/json.hpp>

namespace tandem::node::runtime {

using nlohmann::json;

Result<ReferralMatchRequest> DecodeReferralMatchRequest(std::string_view text) {
  const auto body = json::parse(text, nullptr, false);
  const auto string_member = [&](const char* name) {
    const auto found = body.find(name);
    return found != body.end() && found->is_string();
  };
  if (!body.is_object() || !string_member("export") || !string_member("ref")) {
    return Fail(Code::kInvalidArgument, R"(body must be {"export": string, "ref": string})");
  }
  return ReferralMatchRequest{body["export"].get<std::string>(), body["ref"].get<std::string>()};
}

std::string EncodeReferralMatchRequest(const ReferralMatchRequest& request) {
  return json{{"export", request.export_kind}, {"ref", request.ref}}.dump();
}

}  // namespace tandem::node::runtime
