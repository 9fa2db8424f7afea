// Triage and the ranking algorithm over the synthetic partnership's police occurrences: every
// row scores without error, explanations add up and name the person's own incidents, and the
// selection is selective.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

#include "core/panel/ranking.h"
#include "core/panel/triage.h"
#include "tests/core/synth_test_support.h"

namespace tandem::core::panel {
namespace {

Date ParseIso(const std::string& text) {
  int y = 0, m = 0, d = 0;
  EXPECT_EQ(std::sscanf(text.c_str(), "%d-%d-%d", &y, &m, &d), 3) << text;
  Result<Date> date = Date::FromYmd(y, m, d);
  EXPECT_TRUE(date.has_value()) << text;
  return date ? *date : Date::FromDaysSinceEpoch(0);
}

// police_occurrences.csv grouped by nominal.
std::map<std::string, std::vector<Occurrence>> OccurrencesByNominal() {
  using synth::testing::TestRows;
  const auto& rows = TestRows(synth::OutputFile::kPoliceOccurrences);
  EXPECT_EQ(rows.at(0).at(0), "occurrence_id");
  std::map<std::string, std::vector<Occurrence>> by_nominal;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    Occurrence o;
    o.id = r.at(0);
    o.role = ParseRole(r.at(2)).value_or(Role::kWitness);
    EXPECT_TRUE(ParseRole(r.at(2)).has_value()) << r.at(2);
    o.offence_code = r.at(3);
    o.committed_on = ParseIso(r.at(4));
    o.reported_on = ParseIso(r.at(5));
    o.domestic_abuse = r.at(6) == "Y";
    o.victim_ref = r.at(7);
    o.outcome = ParseOutcome(r.at(8)).value_or(Outcome::kNfa);
    EXPECT_TRUE(ParseOutcome(r.at(8)).has_value()) << r.at(8);
    by_nominal[r.at(1)].push_back(std::move(o));
  }
  return by_nominal;
}

TEST(SyntheticPartnershipTest, TriageScoresEveryNominalWithExplanationsThatAddUp) {
  const auto by_nominal = OccurrencesByNominal();
  ASSERT_GT(by_nominal.size(), 100u);
  const Date today = synth::DefaultReferenceDate();
  const TriageConfig config;
  std::size_t forward = 0, by_score = 0, with_da = 0;
  std::map<std::string, std::size_t> by_rule;
  for (const auto& [nominal, occurrences] : by_nominal) {
    Result<TriageAssessment> t = Triage(occurrences, today, config);
    ASSERT_TRUE(t.has_value()) << nominal << ": " << t.error().message;
    const RfgvScore& s = t->score;
    EXPECT_EQ(s.total, s.recency + s.frequency + s.gravity + s.victims);
    std::set<std::string> own;
    for (const Occurrence& o : occurrences) own.insert(o.id);
    for (const RfgvLine& line : s.explanation) {
      for (const std::string& id : line.occurrence_ids) EXPECT_TRUE(own.count(id)) << id;
    }
    if (!s.counted_occurrence_ids.empty()) ++with_da;
    if (t->put_forward) ++forward;
    if (s.above_threshold) ++by_score;
    for (const IndicatorHit& hit : t->indicators) ++by_rule[hit.rule_id];
  }
  std::printf("nominals %zu, with DA in window %zu, put forward %zu (by score %zu)\n",
              by_nominal.size(), with_da, forward, by_score);
  for (const auto& [rule, n] : by_rule) std::printf("  %s: %zu\n", rule.c_str(), n);
  // Selective: some put forward, fewer than the people with recent domestic abuse, and
  // indicators bring in people the score alone would not.
  EXPECT_GT(forward, 0u);
  EXPECT_LT(forward, with_da);
  EXPECT_GT(forward, by_score);
  for (const IndicatorRule& rule : config.indicators) {
    EXPECT_GT(by_rule[rule.id], 0u) << rule.id << " never fires on the synthetic data";
  }
}

TEST(SyntheticPartnershipTest, RankingPutsHighHarmPeopleAtTheTop) {
  const auto by_nominal = OccurrencesByNominal();
  std::vector<RankingInput> people;
  for (const auto& [nominal, occurrences] : by_nominal) {
    people.push_back({nominal, occurrences, std::nullopt});
  }
  Result<RankingRun> run = RunRanking("synthetic", synth::DefaultReferenceDate(),
                                      RankingParameters{}, people, OffenceTable::Approximate());
  ASSERT_TRUE(run.has_value()) << run.error().message;
  ASSERT_GT(run->entries.size(), 100u);
  auto high_share = [&](std::size_t from, std::size_t to) {
    std::size_t high = 0;
    for (std::size_t i = from; i < to; ++i) high += run->entries[i].high_harm ? 1 : 0;
    return static_cast<double>(high) / static_cast<double>(to - from);
  };
  const std::size_t n = run->entries.size();
  std::printf("ranked %zu; high harm share top 50 %.2f, bottom half %.2f\n", n, high_share(0, 50),
              high_share(n / 2, n));
  EXPECT_EQ(high_share(0, 50), 1.0);
  EXPECT_GT(high_share(0, 50), high_share(n / 2, n));
  EXPECT_TRUE(std::is_sorted(
      run->entries.begin(), run->entries.end(),
      [](const RankedEntry& a, const RankedEntry& b) { return a.priority > b.priority; }));
}

}  // namespace
}  // namespace tandem::core::panel
