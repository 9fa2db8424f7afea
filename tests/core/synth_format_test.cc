// Every file the generator writes has exactly the header of docs/agency-exports.md and every
// value of every row is valid for its column: what the strict adapters will demand.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/agency.h"
#include "core/date.h"
#include "core/identifiers.h"
#include "core/offences.h"
#include "tests/core/synth_test_support.h"

namespace tandem::core::synth {
namespace {

using testing::Row;
using testing::TestRows;

// ---- column checkers ----

using Check = std::function<bool(const std::string&)>;

Check Pattern(const char* pattern) {
  auto re = std::make_shared<std::regex>(pattern);
  return [re](const std::string& v) { return std::regex_match(v, *re); };
}

Check OrEmpty(Check check) {
  return [check](const std::string& v) { return v.empty() || check(v); };
}

Check OneOf(std::set<std::string> values) {
  return [values](const std::string& v) { return values.count(v) > 0; };
}

std::optional<Date> ParseIso(const std::string& v) {
  std::smatch m;
  static const std::regex kRe(R"((\d{4})-(\d{2})-(\d{2}))");
  if (!std::regex_match(v, m, kRe)) return std::nullopt;
  auto d = Date::FromYmd(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

std::optional<Date> ParseDmySlash(const std::string& v) {
  std::smatch m;
  static const std::regex kRe(R"((\d{2})/(\d{2})/(\d{4}))");
  if (!std::regex_match(v, m, kRe)) return std::nullopt;
  auto d = Date::FromYmd(std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

std::optional<Date> ParseDMonY(const std::string& v) {
  static const std::vector<std::string> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::smatch m;
  static const std::regex kRe(R"((\d{2})-([A-Z][a-z]{2})-(\d{4}))");
  if (!std::regex_match(v, m, kRe)) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == m[2].str()) {
      auto d = Date::FromYmd(std::stoi(m[3]), static_cast<int>(i) + 1, std::stoi(m[1]));
      return d ? std::optional<Date>(*d) : std::nullopt;
    }
  }
  return std::nullopt;
}

const Check kIso = [](const std::string& v) { return ParseIso(v).has_value(); };
const Check kDmySlash = [](const std::string& v) { return ParseDmySlash(v).has_value(); };
const Check kDMonY = [](const std::string& v) { return ParseDMonY(v).has_value(); };

// A name: letters (any script; UTF-8 bytes >= 0x80 count as letters), apostrophes, hyphens,
// single inner spaces, at most one stray space at either end; starts with a letter.
bool IsName(std::string v, bool allow_quotes = false) {
  if (!v.empty() && v.front() == ' ') v.erase(0, 1);
  if (!v.empty() && v.back() == ' ') v.pop_back();
  if (v.empty()) return false;
  const auto letter = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  if (!letter(v.front()) && !(allow_quotes && v.front() == '"')) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (letter(c) || c == '\'' || c == '-') continue;
    if (c == ' ' && i > 0 && v[i - 1] != ' ') continue;
    if (allow_quotes && c == '"') continue;
    return false;
  }
  return true;
}

const Check kName = [](const std::string& v) { return IsName(v); };
const Check kNames = [](const std::string& v) { return v.empty() || IsName(v); };

bool IsValidPnc(const std::string& v) {
  std::smatch m;
  static const std::regex kRe(R"((\d{2})/(\d{1,7})([A-Z]))");
  if (!std::regex_match(v, m, kRe)) return false;
  const auto letter = PncCheckLetter(m[1].str(), m[2].str());
  return letter.has_value() && *letter == m[3].str()[0];
}

bool IsValidNhs(std::string v) {
  static const std::regex kSpaced(R"(\d{3} \d{3} \d{4})");
  if (std::regex_match(v, kSpaced)) v.erase(std::remove(v.begin(), v.end(), ' '), v.end());
  return IsValidNhsNumber(v);  // ten digits with the right check digit
}

bool IsValidNi(std::string v) {
  v.erase(std::remove(v.begin(), v.end(), ' '), v.end());
  static const std::regex kRe(R"([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D])");
  if (!std::regex_match(v, kRe)) return false;
  const std::string prefix = v.substr(0, 2);
  for (const char* bad : {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}) {
    if (prefix == bad) return false;
  }
  return true;
}

// Dorset postcodes, any case, with or without the space.
const Check kPostcode = Pattern(R"((BH|DT|SP|bh|dt|sp)\d{1,2} ?\d[A-Za-z]{2})");
const Check kAddress = [](const std::string& v) {
  return !v.empty() && v.find_first_not_of(' ') != std::string::npos;
};
const Check kCount = Pattern(R"(\d+)");

Check SemicolonList(std::set<std::string> allowed) {
  return [allowed](const std::string& v) {
    if (v.empty()) return true;
    std::set<std::string> seen;
    std::size_t start = 0;
    while (true) {
      const std::size_t end = v.find(';', start);
      const std::string item = v.substr(start, end - start);
      if (allowed.count(item) == 0 || !seen.insert(item).second) return false;
      if (end == std::string::npos) return true;
      start = end + 1;
    }
  };
}

bool IsAliasList(const std::string& v) {
  if (v.empty()) return true;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = v.find(';', start);
    const std::string alias = v.substr(start, end - start);
    const std::size_t at = alias.find('@');
    const std::string name = alias.substr(0, at);
    if (!IsName(name) || name.find(' ') == std::string::npos) return false;
    if (at != std::string::npos && !ParseIso(alias.substr(at + 1))) return false;
    if (end == std::string::npos) return true;
    start = end + 1;
  }
}

struct Column {
  std::string name;
  Check check;
};

void ExpectFile(OutputFile file, const std::vector<Column>& columns) {
  const std::vector<Row>& rows = TestRows(file);
  ASSERT_FALSE(rows.empty()) << OutputFileName(file);
  std::vector<std::string> expected_header;
  for (const Column& c : columns) expected_header.push_back(c.name);
  EXPECT_EQ(rows[0], expected_header) << OutputFileName(file);
  ASSERT_GT(rows.size(), 1u) << OutputFileName(file) << " has no rows";
  int failures = 0;
  for (std::size_t r = 1; r < rows.size() && failures < 10; ++r) {
    const Row& row = rows[r];
    if (row.size() != columns.size()) {
      ADD_FAILURE() << OutputFileName(file) << " row " << r << " has " << row.size() << " fields";
      ++failures;
      continue;
    }
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (!columns[c].check(row[c])) {
        ADD_FAILURE() << OutputFileName(file) << " row " << r << ", column " << columns[c].name
                      << ": '" << row[c] << "' is not valid";
        ++failures;
      }
    }
  }
}

TEST(SynthFormatTest, PoliceNominalsMatchTheSpec) {
  ExpectFile(
      OutputFile::kPoliceNominals,
      {{"nominal_id", Pattern(R"(N\d{7})")},
       {"surname", kName},
       {"forename", kName},
       {"middle_names", kNames},
       {"dob", OrEmpty(kIso)},
       {"sex", OneOf({"M", "F", "U"})},
       {"pnc_id", OrEmpty(IsValidPnc)},
       {"address", kAddress},
       {"postcode", OrEmpty(kPostcode)},
       {"aliases", IsAliasList},
       {"warning_markers", SemicolonList({"VI", "WE", "DA", "ST", "SX", "MH", "DR", "SH"})}});
}

TEST(SynthFormatTest, PoliceOccurrencesMatchTheSpec) {
  std::set<std::string> codes;
  for (const Offence& o : OffenceTable::Approximate().offences()) codes.insert(o.code);
  ExpectFile(OutputFile::kPoliceOccurrences,
             {{"occurrence_id", Pattern(R"(OC\d+)")},
              {"nominal_id", Pattern(R"(N\d{7})")},
              {"role", OneOf({"SUSPECT", "OFFENDER", "VICTIM", "WITNESS"})},
              {"offence_code", OneOf(codes)},
              {"committed_on", kIso},
              {"reported_on", kIso},
              {"domestic_abuse", OneOf({"Y", "N"})},
              {"victim_ref", OrEmpty(Pattern(R"(V\d+)"))},
              {"outcome", OneOf({"CHARGED", "CONVICTED", "CAUTIONED", "COMMUNITY_RESOLUTION", "NFA",
                                 "UNDER_INVESTIGATION"})}});
}

TEST(SynthFormatTest, ProbationCasesMatchTheSpec) {
  ExpectFile(OutputFile::kProbationCases,
             {{"crn", Pattern(R"([A-Z]\d{6})")},
              {"pnc_id", IsValidPnc},
              {"surname", kName},
              {"forename", kName},
              {"dob", OrEmpty(kDmySlash)},
              {"gender", OneOf({"Male", "Female", "Unknown"})},
              {"postcode", OrEmpty(kPostcode)},
              {"supervision", OneOf({"COMMUNITY_ORDER", "SUSPENDED_SENTENCE", "LICENCE",
                                     "POST_SENTENCE_SUPERVISION", "NONE"})},
              {"start_date", kDmySlash},
              {"end_date", OrEmpty(kDmySlash)},
              {"rosh", OneOf({"LOW", "MEDIUM", "HIGH", "VERY_HIGH"})},
              {"ogrs3_2yr", OrEmpty(Pattern(R"(\d|[1-9]\d)"))},
              {"mappa_category", Pattern("[0-3]")},
              {"mappa_level", Pattern("[0-3]")},
              {"accredited_programme",
               OrEmpty(OneOf({"BUILDING_CHOICES", "KAIZEN", "HORIZON", "THINKING_SKILLS"}))}});
}

TEST(SynthFormatTest, NhsMentalHealthMatchesTheSpec) {
  ExpectFile(OutputFile::kNhsMentalHealth,
             {{"local_patient_id", Pattern(R"(RX\d+)")},
              {"nhs_number", OrEmpty(IsValidNhs)},
              {"family_name", kName},
              {"given_name", kName},
              {"date_of_birth", OrEmpty(kDmySlash)},
              {"gender_code", OneOf({"0", "1", "2", "9"})},
              {"postcode", OrEmpty(kPostcode)},
              {"service", OneOf({"CMHT", "CRISIS", "FORENSIC", "IAPT", "LIAISON", "ED"})},
              {"referral_date", kDmySlash},
              {"discharge_date", OrEmpty(kDmySlash)},
              {"risk_flags", SemicolonList({"RISK_TO_OTHERS", "RISK_TO_SELF", "SAFEGUARDING"})},
              {"marac_flag", OneOf({"Y", "N"})}});
}

TEST(SynthFormatTest, HousingTenanciesMatchTheSpec) {
  const Check lead_tenant = [](const std::string& v) {
    const std::size_t comma = v.find(", ");
    return comma != std::string::npos && v.find(',', comma + 1) == std::string::npos &&
           IsName(v.substr(0, comma)) && IsName(v.substr(comma + 2));
  };
  ExpectFile(OutputFile::kHousingTenancies,
             {{"tenancy_ref", Pattern(R"(T\d+)")},
              {"lead_tenant_name", lead_tenant},
              {"date_of_birth", OrEmpty(kDMonY)},
              {"ni_number", OrEmpty(IsValidNi)},
              {"address", kAddress},
              {"postcode", OrEmpty(kPostcode)},
              {"tenure", OneOf({"SECURE", "INTRODUCTORY", "TEMPORARY", "PRIVATE_RENTED", "NONE"})},
              {"status", OneOf({"ACTIVE", "ARREARS", "EVICTION_PROCEEDINGS", "ENDED"})},
              {"start_date", kDMonY},
              {"end_date", OrEmpty(kDMonY)},
              {"homelessness_duty", OneOf({"NONE", "PREVENTION", "RELIEF", "MAIN"})},
              {"asb_cases_open", kCount}});
}

TEST(SynthFormatTest, TreatmentEpisodesMatchTheSpec) {
  ExpectFile(
      OutputFile::kTreatmentEpisodes,
      {{"client_ref", Pattern(R"(C\d+)")},
       {"first_initial", Pattern("[A-Za-z]")},
       {"surname_initial", Pattern("[A-Za-z]")},
       {"dob", OrEmpty(kIso)},
       {"sex", OneOf({"M", "F", "X"})},
       {"postcode_district", OrEmpty(Pattern(R"((BH|DT|SP)\d{1,2})"))},
       {"substance", OneOf({"OPIATES", "CRACK", "COCAINE", "ALCOHOL", "CANNABIS", "OTHER"})},
       {"referral_date", kIso},
       {"treatment_start", kIso},
       {"discharge_date", OrEmpty(kIso)},
       {"discharge_reason", OrEmpty(OneOf({"COMPLETED", "DROPPED_OUT", "TRANSFERRED", "PRISON"}))},
       {"injecting", OneOf({"Y", "N"})}});
}

TEST(SynthFormatTest, IdvaCasesMatchTheSpec) {
  const Check age = [](const std::string& v) {
    static const std::regex kRe(R"(\d{1,3})");
    return std::regex_match(v, kRe) && std::stoi(v) >= 16 && std::stoi(v) <= 110;
  };
  const Check perpetrator = [](const std::string& v) { return v.empty() || IsName(v, true); };
  ExpectFile(OutputFile::kIdvaCases,
             {{"case_ref", Pattern(R"(IDVA-\d+)")},
              {"referral_date", kDmySlash},
              {"victim_age", age},
              {"victim_sex", OneOf({"F", "M", "X"})},
              {"children_in_household", kCount},
              {"perpetrator_name", perpetrator},
              {"perpetrator_dob", OrEmpty(kDmySlash)},
              {"perpetrator_age", OrEmpty(age)},
              {"relationship", OneOf({"PARTNER", "EX_PARTNER", "FAMILY", "OTHER"})},
              {"risk_level", OneOf({"STANDARD", "MEDIUM", "HIGH"})},
              {"dash_score", Pattern(R"(\d|1\d|2[0-4])")},
              {"marac_referral", OneOf({"Y", "N"})},
              {"case_status", OneOf({"OPEN", "CLOSED"})},
              {"closed_date", OrEmpty(kDmySlash)}});
}

TEST(SynthFormatTest, TruthMatchesTheSpec) {
  ExpectFile(OutputFile::kTruth,
             {{"agency", [](const std::string& v) { return ParseAgencyKind(v).has_value(); }},
              {"record_id", Pattern(R"((N|RX|T|C|IDVA-)?[A-Z]?\d+)")},
              {"person_id", Pattern(R"(P\d{7})")}});
}

TEST(SynthFormatTest, ReferencesAreUniqueWithinEachFile) {
  for (OutputFile file :
       {OutputFile::kPoliceNominals, OutputFile::kPoliceOccurrences, OutputFile::kProbationCases,
        OutputFile::kNhsMentalHealth, OutputFile::kHousingTenancies, OutputFile::kTreatmentEpisodes,
        OutputFile::kIdvaCases}) {
    const auto& rows = TestRows(file);
    std::set<std::string> refs;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      EXPECT_TRUE(refs.insert(rows[r][0]).second)
          << OutputFileName(file) << ": " << rows[r][0] << " appears twice";
    }
  }
}

// ---- internal consistency ----

Date MustIso(const std::string& v) { return *ParseIso(v); }
Date MustDmy(const std::string& v) { return *ParseDmySlash(v); }
Date MustDMonY(const std::string& v) { return *ParseDMonY(v); }

TEST(SynthConsistencyTest, OccurrencesAreReportedAfterTheyHappenAndNeverAfterToday) {
  const Date today = DefaultReferenceDate();
  const auto& rows = TestRows(OutputFile::kPoliceOccurrences);
  std::set<std::string> nominals;
  for (std::size_t r = 1; r < TestRows(OutputFile::kPoliceNominals).size(); ++r) {
    nominals.insert(TestRows(OutputFile::kPoliceNominals)[r][0]);
  }
  const Date window_start = *Date::FromYmd(today.year() - 8, 1, 1);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Date committed = MustIso(rows[r][4]);
    const Date reported = MustIso(rows[r][5]);
    EXPECT_LE(committed, reported) << rows[r][0];
    EXPECT_LE(reported, today) << rows[r][0];
    EXPECT_GE(committed, window_start) << rows[r][0];
    EXPECT_EQ(nominals.count(rows[r][1]), 1u) << rows[r][1] << " is not a nominal";
    // Under investigation only for recent reports; sanctions make an offender.
    if (rows[r][8] == "UNDER_INVESTIGATION") {
      EXPECT_LT(today.DaysSinceEpoch() - reported.DaysSinceEpoch(), 90) << rows[r][0];
    }
    if (rows[r][8] == "CONVICTED" || rows[r][8] == "CAUTIONED" ||
        rows[r][8] == "COMMUNITY_RESOLUTION") {
      EXPECT_TRUE(rows[r][2] == "OFFENDER" || rows[r][2] == "VICTIM" || rows[r][2] == "WITNESS")
          << rows[r][0];
    }
    if (rows[r][3] == "NON_FATAL_STRANGULATION") {
      EXPECT_GE(committed, *Date::FromYmd(2022, 6, 7)) << "the offence did not exist yet";
    }
  }
}

TEST(SynthConsistencyTest, ProbationEndDatesFollowStartAndAreEmptyWhileActive) {
  const Date today = DefaultReferenceDate();
  const auto& rows = TestRows(OutputFile::kProbationCases);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Date start = MustDmy(rows[r][8]);
    EXPECT_LE(start, today);
    if (!rows[r][9].empty()) {
      EXPECT_LE(start, MustDmy(rows[r][9])) << rows[r][0];
      EXPECT_LE(MustDmy(rows[r][9]), today) << rows[r][0];
    }
    EXPECT_EQ(rows[r][12] == "0", rows[r][13] == "0") << "MAPPA category and level disagree";
  }
}

TEST(SynthConsistencyTest, NhsDischargeFollowsReferral) {
  const auto& rows = TestRows(OutputFile::kNhsMentalHealth);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r][9].empty()) continue;
    EXPECT_LE(MustDmy(rows[r][8]), MustDmy(rows[r][9])) << rows[r][0];
  }
}

TEST(SynthConsistencyTest, TenanciesEndOnlyWhenEndedAndAfterTheyStart) {
  const auto& rows = TestRows(OutputFile::kHousingTenancies);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r][9].empty(), rows[r][7] != "ENDED") << rows[r][0];
    if (!rows[r][9].empty()) EXPECT_LE(MustDMonY(rows[r][8]), MustDMonY(rows[r][9]));
  }
}

TEST(SynthConsistencyTest, TreatmentDatesAreOrderedAndReasonEmptyWhileInTreatment) {
  const auto& rows = TestRows(OutputFile::kTreatmentEpisodes);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Date referral = MustIso(rows[r][7]);
    const Date start = MustIso(rows[r][8]);
    EXPECT_LE(referral, start) << rows[r][0];
    EXPECT_EQ(rows[r][9].empty(), rows[r][10].empty()) << rows[r][0];
    if (!rows[r][9].empty()) EXPECT_LE(start, MustIso(rows[r][9])) << rows[r][0];
  }
}

TEST(SynthConsistencyTest, IdvaCasesCloseAfterReferralAndOnlyWhenClosed) {
  const auto& rows = TestRows(OutputFile::kIdvaCases);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r][13].empty(), rows[r][12] == "OPEN") << rows[r][0];
    if (!rows[r][13].empty()) EXPECT_LE(MustDmy(rows[r][1]), MustDmy(rows[r][13]));
    const int dash = std::stoi(rows[r][10]);
    if (dash >= 14) EXPECT_EQ(rows[r][9], "HIGH") << "DASH 14 or more is high risk";
  }
}

TEST(SynthConsistencyTest, WarningMarkersFollowOffending) {
  // A nominal marked DA belongs to a person accused of at least one domestic abuse occurrence
  // (on that nominal or on the person's other one).
  std::map<std::string, std::string> person_of;
  const auto& truth = TestRows(OutputFile::kTruth);
  for (std::size_t r = 1; r < truth.size(); ++r) {
    if (truth[r][0] == "police") person_of[truth[r][1]] = truth[r][2];
  }
  const auto& nominals = TestRows(OutputFile::kPoliceNominals);
  const auto& occurrences = TestRows(OutputFile::kPoliceOccurrences);
  std::set<std::string> accused_of_da;
  for (std::size_t r = 1; r < occurrences.size(); ++r) {
    const Row& o = occurrences[r];
    if (o[6] == "Y" && (o[2] == "SUSPECT" || o[2] == "OFFENDER")) {
      accused_of_da.insert(person_of[o[1]]);
    }
  }
  int marked = 0;
  for (std::size_t r = 1; r < nominals.size(); ++r) {
    if (nominals[r][10].find("DA") == std::string::npos) continue;
    ++marked;
    EXPECT_EQ(accused_of_da.count(person_of[nominals[r][0]]), 1u) << nominals[r][0];
  }
  EXPECT_GT(marked, 0);
}

}  // namespace
}  // namespace tandem::core::synth
