#include "node/eval/report_html.h"

#include <array>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

#include "node/eval/svg_chart.h"
#include "node/panel/render_html.h"

namespace tandem::node::eval {
namespace {

using nlohmann::json;
using panel::EscapeHtml;

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

double Number(const json& value) { return value.is_number() ? value.get<double>() : kMissing; }

std::string Scalar(const json& value) {
  if (value.is_null()) return "<span class=\"na\">not published</span>";
  if (value.is_string()) {
    const auto text = value.get<std::string>();
    if (text == "suppressed") return "<span class=\"na\">suppressed</span>";
    return EscapeHtml(text);
  }
  return EscapeHtml(value.dump());
}

std::string Label(std::string_view key) {
  std::string out(key);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return EscapeHtml(out);
}

// A JSON value as nested tables: objects as two columns, arrays of objects as rows.
std::string Render(const json& value);

std::string RenderObject(const json& object) {
  std::string out = "<table class=\"kv\">";
  for (const auto& [key, item] : object.items()) {
    out += "<tr><th>" + Label(key) + "</th><td>" + Render(item) + "</td></tr>";
  }
  return out + "</table>";
}

std::string RenderArray(const json& array) {
  if (array.empty()) return "<span class=\"na\">none</span>";
  if (!array.front().is_object()) {
    std::string out;
    for (const json& item : array) out += (out.empty() ? "" : ", ") + Render(item);
    return out;
  }
  std::vector<std::string> columns;
  for (const auto& [key, item] : array.front().items()) columns.push_back(key);
  std::string out = "<table class=\"rows\"><tr>";
  for (const std::string& column : columns) out += "<th>" + Label(column) + "</th>";
  out += "</tr>";
  for (const json& row : array) {
    out += "<tr>";
    for (const std::string& column : columns) {
      out += "<td>" + (row.contains(column) ? Render(row[column]) : std::string()) + "</td>";
    }
    out += "</tr>";
  }
  return out + "</table>";
}

std::string Render(const json& value) {
  if (value.is_object()) return RenderObject(value);
  if (value.is_array()) return RenderArray(value);
  return Scalar(value);
}

std::string CountTable(const json& table) {
  std::string out = "<h3>" + EscapeHtml(table.value("title", "")) + "</h3><table class=\"rows\">";
  out += "<tr><th></th>";
  for (const json& column : table["columns"]) out += "<th>" + Scalar(column) + "</th>";
  out += "</tr>";
  const json& rows = table["rows"];
  const json& cells = table["cells"];
  for (std::size_t r = 0; r < rows.size() && r < cells.size(); ++r) {
    out += "<tr><th>" + Scalar(rows[r]) + "</th>";
    for (const json& cell : cells[r]) out += "<td class=\"num\">" + Scalar(cell) + "</td>";
    out += "</tr>";
  }
  out += "</table><p class=\"note\">Cells suppressed: " + Scalar(table["primary_suppressed"]) +
         " under the threshold, " + Scalar(table["secondary_suppressed"]) +
         " so that none can be worked out from the totals.</p>";
  return out;
}

std::string HarmPlot(const json& plot) {
  const std::vector<std::string> categories = {"before adoption", "after adoption"};
  const std::array<ChartSeries, 2> series = {{
      {"mean", {Number(plot["mean_before"]), Number(plot["mean_after"])}},
      {"median", {Number(plot["median_before"]), Number(plot["median_after"])}},
  }};
  return SvgBarChart(
      {"CCHI harm per person before and after adoption", "window", "CCHI days per person"},
      categories, series);
}

std::string RankPlot(const json& plot) {
  std::vector<std::string> categories;
  ChartSeries harm{"mean harm", {}};
  for (const json& bin : plot["bins"]) {
    categories.push_back(std::to_string(bin.value("first", 0)) + "-" +
                         std::to_string(bin.value("last", 0)));
    harm.values.push_back(Number(bin["mean_harm"]));
  }
  const std::array<ChartSeries, 1> series = {harm};
  return SvgLineChart(
      {"Rank against harm in the next window", "rank (1 = top of the list)", "mean CCHI days"},
      categories, series);
}

std::string RetentionPlot(const json& retention) {
  std::vector<std::string> categories;
  for (const json& run : retention["runs"]) categories.push_back(run.value("run_on", ""));
  std::vector<ChartSeries> series;
  for (const json& s : retention["series"]) {
    ChartSeries line{"top " + std::to_string(s.value("top", 0)), {}};
    for (const json& point : s["points"]) line.values.push_back(Number(point["share"]));
    series.push_back(std::move(line));
  }
  return SvgLineChart(
      {"Top-N retention over ranking runs", "ranking run", "share of the first run's top N"},
      categories, series, 1.0);
}

constexpr std::string_view kStyle =
    "body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}"
    "h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}"
    "h3{font-size:1em}table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
    "table.kv>tbody>tr>th,table.kv>tr>th{background:#f4f4f4;font-weight:normal}"
    "td.num{text-align:right}.na{color:#888;font-style:italic}.note{color:#555;font-size:.9em}"
    "figure{margin:1em 0}";

// Titles of the report's sections, as the EMMIE headings place them (node/eval/emmie.h).
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kSectionTitles = {{
    {"cohort", "Cohort"},
    {"harm_change", "Offending and harm before and after adoption"},
    {"interventions", "Interventions and civil measures"},
    {"reoffending_after_completion", "Reoffending after completed interventions"},
    {"referrals", "Referrals and decisions"},
    {"algorithm_validation", "Ranking validation"},
    {"retention", "Top-N retention"},
    {"caseload", "Caseload per offender manager"},
}};

std::string SectionTitle(const std::string& key) {
  for (const auto& [section, title] : kSectionTitles) {
    if (section == key) return EscapeHtml(title);
  }
  return Label(key);
}

// The figure a JSON pointer names, labelled by its last member.
std::string Figure(const json& report, const std::string& pointer) {
  const json::json_pointer at(pointer);
  const json value = report.contains(at) ? report.at(at) : json();
  return "<tr><th>" + Label(pointer.substr(pointer.rfind('/') + 1)) + "</th><td>" + Scalar(value) +
         "</td></tr>";
}

std::string Heading(const json& report, const json& heading) {
  std::string out = "<h2>" + EscapeHtml(heading.value("heading", "")) + "</h2><p><em>" +
                    EscapeHtml(heading.value("question", "")) + "</em></p>";
  for (const json& section : heading["sections"]) {
    const std::string key = section.get<std::string>();
    out += "<h3>" + SectionTitle(key) + "</h3>" + Render(report.value(key, json()));
  }
  if (!heading["figures"].empty()) {
    out += "<table class=\"kv\">";
    for (const json& figure : heading["figures"]) out += Figure(report, figure.get<std::string>());
    out += "</table>";
  }
  for (const json& id : heading["tables"]) {
    for (const json& table : report["tables"]) {
      if (table.value("id", "") == id) out += CountTable(table);
    }
  }
  return out +
         "<p class=\"note\">What this cannot show: " + EscapeHtml(heading.value("limits", "")) +
         "</p>";
}

}  // namespace

std::string RenderReportHtml(const json& report) {
  const std::string id = report.value("evaluation_id", "");
  std::string out =
      R"(<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Evaluation )" +
      EscapeHtml(id) + "</title><style>" + std::string(kStyle) + "</style></head><body>";
  out += "<h1>Evaluation " + EscapeHtml(id) + "</h1>";
  out += "<p>Agreement " + Scalar(report["isa"]["id"]) + " version " +
         Scalar(report["isa"]["version"]) +
         ". Counts under the small-cell threshold are suppressed, the others rounded; figures "
         "over fewer people than the threshold are not published.</p>";
  if (report.contains("node")) {
    out += "<p>Released by node " + Scalar(report["node"]) + " at " + Scalar(report["created"]) +
           ". The report's JSON carries the node's signature: check it with <code>tandem eval "
           "verify-report</code>.</p>";
  }
  out += "<h2>Parameters</h2>" + Render(report["parameters"]);
  out += "<h2>Disclosure control</h2>" + Render(report["disclosure"]);
  const json& plots = report["plots"];
  out += "<h2>Plots</h2>";
  out += "<figure>" + HarmPlot(plots["harm_before_after"]) + "</figure>";
  if (!plots["rank_vs_harm"]["bins"].empty()) {
    out += "<figure>" + RankPlot(plots["rank_vs_harm"]) + "</figure>";
  }
  if (!report["retention"]["series"].empty()) {
    out += "<figure>" + RetentionPlot(report["retention"]) + "</figure>";
  }
  out += "<h2>" + SectionTitle("cohort") + "</h2>" + Render(report["cohort"]);
  for (const json& heading : report["emmie"]) out += Heading(report, heading);
  return out + "</body></html>\n";
}

}  // namespace tandem::node::eval
