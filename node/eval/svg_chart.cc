#include "node/eval/svg_chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "node/panel/render_html.h"

namespace tandem::node::eval {
namespace {

using panel::EscapeHtml;

constexpr double kWidth = 640;
constexpr double kHeight = 320;
constexpr double kLeft = 64;
constexpr double kRight = 150;  // room for the legend
constexpr double kTop = 36;
constexpr double kBottom = 56;
constexpr std::array<std::string_view, 6> kColours = {"#1f5f8b", "#d9822b", "#3a8a4f",
                                                      "#8e44ad", "#c0392b", "#7f8c8d"};

std::string Num(double value) {
  std::array<char, 32> buffer{};
  (void)std::snprintf(buffer.data(), buffer.size(), "%.1f", value);
  return buffer.data();
}

std::string Tick(double value) {
  std::array<char, 32> buffer{};
  if (std::fabs(value) >= 100 || value == std::floor(value)) {
    (void)std::snprintf(buffer.data(), buffer.size(), "%.0f", value);
  } else {
    (void)std::snprintf(buffer.data(), buffer.size(), "%.2g", value);
  }
  return buffer.data();
}

double MaxOf(std::span<const ChartSeries> series) {
  double top = 0;
  for (const ChartSeries& s : series) {
    for (const double v : s.values) {
      if (std::isfinite(v)) top = std::max(top, v);
    }
  }
  return top > 0 ? top : 1;
}

std::string Frame(const ChartText& text, double y_max, std::span<const std::string> categories,
                  double slot, bool centred) {
  std::string out = R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" + Num(kWidth) +
                    "\" height=\"" + Num(kHeight) + "\" viewBox=\"0 0 " + Num(kWidth) + " " +
                    Num(kHeight) + R"(" role="img" aria-label=")" + EscapeHtml(text.title) +
                    R"(" font-family="sans-serif" font-size="11">)";
  out += "<title>" + EscapeHtml(text.title) + "</title>";
  out += "<text x=\"" + Num(kWidth / 2) + R"(" y="18" text-anchor="middle" font-size="13">)" +
         EscapeHtml(text.title) + "</text>";
  const double plot_h = kHeight - kTop - kBottom;
  const double plot_w = kWidth - kLeft - kRight;
  for (int i = 0; i <= 4; ++i) {
    const double y = kTop + plot_h - plot_h * i / 4.0;
    out += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(kLeft + plot_w) +
           "\" y2=\"" + Num(y) + R"(" stroke="#ddd"/>)";
    out += "<text x=\"" + Num(kLeft - 6) + "\" y=\"" + Num(y + 4) + R"(" text-anchor="end">)" +
           Tick(y_max * i / 4.0) + "</text>";
  }
  out += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop) + "\" x2=\"" + Num(kLeft) +
         "\" y2=\"" + Num(kTop + plot_h) + R"(" stroke="#333"/>)";
  out += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop + plot_h) + "\" x2=\"" +
         Num(kLeft + plot_w) + "\" y2=\"" + Num(kTop + plot_h) + R"(" stroke="#333"/>)";
  // Label every category when they fit, otherwise about ten of them.
  const std::size_t step = std::max<std::size_t>(1, (categories.size() + 9) / 10);
  for (std::size_t i = 0; i < categories.size(); i += step) {
    const double x = kLeft + slot * static_cast<double>(i) + (centred ? slot / 2 : 0);
    out += "<text x=\"" + Num(x) + "\" y=\"" + Num(kTop + plot_h + 16) +
           R"(" text-anchor="middle">)" + EscapeHtml(categories[i]) + "</text>";
  }
  out += "<text x=\"" + Num(kLeft + plot_w / 2) + "\" y=\"" + Num(kHeight - 10) +
         R"(" text-anchor="middle">)" + EscapeHtml(text.x_label) + "</text>";
  out += "<text transform=\"translate(14 " + Num(kTop + plot_h / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + EscapeHtml(text.y_label) + "</text>";
  return out;
}

std::string Legend(std::span<const ChartSeries> series) {
  std::string out;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const double y = kTop + 16.0 * static_cast<double>(i);
    const double x = kWidth - kRight + 12;
    out += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + R"(" width="10" height="10" fill=")" +
           std::string(kColours[i % kColours.size()]) + "\"/>";
    out += "<text x=\"" + Num(x + 14) + "\" y=\"" + Num(y + 9) + "\">" +
           EscapeHtml(series[i].name) + "</text>";
  }
  return out;
}

}  // namespace

std::string SvgBarChart(const ChartText& text, std::span<const std::string> categories,
                        std::span<const ChartSeries> series) {
  const double y_max = MaxOf(series) * 1.1;
  const double plot_w = kWidth - kLeft - kRight;
  const double plot_h = kHeight - kTop - kBottom;
  const double slot = categories.empty() ? plot_w : plot_w / static_cast<double>(categories.size());
  std::string out = Frame(text, y_max, categories, slot, true);
  const double bar = slot * 0.8 / static_cast<double>(std::max<std::size_t>(1, series.size()));
  for (std::size_t s = 0; s < series.size(); ++s) {
    for (std::size_t c = 0; c < categories.size() && c < series[s].values.size(); ++c) {
      const double v = series[s].values[c];
      const double x =
          kLeft + slot * static_cast<double>(c) + slot * 0.1 + bar * static_cast<double>(s);
      if (!std::isfinite(v)) {
        out += "<text x=\"" + Num(x + bar / 2) + "\" y=\"" + Num(kTop + plot_h - 4) +
               R"(" text-anchor="middle" fill="#999">n/a</text>)";
        continue;
      }
      const double h = plot_h * v / y_max;
      out += "<rect x=\"" + Num(x) + "\" y=\"" + Num(kTop + plot_h - h) + "\" width=\"" + Num(bar) +
             "\" height=\"" + Num(h) + "\" fill=\"" + std::string(kColours[s % kColours.size()]) +
             "\"><title>" + EscapeHtml(series[s].name + ", " + categories[c] + ": " + Tick(v)) +
             "</title></rect>";
    }
  }
  return out + Legend(series) + "</svg>";
}

std::string SvgLineChart(const ChartText& text, std::span<const std::string> categories,
                         std::span<const ChartSeries> series, std::optional<double> y_max) {
  const double top = y_max.value_or(MaxOf(series) * 1.1);
  const double plot_w = kWidth - kLeft - kRight;
  const double plot_h = kHeight - kTop - kBottom;
  const double slot =
      categories.size() <= 1 ? plot_w : plot_w / static_cast<double>(categories.size() - 1);
  std::string out = Frame(text, top, categories, slot, false);
  for (std::size_t s = 0; s < series.size(); ++s) {
    const std::string colour(kColours[s % kColours.size()]);
    std::string points;
    for (std::size_t c = 0; c < categories.size() && c < series[s].values.size(); ++c) {
      const double v = series[s].values[c];
      if (!std::isfinite(v)) continue;
      const double x = kLeft + slot * static_cast<double>(c);
      const double y = kTop + plot_h - plot_h * std::min(v, top) / top;
      points += Num(x) + "," + Num(y) + " ";
      out +=
          "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + R"(" r="2.5" fill=")" + colour + "\"/>";
    }
    out.append(R"(<polyline fill="none" stroke=")")
        .append(colour)
        .append(R"(" stroke-width="1.5" points=")")
        .append(points)
        .append("\"/>");
  }
  return out + Legend(series) + "</svg>";
}

}  // namespace tandem::node::eval
