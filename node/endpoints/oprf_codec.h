// The oprf-evaluate message (purpose "oprf-evaluation"): a requester's blinded elements in, one
// key holder's partial evaluation with its batched DLEQ proof out.
//   request: {"epoch": e, "elements": ["<64 hex>", ...]}          (1 .. kMaxOprfBatch elements)
//   result:  {"holder": i, "epoch": e, "evaluated": ["<64 hex>", ...], "proof": "<128 hex>"}
// Decoders are strict and name the member; elements must be valid ristretto255 encodings.
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/threshold_oprf.h"

namespace tandem::node::endpoints {

inline constexpr std::size_t kMaxOprfBatch = 4096;

struct OprfRequest {
  std::uint32_t epoch = 0;
  std::vector<crypto::OprfElement> elements;
};

std::string EncodeOprfRequest(std::uint32_t epoch, std::span<const crypto::OprfElement> elements);
Result<OprfRequest> DecodeOprfRequest(std::string_view json);

std::string EncodePartialEvaluation(const crypto::PartialEvaluation& partial);
Result<crypto::PartialEvaluation> DecodePartialEvaluation(std::string_view json);

}  // namespace tandem::node::endpoints
