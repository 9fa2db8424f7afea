// The body of an evaluation-request (see evaluation_route.h):
//   {"evaluation_id": "<name>",
//    "items": [{"handle": "<32 hex>", "pseudonym": "<32 hex>"}, ...]}   (1-5000 items)
// Only the shape is read here; the handle table decides whether a handle is live. Pure and
// thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tandem::node::endpoints {

inline constexpr std::size_t kMaxEvaluationItems = 5000;

struct EvaluationItem {
  std::string handle;     // 32 lowercase hex digits
  std::string pseudonym;  // 32 lowercase hex digits, the coordinator's own random value
  bool operator==(const EvaluationItem&) const = default;
};

struct EvaluationRequest {
  std::string evaluation_id;
  std::vector<EvaluationItem> items;  // 1 to kMaxEvaluationItems, in the order sent
};

// The request. kInvalidArgument, naming the member or the item's position (never a value), when
// the body is not a JSON object, "evaluation_id" is missing or not a string, "items" is not an
// array of 1 to kMaxEvaluationItems, or an item is not {"handle", "pseudonym"} of 32 lowercase
// hex digits each.
Result<EvaluationRequest> DecodeEvaluationRequest(std::string_view body);

// The body for `request` (its strings valid UTF-8, as every decoded request's are).
std::string EncodeEvaluationRequest(const EvaluationRequest& request);

}  // namespace tandem::node::endpoints
