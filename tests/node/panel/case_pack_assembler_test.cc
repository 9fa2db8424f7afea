#include "node/panel/case_pack_assembler.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tandem::node::panel {
namespace {

using core::Date;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

// Clause 4.5 of the standard ISA (victim advocacy to police).
const std::vector<std::string> kVictimAdvocacyClause = {
    "referral_date", "risk_level",     "dash_score",  "children_in_household",
    "relationship",  "marac_referral", "case_status", "closed_date"};

std::string Answer(const nlohmann::json& fields, const std::string& node = "victim-advocacy",
                   const std::string& export_kind = "idva_cases") {
  return nlohmann::json{
      {"fields", fields},
      {"provenance", {{"node", node}, {"clause", "4.5"}, {"export", export_kind}}},
      {"withheld", nlohmann::json::array()}}
      .dump();
}

TEST(ContributionFieldsTest, KeepsTheClauseFieldsInClauseOrderWithProvenance) {
  int refused = -1;
  auto fields = ContributionFields(
      "victim-advocacy",
      Answer({{"risk_level", "HIGH"}, {"referral_date", "2026-05-05"}, {"dash_score", "17"}}),
      kVictimAdvocacyClause, D(2026, 11, 1), &refused);
  ASSERT_TRUE(fields) << fields.error().message;
  ASSERT_EQ(fields->size(), 3u);
  EXPECT_EQ((*fields)[0].name, "referral_date");
  EXPECT_EQ((*fields)[1].name, "risk_level");
  EXPECT_EQ((*fields)[1].value, "HIGH");
  EXPECT_EQ((*fields)[2].name, "dash_score");
  for (const auto& f : *fields) {
    EXPECT_EQ(f.provenance.node, "victim-advocacy");
    EXPECT_EQ(f.provenance.isa_clause, "4.5");
    EXPECT_EQ(f.provenance.record_date, D(2026, 5, 5));  // idva_cases: referral_date
  }
  EXPECT_EQ(refused, 0);
}

TEST(ContributionFieldsTest, NeverCarriesTheVictimsIdentityEvenWhenAnAgreementListsIt) {
  // A mis-drafted clause that lists the victim's and the perpetrator's identifying fields, and
  // a partner that sends them: none reaches the pack.
  std::vector<std::string> careless = kVictimAdvocacyClause;
  for (const char* name :
       {"case_ref", "victim_age", "victim_sex", "perpetrator_name", "perpetrator_dob"}) {
    careless.emplace_back(name);
  }
  int refused = 0;
  auto fields = ContributionFields("victim-advocacy",
                                   Answer({{"risk_level", "HIGH"},
                                           {"case_ref", "IDVA-0001"},
                                           {"victim_age", 34},
                                           {"victim_sex", "F"},
                                           {"perpetrator_name", "Daniel O'Brien"},
                                           {"perpetrator_dob", "1986-04-11"}}),
                                   careless, D(2026, 11, 1), &refused);
  ASSERT_TRUE(fields) << fields.error().message;
  ASSERT_EQ(fields->size(), 1u);
  EXPECT_EQ((*fields)[0].name, "risk_level");
  EXPECT_EQ(refused, 5);
  for (const char* name : {"case_ref", "victim_age", "victim_sex", "perpetrator_name",
                           "perpetrator_dob", "perpetrator_age", "surname", "dob", "nhs_number"}) {
    EXPECT_TRUE(IdentifiesAPerson(name)) << name;
  }
  for (const auto& name : kVictimAdvocacyClause) EXPECT_FALSE(IdentifiesAPerson(name)) << name;
}

TEST(ContributionFieldsTest, DropsFieldsTheClauseDoesNotListAndUnknownValues) {
  int refused = 0;
  auto fields = ContributionFields("probation",
                                   Answer({{"rosh", "HIGH"},
                                           {"end_date", nullptr},
                                           {"start_date", ""},
                                           {"crn", "X123456"},
                                           {"ogrs3_2yr", 62}},
                                          "probation", "probation_cases"),
                                   {"supervision", "start_date", "end_date", "rosh", "ogrs3_2yr"},
                                   D(2026, 11, 1), &refused);
  ASSERT_TRUE(fields) << fields.error().message;
  ASSERT_EQ(fields->size(), 2u);
  EXPECT_EQ((*fields)[0].name, "rosh");
  EXPECT_EQ((*fields)[1].name, "ogrs3_2yr");
  EXPECT_EQ((*fields)[1].value, "62");
  EXPECT_EQ((*fields)[0].provenance.record_date, D(2026, 11, 1));  // no start date: prepared on
  EXPECT_EQ(refused, 1);                                           // crn
}

TEST(ContributionFieldsTest, RefusesAnAnswerNamingAnotherNodeOrNotShapedAsAContribution) {
  auto other = ContributionFields("probation", Answer({{"rosh", "HIGH"}}, "nhs"), {"rosh"},
                                  D(2026, 11, 1), nullptr);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, Code::kUnauthenticated);
  auto shapeless =
      ContributionFields("probation", R"({"fields": []})", {"rosh"}, D(2026, 11, 1), nullptr);
  ASSERT_FALSE(shapeless);
  EXPECT_EQ(shapeless.error().code, Code::kUnauthenticated);
}

// A provenance member that was not text threw out of the decoder instead of refusing the answer.
TEST(ContributionFieldsTest, RefusesAProvenanceWhoseMembersAreNotText) {
  const std::string answer =
      R"({"fields": {"rosh": "HIGH"}, "provenance": {"node": 7, "clause": ["4.5"], "export": {}}})";
  auto fields = ContributionFields("probation", answer, {"rosh"}, D(2026, 11, 1), nullptr);
  ASSERT_FALSE(fields);
  EXPECT_EQ(fields.error().code, Code::kUnauthenticated);
  auto no_export = ContributionFields(
      "probation",
      R"({"fields": {"rosh": "HIGH"}, "provenance": {"node": "probation", "clause": "4.5", "export": 1}})",
      {"rosh"}, D(2026, 11, 1), nullptr);
  ASSERT_TRUE(no_export) << no_export.error().message;
  ASSERT_EQ(no_export->size(), 1u);
  EXPECT_EQ((*no_export)[0].provenance.record_date, D(2026, 11, 1));
}

}  // namespace
}  // namespace tandem::node::panel
