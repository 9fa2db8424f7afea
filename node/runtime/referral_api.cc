#include "node/runtime/referral_api.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "agency-adapters/match_keys.h"
#include "crypto/hex.h"
#include "node/net/http_error.h"
#include "node/tokens/identity_json.h"
#include "node/tokens/token_index_builder.h"

namespace tandem::node::runtime {
namespace {

using exchange::Role;
using nlohmann::json;

constexpr std::string_view kMatchPurpose = "hhpp-referral-match";
constexpr std::string_view kMatchKind = "match-query";

net::HttpResponse JsonAnswer(const json& body) {
  net::HttpResponse response;
  response.body = body.dump();
  return response;
}

// The match-query body for the record (export, ref) of this node: its tokens with key types.
Result<std::string> ReferralQuery(const ReferralApiContext& context, const std::string& export_kind,
                                  const std::string& ref) {
  auto record = context.store->With([&](store::Store& s) { return s.GetRecord(export_kind, ref); });
  if (!record) return tl::unexpected(record.error());
  if (!*record || (*record)->identity.empty()) {
    return Fail(Code::kNotFound, "no person record with that export and reference");
  }
  auto identity = tokens::ParseStoredIdentity((*record)->identity);
  if (!identity) return tl::unexpected(identity.error());
  adapters::MatchKeyValues values;
  const auto table = adapters::MatchKeyTable();
  if (auto derived =
          adapters::DeriveMatchKeys(table, adapters::MatchKeySource{&*identity, {}}, values);
      !derived) {
    return tl::unexpected(derived.error());
  }
  if (values.empty()) return Fail(Code::kInvalidArgument, "the record gives no match key");
  std::vector<std::span<const std::uint8_t>> inputs;
  for (std::size_t i = 0; i < values.size(); ++i) inputs.push_back(values.input(i));
  auto tokens = context.tokeniser->Tokenise(inputs);
  if (!tokens) return tl::unexpected(tokens.error());
  json query = json::array();
  for (std::size_t i = 0; i < values.size(); ++i) {
    query.push_back({{"key", table[values.key_index(i)].name},
                     {"token", crypto::EncodeHex((*tokens)[i].bytes)}});
  }
  return json{{"tokens", query}}.dump();
}

net::HttpResponse Match(const ReferralApiContext& context, const net::HttpRequest& request) {
  const auto body = json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("export") || !body["export"].is_string() ||
      !body.contains("ref") || !body["ref"].is_string()) {
    return net::ErrorResponse(
        Error{Code::kInvalidArgument, "body must be {\"export\": string, \"ref\": string}"});
  }
  auto query = ReferralQuery(context, body["export"], body["ref"]);
  if (!query) return net::ErrorResponse(query.error());
  const auto policy = context.policy->Get();
  json partners = json::array();
  for (const protocol::IsaParty& party : policy->isa().parties) {
    const std::string& peer = party.id.value();
    if (peer == context.self || !policy->Allows(context.self, peer, kMatchPurpose, kMatchKind)) {
      continue;
    }
    auto answer = context.peers->Call(peer, kMatchPurpose, kMatchKind, *query);
    if (!answer) {
      partners.push_back({{"node", peer}, {"error", answer.error().message}});
      continue;
    }
    json result = json::parse(answer->result_json);
    result["node"] = peer;
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
