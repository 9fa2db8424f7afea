// A partner's answer to an evaluation-request, as the coordinator reads it
// (node/endpoints/evaluation_route.h describes the exchange):
//   {"evaluation_id": "...", "unresolved": n,
//    "rows": [{"evaluation_pseudonym": "<32 hex>",
//              "interventions": [{"intervention": "...", "started_month": "YYYY-MM",
//                                 "ended_month": "YYYY-MM" or "", "completed": bool}, ...]}, ...]}
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "node/eval/evaluation_sources.h"

namespace tandem::node::eval {

struct EvaluationAnswer {
  std::vector<PartnerIntervention> rows;
  std::size_t unresolved = 0;
};

// The rows of `node`'s answer. kInvalidArgument, naming the partner and what is wrong (never a
// value), for a malformed answer, a member of the wrong type, or a row naming a pseudonym not in
// `sent`.
Result<EvaluationAnswer> DecodeEvaluationAnswer(const std::string& node,
                                                std::string_view result_json,
                                                const std::set<std::string>& sent);

}  // namespace tandem::node::eval
