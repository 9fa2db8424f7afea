// Writing the links of a linkage run: links.csv (`agency_a,record_a,agency_b,record_b,band,
// weight`, the format core/matching/linkage_quality.h reads) and, on request, one explanation
// per link by key-type names. Both are written atomically (a temporary file renamed into
// place) with owner-only permissions, since they name records. Not thread-safe.
#pragma once

#include <filesystem>
#include <vector>

#include "core/matching/bands.h"
#include "core/matching/fellegi_sunter.h"
#include "core/result.h"
#include "node/linkage/linkage.h"

namespace tandem::node::linkage {

// Writes the auto and review links of `links` in order (non-matches are left out), weights
// with four decimals. kUnavailable when the file cannot be
// written (the message names it); the target is untouched then.
Status WriteLinksCsv(const std::filesystem::path& path, const std::vector<ScoredLink>& links);

// Writes every candidate pair of `links`, non-matches included (for clerical review and for
// choosing thresholds from labelled pairs): `agency_a,record_a,agency_b,record_b,band,weight,
// explanation`, the explanation as core::matching::FormatExplanation gives it (key-type names
// and weights only).
Status WriteExplanationsCsv(const std::filesystem::path& path, const std::vector<ScoredLink>& links,
                            const core::matching::MatchModel& model,
                            const core::matching::BandThresholds& thresholds);

}  // namespace tandem::node::linkage
