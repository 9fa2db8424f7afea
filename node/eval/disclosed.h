// How a single figure of the report is published under the small-cell rule: counts under the
// threshold (zeros excepted unless the rule suppresses them) become "suppressed", the others
// are rounded to the base; a share or a statistic over fewer people than the threshold is left
// out (null) because with so few people it describes them, not a group. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/eval/small_cells.h"

namespace tandem::node::eval {

inline constexpr char kSuppressed[] = "suppressed";

// True when a count of n people may be published (possibly rounded).
bool CountPublishable(std::int64_t n, const core::eval::SmallCellRule& rule);

// n rounded to the base (halves up), or "suppressed".
nlohmann::json DiscloseCount(std::int64_t n, const core::eval::SmallCellRule& rule);

// numerator / denominator to 4 decimals, or null when either count is not publishable or the
// denominator is 0.
nlohmann::json DiscloseShare(std::int64_t numerator, std::int64_t denominator,
                             const core::eval::SmallCellRule& rule);

// `value` when at least `threshold` people stand behind it (and at least one), else null.
nlohmann::json DiscloseStatistic(std::optional<double> value, std::int64_t people,
                                 const core::eval::SmallCellRule& rule);

// A published table cell: its rounded value, or "suppressed".
nlohmann::json DiscloseCell(const core::eval::PublishedCell& cell);

}  // namespace tandem::node::eval
