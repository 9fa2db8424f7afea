// The evaluation report as JSON (docs/evaluation.md, "Report"): parameters, disclosure
// settings, every metric, the published count tables and the EMMIE headings (emmie.h). Every count
// goes through disclosed.h; no pseudonym, subject key or per-person figure is written. Pure;
// thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "node/eval/evaluation_report.h"

namespace tandem::node::eval {

inline constexpr char kReportFormat[] = "tandem-evaluation-report/1";

nlohmann::json ReportToJson(const EvaluationReport& report);

}  // namespace tandem::node::eval
