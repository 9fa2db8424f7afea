// The coordinator's side of the federated evaluation: for the adopted people of one
// evaluation, asks each partner (evaluation-request, purpose "evaluation", clause 6.1) for the
// interventions it delivered, presenting the partner's match handle with the person's fresh
// evaluation pseudonym, and turns the answers into PartnerIntervention rows. Partners see
// pseudonyms and their own handles only; answers carry pseudonyms and clause fields only.
// A partner that fails is reported, not fatal: the report says which partners contributed.
// Thread-compatible (PeerExchange itself is thread-safe).
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "node/eval/evaluation_pseudonyms.h"
#include "node/eval/evaluation_sources.h"
#include "node/exchange/outbound.h"

namespace tandem::node::eval {

// A partner's handle for a subject (from the match query the coordinator ran).
struct PartnerHandle {
  std::string node;
  std::string handle;
};

// The handles the coordinator holds for a subject key; empty when no partner matched.
using PartnerHandleLookup =
    std::function<std::vector<PartnerHandle>(const std::string& subject_key)>;

// Sends one evaluation-request (body_json) to `node` and returns the answer's result JSON.
// PeerExchange::Call in production; a test may pass a function.
using EvaluationCall =
    std::function<Result<std::string>(const std::string& node, const std::string& body_json)>;

// EvaluationCall over the node's PeerExchange.
EvaluationCall PeerEvaluationCall(exchange::PeerExchange& peers);

struct PartnerOutcome {
  std::string node;
  std::size_t asked = 0;
  std::size_t rows = 0;
  std::size_t unresolved = 0;
  std::string error;  // empty when the partner answered
};

struct PartnerRows {
  std::vector<PartnerIntervention> rows;
  std::vector<PartnerOutcome> partners;
};

// Success: the rows and each partner's outcome. kInvalidArgument when an answer is malformed
// or names a pseudonym that was not sent (the partner is then reported with the error and its
// rows are dropped).
Result<PartnerRows> GatherPartnerRows(const std::string& evaluation_id,
                                      std::span<const std::string> cohort_subject_keys,
                                      const PartnerHandleLookup& handles,
                                      EvaluationPseudonyms& pseudonyms, const EvaluationCall& call);

}  // namespace tandem::node::eval
