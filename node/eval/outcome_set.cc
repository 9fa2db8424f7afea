#include "node/eval/outcome_set.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

namespace tandem::node::eval {
namespace {

namespace ce = core::eval;

struct PersonInterventions {
  int count = 0;
  std::set<ce::InterventionCategory> categories;
  bool civil_measure = false;
  bool completed = false;
};

std::string Flag(bool value) { return value ? "1" : "0"; }

std::string Whole(double value) { return std::to_string(std::llround(value)); }

// Why `name` cannot be a quasi-identifier, naming the columns that can (those with a hierarchy).
std::string NotAQuasiIdentifier(const std::string& name,
                                const std::vector<OutcomeColumn>& columns) {
  std::string known;
  for (const OutcomeColumn& c : columns) {
    if (c.levels.empty()) continue;
    if (!known.empty()) known += ", ";
    known += c.name;
  }
  return "'" + name + "' cannot be a quasi-identifier of the outcome set; the columns with a " +
         "hierarchy are: " + known;
}

}  // namespace

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Result<OutcomeSet> BuildOutcomeSet(const EvaluationData& data, const EvaluationReport& report,
                                   const EvaluationParameters& parameters) {
  const std::vector<OutcomeColumn>& columns = OutcomeColumns();
  std::vector<ce::QuasiIdentifier> quasi;
  std::vector<const OutcomeColumn*> quasi_columns;
  for (const std::string& name : parameters.disclosure.quasi_identifiers) {
    const auto column = std::ranges::find_if(
        columns, [&](const OutcomeColumn& c) { return c.name == name && !c.levels.empty(); });
    if (column == columns.end()) {
      return Fail(Code::kInvalidArgument, NotAQuasiIdentifier(name, columns));
    }
    quasi.push_back({column->name, column->levels});
    quasi_columns.push_back(&*column);
  }

  std::map<std::string, ce::InterventionCategory> category_of;
  std::map<std::string, bool> civil_of;
  for (const ce::CatalogueEntry& entry : data.catalogue) {
    category_of[entry.type] = entry.category;
    civil_of[entry.type] = entry.civil_measure;
  }
  std::map<std::string, PersonInterventions> had;
  for (const ce::InterventionEvent& event : data.interventions) {
    PersonInterventions& mine = had[event.subject];
    ++mine.count;
    mine.categories.insert(category_of[event.type]);
    mine.civil_measure = mine.civil_measure || civil_of[event.type];
    mine.completed = mine.completed || event.completed.has_value();
  }
  std::map<std::string, const CohortSubject*> subject_of;
  for (const CohortSubject& subject : data.cohort) subject_of[subject.pseudonym] = &subject;

  ce::Table table;
  for (const OutcomeColumn& column : columns) table.columns.push_back(column.name);
  for (const ce::PersonHarmChange& person : report.harm.people) {
    const CohortSubject* subject = subject_of[person.subject];
    const PersonInterventions& mine = had[person.subject];
    const auto has = [&](ce::InterventionCategory category) {
      return Flag(mine.categories.contains(category));
    };
    table.rows.push_back(
        {person.subject, subject->pathway, subject->adopted.ToIso(), subject->age_band,
         subject->district, std::to_string(person.offences_before),
         std::to_string(person.offences_after), Whole(person.harm_before), Whole(person.harm_after),
         std::to_string(mine.count), has(ce::InterventionCategory::kDisruptive),
         has(ce::InterventionCategory::kRehabilitative), has(ce::InterventionCategory::kBoth),
         Flag(mine.civil_measure), Flag(mine.completed)});
  }
  // Pseudonyms are random: ordering by them shuffles the rows.
  std::ranges::sort(table.rows, {}, [](const std::vector<std::string>& row) { return row[0]; });

  ce::KAnonymityOptions options;
  options.k = parameters.disclosure.k;
  options.max_suppressed_share = parameters.disclosure.max_suppressed_share;
  auto anonymous = ce::MakeKAnonymous(table, quasi, options);
  if (!anonymous) {
    return Fail(anonymous.error().code, "outcome set: " + anonymous.error().message);
  }

  OutcomeSet set;
  set.k = options.k;
  for (std::size_t q = 0; q < quasi_columns.size(); ++q) {
    const int level = anonymous->levels[q];
    set.generalisations.push_back({quasi_columns[q]->name, level,
                                   quasi_columns[q]->level_names[static_cast<std::size_t>(level)],
                                   quasi_columns[q]->level_names});
  }
  set.records_in = anonymous->records_in;
  set.records_suppressed = anonymous->records_suppressed;
  set.equivalence_classes = anonymous->equivalence_classes;
  set.smallest_class = anonymous->smallest_class;
  set.max_risk = anonymous->max_risk;
  set.average_risk = anonymous->average_risk;
  set.rows = anonymous->table.rows.size();

  std::string& csv = set.csv;
  for (std::size_t c = 0; c < anonymous->table.columns.size(); ++c) {
    csv += (c == 0 ? "" : ",") + CsvField(anonymous->table.columns[c]);
  }
  csv += "\n";
  for (const auto& row : anonymous->table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) csv += (c == 0 ? "" : ",") + CsvField(row[c]);
    csv += "\n";
  }
  return set;
}

}  // namespace tandem::node::eval
