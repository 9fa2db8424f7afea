// The partnership's fitted match model as a file (match-model.json), so that the model EM fitted
// in a linkage study (`tandem link --model-out`) is the one every node answers match queries
// with:
//   {"format": "tandem-match-model-v1", "prior": p,
//    "keys": [{"name": "nhs_number", "m": 0.98, "u": 1e-7}, ...],
//    "auto_weight": a, "review_weight": r}
// Weights are log2 likelihood ratios (docs/scoring.md). Strict reading: errors
// (kInvalidArgument) name the member. Free functions; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/matching/bands.h"
#include "core/matching/fellegi_sunter.h"
#include "core/result.h"

namespace tandem::node::linkage {

inline constexpr char kMatchModelFileName[] = "match-model.json";

struct MatchModelFile {
  core::matching::MatchModel model;
  core::matching::BandThresholds thresholds;
};

std::string EncodeMatchModel(const MatchModelFile& file);
Result<MatchModelFile> DecodeMatchModel(std::string_view json);

// Reads `path`: kNotFound when missing, kUnavailable when unreadable, DecodeMatchModel's errors
// prefixed with the path.
Result<MatchModelFile> ReadMatchModel(const std::filesystem::path& path);
// Writes `path` atomically (mode 0644: the model holds no personal data).
Status WriteMatchModel(const std::filesystem::path& path, const MatchModelFile& file);

}  // namespace tandem::node::linkage
