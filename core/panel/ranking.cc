#include "core/panel/ranking.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/panel/harm.h"
#include "core/panel/months.h"

namespace tandem::core::panel {

std::string_view RiskSourceName(RiskSource source) {
  return source == RiskSource::kOgrs3 ? "ogrs3" : "copas-proxy";
}

Status ValidateRankingParameters(const RankingParameters& p) {
  if (p.harm_window_months < 1 || p.harm_window_months > 120) {
    return Fail(Code::kInvalidArgument, "ranking harm window of " +
                                            std::to_string(p.harm_window_months) +
                                            " months is outside 1-120");
  }
  if (!(p.high_harm_factor >= 1.0 && p.high_harm_factor <= 10.0)) {
    return Fail(Code::kInvalidArgument, "ranking high harm factor must be between 1 and 10");
  }
  if (!(p.domestic_abuse_weight >= 1.0 && p.domestic_abuse_weight <= 10.0)) {
    return Fail(Code::kInvalidArgument, "ranking domestic abuse weight must be between 1 and 10");
  }
  return Ok();
}

Result<RankingRun> RunRanking(std::string run_id, const Date& run_on,
                              const RankingParameters& parameters,
                              std::span<const RankingInput> people, const OffenceTable& offences) {
  if (run_id.empty()) return Fail(Code::kInvalidArgument, "a ranking run needs an id");
  if (Status s = ValidateRankingParameters(parameters); !s) return tl::unexpected(s.error());
  const Date from = MonthsBefore(run_on, parameters.harm_window_months);
  RankingRun run{std::move(run_id), run_on, parameters, {}};
  std::set<std::string> seen;
  for (const RankingInput& person : people) {
    if (person.subject.empty()) {
      return Fail(Code::kInvalidArgument, "a ranking input has an empty subject key");
    }
    if (!seen.insert(person.subject).second) {
      return Fail(Code::kInvalidArgument,
                  "subject " + person.subject + " appears twice in the ranking input");
    }
    if (person.ogrs3_2yr_percent &&
        (*person.ogrs3_2yr_percent < 0 || *person.ogrs3_2yr_percent > 99)) {
      return Fail(Code::kInvalidArgument, "subject " + person.subject + ": OGRS3 " +
                                              std::to_string(*person.ogrs3_2yr_percent) +
                                              "% is outside 0-99");
    }
    Result<WindowHarm> harm =
        HarmInWindow(person.occurrences, from, run_on, offences, parameters.domestic_abuse_weight);
    if (!harm) {
      return Fail(Code::kInvalidArgument,
                  "subject " + person.subject + ": " + harm.error().message);
    }
    if (harm->cchi_days <= 0) continue;
    RankedEntry entry;
    entry.subject = person.subject;
    entry.harm_cchi_days = harm->cchi_days;
    entry.harm_adjusted = harm->adjusted;
    entry.harm_component = std::log1p(harm->adjusted);
    entry.copas = ComputeCopas(person.occurrences, run_on);
    if (person.ogrs3_2yr_percent) {
      entry.risk = *person.ogrs3_2yr_percent / 100.0;
      entry.risk_source = RiskSource::kOgrs3;
    } else {
      entry.risk = CopasRiskProxy(entry.copas);
      entry.risk_source = RiskSource::kCopasProxy;
    }
    entry.high_harm = harm->high_harm;
    entry.high_harm_ids = harm->high_harm_ids;
    entry.priority =
        entry.risk * entry.harm_component * (entry.high_harm ? parameters.high_harm_factor : 1.0);
    run.entries.push_back(std::move(entry));
  }
  std::sort(run.entries.begin(), run.entries.end(), [](const RankedEntry& a, const RankedEntry& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.harm_cchi_days != b.harm_cchi_days) return a.harm_cchi_days > b.harm_cchi_days;
    return a.subject < b.subject;
  });
  for (std::size_t i = 0; i < run.entries.size(); ++i) run.entries[i].rank = i + 1;
  return run;
}

std::vector<std::string> TopN(const RankingRun& run, std::size_t n) {
  std::vector<std::string> top;
  for (std::size_t i = 0; i < run.entries.size() && i < n; ++i) {
    top.push_back(run.entries[i].subject);
  }
  return top;
}

Status RankingHistory::Add(RankingRun run) {
  if (Find(run.id) != nullptr) {
    return Fail(Code::kInvalidArgument, "ranking run '" + run.id + "' is already kept");
  }
  if (!runs_.empty() && run.run_on < runs_.back().run_on) {
    return Fail(Code::kInvalidArgument, "ranking run '" + run.id + "' of " + run.run_on.ToIso() +
                                            " is dated before the last kept run of " +
                                            runs_.back().run_on.ToIso());
  }
  runs_.push_back(std::move(run));
  return Ok();
}

const RankingRun* RankingHistory::Find(std::string_view id) const {
  for (const RankingRun& run : runs_) {
    if (run.id == id) return &run;
  }
  return nullptr;
}

}  // namespace tandem::core::panel
