#include "node/runtime/metrics.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace tandem::node::runtime {
namespace {

constexpr std::array<double, 12> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                             0.01,   0.025,   0.05,   0.1,   1.0,    10.0};

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string RenderLabels(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ",";
    out += labels[i].first + "=\"" + EscapeLabelValue(labels[i].second) + "\"";
  }
  return out + "}";
}

// Adds `le` to an already rendered label set.
std::string WithBucket(const std::string& rendered, std::string_view le) {
  const std::string bucket = "le=\"" + std::string(le) + "\"";
  if (rendered.empty()) return "{" + bucket + "}";
  return rendered.substr(0, rendered.size() - 1) + "," + bucket + "}";
}

// Shortest form that reads back as the same double (bucket bounds print as 0.00025, not
// 0.00025000000000000001).
std::string Number(double value) {
  std::array<char, 32> text{};
  for (int precision = 6; precision <= 17; ++precision) {
    (void)std::snprintf(text.data(), text.size(), "%.*g", precision, value);
    if (std::strtod(text.data(), nullptr) == value) break;
  }
  return text.data();
}

// One sample line of the text format: the name and its suffix, the labels, the value.
void AppendSample(std::string& out, std::string_view name, std::string_view suffix,
                  std::string_view labels, double value) {
  out.append(name).append(suffix).append(labels).append(" ").append(Number(value)).append("\n");
}

}  // namespace

Metrics::Family& Metrics::FamilyFor(std::string_view name, std::string_view type) {
  auto it = families_.find(name);
  if (it == families_.end()) it = families_.emplace(std::string(name), Family{}).first;
  if (it->second.type.empty()) it->second.type = type;
  return it->second;
}

void Metrics::Describe(std::string_view name, std::string_view help) {
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it == families_.end()) it = families_.emplace(std::string(name), Family{}).first;
  it->second.help = help;
}

void Metrics::Increment(std::string_view name, const Labels& labels, double by) {
  std::lock_guard lock(mutex_);
  FamilyFor(name, "counter").values[RenderLabels(labels)] += by;
}

void Metrics::Set(std::string_view name, double value, const Labels& labels) {
  std::lock_guard lock(mutex_);
  FamilyFor(name, "gauge").values[RenderLabels(labels)] = value;
}

void Metrics::Observe(std::string_view name, double seconds, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Histogram& histogram = FamilyFor(name, "histogram").histograms[RenderLabels(labels)];
  if (histogram.counts.empty()) histogram.counts.assign(kBuckets.size(), 0);
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      histogram.counts[i] += 1;
      break;
    }
  }
  histogram.sum += seconds;
  histogram.count += 1;
}

double Metrics::Value(std::string_view name, const Labels& labels) const {
  std::lock_guard lock(mutex_);
  const auto family = families_.find(name);
  if (family == families_.end()) return 0;
  const auto value = family->second.values.find(RenderLabels(labels));
  return value == family->second.values.end() ? 0 : value->second;
}

std::string Metrics::RenderPrometheus() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) {
    if (family.type.empty()) continue;  // described but never used
    if (!family.help.empty()) out += "# HELP " + name + " " + family.help + "\n";
    out += "# TYPE " + name + " " + family.type + "\n";
    for (const auto& [labels, value] : family.values) AppendSample(out, name, "", labels, value);
    for (const auto& [labels, histogram] : family.histograms) {
      double cumulative = 0;
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += histogram.counts[i];
        AppendSample(out, name, "_bucket", WithBucket(labels, Number(kBuckets[i])), cumulative);
      }
      AppendSample(out, name, "_bucket", WithBucket(labels, "+Inf"), histogram.count);
      AppendSample(out, name, "_sum", labels, histogram.sum);
      AppendSample(out, name, "_count", labels, histogram.count);
    }
  }
  return out;
}

}  // namespace tandem::node::runtime
