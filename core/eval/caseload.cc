#include "core/eval/caseload.h"

#include <algorithm>
#include <map>

namespace tandem::core::eval {

Result<CaseloadReport> ComputeCaseloads(std::span<const Allocation> allocations,
                                        const CaseloadOptions& options) {
  if (options.max_cases == 0) {
    return Fail(Code::kInvalidArgument, "caseload: the maximum must be at least 1 case");
  }
  if (!(options.high_risk_share_limit >= 0.0 && options.high_risk_share_limit <= 1.0)) {
    return Fail(Code::kInvalidArgument, "caseload: the high-risk share limit must be in [0, 1]");
  }
  std::map<std::string, std::map<std::string, bool>> by_manager;
  for (const Allocation& a : allocations) {
    bool& high = by_manager[a.manager][a.subject];
    high = high || a.high_risk;
  }
  CaseloadReport out;
  std::size_t total = 0;
  for (const auto& [manager, subjects] : by_manager) {
    ManagerCaseload row;
    row.manager = manager;
    row.cases = subjects.size();
    for (const auto& [subject, high] : subjects) row.high_risk += high ? 1 : 0;
    row.high_risk_share = static_cast<double>(row.high_risk) / static_cast<double>(row.cases);
    row.over_maximum = row.cases > options.max_cases;
    row.high_risk_flagged = row.high_risk_share > options.high_risk_share_limit;
    out.over_maximum += row.over_maximum ? 1 : 0;
    out.high_risk_flagged += row.high_risk_flagged ? 1 : 0;
    out.max_observed = std::max(out.max_observed, row.cases);
    total += row.cases;
    out.managers.push_back(std::move(row));
  }
  if (!out.managers.empty()) {
    out.mean_cases = static_cast<double>(total) / static_cast<double>(out.managers.size());
  }
  return out;
}

}  // namespace tandem::core::eval
