// The body of the evaluator's local requests (POST /v1/eval/report and /v1/eval/outcome-set;
// node/runtime/eval_api.h lists the members). Every member is optional; this reads only their
// shape. The evaluation API fills the absent ones from the ISA and today, and refuses a rule
// looser than the agreement's. Pure; thread-safe; never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace tandem::node::runtime {

struct EvaluationApiRequest {
  std::optional<std::string> evaluation_id;  // letters, digits and . _ : / - (1-128)
  std::optional<core::Date> data_end;
  std::optional<std::size_t> k;
  std::optional<std::vector<std::string>> quasi_identifiers;
  std::optional<std::int64_t> small_cell_threshold;
  std::optional<std::int64_t> rounding_base;
  std::optional<double> max_suppressed_share;
  std::optional<std::string> epsilon_per_table;  // as written; core::eval::ParseEpsilon reads it
  std::optional<int> before_days;
  std::optional<int> after_days;
  std::optional<int> follow_up_days;
  std::optional<double> value_per_cchi_day;
};

// The members present in `body` (an empty body is {}). kInvalidArgument when the body is not a
// JSON object ("the body must be a JSON object"), a member has the wrong type ("'k' has the
// wrong type"), a whole number is outside its type's range ("'before_days' is out of range"),
// evaluation_id has characters outside its alphabet, or data_end is not a date.
Result<EvaluationApiRequest> DecodeEvaluationApiRequest(std::string_view body);

// The body for `request`, with only the members it holds. Decoding it gives `request` back.
std::string EncodeEvaluationApiRequest(const EvaluationApiRequest& request);

}  // namespace tandem::node::runtime
