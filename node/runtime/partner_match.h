// The match of one of this node's own records across the partnership: its match keys are
// derived, tokenised through the threshold OPRF with the other key holders (oprf-evaluate), and
// sent as a match-query to the partners the ISA allows, under the context's purpose:
// hhpp-referral-match for the coordinator's /v1/referrals/match route, the case pack assembler
// and the outcome sync; hhpp-evaluation-match for an evaluation's collection, whose handles only
// the evaluation request accepts. Also used (tokenising only) by a partner submitting a
// referral. Partners that do not know the person
// learn nothing but tokens. Free functions; thread-safe when the context's objects are (they
// are: SharedStore locks, PeerExchange and Tokeniser are thread-safe).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "node/endpoints/handle_table.h"
#include "node/endpoints/shared_store.h"
#include "node/exchange/current_policy.h"
#include "node/exchange/outbound.h"
#include "node/tokens/tokeniser.h"

namespace tandem::node::runtime {

inline constexpr std::string_view kMatchPurpose = endpoints::kReferralMatchPurpose;
inline constexpr std::string_view kEvaluationMatchPurpose = endpoints::kEvaluationMatchPurpose;
inline constexpr std::string_view kMatchKind = "match-query";

// What the matching needs; the pointers are borrowed and must outlive every call.
struct PartnerMatchContext {
  std::string self;
  exchange::CurrentPolicy* policy = nullptr;
  exchange::PeerExchange* peers = nullptr;
  endpoints::SharedStore* store = nullptr;
  const tokens::Tokeniser* tokeniser = nullptr;
  // The purpose the match queries are sent under, and so the scope of the handles they give.
  std::string_view purpose = kMatchPurpose;
};

// A record's tokens: one per match key the record gives, with the key's type name.
struct RecordTokens {
  std::vector<std::string> key_types;
  std::vector<std::string> tokens_hex;  // 128 hex digits each
  // The match-query body {"tokens": [{"key", "token"}, ...]}.
  std::string QueryJson() const;
};

// The tokens of record (export_kind, ref) of this node's store. kNotFound when there is no such
// record or it is about no person; kInvalidArgument when it gives no match key; the tokeniser's
// errors (kUnavailable when too few key holders answer). Messages never carry the reference.
Result<RecordTokens> TokeniseRecord(endpoints::SharedStore& store,
                                    const tokens::Tokeniser& tokeniser,
                                    std::string_view export_kind, std::string_view ref);

// One partner's answer to the match query.
struct PartnerMatch {
  std::string node;
  std::optional<Error> error;  // set when the partner did not answer (or refused)
  std::string band;            // "auto", "review", "non-match"
  std::vector<std::string> agreed;
  std::string handle;  // for a contribution-request or outcome-request; empty unless matched
  bool matched() const { return !error && !handle.empty(); }
};

// The partners (ISA party order, this node excluded) that the ISA lets this node send a
// match-query to under the context's purpose.
std::vector<std::string> MatchPartners(const PartnerMatchContext& context);

// Sends `tokens` under the context's purpose to `partners` (every allowed partner when empty)
// and returns one answer per
// partner asked, in order. Never fails as a whole: a partner that cannot be reached, refuses or
// answers nonsense is an answer with `error` set.
std::vector<PartnerMatch> MatchAcrossPartners(const PartnerMatchContext& context,
                                              const RecordTokens& tokens,
                                              const std::vector<std::string>& partners = {});

}  // namespace tandem::node::runtime
