#include "node/panel/referral_submit_codec.h"

#include <array>
#include <nlohmann/json.hpp>

#include "node/endpoints/json_body.h"

namespace tandem::node::panel {
namespace {

using nlohmann::json;

constexpr std::string_view kKind = "referral-submit";

}  // namespace

Result<ReferralRequest> DecodeReferralRequest(std::string_view text) {
  const json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  constexpr std::array<const char*, 4> kNames = {"export", "ref", "reason", "referrer"};
  for (const char* name : kNames) {
    if (!body.is_object() || !body.contains(name) || !body[name].is_string() ||
        body[name].get_ref<const std::string&>().empty()) {
      return Fail(Code::kInvalidArgument,
                  "body must be {\"export\", \"ref\", \"reason\", \"referrer\"}, each a non-empty "
                  "string; " +
                      std::string(name) + " is not");
    }
  }
  return ReferralRequest{body["export"].get<std::string>(), body["ref"].get<std::string>(),
                         body["reason"].get<std::string>(), body["referrer"].get<std::string>()};
}

Result<ReferralSubmission> DecodeReferralSubmission(std::string_view text) {
  auto body = endpoints::ParseBody(text, kKind);
  if (!body) return tl::unexpected(body.error());
  auto reason = endpoints::StringMember(*body, kKind, "reason");
  if (!reason) return tl::unexpected(reason.error());
  auto referrer = endpoints::StringMember(*body, kKind, "referrer");
  if (!referrer) return tl::unexpected(referrer.error());
  const auto tokens = body->find("tokens");
  if (tokens == body->end()) {
    return Fail(Code::kInvalidArgument, "referral-submit: member 'tokens' is missing");
  }
  auto query = endpoints::DecodeMatchQuery(json{{"tokens", *tokens}}.dump());
  if (!query) return tl::unexpected(query.error());
  return ReferralSubmission{*std::move(query), *std::move(reason), *std::move(referrer)};
}

Result<ReferralAnswer> DecodeReferralAnswer(std::string_view result_json) {
  const json result = json::parse(result_json, nullptr, /*allow_exceptions=*/false);
  ReferralAnswer answer;
  if (!result.is_object()) return answer;
  if (const auto known = result.find("known"); known != result.end()) {
    if (!known->is_boolean()) {
      return Fail(Code::kInvalidArgument,
                  "the coordinator's referral-submit answer is malformed: 'known' is not true or "
                  "false");
    }
    answer.known = known->get<bool>();
  }
  if (const auto id = result.find("referral_id"); id != result.end()) {
    if (!id->is_string()) {
      return Fail(Code::kInvalidArgument,
                  "the coordinator's referral-submit answer is malformed: 'referral_id' is not a "
                  "string");
    }
    answer.referral_id = id->get<std::string>();
  }
  return answer;
}

}  // namespace tandem::node::panel
