// The outcome set's age band and district: how they are formed from the police nominal, their
// generalisation hierarchies, and k-anonymity generalising them before it suppresses. Neither
// the date of birth nor the postcode reaches the set.
#include "node/eval/outcome_set_columns.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cohort_fixture.h"
#include "core/eval/k_anonymity.h"
#include "crypto/secret_bytes.h"
#include "node/eval/evaluation_outputs.h"
#include "signed_cohort.h"

namespace tandem::node::eval {
namespace {

namespace ce = core::eval;
using core::Date;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

const OutcomeColumn& Column(const std::string& name) {
  const auto& columns = OutcomeColumns();
  return *std::find_if(columns.begin(), columns.end(),
                       [&](const OutcomeColumn& c) { return c.name == name; });
}

// One quasi-identifier column of `values`, made k-anonymous along its outcome-set hierarchy.
ce::KAnonymityResult Anonymise(const std::string& column, const std::vector<std::string>& values,
                               std::size_t k, double max_suppressed_share) {
  ce::Table table;
  table.columns = {column};
  for (const std::string& v : values) table.rows.push_back({v});
  const std::vector<ce::QuasiIdentifier> quasi = {{column, Column(column).levels}};
  auto result = ce::MakeKAnonymous(table, quasi, {k, max_suppressed_share, 100000});
  EXPECT_TRUE(result.has_value()) << result.error().message;
  return result.value_or(ce::KAnonymityResult{});
}

TEST(AgeBandTest, BandsTheAgeOnTheDayInWholeYears) {
  const Date adopted = D(2026, 5, 14);
  const std::vector<std::pair<Date, std::string>> cases = {
      {D(2008, 5, 15), "under 18"},  // 17 the day before the 18th birthday
      {D(2008, 5, 14), "18-24"},    {D(2001, 5, 15), "18-24"}, {D(2001, 5, 14), "25-34"},
      {D(1991, 5, 15), "25-34"},    {D(1991, 5, 14), "35-44"}, {D(1981, 5, 14), "45-54"},
      {D(1971, 5, 15), "45-54"},    {D(1971, 5, 14), "55+"},   {D(1930, 1, 1), "55+"},
  };
  for (const auto& [born, band] : cases) {
    EXPECT_EQ(AgeBandAt(born, adopted), band) << born.ToIso();
  }
  EXPECT_EQ(AgeBandAt(std::nullopt, adopted), "unknown");
  EXPECT_EQ(AgeBandAt(D(2026, 6, 1), adopted), "unknown") << "born after the adoption";
}

TEST(DistrictTest, KeepsAnOutwardCodeAndNothingElse) {
  for (const std::string district : {"DT1", "BH14", "W1A", "EC1A", "M1"}) {
    EXPECT_EQ(DistrictValue(district), district);
  }
  for (const std::string bad : {"", "DT1 1AA", "BH149QT", "GIR", "dt1", "12", "DT"}) {
    EXPECT_EQ(DistrictValue(bad), "unknown") << bad;
  }
}

TEST(OutcomeHierarchyTest, AgeBandsGeneraliseToUnderAndOver35ThenStar) {
  const std::vector<std::string> values = {"under 18", "18-24", "25-34",  "35-44",
                                           "45-54",    "55+",   "unknown"};
  // Every band alone is under k = 2; one record may be suppressed: "unknown" at level 1.
  const ce::KAnonymityResult at1 = Anonymise("age_band", values, 2, 0.2);
  ASSERT_EQ(at1.levels, std::vector<int>{1});
  EXPECT_EQ(at1.records_suppressed, 1U);
  std::vector<std::string> published;
  for (const auto& row : at1.table.rows) published.push_back(row[0]);
  EXPECT_EQ(published,
            (std::vector<std::string>{"under 35", "under 35", "under 35", "35+", "35+", "35+"}));
  // Nothing may be suppressed: only "*" keeps everyone.
  const ce::KAnonymityResult at2 = Anonymise("age_band", values, 2, 0.0);
  ASSERT_EQ(at2.levels, std::vector<int>{2});
  EXPECT_EQ(at2.records_suppressed, 0U);
  EXPECT_EQ(at2.table.rows.front()[0], "*");
  EXPECT_EQ(Column("age_band").level_names.size(), Column("age_band").levels.size() + 1);
}

TEST(OutcomeHierarchyTest, DistrictsGeneraliseToPostcodeAreasThenStar) {
  const ce::KAnonymityResult at1 =
      Anonymise("district", {"DT1", "DT2", "BH14", "BH15", "unknown"}, 2, 0.2);
  ASSERT_EQ(at1.levels, std::vector<int>{1});
  EXPECT_EQ(at1.records_suppressed, 1U);
  std::vector<std::string> published;
  for (const auto& row : at1.table.rows) published.push_back(row[0]);
  EXPECT_EQ(published, (std::vector<std::string>{"DT", "DT", "BH", "BH"}));
  const ce::KAnonymityResult at2 = Anonymise("district", {"DT1", "BH14", "SP7"}, 2, 0.0);
  ASSERT_EQ(at2.levels, std::vector<int>{2});
  EXPECT_EQ(at2.table.rows.front()[0], "*");
}

// The outcome set of a synthetic cohort whose nominals give each adopted person, in turn, one
// of six age bands and one of six districts in two postcode areas; the last adopted person's
// nominal has neither a date of birth nor a district (the person without facts).
class OutcomeSetPeopleTest : public SignedCohortTest {
 protected:
  static void SetUpTestSuite() {
    SignedCohortTest::SetUpTestSuite();
    if (HasFatalFailure()) return;
    facts_ = new std::map<std::string, SubjectFacts>();
    const std::vector<int> ages = {16, 20, 30, 40, 50, 60};
    const std::vector<std::string> districts = {"DT1", "DT2", "DT3", "BH14", "BH15", "BH16"};
    std::set<std::string> seen;
    std::vector<std::pair<std::string, Date>> adopted;
    const core::panel::PanelBook& book = fixture_->cohort.book;
    for (const core::panel::Decision& d : book.decisions()) {
      if (d.kind != core::panel::DecisionKind::kAdopt) continue;
      const std::string subject = book.FindCase(d.case_id)->subject_key;
      if (seen.insert(subject).second) adopted.emplace_back(subject, d.decided_on);
    }
    ASSERT_GT(adopted.size(), 80U) << "each band and district pair needs two people";
    for (std::size_t i = 0; i + 1 < adopted.size(); ++i) {
      const Date& on = adopted[i].second;
      (*facts_)[adopted[i].first] = {D(on.year() - ages[i % ages.size()], on.month(), 1),
                                     districts[(i / ages.size()) % districts.size()]};
    }
    (*facts_)[adopted.back().first] = {std::nullopt, ""};
    adopted_ = adopted.size();
  }
  static void TearDownTestSuite() {
    delete facts_;
    SignedCohortTest::TearDownTestSuite();
  }

  static Result<OutcomeSetFiles> Produce(const EvaluationParameters& parameters) {
    EvaluationSources sources = fixture_->Sources();
    sources.subject_facts = [](const std::string& subject) -> Result<std::optional<SubjectFacts>> {
      const auto found = facts_->find(subject);
      if (found == facts_->end()) return std::optional<SubjectFacts>();
      return std::optional<SubjectFacts>(found->second);
    };
    ManifestContext context{"police-1", "2026-11-22T19:00:00Z", {}, "2"};
    return ProduceOutcomeSet(sources, parameters, fixture_->pseudonyms, context, *key_);
  }

  // The CSV as a table (no field of the set needs quoting).
  static ce::Table Parse(const std::string& csv) {
    ce::Table table;
    std::istringstream lines(csv);
    std::string line;
    while (std::getline(lines, line)) {
      std::vector<std::string> fields;
      std::istringstream parts(line);
      std::string field;
      while (std::getline(parts, field, ',')) fields.push_back(field);
      if (table.columns.empty()) {
        table.columns = fields;
      } else {
        table.rows.push_back(fields);
      }
    }
    return table;
  }

  static std::size_t Index(const ce::Table& table, const std::string& column) {
    return static_cast<std::size_t>(std::find(table.columns.begin(), table.columns.end(), column) -
                                    table.columns.begin());
  }

  static std::map<std::string, SubjectFacts>* facts_;
  static std::size_t adopted_;
};

std::map<std::string, SubjectFacts>* OutcomeSetPeopleTest::facts_ = nullptr;
std::size_t OutcomeSetPeopleTest::adopted_ = 0;

TEST_F(OutcomeSetPeopleTest, RowsCarryTheAgeBandAndDistrictButNoDateOfBirthOrPostcode) {
  EvaluationParameters parameters = fixture_->parameters;
  parameters.disclosure.k = 2;
  parameters.disclosure.quasi_identifiers = {"age_band", "district"};
  parameters.disclosure.max_suppressed_share = 0.05;
  auto files = Produce(parameters);
  ASSERT_TRUE(files.has_value()) << files.error().message;
  const ce::Table table = Parse(files->csv);
  const std::size_t band = Index(table, "age_band");
  const std::size_t district = Index(table, "district");
  ASSERT_LT(band, table.columns.size());
  ASSERT_LT(district, table.columns.size());
  const std::set<std::string> bands = {"under 18", "18-24", "25-34", "35-44", "45-54", "55+"};
  const std::set<std::string> districts = {"DT1", "DT2", "DT3", "BH14", "BH15", "BH16"};
  ASSERT_FALSE(table.rows.empty());
  for (const auto& row : table.rows) {
    EXPECT_TRUE(bands.contains(row[band])) << row[band];
    EXPECT_TRUE(districts.contains(row[district])) << row[district];
  }
  EXPECT_EQ(files->rows_suppressed, 1U) << "the person without facts is alone in 'unknown'";
  for (const auto& [subject, facts] : *facts_) {
    if (facts.date_of_birth) {
      EXPECT_EQ(files->csv.find(facts.date_of_birth->ToIso()), std::string::npos);
    }
  }
  for (const std::string column : {"dob", "date_of_birth", "postcode"}) {
    EXPECT_EQ(Index(table, column), table.columns.size()) << column;
  }
}

TEST_F(OutcomeSetPeopleTest, KAnonymityGeneralisesAgeAndDistrictBeforeSuppressing) {
  // k above any single band or district and below a quarter of the cohort: every combination
  // with an exact band or district, or with one column suppressed, leaves classes under k; under
  // and over 35 by postcode area leaves four classes of about a quarter each, and only the
  // person without facts is suppressed.
  EvaluationParameters parameters = fixture_->parameters;
  parameters.disclosure.k = adopted_ / 6 + 2;
  parameters.disclosure.quasi_identifiers = {"age_band", "district"};
  auto files = Produce(parameters);
  ASSERT_TRUE(files.has_value()) << files.error().message;
  const auto manifest = nlohmann::json::parse(files->manifest);
  std::map<std::string, int> level;
  for (const auto& g : manifest["generalisations"]) level[g["column"]] = g["level"].get<int>();
  EXPECT_EQ(level["age_band"], 1) << manifest["generalisations"].dump();
  EXPECT_EQ(level["district"], 1) << manifest["generalisations"].dump();
  EXPECT_EQ(manifest["rows_suppressed"], 1);
  const ce::Table table = Parse(files->csv);
  const std::size_t band = Index(table, "age_band");
  const std::size_t area = Index(table, "district");
  ASSERT_FALSE(table.rows.empty());
  for (const auto& row : table.rows) {
    EXPECT_TRUE(row[band] == "under 35" || row[band] == "35+") << row[band];
    EXPECT_TRUE(row[area] == "DT" || row[area] == "BH") << row[area];
  }
  const std::vector<std::string> quasi = parameters.disclosure.quasi_identifiers;
  EXPECT_TRUE(ce::CheckKAnonymous(table, quasi, parameters.disclosure.k).has_value());
}

TEST_F(OutcomeSetPeopleTest, TheDefaultQuasiIdentifiersIncludeAgeBandAndDistrict) {
  const std::vector<std::string>& quasi = EvaluationParameters{}.disclosure.quasi_identifiers;
  for (const std::string column :
       {"adopted", "pathway", "offences_before", "age_band", "district"}) {
    EXPECT_NE(std::find(quasi.begin(), quasi.end(), column), quasi.end()) << column;
  }
  auto files = Produce(fixture_->parameters);
  ASSERT_TRUE(files.has_value()) << files.error().message;
  const ce::Table table = Parse(files->csv);
  EXPECT_TRUE(ce::CheckKAnonymous(table, quasi, fixture_->parameters.disclosure.k).has_value());
  const auto manifest = nlohmann::json::parse(files->manifest);
  EXPECT_EQ(manifest["generalisations"].size(), quasi.size());
  EXPECT_EQ(files->rows + files->rows_suppressed, adopted_);
}

TEST(SyntheticCohortFactsTest, GiveEverySubjectAnAdultBirthDateAndOneOfFortyDistricts) {
  SyntheticCohortOptions options;
  options.subjects = 200;
  auto cohort = MakeSyntheticCohort(options);
  ASSERT_TRUE(cohort.has_value()) << cohort.error().message;
  const SubjectFactsLookup facts = cohort->Facts();
  std::set<std::string> districts;
  for (const auto& [subject, occurrences] : cohort->occurrences) {
    auto found = facts(subject);
    ASSERT_TRUE(found.has_value() && found->has_value()) << subject;
    const int age_days =
        cohort->data_end.DaysSinceEpoch() - (*found)->date_of_birth->DaysSinceEpoch();
    EXPECT_GE(age_days, 18 * 365);
    EXPECT_LT(age_days, 65 * 365);
    districts.insert((*found)->postcode_district);
    EXPECT_EQ((*facts(subject))->postcode_district, (*found)->postcode_district) << "stable";
  }
  EXPECT_GT(districts.size(), 20U);
  EXPECT_LE(districts.size(), 40U);
}

}  // namespace
}  // namespace tandem::node::eval
