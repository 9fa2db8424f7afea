// The report's EMMIE headings (docs/evaluation.md, "EMMIE headings"): Effect, Mechanism,
// Moderators, Implementation and Economic cost, the framework the College of Policing's crime
// reduction toolkit rates evidence by. Each heading asks its question of the report and names
// the report's sections (top-level members), single figures (JSON pointers into the report)
// and count tables (by id) that answer it, and says what the data cannot show. The table below
// is the one place this mapping lives; the HTML report is laid out by it. Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string_view>

namespace tandem::node::eval {

struct EmmieHeading {
  std::string_view heading;
  std::string_view question;
  std::span<const std::string_view> sections;  // members of the report, rendered whole
  std::span<const std::string_view> figures;   // JSON pointers to single figures
  std::span<const std::string_view> tables;    // ids of the report's count tables
  std::string_view limits;                     // what the data cannot show
};

std::span<const EmmieHeading> EmmieHeadings();

// The headings as the report's "emmie" member: [{"heading", "question", "sections",
// "figures", "tables", "limits"}, ...].
nlohmann::json EmmieToJson();

}  // namespace tandem::node::eval
