#include "node/panel/referral_submit.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "crypto/hex.h"
#include "node/net/http_error.h"
#include "node/panel/referral_submit_codec.h"

namespace tandem::node::panel {
namespace {

using nlohmann::json;

constexpr std::string_view kPurpose = runtime::kMatchPurpose;

net::HttpResponse Submit(const runtime::PartnerMatchContext& matching,
                         const net::HttpRequest& request) {
  auto body = DecodeReferralRequest(request.body);
  if (!body) return net::ErrorResponse(body.error());
  const auto policy = matching.policy->Get();
  std::string coordinator;
  for (const protocol::IsaParty& party : policy->isa().parties) {
    const std::string& peer = party.id.value();
    if (peer != matching.self &&
        policy->Allows(matching.self, peer, kPurpose, kReferralSubmitKind)) {
      coordinator = peer;
      break;
    }
  }
  if (coordinator.empty()) {
    return net::ErrorResponse(Error{Code::kPermissionDenied,
                                    "the agreement lets this node submit referrals to no party"});
  }
  auto tokens =
      runtime::TokeniseRecord(*matching.store, *matching.tokeniser, body->export_kind, body->ref);
  if (!tokens) return net::ErrorResponse(tokens.error());
  json message = json::parse(tokens->QueryJson());
  message["reason"] = body->reason;
  message["referrer"] = body->referrer;
  auto answer = matching.peers->Call(coordinator, kPurpose, kReferralSubmitKind, message.dump(),
                                     tokens->tokens_hex);
  if (!answer) return net::ErrorResponse(answer.error());
  auto result = DecodeReferralAnswer(answer->result_json);
  if (!result) return net::ErrorResponse(result.error());
  json out = {{"coordinator", coordinator}, {"known", result->known}};
  if (result->referral_id) out["referral_id"] = *result->referral_id;
  net::HttpResponse response;
  response.body = out.dump();
  return response;
}

}  // namespace

runtime::LocalRoute ReferralSubmitRoute(const runtime::PartnerMatchContext& matching) {
  return {"POST",
          "/v1/referrals/submit",
          {exchange::Role::kContributor},
          [&matching](const net::HttpRequest& request, const exchange::ApiUser*) {
            return Submit(matching, request);
          }};
}

exchange::KindRoute ReferralSubmitKindRoute(endpoints::SharedStore& store,
                                            const linkage::MatchModelFile* model,
                                            std::string subject_export, ReferFunction refer,
                                            std::function<protocol::Seconds()> clock) {
  return {
      std::string(kReferralSubmitKind), "consultation",
      [&store, model, subject_export = std::move(subject_export), refer = std::move(refer),
       clock =
           std::move(clock)](const exchange::InboundCall& call) -> Result<exchange::HandlerOutput> {
        if (model == nullptr) {
          return Fail(Code::kNotFound, "this node has no match model to weigh referrals with");
        }
        auto submission = DecodeReferralSubmission(call.envelope.body);
        if (!submission) return tl::unexpected(submission.error());
        const std::vector<endpoints::QueryToken>& query = submission->tokens;
        std::vector<store::TokenBytes> tokens;
        tokens.reserve(query.size());
        for (const endpoints::QueryToken& item : query) tokens.push_back(item.token);
        auto matches = store.With([&](store::Store& s) { return s.LookupTokens(tokens); });
        if (!matches) return tl::unexpected(matches.error());

        const store::TokenMatch* best = nullptr;
        double best_weight = 0;
        for (const store::TokenMatch& match : *matches) {
          if (match.export_kind != subject_export) continue;
          // Per comparison family, only its best agreeing level counts.
          const double weight = model->model.AgreedWeight(match.key_types);
          if (best == nullptr || weight > best_weight) {
            best = &match;
            best_weight = weight;
          }
        }
        exchange::HandlerOutput output;
        output.fields = {"known"};
        const bool known =
            best != nullptr && core::matching::ClassifyWeight(best_weight, model->thresholds) ==
                                   core::matching::Band::kAutoMatch;
        if (!known) {
          output.result_json = json{{"known", false}}.dump();
          return output;
        }
        const protocol::IsaParty* sender = call.policy.Party(call.envelope.header.from.value());
        core::panel::Referral referral;
        referral.subject_key = best->ref;
        referral.pathway = "partner-agency";
        referral.source = sender != nullptr ? sender->agency_kind : "";
        referral.reason = submission->reason;
        referral.referrer = submission->referrer;
        referral.referred_on = core::Date::DayOf(clock());
        auto receipt = refer(referral);
        if (!receipt) {
          // The book's message may name the subject: the partner gets the code only.
          return Fail(receipt.error().code, "the coordinator could not record the referral (" +
                                                std::string(CodeName(receipt.error().code)) + ")");
        }
        for (const std::size_t index : best->query_indices) {
          output.subject_tokens.push_back(crypto::EncodeHex(query[index].token));
        }
        output.fields.emplace_back("referral_id");
        output.result_json = json{{"known", true}, {"referral_id", receipt->referral_id}}.dump();
        return output;
      }};
}

}  // namespace tandem::node::panel
