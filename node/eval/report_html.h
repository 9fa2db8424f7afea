// The evaluation report as one self-contained HTML page: inline style and inline SVG plots
// (harm before and after adoption, rank against next-window harm, top-N retention over ranking
// runs), no script and no external resource, laid out by the report's EMMIE headings
// (emmie.h). It is drawn from the report's JSON (report_json.h), so the page shows exactly the
// figures that passed disclosure control and nothing else. Every text is escaped. Pure;
// thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tandem::node::eval {

// `report` is what ReportToJson returned, with "node" and "created" when it is released.
std::string RenderReportHtml(const nlohmann::json& report);

}  // namespace tandem::node::eval
