// The ground truth and the shape of the synthetic population: truth.csv names every record,
// identifiers are shared where real agencies share them, overlap between agencies is
// realistic, and victim advocacy sees serial perpetrators, some never reported to police.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/core/synth_test_support.h"

namespace tandem::core::synth {
namespace {

using testing::Row;
using testing::TestPartnership;
using testing::TestRows;

// agency name -> record id -> person id
using TruthIndex = std::map<std::string, std::map<std::string, std::string>>;

const TruthIndex& Truth() {
  static const TruthIndex index = [] {
    TruthIndex out;
    const auto& rows = TestRows(OutputFile::kTruth);
    for (std::size_t r = 1; r < rows.size(); ++r) out[rows[r][0]][rows[r][1]] = rows[r][2];
    return out;
  }();
  return index;
}

std::string PersonOf(const std::string& agency, const std::string& record) {
  const auto& records = Truth().at(agency);
  const auto it = records.find(record);
  return it == records.end() ? std::string() : it->second;
}

TEST(SynthTruthTest, NamesEveryPersonRecordOfEveryFileExactlyOnce) {
  const std::vector<std::pair<OutputFile, std::string>> files = {
      {OutputFile::kPoliceNominals, "police"},
      {OutputFile::kProbationCases, "probation"},
      {OutputFile::kNhsMentalHealth, "nhs"},
      {OutputFile::kHousingTenancies, "housing"},
      {OutputFile::kTreatmentEpisodes, "substance-misuse"},
      {OutputFile::kIdvaCases, "victim-advocacy"},
  };
  std::size_t records = 0;
  for (const auto& [file, agency] : files) {
    const auto& rows = TestRows(file);
    ASSERT_TRUE(Truth().count(agency)) << agency;
    EXPECT_EQ(Truth().at(agency).size(), rows.size() - 1) << agency;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      EXPECT_FALSE(PersonOf(agency, rows[r][0]).empty()) << agency << " " << rows[r][0];
    }
    records += rows.size() - 1;
  }
  EXPECT_EQ(TestRows(OutputFile::kTruth).size() - 1, records) << "truth has extra rows";
  EXPECT_EQ(Truth().size(), files.size());
}

TEST(SynthTruthTest, EveryPersonIsKnownToSomeAgency) {
  std::set<std::string> people;
  for (const auto& [agency, records] : Truth()) {
    for (const auto& [record, person] : records) people.insert(person);
  }
  EXPECT_EQ(people.size(), testing::kTestPeople);
  EXPECT_EQ(TestPartnership().summary.people, testing::kTestPeople);
}

TEST(SynthTruthTest, ProbationCarriesThePoliceNationalComputerIdOfTheSamePerson) {
  std::map<std::string, std::set<std::string>> police_pnc_by_person;
  const auto& nominals = TestRows(OutputFile::kPoliceNominals);
  for (std::size_t r = 1; r < nominals.size(); ++r) {
    if (!nominals[r][6].empty()) {
      police_pnc_by_person[PersonOf("police", nominals[r][0])].insert(nominals[r][6]);
    }
  }
  const auto& probation = TestRows(OutputFile::kProbationCases);
  ASSERT_GT(probation.size(), 20u);
  for (std::size_t r = 1; r < probation.size(); ++r) {
    const std::string person = PersonOf("probation", probation[r][0]);
    EXPECT_EQ(police_pnc_by_person[person].count(probation[r][1]), 1u)
        << "probation case " << probation[r][0] << " has a PNC ID police do not hold for "
        << person;
  }
}

TEST(SynthTruthTest, IdentifiersBelongToOnePersonEach) {
  std::map<std::string, std::string> pnc_owner;
  const auto& nominals = TestRows(OutputFile::kPoliceNominals);
  for (std::size_t r = 1; r < nominals.size(); ++r) {
    if (nominals[r][6].empty()) continue;
    const std::string person = PersonOf("police", nominals[r][0]);
    const auto [it, inserted] = pnc_owner.emplace(nominals[r][6], person);
    EXPECT_EQ(it->second, person) << "PNC ID " << nominals[r][6] << " shared by two people";
  }
  std::map<std::string, std::string> nhs_owner;
  const auto& patients = TestRows(OutputFile::kNhsMentalHealth);
  for (std::size_t r = 1; r < patients.size(); ++r) {
    std::string number = patients[r][1];
    number.erase(std::remove(number.begin(), number.end(), ' '), number.end());
    if (number.empty()) continue;
    const std::string person = PersonOf("nhs", patients[r][0]);
    const auto [it, inserted] = nhs_owner.emplace(number, person);
    EXPECT_EQ(it->second, person) << "NHS number shared by two people";
  }
}

TEST(SynthTruthTest, MostPeopleAreKnownToOneAgencyAndAHighHarmFewToFourOrMore) {
  std::map<std::string, std::set<std::string>> agencies_of;
  for (const auto& [agency, records] : Truth()) {
    for (const auto& [record, person] : records) agencies_of[person].insert(agency);
  }
  std::array<int, 7> by_count{};
  for (const auto& [person, agencies] : agencies_of) ++by_count[agencies.size()];
  const double people = static_cast<double>(agencies_of.size());
  const double one = by_count[1] / people;
  const double four_plus = (by_count[4] + by_count[5] + by_count[6]) / people;
  EXPECT_GT(one, 0.55);
  EXPECT_LT(one, 0.85);
  EXPECT_GT(four_plus, 0.01);
  EXPECT_LT(four_plus, 0.10);
  // The summary counts the same thing.
  const Summary& summary = TestPartnership().summary;
  for (std::size_t k = 1; k <= 6; ++k) {
    EXPECT_EQ(summary.people_by_agency_count[k], static_cast<std::uint64_t>(by_count[k])) << k;
  }
}

TEST(SynthTruthTest, SomePeopleHaveSeveralRecordsInOneAgency) {
  std::map<std::string, std::map<std::string, int>> records_of;
  for (const auto& [agency, records] : Truth()) {
    for (const auto& [record, person] : records) ++records_of[agency][person];
  }
  const auto people_with_several = [&](const std::string& agency) {
    int n = 0;
    for (const auto& [person, count] : records_of[agency]) n += count > 1 ? 1 : 0;
    return n;
  };
  EXPECT_GT(people_with_several("police"), 0) << "no duplicate nominals";
  EXPECT_LT(people_with_several("police"), static_cast<int>(records_of["police"].size()) / 20);
  EXPECT_GT(people_with_several("housing"), 50) << "nobody moved between tenancies";
  EXPECT_GT(people_with_several("victim-advocacy"), 10) << "no serial perpetrators";
  EXPECT_GT(TestPartnership().summary.duplicate_records, 0u);
}

TEST(SynthTruthTest, IdvaCasesPointAtPerpetratorsSomeSerialSomeNeverReportedToPolice) {
  std::map<std::string, int> cases_per_person;
  for (const auto& [record, person] : Truth().at("victim-advocacy")) ++cases_per_person[person];
  int serial = 0;
  int unknown_to_police = 0;
  std::set<std::string> police_people;
  for (const auto& [record, person] : Truth().at("police")) police_people.insert(person);
  for (const auto& [person, count] : cases_per_person) {
    if (count >= 2) ++serial;
    if (police_people.count(person) == 0) ++unknown_to_police;
  }
  EXPECT_GT(serial, 5);
  EXPECT_GT(unknown_to_police, 5);
  EXPECT_LT(unknown_to_police, static_cast<int>(cases_per_person.size()));
  EXPECT_GT(TestPartnership().summary.idva_perpetrators_unknown_to_police, 0u);
}

TEST(SynthTruthTest, VictimReferencesCountDistinctVictimsOfSerialPerpetrators) {
  // Domestic abuse occurrences of one person carry one victim reference per victim; some
  // perpetrators have two or more, and a victim reference never belongs to two perpetrators.
  std::map<std::string, std::set<std::string>> victims_of;
  std::map<std::string, std::set<std::string>> perpetrators_of;
  const auto& occurrences = TestRows(OutputFile::kPoliceOccurrences);
  for (std::size_t r = 1; r < occurrences.size(); ++r) {
    const Row& o = occurrences[r];
    if (o[6] != "Y" || o[7].empty() || o[2] == "VICTIM" || o[2] == "WITNESS") continue;
    const std::string person = PersonOf("police", o[1]);
    victims_of[person].insert(o[7]);
    perpetrators_of[o[7]].insert(person);
  }
  int serial = 0;
  for (const auto& [person, victims] : victims_of) serial += victims.size() >= 2 ? 1 : 0;
  EXPECT_GT(serial, 5);
  for (const auto& [victim, perpetrators] : perpetrators_of) {
    EXPECT_EQ(perpetrators.size(), 1u) << victim;
  }
}

TEST(SynthTruthTest, RecordsOfOnePersonStayRecognisable) {
  // Noise is realistic, not absurd: police and probation agree on the date of birth for the
  // great majority of the people both know.
  std::map<std::string, std::string> police_dob;
  const auto& nominals = TestRows(OutputFile::kPoliceNominals);
  for (std::size_t r = 1; r < nominals.size(); ++r) {
    police_dob[PersonOf("police", nominals[r][0])] = nominals[r][4];  // 1986-04-11
  }
  int same = 0;
  int compared = 0;
  const auto& probation = TestRows(OutputFile::kProbationCases);
  for (std::size_t r = 1; r < probation.size(); ++r) {
    const std::string& dmy = probation[r][4];  // 11/04/1986
    if (dmy.empty()) continue;
    const std::string iso = dmy.substr(6, 4) + "-" + dmy.substr(3, 2) + "-" + dmy.substr(0, 2);
    ++compared;
    same += police_dob[PersonOf("probation", probation[r][0])] == iso ? 1 : 0;
  }
  ASSERT_GT(compared, 20);
  EXPECT_GT(static_cast<double>(same) / compared, 0.9);
}

TEST(SynthTruthTest, SummaryRowCountsMatchTheFiles) {
  const Summary& summary = TestPartnership().summary;
  for (std::size_t f = 0; f < kOutputFileCount; ++f) {
    EXPECT_EQ(summary.rows[f], TestRows(static_cast<OutputFile>(f)).size() - 1)
        << OutputFileName(static_cast<OutputFile>(f));
  }
  EXPECT_GT(summary.high_harm_cohort, 0u);
  EXPECT_GE(summary.da_perpetrators, summary.serial_perpetrators);
  EXPECT_GT(summary.serial_perpetrators, 0u);
}

}  // namespace
}  // namespace tandem::core::synth
