#include "core/panel/case_pack.h"

#include <gtest/gtest.h>

#include "tests/core/panel/panel_test_support.h"

namespace tandem::core::panel {
namespace {

using testing::D;

CasePack Pack() {
  CasePack pack;
  pack.pack_id = "P1";
  pack.subject_ref = "S-3f9a";
  pack.case_id = "C1";
  pack.meeting_id = "M1";
  pack.known_victims = 2;
  pack.children_at_risk = 3;
  pack.contributions = {
      {"police",
       AgencyKind::kPolice,
       ContributionStatus::kMatched,
       "definite",
       "",
       {{"warning_markers", "VI;DA", {"police", D("2026-10-01"), "4.1"}}}},
      {"probation",
       AgencyKind::kProbation,
       ContributionStatus::kMatched,
       "probable",
       "",
       {{"rosh", "HIGH", {"probation", D("2026-09-12"), "4.2"}}}},
      {"nhs", AgencyKind::kNhs, ContributionStatus::kNoMatch, "", "", {}},
      {"housing",
       AgencyKind::kHousing,
       ContributionStatus::kUnavailable,
       "",
       "connection refused",
       {}},
      {"substance-misuse",
       AgencyKind::kSubstanceMisuse,
       ContributionStatus::kNotAllowedByIsa,
       "",
       "purpose case-pack has no clause",
       {}},
  };
  return pack;
}

TEST(CasePackTest, ListsWhatIsMissingAndWhyAndIsIncompleteWhileAnAgencyIsDown) {
  CasePack pack = Pack();
  ASSERT_TRUE(FinalisePack(pack).has_value());
  ASSERT_EQ(pack.missing.size(), 3u);
  EXPECT_EQ(pack.missing[0].node, "nhs");
  EXPECT_EQ(pack.missing[0].status, ContributionStatus::kNoMatch);
  EXPECT_NE(pack.missing[1].why.find("connection refused"), std::string::npos);
  EXPECT_NE(pack.missing[2].why.find("ISA"), std::string::npos);
  EXPECT_FALSE(pack.complete);
  // The partner is back and has nothing on the subject.
  pack.contributions[3].status = ContributionStatus::kNoMatch;
  pack.contributions[3].note.clear();
  ASSERT_TRUE(FinalisePack(pack).has_value());
  EXPECT_EQ(pack.missing.size(), 3u);
  EXPECT_TRUE(pack.complete);
}

TEST(CasePackTest, RefusesAFieldWithoutProvenanceOrFieldsFromAnAgencyNotMatched) {
  CasePack pack = Pack();
  pack.contributions[1].fields[0].provenance.isa_clause.clear();
  Status status = FinalisePack(pack);
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().message.find("rosh"), std::string::npos);
  pack = Pack();
  pack.contributions[2].fields.push_back({"service", "CMHT", {"nhs", D("2026-01-01"), "4.3"}});
  EXPECT_FALSE(FinalisePack(pack).has_value());
  pack = Pack();
  pack.known_victims = -1;
  EXPECT_FALSE(FinalisePack(pack).has_value());
  pack = Pack();
  pack.contributions.push_back(pack.contributions[0]);
  EXPECT_FALSE(FinalisePack(pack).has_value());
}

TEST(CasePackTest, SummarisesTriageWithTheExplanation) {
  TriageAssessment assessment;
  assessment.score.total = 7;
  assessment.score.explanation = {{RfgvDimension::kRecency, 1, 4, {"OC1"}, "recency: x"}};
  assessment.indicators = {{"stalking", "stalking in the last 24 months", "OC1 STALKING", {"OC1"}}};
  assessment.put_forward = true;
  const PackTriage triage = SummariseTriage(assessment, TriageConfig{});
  EXPECT_EQ(triage.total, 7);
  EXPECT_EQ(triage.threshold, 10);
  ASSERT_EQ(triage.explanation.size(), 2u);
  EXPECT_EQ(triage.explanation[1].rfind("stalking:", 0), 0u);
}

TEST(CasePackTest, ErasingTheContributedValuesKeepsWhoGaveWhichFieldAndHappensOnce) {
  CasePack pack = Pack();
  ASSERT_TRUE(FinalisePack(pack));
  const ContributionErasure erasure{
      .erased_on = D("2028-11-01"), .purpose = "hhpp-case-pack", .retention_days = 730};
  EXPECT_EQ(EraseContributedValues(pack, erasure), 2);
  ASSERT_TRUE(pack.erasure.has_value());
  EXPECT_EQ(pack.erasure->erased_on, D("2028-11-01"));
  for (const AgencyContribution& c : pack.contributions) {
    for (const PackField& f : c.fields) {
      EXPECT_EQ(f.value, "") << f.name;
      EXPECT_FALSE(f.name.empty());
      EXPECT_EQ(f.provenance.node, c.node);
      EXPECT_FALSE(f.provenance.isa_clause.empty());
    }
  }
  EXPECT_EQ(pack.contributions[1].fields[0].name, "rosh");
  EXPECT_EQ(pack.missing.size(), 3u);
  EXPECT_EQ(pack.known_victims, 2);

  EXPECT_EQ(EraseContributedValues(pack, {.erased_on = D("2029-01-01"), .request = "DSR-1"}), 0);
  EXPECT_EQ(pack.erasure->erased_on, D("2028-11-01"));
  EXPECT_EQ(pack.erasure->purpose, "hhpp-case-pack");
  EXPECT_TRUE(pack.erasure->request.empty());
}

}  // namespace
}  // namespace tandem::core::panel
