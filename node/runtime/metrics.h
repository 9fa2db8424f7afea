// The node's counters, gauges and latency histograms, rendered in the Prometheus text format
// for GET /metrics. Label values come only from closed sets (peer node ids, message kinds,
// error codes, HTTP statuses): never an identifier, a token or anything from a body.
//
// Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::node::runtime {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Metrics {
 public:
  // Declares a metric's help text (shown as # HELP); metrics are also usable undeclared.
  void Describe(std::string_view name, std::string_view help);

  void Increment(std::string_view name, const Labels& labels = {}, double by = 1);
  void Set(std::string_view name, double value, const Labels& labels = {});
  // Records one observation (seconds) in a histogram with fixed buckets from 100 us to 10 s.
  void Observe(std::string_view name, double seconds, const Labels& labels = {});

  // The value of a counter or gauge, 0 when never touched (for tests and the soak run).
  double Value(std::string_view name, const Labels& labels = {}) const;

  std::string RenderPrometheus() const;

 private:
  struct Histogram {
    std::vector<double> counts;  // per bucket, not cumulative
    double sum = 0;
    double count = 0;
  };
  struct Family {
    std::string help;
    std::string type;                             // counter, gauge, histogram
    std::map<std::string, double> values;         // rendered label set -> value
    std::map<std::string, Histogram> histograms;  // rendered label set -> histogram
  };
  Family& FamilyFor(std::string_view name, std::string_view type);

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
};

}  // namespace tandem::node::runtime
