// Small inline SVG charts for the evaluation report: grouped bars and lines over labelled
// categories, drawn from numbers already through disclosure control. The output is a complete
// <svg> element with inline attributes only (no script, no external reference); every label is
// escaped. A value that is NaN is drawn as missing. Pure; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::node::eval {

struct ChartSeries {
  std::string name;
  std::vector<double> values;  // one per category; NaN = not published
};

struct ChartText {
  std::string title;
  std::string x_label;
  std::string y_label;
};

// Bars grouped by category, one bar per series.
std::string SvgBarChart(const ChartText& text, std::span<const std::string> categories,
                        std::span<const ChartSeries> series);

// One polyline per series over the categories; y runs from 0 to y_max (or the largest value).
std::string SvgLineChart(const ChartText& text, std::span<const std::string> categories,
                         std::span<const ChartSeries> series,
                         std::optional<double> y_max = std::nullopt);

}  // namespace tandem::node::eval
