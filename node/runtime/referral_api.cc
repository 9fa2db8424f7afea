#include "node/runtime/referral_api.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "node/net/http_error.h"
#include "node/runtime/referral_match_request.h"
#include "node/tokens/token_index_builder.h"

namespace tandem::node::runtime {
namespace {

using exchange::Role;
using nlohmann::json;

net::HttpResponse JsonAnswer(const json& body) {
  net::HttpResponse response;
  response.body = body.dump();
  return response;
}

net::HttpResponse Match(const ReferralApiContext& context, const net::HttpRequest& request) {
  auto body = DecodeReferralMatchRequest(request.body);
  if (!body) return net::ErrorResponse(body.error());
  auto tokens = TokeniseRecord(*context.store, *context.tokeniser, body->export_kind, body->ref);
  if (!tokens) return net::ErrorResponse(tokens.error());
  json partners = json::array();
  for (const PartnerMatch& match : MatchAcrossPartners(context.Matching(), *tokens)) {
    if (match.error) {
      partners.push_back({{"node", match.node}, {"error", match.error->message}});
      continue;
    }
    json result = {{"node", match.node}, {"band", match.band}, {"agreed", match.agreed}};
    if (!match.handle.empty()) result["handle"] = match.handle;
    partners.push_back(result);
  }
  return JsonAnswer({{"partners", partners}});
}

net::HttpResponse Rebuild(const ReferralApiContext& context) {
  auto store = context.open_store();
  if (!store) return net::ErrorResponse(store.error());
  const auto started = std::chrono::steady_clock::now();
  auto report = tokens::BuildTokenIndex(**store, *context.tokeniser);
  if (!report) return net::ErrorResponse(report.error());
  return JsonAnswer(
      {{"records", report->records},
       {"tokens", report->rows},
       {"seconds",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()}});
}

}  // namespace

std::vector<LocalRoute> ReferralRoutes(const ReferralApiContext& context) {
  return {
      {"POST",
       "/v1/referrals/match",
       {Role::kCoordinator},
       [&context](const net::HttpRequest& request, const exchange::ApiUser*) {
         return Match(context, request);
       }},
      {"POST",
       "/v1/tokens/rebuild",
       {Role::kAdmin},
       [&context](const net::HttpRequest&, const exchange::ApiUser*) { return Rebuild(context); }},
  };
}

}  // namespace tandem::node::runtime
