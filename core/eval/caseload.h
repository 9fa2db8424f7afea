// Caseload per offender manager against the maximum (domain.md: at most 50 cases, and more
// than 30% high-risk cases in one caseload is flagged). Pure function; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace tandem::core::eval {

struct Allocation {
  std::string manager;  // a pseudonymous manager key, never a name
  std::string subject;
  bool high_risk = false;
};

struct CaseloadOptions {
  std::size_t max_cases = 50;
  double high_risk_share_limit = 0.30;  // flagged when the share is strictly above
};

struct ManagerCaseload {
  std::string manager;
  std::size_t cases = 0;  // distinct subjects
  std::size_t high_risk = 0;
  double high_risk_share = 0.0;
  bool over_maximum = false;       // cases > max_cases
  bool high_risk_flagged = false;  // high_risk_share > high_risk_share_limit
};

struct CaseloadReport {
  std::vector<ManagerCaseload> managers;  // by manager key
  std::size_t over_maximum = 0;
  std::size_t high_risk_flagged = 0;
  double mean_cases = 0.0;
  std::size_t max_observed = 0;
};

// A subject allocated twice to one manager counts once (high risk if either row says so).
// Success: the report. kInvalidArgument when max_cases is 0 or the share limit is outside
// [0, 1].
Result<CaseloadReport> ComputeCaseloads(std::span<const Allocation> allocations,
                                        const CaseloadOptions& options = {});

}  // namespace tandem::core::eval
