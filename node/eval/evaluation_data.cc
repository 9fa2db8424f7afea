#include "node/eval/evaluation_data.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <utility>

#include "core/offences.h"
#include "node/eval/outcome_set_columns.h"

namespace tandem::node::eval {
namespace {

using core::Date;
namespace ce = core::eval;
namespace cp = core::panel;

std::string Position(std::string_view what, std::size_t index) {
  return std::string(what) + " " + std::to_string(index + 1);
}

ce::InterventionCategory CategoryOf(cp::InterventionCategory category) {
  constexpr std::array<std::pair<cp::InterventionCategory, ce::InterventionCategory>, 3> kMap = {{
      {cp::InterventionCategory::kDisruptive, ce::InterventionCategory::kDisruptive},
      {cp::InterventionCategory::kRehabilitative, ce::InterventionCategory::kRehabilitative},
      {cp::InterventionCategory::kBoth, ce::InterventionCategory::kBoth},
  }};
  for (const auto& [from, to] : kMap) {
    if (from == category) return to;
  }
  return ce::InterventionCategory::kBoth;
}

std::vector<ce::CatalogueEntry> CatalogueOf(const cp::InterventionCatalogue& catalogue) {
  std::vector<ce::CatalogueEntry> entries;
  for (const cp::Intervention& item : catalogue.entries()) {
    // Civil orders and disclosure schemes are what evaluators count as civil measures.
    entries.push_back(
        {item.id, CategoryOf(item.category), item.kind != cp::InterventionKind::kMeasure});
  }
  return entries;
}

// The decision that answered a referral made on `referred`: the first adopt or refuse of its
// case on or after that day, else the latest deferral, else pending.
struct Answer {
  ce::Decision decision = ce::Decision::kPending;
  std::optional<Date> decided;
  std::string reason;
};

Answer AnswerTo(const std::vector<const cp::Decision*>& decisions, const Date& referred) {
  constexpr std::array<std::pair<cp::DecisionKind, ce::Decision>, 3> kKinds = {{
      {cp::DecisionKind::kAdopt, ce::Decision::kAdopted},
      {cp::DecisionKind::kRefuse, ce::Decision::kRefused},
      {cp::DecisionKind::kDefer, ce::Decision::kDeferred},
  }};
  Answer answer;
  for (const cp::Decision* decision : decisions) {
    if (decision->decided_on < referred) continue;
    ce::Decision kind = ce::Decision::kPending;
    for (const auto& [from, to] : kKinds) {
      if (from == decision->kind) kind = to;
    }
    answer = {kind, decision->decided_on, decision->reason_id};
    if (kind != ce::Decision::kDeferred) break;
  }
  return answer;
}

Result<int> ParseInt(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    return Fail(Code::kInvalidArgument, "not a number");
  }
  return value;
}

Result<std::pair<int, int>> ParseMonth(const std::string& month) {
  const auto bad = [&] {
    return Fail(Code::kInvalidArgument, "'" + month + "' is not a month (YYYY-MM)");
  };
  if (month.size() != 7 || month[4] != '-') return bad();
  auto year = ParseInt(std::string_view(month).substr(0, 4));
  auto number = ParseInt(std::string_view(month).substr(5, 2));
  if (!year || !number) return bad();
  if (!Date::FromYmd(*year, *number, 1)) return bad();
  return std::pair{*year, *number};
}

struct SubjectOffences {
  std::vector<std::size_t> events;  // indices into EvaluationData::offences
};

}  // namespace

Result<Date> MonthStart(const std::string& month) {
  auto parsed = ParseMonth(month);
  if (!parsed) return tl::unexpected(parsed.error());
  return Date::FromYmd(parsed->first, parsed->second, 1);
}

Result<Date> MonthEnd(const std::string& month) {
  auto parsed = ParseMonth(month);
  if (!parsed) return tl::unexpected(parsed.error());
  return Date::FromYmd(parsed->first, parsed->second,
                       core::DaysInMonth(parsed->first, parsed->second));
}

Result<EvaluationData> GatherEvaluationData(const EvaluationSources& sources,
                                            const EvaluationParameters& parameters,
                                            EvaluationPseudonyms& pseudonyms) {
  if (sources.book == nullptr) return Fail(Code::kInvalidArgument, "no panel book to evaluate");
  if (!sources.occurrences) {
    return Fail(Code::kInvalidArgument, "no source of police occurrences to evaluate");
  }
  if (parameters.validation_window_days < 1 || parameters.before_days < 1 ||
      parameters.after_days < 1 || parameters.follow_up_days < 1) {
    return Fail(Code::kInvalidArgument, "evaluation windows must be at least one day long");
  }
  const cp::PanelBook& book = *sources.book;
  const cp::InterventionCatalogue fallback = sources.catalogue == nullptr
                                                 ? cp::InterventionCatalogue::Default()
                                                 : cp::InterventionCatalogue{};
  const cp::InterventionCatalogue& catalogue =
      sources.catalogue == nullptr ? fallback : *sources.catalogue;

  EvaluationData data;
  data.catalogue = CatalogueOf(catalogue);

  // Subjects in a fixed order: the book's cases, then the ranked people.
  std::vector<std::string> subjects;
  std::set<std::string> seen;
  const auto add_subject = [&](const std::string& key) {
    if (seen.insert(key).second) subjects.push_back(key);
  };
  for (const cp::CaseRecord& c : book.cases()) add_subject(c.subject_key);
  for (const cp::RankingRun& run : sources.runs) {
    for (const cp::RankedEntry& entry : run.entries) add_subject(entry.subject);
  }

  // Subjects whose police nominal the node no longer holds or may not process (erased, or its
  // processing restricted) are left out of everything below and counted: their occurrences
  // cannot be read either, so keeping them would count them as people who stopped offending.
  std::map<std::string, SubjectFacts> facts_of;
  std::set<std::string> not_held;
  if (sources.subject_facts) {
    for (std::size_t s = 0; s < subjects.size(); ++s) {
      auto found = sources.subject_facts(subjects[s]);
      if (!found) {
        // The lookup's own message may name the record; only the position goes on.
        return Fail(found.error().code,
                    "the police nominal of " + Position("subject", s) + " could not be read");
      }
      if (*found) {
        facts_of.emplace(subjects[s], std::move(**found));
      } else {
        not_held.insert(subjects[s]);
      }
    }
    std::erase_if(subjects, [&](const std::string& key) { return not_held.contains(key); });
  }
  const auto held = [&](const std::string& key) { return !not_held.contains(key); };
  data.subjects = subjects.size();
  data.subjects_not_held = not_held.size();

  // Offences: the accused occurrences of every subject, CCHI-weighted.
  const core::OffenceTable& offences =
      sources.offences != nullptr ? *sources.offences : core::OffenceTable::Approximate();
  std::map<std::string, SubjectOffences> offences_of;  // by pseudonym
  for (std::size_t s = 0; s < subjects.size(); ++s) {
    const std::string pseudonym = pseudonyms.For(subjects[s]);
    SubjectOffences& mine = offences_of[pseudonym];
    for (const cp::Occurrence& occurrence : sources.occurrences(subjects[s])) {
      if (!cp::IsAccused(occurrence)) continue;
      const core::Offence* offence = offences.Find(occurrence.offence_code);
      if (offence == nullptr) {
        return Fail(Code::kInvalidArgument, "an occurrence of " + Position("subject", s) +
                                                " has an offence code outside the table: '" +
                                                occurrence.offence_code + "'");
      }
      mine.events.push_back(data.offences.size());
      data.offences.push_back(
          {pseudonym, occurrence.committed_on, static_cast<double>(offence->cchi_days)});
    }
  }

  // Decisions by case, in the order they were made.
  std::map<std::string, std::vector<const cp::Decision*>> decisions_of;
  for (const cp::Decision& decision : book.decisions()) {
    decisions_of[decision.case_id].push_back(&decision);
  }

  // Referrals and their answers.
  for (const cp::ReferralRecord& record : book.referrals()) {
    if (!held(record.referral.subject_key)) continue;
    if (record.duplicate && record.duplicate->kind == cp::DuplicateKind::kManaged) {
      ++data.duplicates_of_managed;
      continue;
    }
    const Answer answer = AnswerTo(decisions_of[record.case_id], record.referral.referred_on);
    data.referrals.push_back({pseudonyms.For(record.referral.subject_key), record.referral.pathway,
                              record.referral.referred_on, answer.decision, answer.decided,
                              answer.reason});
  }

  // The cohort: each subject's first adoption, with the pathway of the case's first referral.
  std::map<std::string, std::string> pathway_of_referral;
  for (const cp::ReferralRecord& record : book.referrals()) {
    pathway_of_referral[record.id] = record.referral.pathway;
  }
  std::set<std::string> adopted_subjects;
  std::map<std::string, std::string> subject_of_case;
  for (const cp::CaseRecord& c : book.cases()) subject_of_case[c.id] = c.subject_key;
  for (const cp::Decision& decision : book.decisions()) {
    if (decision.kind != cp::DecisionKind::kAdopt) continue;
    const cp::CaseRecord* c = book.FindCase(decision.case_id);
    if (c == nullptr || !held(c->subject_key) || !adopted_subjects.insert(c->subject_key).second) {
      continue;
    }
    const std::string pathway =
        c->referral_ids.empty() ? std::string() : pathway_of_referral[c->referral_ids.front()];
    const std::string pseudonym = pseudonyms.For(c->subject_key);
    std::optional<SubjectFacts> facts;
    if (const auto found = facts_of.find(c->subject_key); found != facts_of.end()) {
      facts = found->second;
    }
    data.cohort.push_back(
        {pseudonym, decision.decided_on, pathway,
         AgeBandAt(facts ? facts->date_of_birth : std::nullopt, decision.decided_on),
         DistrictValue(facts ? facts->postcode_district : "")});
    data.members.push_back({pseudonym, decision.decided_on});
  }

  // Interventions: those the book records, then the partners'.
  for (const cp::InterventionRecord& record : book.interventions()) {
    const auto subject = subject_of_case.find(record.case_id);
    if (subject == subject_of_case.end() || !held(subject->second)) continue;
    std::optional<Date> completed;
    if (record.completed && record.ended_on) completed = record.ended_on;
    data.interventions.push_back(
        {pseudonyms.For(subject->second), record.intervention_id, record.started_on, completed});
  }
  std::set<std::string> cohort_pseudonyms;
  for (const CohortSubject& subject : data.cohort) cohort_pseudonyms.insert(subject.pseudonym);
  for (std::size_t i = 0; i < sources.partner_rows.size(); ++i) {
    const PartnerIntervention& row = sources.partner_rows[i];
    if (!cohort_pseudonyms.contains(row.pseudonym)) {
      ++data.partner_rows_unknown;
      continue;
    }
    if (catalogue.Find(row.intervention) == nullptr) {
      return Fail(Code::kInvalidArgument, Position("partner row", i) + " from " + row.node +
                                              ": intervention '" + row.intervention +
                                              "' is not in the catalogue");
    }
    auto started = MonthStart(row.started_month);
    if (!started) {
      return Fail(Code::kInvalidArgument,
                  Position("partner row", i) + ", started: " + started.error().message);
    }
    std::optional<Date> completed;
    if (row.completed) {
      // A month is all the clause gives; the month's last day keeps every follow-up window
      // inside the true one.
      auto ended = MonthEnd(row.ended_month);
      if (!ended) {
        return Fail(Code::kInvalidArgument,
                    Position("partner row", i) + ", ended: " + ended.error().message);
      }
      completed = *ended;
    }
    data.interventions.push_back({row.pseudonym, row.intervention, *started, completed});
    ++data.partner_interventions;
  }

  // Ranking runs, pseudonymised, and the run to validate.
  const int last_known = parameters.data_end.DaysSinceEpoch() - 1;
  for (const cp::RankingRun& run : sources.runs) {
    ce::RankingRun ranked;
    ranked.reserve(run.entries.size());
    for (const cp::RankedEntry& entry : run.entries) {
      if (held(entry.subject)) ranked.push_back(pseudonyms.For(entry.subject));
    }
    data.runs.push_back({run.id, run.run_on, ranked.size()});
    data.ranking_runs.push_back(std::move(ranked));
    if (run.run_on.DaysSinceEpoch() + parameters.validation_window_days <= last_known) {
      data.validated_run = data.runs.back();
    }
  }
  if (data.validated_run) {
    const auto run = std::ranges::find_if(
        sources.runs, [&](const cp::RankingRun& r) { return r.id == data.validated_run->id; });
    const int from = run->run_on.DaysSinceEpoch();
    const int to = from + parameters.validation_window_days;
    for (const cp::RankedEntry& entry : run->entries) {
      if (!held(entry.subject)) continue;
      ce::RankedOutcome outcome{pseudonyms.For(entry.subject), static_cast<int>(entry.rank), 0.0,
                                0};
      for (const std::size_t index : offences_of[outcome.subject].events) {
        const int day = data.offences[index].date.DaysSinceEpoch();
        if (day > from && day <= to) {
          outcome.next_harm += data.offences[index].cchi_days;
          ++outcome.next_offences;
        }
      }
      data.ranked_outcomes.push_back(std::move(outcome));
    }
  }

  // Caseload: the allocations in force on data_end.
  for (const cp::CaseAllocation& allocation : book.AllocationsOn(parameters.data_end)) {
    const auto subject = subject_of_case.find(allocation.case_id);
    if (subject == subject_of_case.end() || !held(subject->second)) continue;
    data.allocations.push_back(
        {allocation.manager, pseudonyms.For(subject->second), allocation.high_risk});
  }
  for (const ManagerAllocation& allocation : sources.allocations) {
    data.allocations.push_back(
        {allocation.manager, pseudonyms.For(allocation.subject_key), allocation.high_risk});
  }
  return data;
}

}  // namespace tandem::node::eval
