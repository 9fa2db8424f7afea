#include "node/runtime/metrics.h"

#include <gtest/gtest.h>

namespace tandem::node::runtime {
namespace {

TEST(MetricsTest, RendersCountersWithLabelsInPrometheusTextFormat) {
  Metrics metrics;
  metrics.Describe("tandem_requests_total", "Requests handled.");
  metrics.Increment("tandem_requests_total", {{"kind", "match-query"}, {"status", "200"}});
  metrics.Increment("tandem_requests_total", {{"kind", "match-query"}, {"status", "200"}});
  const std::string text = metrics.RenderPrometheus();
  EXPECT_NE(text.find("# HELP tandem_requests_total Requests handled.\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE tandem_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("tandem_requests_total{kind=\"match-query\",status=\"200\"} 2\n"),
            std::string::npos);
  EXPECT_EQ(metrics.Value("tandem_requests_total", {{"kind", "match-query"}, {"status", "200"}}),
            2);
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Metrics metrics;
  metrics.Observe("tandem_checkpoint_seconds", 0.0002);
  metrics.Observe("tandem_checkpoint_seconds", 0.003);
  metrics.Observe("tandem_checkpoint_seconds", 20);
  const std::string text = metrics.RenderPrometheus();
  EXPECT_NE(text.find("tandem_checkpoint_seconds_bucket{le=\"0.00025\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("tandem_checkpoint_seconds_bucket{le=\"0.005\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("tandem_checkpoint_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("tandem_checkpoint_seconds_count 3\n"), std::string::npos);
}

TEST(MetricsTest, EscapesLabelValues) {
  Metrics metrics;
  metrics.Set("tandem_peer_up", 1, {{"peer", "a\"b\\c"}});
  EXPECT_NE(metrics.RenderPrometheus().find(R"(tandem_peer_up{peer="a\"b\\c"} 1)"),
            std::string::npos);
}

}  // namespace
}  // namespace tandem::node::runtime
