// The partnership's fitted match model as a file (match-model.json), so that the model EM fitted
// in a linkage study (`tandem link --model-out`) is the one every node answers match queries
// with. Comparisons have levels (core/matching/comparison_families.h):
//   {"format": "tandem-match-model-v2", "prior": p,
//    "families": [{"name": "name",
//                  "levels": [{"key": "name_dob", "m": 0.9, "u": 1e-10}, ...],
//                  "disagree": {"m": 0.02, "u": 0.99999}},
//                 {"name": "initials", "levels": [...], "disagree": {...},
//                  "unless_compared": "name"}, ...],
//    "auto_weight": a, "review_weight": r}
// Per family, the levels' and disagree's m sum to one, and so do their u; "unless_agreed" or
// "unless_compared" (optional) names the family whose agreement, or comparison, leaves this
// one out (core/matching/comparison_families.h). Weights are log2
// likelihood ratios (docs/scoring.md). A version-1 file (one independent comparison per key)
// is refused with a message saying to refit. Strict reading: errors (kInvalidArgument) name
// the member. Free functions; thread-safe.
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
