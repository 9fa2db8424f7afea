#include "node/endpoints/match_route.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "crypto/hex.h"
#include "node/endpoints/match_codec.h"

namespace tandem::node::endpoints {
namespace {

using nlohmann::json;

// The purposes a match query is answered under; the handle it gives is scoped to that purpose.
constexpr std::array<std::string_view, 2> kMatchPurposes = {kReferralMatchPurpose,
                                                            kEvaluationMatchPurpose};

}  // namespace

exchange::KindRoute MatchRoute(SharedStore& store, const linkage::MatchModelFile& model,
                               HandleTable& handles, std::function<protocol::Seconds()> clock) {
  return {"match-query", "consultation",
          [&store, &model, &handles, clock = std::move(clock)](
              const exchange::InboundCall& call) -> Result<exchange::HandlerOutput> {
            const std::string& purpose = call.envelope.header.purpose.value();
            if (std::ranges::find(kMatchPurposes, purpose) == kMatchPurposes.end()) {
              return Fail(Code::kPermissionDenied, "match-query is answered only under " +
                                                       std::string(kReferralMatchPurpose) + " or " +
                                                       std::string(kEvaluationMatchPurpose) +
                                                       ", not " + purpose);
            }
            auto query = DecodeMatchQuery(call.envelope.body);
            if (!query) return tl::unexpected(query.error());
            std::vector<store::TokenBytes> tokens;
            for (const QueryToken& item : *query) tokens.push_back(item.token);
            auto matches = store.With([&](store::Store& s) { return s.LookupTokens(tokens); });
            if (!matches) return tl::unexpected(matches.error());

            const store::TokenMatch* best = nullptr;
            double best_weight = 0;
            for (const store::TokenMatch& match : *matches) {
              // Per comparison family, only its best agreeing level counts.
              const double weight = model.model.AgreedWeight(match.key_types);
              if (best == nullptr || weight > best_weight) {
                best = &match;
                best_weight = weight;
              }
            }
            const core::matching::Band band =
                best == nullptr ? core::matching::Band::kNonMatch
                                : core::matching::ClassifyWeight(best_weight, model.thresholds);
            json result = {{"band", core::matching::BandName(band)}, {"agreed", json::array()}};
            exchange::HandlerOutput output;
            if (band != core::matching::Band::kNonMatch) {
              result["agreed"] = best->key_types;
              for (const std::size_t index : best->query_indices) {
                output.subject_tokens.push_back(crypto::EncodeHex((*query)[index].token));
              }
              auto handle = handles.Issue(
                  call.envelope.header.from.value(), purpose,
                  HandleTarget{best->export_kind, best->ref, output.subject_tokens}, clock());
              if (!handle) return tl::unexpected(handle.error());
              result["handle"] = *handle;
            }
            output.result_json = result.dump();
            return output;
          }};
}

}  // namespace tandem::node::endpoints
