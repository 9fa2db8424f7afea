#include "node/eval/synthetic_cohort.h"

#include <algorithm>
#include <array>
#include <functional>
#include <string_view>
#include <utility>

namespace tandem::node::eval {
namespace {

using core::Date;
namespace cp = core::panel;

// SplitMix64: small, fast and deterministic; this is test data, not a secret.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int Between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  double Unit() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }

 private:
  std::uint64_t state_;
};

struct OffenceChoice {
  std::string_view code;
  int cchi_days;
};

// Offences the designed windows draw from, with the weights of core/offences.h.
constexpr std::array<OffenceChoice, 6> kOffences = {{
    {"COMMON_ASSAULT", 10},
    {"ABH", 182},
    {"HARASSMENT", 10},
    {"CRIMINAL_DAMAGE", 2},
    {"STALKING", 60},
    {"THEFT_SHOP", 1},
}};

struct PathwayChoice {
  std::string_view id;
  std::string_view source;
};

constexpr std::array<PathwayChoice, 4> kPathways = {{
    {"ranking-algorithm", "run-synthetic"},
    {"partner-agency", "probation"},
    {"marac", "MARAC 2021-01"},
    {"police-unit", "Safeguarding Investigation Unit"},
}};

std::string SubjectKey(std::size_t i) {
  std::string digits = std::to_string(i + 1);
  return "S" + std::string(6 - std::min<std::size_t>(6, digits.size()), '0') + digits;
}

std::string Month(const Date& date) { return date.ToIso().substr(0, 7); }

Date Plus(const Date& date, int days) {
  return Date::FromDaysSinceEpoch(date.DaysSinceEpoch() + days);
}

Status Internal(const Error& error, std::string_view step) {
  return Fail(Code::kInternal, "synthetic cohort, " + std::string(step) + ": " + error.message);
}

}  // namespace

OccurrenceLookup SyntheticCohort::Lookup() const {
  return [this](const std::string& subject) -> std::vector<cp::Occurrence> {
    const auto found = occurrences.find(subject);
    return found == occurrences.end() ? std::vector<cp::Occurrence>{} : found->second;
  };
}

SubjectFactsLookup SyntheticCohort::Facts() const {
  return [this](const std::string& subject) -> Result<std::optional<SubjectFacts>> {
    const std::uint64_t h = std::hash<std::string>{}(subject);
    const int age_days = 18 * 365 + static_cast<int>(h % (std::uint64_t{47} * 365));
    SubjectFacts facts;
    facts.date_of_birth = core::Date::FromDaysSinceEpoch(data_end.DaysSinceEpoch() - age_days);
    const std::array<std::string_view, 4> areas = {"DT", "BH", "SP", "BA"};
    facts.postcode_district =
        std::string(areas[(h >> 20) % areas.size()]) + std::to_string(1 + (h >> 24) % 10);
    return std::optional<SubjectFacts>(std::move(facts));
  };
}

Result<SyntheticCohort> MakeSyntheticCohort(const SyntheticCohortOptions& options) {
  if (options.subjects < 10 || options.years < 3) {
    return Fail(Code::kInvalidArgument,
                "a synthetic cohort needs at least 10 subjects and 3 years");
  }
  Rng rng(options.seed);
  cp::PanelConfig config;
  config.agenda_cap = options.subjects + 1;
  config.include_reviews = false;
  auto book = cp::PanelBook::Create(config);
  if (!book) return tl::unexpected(Internal(book.error(), "book").error());
  const Date start = options.start;
  const int span = 365 * options.years;
  const Date end = Plus(start, span);

  SyntheticCohort cohort{std::move(*book), {}, {}, {}, end, {}, 0};
  SyntheticTruth& truth = cohort.truth;
  truth.subjects = options.subjects;
  std::size_t next_occurrence = 1;
  const auto occurrence = [&](const std::string& subject, const Date& on, std::string_view code) {
    cp::Occurrence o;
    o.id = "OC" + std::to_string(next_occurrence++);
    o.offence_code = std::string(code);
    o.role = cp::Role::kOffender;
    o.outcome = rng.Unit() < 0.5 ? cp::Outcome::kConvicted : cp::Outcome::kCharged;
    o.committed_on = on;
    o.reported_on = on;
    o.domestic_abuse = code == "COMMON_ASSAULT";
    cohort.occurrences[subject].push_back(std::move(o));
  };

  // Who is referred, when and how.
  struct Planned {
    std::string subject;
    Date referred = Date::FromDaysSinceEpoch(0);
    const PathwayChoice* pathway = nullptr;
  };
  std::vector<Planned> planned;
  for (std::size_t i = 0; i < options.subjects; ++i) {
    if (rng.Unit() < options.referred_share) {
      planned.push_back({SubjectKey(i), Plus(start, rng.Between(400, span - 500)),
                         &kPathways[static_cast<std::size_t>(rng.Between(0, 3))]});
    }
  }
  std::ranges::sort(planned, {}, [](const Planned& p) { return p.referred; });

  // Month by month: referrals and triage, then a meeting on the 28th deciding every new item.
  std::map<std::string, bool> deferred_before;
  std::map<std::string, std::string> subject_of_case;
  std::vector<std::pair<std::string, Date>> adopted;  // case id, adoption day
  std::vector<std::string> refused;
  std::size_t next = 0;
  int meeting = 0;
  for (Date month = start; month < end;) {
    auto meeting_day = Date::FromYmd(month.year(), month.month(), 28);
    while (next < planned.size() && planned[next].referred <= *meeting_day) {
      const Planned& p = planned[next++];
      cp::Referral referral{p.subject,
                            std::string(p.pathway->id),
                            std::string(p.pathway->source),
                            "repeat domestic abuse",
                            "DS 1234",
                            p.referred};
      auto receipt = cohort.book.Refer(referral);
      if (!receipt) return tl::unexpected(Internal(receipt.error(), "refer").error());
      ++truth.referrals;
      ++truth.referrals_by_pathway[std::string(p.pathway->id)];
      subject_of_case[receipt->case_id] = p.subject;
      if (auto triaged = cohort.book.RecordTriage(receipt->case_id, true, {"RFGV above threshold"},
                                                  p.referred);
          !triaged) {
        return tl::unexpected(Internal(triaged.error(), "triage").error());
      }
    }
    const std::string meeting_id = "M" + std::to_string(++meeting);
    auto planned_meeting = cohort.book.PlanMeeting(meeting_id, *meeting_day);
    if (!planned_meeting) {
      return tl::unexpected(Internal(planned_meeting.error(), "meeting").error());
    }
    for (const cp::AgendaItem& item : (*planned_meeting)->agenda) {
      if (item.kind != cp::AgendaItemKind::kNew) continue;
      const double u = rng.Unit();
      const bool again = deferred_before[item.case_id];
      cp::DecisionKind kind = cp::DecisionKind::kDefer;
      if (again) {
        kind = u < 0.65 ? cp::DecisionKind::kAdopt : cp::DecisionKind::kRefuse;
      } else if (u < 0.55) {
        kind = cp::DecisionKind::kAdopt;
      } else if (u < 0.85) {
        kind = cp::DecisionKind::kRefuse;
      }
      constexpr std::array<std::pair<cp::DecisionKind, std::string_view>, 3> kReasons = {{
          {cp::DecisionKind::kAdopt, "high-harm-high-risk"},
          {cp::DecisionKind::kRefuse, "below-threshold"},
          {cp::DecisionKind::kDefer, "awaiting-partner-information"},
      }};
      std::string reason;
      for (const auto& [k, id] : kReasons) {
        if (k == kind) reason = id;
      }
      if (auto decided =
              cohort.book.Decide({item.case_id, meeting_id, kind, reason, "", *meeting_day});
          !decided) {
        return tl::unexpected(Internal(decided.error(), "decide").error());
      }
      if (kind == cp::DecisionKind::kAdopt) adopted.emplace_back(item.case_id, *meeting_day);
      if (kind == cp::DecisionKind::kRefuse) refused.push_back(item.case_id);
      if (kind == cp::DecisionKind::kDefer) {
        deferred_before[item.case_id] = true;
        ++truth.deferrals;
      }
    }
    month = month.month() == 12 ? *Date::FromYmd(month.year() + 1, 1, 1)
                                : *Date::FromYmd(month.year(), month.month() + 1, 1);
  }
  truth.adopted = adopted.size();
  truth.refused = refused.size();

  // Designed offending around each adoption; the rest of the population offends at random.
  std::map<std::string, bool> designed;
  for (const auto& [case_id, day] : adopted) {
    const std::string& subject = subject_of_case[case_id];
    designed[subject] = true;
    const int before = rng.Between(1, 6);
    const int after = rng.Between(0, 4);
    int harm_before = 0;
    int harm_after = 0;
    for (int i = 0; i < before; ++i) {
      const OffenceChoice& o = kOffences[static_cast<std::size_t>(rng.Between(0, 5))];
      occurrence(subject, Plus(day, -rng.Between(1, 365)), o.code);
      harm_before += o.cchi_days;
    }
    for (int i = 0; i < after; ++i) {
      const OffenceChoice& o = kOffences[static_cast<std::size_t>(rng.Between(0, 5))];
      occurrence(subject, Plus(day, rng.Between(0, 364)), o.code);
      harm_after += o.cchi_days;
    }
    // Older offending, outside both windows, still counts for the ranking.
    occurrence(subject, Plus(day, -rng.Between(380, 700)), "ABH");
    truth.offences_before += before;
    truth.offences_after += after;
    truth.harm_before += harm_before;
    truth.harm_after += harm_after;
    truth.reduced_offending += after < before ? 1 : 0;
    truth.reduced_harm += harm_after < harm_before ? 1 : 0;
    truth.no_further_offences += after == 0 ? 1 : 0;

    // Interventions: a DVPO recorded by the police in half the cases; a behaviour change
    // programme delivered by the partner in a third.
    const bool dvpo = rng.Unit() < 0.5;
    const bool programme = rng.Unit() < 0.35;
    if (dvpo) {
      cp::InterventionRecord record{case_id,       "dvpo",         core::AgencyKind::kPolice,
                                    Plus(day, 10), Plus(day, 100), true};
      if (auto recorded = cohort.book.RecordIntervention(record); !recorded) {
        return tl::unexpected(Internal(recorded.error(), "intervention").error());
      }
    }
    if (programme) {
      const bool completed = rng.Unit() < 0.5;
      cohort.deliveries.push_back(
          {subject,
           {"", options.partner_node, "behaviour-change-programme", Month(Plus(day, 30)),
            completed ? Month(Plus(day, 200)) : "", completed}});
      ++truth.partner_interventions;
    }
    truth.with_any_intervention += (dvpo || programme) ? 1 : 0;
    truth.with_civil_measure += dvpo ? 1 : 0;
  }
  for (std::size_t i = 0; i < options.subjects; ++i) {
    const std::string subject = SubjectKey(i);
    if (designed.contains(subject)) continue;
    const int count = rng.Between(0, 5);
    for (int k = 0; k < count; ++k) {
      occurrence(subject, Plus(start, rng.Between(0, span - 1)),
                 kOffences[static_cast<std::size_t>(rng.Between(0, 5))].code);
    }
  }
  for (auto& [subject, list] : cohort.occurrences) {
    std::ranges::sort(list, {}, [](const cp::Occurrence& o) { return o.committed_on; });
    cohort.occurrence_count += list.size();
  }

  // Ranking runs every six months from the end of the second year.
  for (int days = 730; days < span; days += 182) {
    const Date run_on = Plus(start, days);
    std::vector<cp::RankingInput> people;
    for (const auto& [subject, list] : cohort.occurrences) {
      cp::RankingInput input{subject, {}, std::nullopt};
      for (const cp::Occurrence& o : list) {
        if (o.committed_on <= run_on) input.occurrences.push_back(o);
      }
      if (!input.occurrences.empty()) people.push_back(std::move(input));
    }
    auto run = cp::RunRanking("run-" + run_on.ToIso(), run_on, cp::RankingParameters{}, people,
                              core::OffenceTable::Approximate());
    if (!run) return tl::unexpected(Internal(run.error(), "ranking").error());
    cohort.runs.push_back(std::move(*run));
  }
  truth.ranking_runs = cohort.runs.size();
  return cohort;
}

}  // namespace tandem::node::eval
