#include "core/panel/indicators.h"

#include <algorithm>
#include <optional>
#include <set>

#include "core/offences.h"
#include "core/panel/months.h"

namespace tandem::core::panel {
namespace {

struct Period {
  int count = 0;
  int worst_cchi = 0;
  std::vector<std::string> ids;
};

std::string Describe(const Occurrence& o) {
  return o.id + " " + o.offence_code + " on " + o.committed_on.ToIso();
}

bool Counts(const IndicatorRule& rule, const Occurrence& o) {
  return IsAccused(o) && (!rule.domestic_only || o.domestic_abuse);
}

std::optional<IndicatorHit> OffenceInWindow(const IndicatorRule& rule,
                                            std::span<const Occurrence> occurrences,
                                            const Date& ref) {
  const Date from = MonthsBefore(ref, rule.window_months);
  IndicatorHit hit{rule.id, rule.reason, "", {}};
  for (const Occurrence& o : occurrences) {
    if (!Counts(rule, o) || !InWindow(o.committed_on, from, ref)) continue;
    if (std::find(rule.offence_codes.begin(), rule.offence_codes.end(), o.offence_code) ==
        rule.offence_codes.end()) {
      continue;
    }
    hit.occurrence_ids.push_back(o.id);
    hit.detail += (hit.detail.empty() ? "" : "; ") + Describe(o);
  }
  if (static_cast<int>(hit.occurrence_ids.size()) < rule.min_count) return std::nullopt;
  return hit;
}

std::optional<IndicatorHit> Escalation(const IndicatorRule& rule,
                                       std::span<const Occurrence> occurrences, const Date& ref,
                                       const OffenceTable& offences) {
  const Date middle = MonthsBefore(ref, rule.period_months);
  const Date start = MonthsBefore(ref, 2 * rule.period_months);
  Period recent;
  Period previous;
  for (const Occurrence& o : occurrences) {
    if (!Counts(rule, o)) continue;
    Period* period = InWindow(o.committed_on, middle, ref)     ? &recent
                     : InWindow(o.committed_on, start, middle) ? &previous
                                                               : nullptr;
    if (period == nullptr) continue;
    const Offence* offence = offences.Find(o.offence_code);  // checked by EvaluateIndicators
    ++period->count;
    period->worst_cchi = std::max(period->worst_cchi, offence ? offence->cchi_days : 0);
    period->ids.push_back(o.id);
  }
  const bool more = recent.count >= rule.min_count && recent.count > previous.count;
  const bool graver = previous.count > 0 && recent.worst_cchi > previous.worst_cchi;
  if (!more && !graver) return std::nullopt;
  const std::string p = std::to_string(rule.period_months);
  std::string detail;
  if (more) {
    detail = std::to_string(recent.count) + " incident(s) in the last " + p + " months against " +
             std::to_string(previous.count) + " in the " + p + " months before";
  }
  if (graver) {
    detail += std::string(detail.empty() ? "" : "; ") + "gravest incident of the last " + p +
              " months " + std::to_string(recent.worst_cchi) + " CCHI days against " +
              std::to_string(previous.worst_cchi) + " before";
  }
  std::vector<std::string> ids = previous.ids;
  ids.insert(ids.end(), recent.ids.begin(), recent.ids.end());
  return IndicatorHit{rule.id, rule.reason, detail, ids};
}

std::optional<IndicatorHit> DistinctVictims(const IndicatorRule& rule,
                                            std::span<const Occurrence> occurrences,
                                            const Date& ref) {
  const Date from = MonthsBefore(ref, rule.window_months);
  std::set<std::string> victims;
  IndicatorHit hit{rule.id, rule.reason, "", {}};
  for (const Occurrence& o : occurrences) {
    if (!Counts(rule, o) || !InWindow(o.committed_on, from, ref) || o.victim_ref.empty()) {
      continue;
    }
    if (victims.insert(o.victim_ref).second) hit.occurrence_ids.push_back(o.id);
  }
  if (static_cast<int>(victims.size()) < rule.min_count) return std::nullopt;
  hit.detail = std::to_string(victims.size()) + " distinct victims in the last " +
               std::to_string(rule.window_months) + " months";
  return hit;
}

}  // namespace

std::vector<IndicatorRule> DefaultIndicatorRules() {
  return {
      {"stalking",
       "stalking in the last 24 months",
       IndicatorKind::kOffenceInWindow,
       {"STALKING"},
       false,
       24,
       6,
       1},
      {"coercive-control",
       "controlling or coercive behaviour in the last 24 months",
       IndicatorKind::kOffenceInWindow,
       {"CONTROLLING_COERCIVE"},
       false,
       24,
       6,
       1},
      {"strangulation",
       "non-fatal strangulation in the last 24 months",
       IndicatorKind::kOffenceInWindow,
       {"NON_FATAL_STRANGULATION"},
       false,
       24,
       6,
       1},
      {"breach-of-order",
       "breach of a protective order in the last 24 months",
       IndicatorKind::kOffenceInWindow,
       {"BREACH_PROTECTIVE_ORDER"},
       false,
       24,
       6,
       1},
      {"escalation",
       "escalating domestic abuse: more or graver incidents in the last 6 months than in the 6 "
       "before",
       IndicatorKind::kEscalation,
       {},
       true,
       24,
       6,
       2},
      {"serial",
       "serial domestic abuse: two or more victims in 36 months",
       IndicatorKind::kDistinctVictims,
       {},
       true,
       36,
       6,
       2},
  };
}

Status ValidateIndicatorRules(std::span<const IndicatorRule> rules, const OffenceTable& offences) {
  std::set<std::string> ids;
  for (const IndicatorRule& rule : rules) {
    const std::string where = "indicator rule '" + rule.id + "'";
    if (rule.id.empty()) return Fail(Code::kInvalidArgument, "an indicator rule has no id");
    if (!ids.insert(rule.id).second) {
      return Fail(Code::kInvalidArgument, where + " appears twice");
    }
    if (rule.reason.empty()) return Fail(Code::kInvalidArgument, where + " has no reason");
    if (rule.min_count < 1) return Fail(Code::kInvalidArgument, where + ": min_count below 1");
    if (rule.window_months < 1 || rule.window_months > 120 || rule.period_months < 1 ||
        rule.period_months > 60) {
      return Fail(Code::kInvalidArgument, where + ": window or period out of range");
    }
    if (rule.kind == IndicatorKind::kOffenceInWindow) {
      if (rule.offence_codes.empty()) {
        return Fail(Code::kInvalidArgument, where + " names no offence code");
      }
      for (const std::string& code : rule.offence_codes) {
        if (offences.Find(code) == nullptr) {
          return Fail(Code::kInvalidArgument, std::string(where)
                                                  .append(": offence code '")
                                                  .append(code)
                                                  .append("' is not in the offence table"));
        }
      }
    }
  }
  return Ok();
}

Result<std::vector<IndicatorHit>> EvaluateIndicators(std::span<const Occurrence> occurrences,
                                                     const Date& reference_date,
                                                     std::span<const IndicatorRule> rules,
                                                     const OffenceTable& offences) {
  if (Status s = ValidateIndicatorRules(rules, offences); !s) return tl::unexpected(s.error());
  for (const Occurrence& o : occurrences) {
    if (Result<const Offence*> offence = OffenceOf(o, offences); !offence) {
      return tl::unexpected(offence.error());
    }
  }
  std::vector<IndicatorHit> hits;
  for (const IndicatorRule& rule : rules) {
    std::optional<IndicatorHit> hit;
    switch (rule.kind) {
      case IndicatorKind::kOffenceInWindow:
        hit = OffenceInWindow(rule, occurrences, reference_date);
        break;
      case IndicatorKind::kEscalation:
        hit = Escalation(rule, occurrences, reference_date, offences);
        break;
      case IndicatorKind::kDistinctVictims:
        hit = DistinctVictims(rule, occurrences, reference_date);
        break;
    }
    if (hit) hits.push_back(std::move(*hit));
  }
  return hits;
}

}  // namespace tandem::core::panel
