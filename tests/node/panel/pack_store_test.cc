#include "node/panel/pack_store.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "node/panel/render_json.h"
#include "tests/node/panel/store_fixture.h"

namespace tandem::node::panel {
namespace {

using core::AgencyKind;
using core::Date;
using namespace core::panel;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

CasePack Pack(const std::string& meeting, const std::string& case_id, bool nhs_up) {
  CasePack pack;
  pack.pack_id = meeting + "-" + case_id;
  pack.subject_ref = "N1000123";
  pack.case_id = case_id;
  pack.meeting_id = meeting;
  pack.prepared_on = D(2026, 11, 1);
  pack.referral = {"R1", "partner-agency", "probation", "escalating", "PC 123", D(2026, 10, 5)};
  pack.triage.total = 12;
  pack.triage.threshold = 10;
  pack.triage.serial = true;
  pack.triage.put_forward = true;
  pack.triage.explanation = {"recency: ...", "gravity: ..."};
  pack.harm_by_month = {{2026, 9, 365, 1}, {2026, 10, 0, 0}};
  pack.known_victims = 2;
  pack.children_at_risk = 1;
  pack.contributions.push_back({"probation",
                                AgencyKind::kProbation,
                                ContributionStatus::kMatched,
                                "auto",
                                "",
                                {{"rosh", "HIGH", {"probation", D(2026, 2, 1), "4.1"}}}});
  if (nhs_up) {
    pack.contributions.push_back({"nhs",
                                  AgencyKind::kNhs,
                                  ContributionStatus::kMatched,
                                  "review",
                                  "",
                                  {{"service", "CMHT", {"nhs", D(2026, 3, 3), "4.2"}}}});
  } else {
    pack.contributions.push_back({"nhs",
                                  AgencyKind::kNhs,
                                  ContributionStatus::kUnavailable,
                                  "",
                                  "peer 'nhs' unreachable: connection refused",
                                  {}});
  }
  EXPECT_TRUE(FinalisePack(pack));
  return pack;
}

TEST(PackStoreTest, APackReadBackFromItsJsonRendersToTheSameJson) {
  const CasePack pack = Pack("M1", "C1", false);
  auto read = ParseCasePackJson(RenderCasePackJson(pack));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(RenderCasePackJson(*read), RenderCasePackJson(pack));
  EXPECT_FALSE(read->complete);
  ASSERT_EQ(read->missing.size(), 1u);
  EXPECT_EQ(read->missing[0].status, ContributionStatus::kUnavailable);
  EXPECT_EQ(read->contributions[0].fields[0].provenance.record_date, D(2026, 2, 1));
}

TEST(PackStoreTest, AnErasedPackReadsBackWithItsErasure) {
  CasePack pack = Pack("M1", "C1", true);
  EraseContributedValues(
      pack, {.erased_on = D(2028, 11, 2), .purpose = "hhpp-case-pack", .retention_days = 730});
  const std::string json = RenderCasePackJson(pack);
  auto read = ParseCasePackJson(json);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_TRUE(read->erasure.has_value());
  EXPECT_EQ(read->erasure->erased_on, D(2028, 11, 2));
  EXPECT_EQ(read->erasure->purpose, "hhpp-case-pack");
  EXPECT_EQ(read->erasure->retention_days, 730);
  EXPECT_EQ(RenderCasePackJson(*read), json);

  auto doc = nlohmann::json::parse(json);
  doc["erasure"]["retention_days"] = "730";
  auto bad = ParseCasePackJson(doc.dump());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Code::kCorruption);
  EXPECT_NE(bad.error().message.find("retention_days"), std::string::npos);
}

TEST(PackStoreTest, APackErasedOnRequestReadsBackNamingTheRequest) {
  CasePack pack = Pack("M1", "C1", true);
  EXPECT_EQ(EraseContributedValues(pack, {.erased_on = D(2026, 11, 24), .request = "DSR-9"}), 2);
  const std::string json = RenderCasePackJson(pack);
  auto doc = nlohmann::json::parse(json);
  EXPECT_EQ(doc["erasure"],
            nlohmann::json::parse(R"({"erased_on":"2026-11-24","request":"DSR-9"})"));
  auto read = ParseCasePackJson(json);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_TRUE(read->erasure.has_value());
  EXPECT_EQ(read->erasure->request, "DSR-9");
  EXPECT_EQ(read->erasure->erased_on, D(2026, 11, 24));
  EXPECT_TRUE(read->erasure->purpose.empty());
  EXPECT_EQ(RenderCasePackJson(*read), json);

  doc["erasure"]["request"] = 9;
  auto bad = ParseCasePackJson(doc.dump());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Code::kCorruption);
  EXPECT_NE(bad.error().message.find("request"), std::string::npos) << bad.error().message;
}

TEST(PackStoreTest, LatestPacksGivesTheNewestVersionOfEachPackOfTheMeetingInFirstOrder) {
  testing::PanelStore store;
  ASSERT_TRUE(JournalCasePack(*store, Pack("M1", "C2", false), "2026-11-01T10:00:00Z"));
  ASSERT_TRUE(JournalCasePack(*store, Pack("M1", "C1", true), "2026-11-01T10:01:00Z"));
  ASSERT_TRUE(JournalCasePack(*store, Pack("M2", "C9", true), "2026-11-01T10:02:00Z"));
  ASSERT_TRUE(JournalCasePack(*store, Pack("M1", "C2", true), "2026-11-01T10:03:00Z"));

  auto latest = LatestPacks(*store, "M1");
  ASSERT_TRUE(latest) << latest.error().message;
  ASSERT_EQ(latest->size(), 2u);
  EXPECT_EQ((*latest)[0].pack_id, "M1-C2");
  EXPECT_TRUE((*latest)[0].complete);  // the second version
  EXPECT_EQ((*latest)[1].pack_id, "M1-C1");

  auto versions = PackVersions(*store, "M1-C2");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_FALSE((*versions)[0].complete);
  EXPECT_TRUE((*versions)[1].complete);

  auto none = LatestPacks(*store, "M7");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(PackStoreTest, ADamagedEntryIsCorruptionNamingTheEntry) {
  testing::PanelStore store;
  ASSERT_TRUE(store->AppendJournal(kCasePackJournalKind, "2026-11-01T10:00:00Z",
                                   R"({"pack_id":"M1-C1","meeting_id":"M1"})"));
  auto latest = LatestPacks(*store, "M1");
  ASSERT_FALSE(latest);
  EXPECT_EQ(latest.error().code, Code::kCorruption);
  EXPECT_NE(latest.error().message.find("journal entry"), std::string::npos);
}

TEST(PackStoreTest, OtherJournalKindsAreIgnored) {
  testing::PanelStore store;
  ASSERT_TRUE(store->AppendJournal("panel-command", "2026-11-01T10:00:00Z", R"({"x":1})"));
  ASSERT_TRUE(JournalCasePack(*store, Pack("M1", "C1", true), "2026-11-01T10:01:00Z"));
  auto latest = LatestPacks(*store, "M1");
  ASSERT_TRUE(latest) << latest.error().message;
  EXPECT_EQ(latest->size(), 1u);
}

}  // namespace
}  // namespace tandem::node::panel
