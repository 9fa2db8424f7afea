#include "core/eval/interventions.h"

#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/eval/internal/offence_index.h"
#include "core/eval/internal/validate.h"

namespace tandem::core::eval {
namespace {

constexpr std::array<InterventionCategory, 3> kCategories = {InterventionCategory::kDisruptive,
                                                             InterventionCategory::kRehabilitative,
                                                             InterventionCategory::kBoth};

Result<std::unordered_map<std::string, std::size_t>> IndexCatalogue(
    std::span<const CatalogueEntry> catalogue) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    if (!index.emplace(catalogue[i].type, i).second) {
      return Fail(Code::kInvalidArgument, "intervention catalogue entry " + std::to_string(i + 1) +
                                              " repeats the type '" + catalogue[i].type + "'");
    }
  }
  return index;
}

Error UnknownType(std::string_view what, std::size_t position, const std::string& type) {
  return Error{Code::kInvalidArgument, std::string(what) + " " + std::to_string(position) +
                                           ": the type '" + type +
                                           "' is not in the intervention catalogue"};
}

}  // namespace

std::string_view InterventionCategoryName(InterventionCategory category) {
  static constexpr std::array<std::string_view, 3> kNames = {"disruptive", "rehabilitative",
                                                             "both"};
  return kNames[static_cast<std::size_t>(category)];
}

Result<CoverageReport> ComputeCoverage(std::span<const std::string> cohort,
                                       std::span<const CatalogueEntry> catalogue,
                                       std::span<const InterventionEvent> interventions,
                                       std::span<const Applicability> applicability) {
  auto index = IndexCatalogue(catalogue);
  if (!index) return tl::unexpected(index.error());
  std::unordered_set<std::string> members;
  for (std::size_t i = 0; i < cohort.size(); ++i) {
    if (!members.insert(cohort[i]).second) {
      return Fail(Code::kInvalidArgument, "cohort member " + std::to_string(i + 1) +
                                              " repeats a subject already in the cohort");
    }
  }
  // Applicable subjects per type (intersected with the cohort); absent = whole cohort.
  std::vector<std::optional<std::unordered_set<std::string>>> applicable(catalogue.size());
  for (std::size_t i = 0; i < applicability.size(); ++i) {
    const auto it = index->find(applicability[i].type);
    if (it == index->end()) {
      return tl::unexpected(UnknownType("applicability entry", i + 1, applicability[i].type));
    }
    auto& set = applicable[it->second];
    if (!set) set.emplace();
    for (const std::string& s : applicability[i].subjects) {
      if (members.count(s) != 0) set->insert(s);
    }
  }
  CoverageReport out;
  out.cohort = members.size();
  std::vector<std::unordered_set<std::string>> type_subjects(catalogue.size());
  std::vector<std::size_t> type_events(catalogue.size(), 0);
  std::array<std::unordered_set<std::string>, 3> category_subjects;
  std::unordered_set<std::string> any;
  std::unordered_set<std::string> civil;
  for (std::size_t i = 0; i < interventions.size(); ++i) {
    const InterventionEvent& event = interventions[i];
    const auto it = index->find(event.type);
    if (it == index->end()) return tl::unexpected(UnknownType("intervention", i + 1, event.type));
    if (members.count(event.subject) == 0) {
      ++out.outside_cohort;
      continue;
    }
    const CatalogueEntry& entry = catalogue[it->second];
    ++type_events[it->second];
    const auto& only = applicable[it->second];
    if (!only || only->count(event.subject) != 0) type_subjects[it->second].insert(event.subject);
    category_subjects[static_cast<std::size_t>(entry.category)].insert(event.subject);
    any.insert(event.subject);
    if (entry.civil_measure) civil.insert(event.subject);
  }
  const auto share = [](std::size_t part, std::size_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
  };
  for (std::size_t t = 0; t < catalogue.size(); ++t) {
    TypeCoverage row;
    row.type = catalogue[t].type;
    row.category = catalogue[t].category;
    row.civil_measure = catalogue[t].civil_measure;
    row.events = type_events[t];
    row.subjects = type_subjects[t].size();
    row.applicable = applicable[t] ? applicable[t]->size() : out.cohort;
    row.share = share(row.subjects, row.applicable);
    out.by_type.push_back(std::move(row));
  }
  for (InterventionCategory c : kCategories) {
    const std::size_t n = category_subjects[static_cast<std::size_t>(c)].size();
    out.by_category.push_back({c, n, share(n, out.cohort)});
  }
  out.with_any_intervention = any.size();
  out.with_civil_measure = civil.size();
  out.civil_measure_rate = share(civil.size(), out.cohort);
  return out;
}

Result<ReoffendingReport> ComputeReoffendingAfterCompletion(
    std::span<const CatalogueEntry> catalogue, std::span<const InterventionEvent> interventions,
    std::span<const OffenceEvent> offences, const ReoffendingOptions& options) {
  if (options.follow_up_days <= 0) {
    return Fail(Code::kInvalidArgument,
                "reoffending: the follow-up must be a positive number "
                "of days");
  }
  auto index = IndexCatalogue(catalogue);
  if (!index) return tl::unexpected(index.error());
  if (auto status = internal::ValidateOffences(offences); !status) {
    return tl::unexpected(status.error());
  }
  // First completion day per (group, subject); groups: each type, each category, "any".
  const std::size_t any_group = catalogue.size() + kCategories.size();
  std::vector<std::map<std::string, std::int32_t>> first(any_group + 1);
  const auto note = [&](std::size_t group, const std::string& subject, std::int32_t day) {
    auto [it, inserted] = first[group].emplace(subject, day);
    if (!inserted && day < it->second) it->second = day;
  };
  for (std::size_t i = 0; i < interventions.size(); ++i) {
    const InterventionEvent& event = interventions[i];
    const auto it = index->find(event.type);
    if (it == index->end()) return tl::unexpected(UnknownType("intervention", i + 1, event.type));
    if (!event.completed) continue;
    if (*event.completed < event.started) {
      return Fail(Code::kInvalidArgument,
                  "intervention " + std::to_string(i + 1) + ": completed before it started");
    }
    const std::int32_t day = event.completed->DaysSinceEpoch();
    note(it->second, event.subject, day);
    note(catalogue.size() + static_cast<std::size_t>(catalogue[it->second].category), event.subject,
         day);
    note(any_group, event.subject, day);
  }
  const internal::OffenceIndex offence_index(offences);
  const auto row_for = [&](std::size_t group, std::string label) {
    ReoffendingRow row;
    row.label = std::move(label);
    for (const auto& [subject, day] : first[group]) {
      // Follow-up (day, day + follow_up]: the day after completion to the end, inclusive.
      const std::int32_t end = day + options.follow_up_days + 1;
      if (options.data_end && end > options.data_end->DaysSinceEpoch()) {
        ++row.incomplete_follow_up;
        continue;
      }
      ++row.completers;
      if (offence_index.Count(subject, day + 1, end).offences > 0) ++row.reoffended;
    }
    row.rate = row.completers == 0
                   ? 0.0
                   : static_cast<double>(row.reoffended) / static_cast<double>(row.completers);
    return row;
  };
  ReoffendingReport out;
  for (std::size_t t = 0; t < catalogue.size(); ++t) {
    if (!first[t].empty()) out.by_type.push_back(row_for(t, catalogue[t].type));
  }
  for (InterventionCategory c : kCategories) {
    out.by_category.push_back(row_for(catalogue.size() + static_cast<std::size_t>(c),
                                      std::string(InterventionCategoryName(c))));
  }
  out.any = row_for(any_group, "any");
  return out;
}

}  // namespace tandem::core::eval
