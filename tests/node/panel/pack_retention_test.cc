#include "node/panel/pack_retention.h"

#include <gtest/gtest.h>

#include "node/audit/entry.h"
#include "node/audit/local_entry.h"
#include "node/panel/pack_store.h"
#include "tests/node/audit/queued_entries.h"
#include "tests/node/isa/isa_fixture.h"
#include "tests/node/temp_dir.h"

namespace tandem::node::panel {
namespace {

using core::AgencyKind;
using core::Date;
using namespace core::panel;
using tandem::testing::At;
using tandem::testing::ReadWholeFile;
using tandem::testing::TempDir;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

// A pack with two partners' values: probation's risk level and nhs's service.
CasePack Pack(const std::string& pack_id, const std::string& rosh, const std::string& service) {
  CasePack pack;
  pack.pack_id = pack_id;
  pack.subject_ref = "N1000123";
  pack.case_id = "C1";
  pack.meeting_id = "M1";
  pack.prepared_on = D(2024, 1, 10);
  pack.known_victims = 1;
  pack.contributions.push_back({"probation",
                                AgencyKind::kProbation,
                                ContributionStatus::kMatched,
                                "auto",
                                "",
                                {{"rosh", rosh, {"probation", D(2023, 12, 1), "4.1"}}}});
  pack.contributions.push_back({"nhs",
                                AgencyKind::kNhs,
                                ContributionStatus::kMatched,
                                "auto",
                                "",
                                {{"service", service, {"nhs", D(2023, 11, 3), "4.2"}}}});
  pack.contributions.push_back(
      {"housing", AgencyKind::kHousing, ContributionStatus::kNoMatch, "", "", {}});
  EXPECT_TRUE(FinalisePack(pack));
  return pack;
}

class PackRetentionTest : public ::testing::Test {
 protected:
  PackRetentionTest() {
    store::Store::Options options;
    options.create_if_missing = true;
    // Unencrypted, so that the test can search the files for what was erased.
    auto opened = store::Store::OpenUnencrypted(dir_ / "plain.db", options);
    EXPECT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
  }

  void Journal(const CasePack& pack, const char* at) {
    ASSERT_TRUE(JournalCasePack(*store_, pack, at));
  }

  std::vector<CasePack> Versions(const std::string& pack_id) {
    auto versions = PackVersions(*store_, pack_id);
    EXPECT_TRUE(versions) << versions.error().message;
    return versions ? *versions : std::vector<CasePack>{};
  }

  std::vector<audit::AuditEntry> Queued() { return tandem::testing::QueuedEntries(*store_); }

  bool InFiles(const std::string& text) {
    return (ReadWholeFile(dir_ / "plain.db") + ReadWholeFile(dir_ / "plain.db-wal")).find(text) !=
           std::string::npos;
  }

  // A first, expired pack and a second entry of (`at`, `body`), which does not read: the run
  // fails naming the second entry, and the first keeps its values.
  void ExpectRefusedWith(const char* at, const char* body) {
    Journal(Pack("M1-C1", "VERYHIGHROSH", "CRISISTEAMX"), "2023-01-10T09:00:00Z");
    ASSERT_TRUE(store_->AppendJournal(kCasePackJournalKind, at, body));
    auto erased = EraseExpiredPackValues(*store_, isa_, "police", At("2026-01-10T10:00:00Z"));
    ASSERT_FALSE(erased);
    EXPECT_EQ(erased.error().code, Code::kCorruption);
    EXPECT_NE(erased.error().message.find("panel journal entry 2: "), std::string::npos)
        << erased.error().message;
    EXPECT_TRUE(InFiles("VERYHIGHROSH"));
    EXPECT_TRUE(Queued().empty());
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  protocol::Isa isa_ = tandem::testing::VectorIsa();  // hhpp-case-pack: 730 days
};

TEST_F(PackRetentionTest, ErasesThePartnersValuesOfVersionsOlderThanTheRetentionOnly) {
  Journal(Pack("M1-C1", "VERYHIGHROSH", "CRISISTEAMX"), "2024-01-10T09:00:00Z");
  Journal(Pack("M1-C1", "MEDIUMROSHQ", "CMHTSERVICEQ"), "2025-06-01T09:00:00Z");
  ASSERT_TRUE(InFiles("VERYHIGHROSH"));

  // 731 days after the first version, 539 after the second.
  auto erased = EraseExpiredPackValues(*store_, isa_, "police", At("2026-01-10T10:00:00Z"));
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->versions, 1);
  EXPECT_EQ(erased->values, 2);

  const auto versions = Versions("M1-C1");
  ASSERT_EQ(versions.size(), 2u);
  const CasePack& old = versions[0];
  ASSERT_TRUE(old.erasure.has_value());
  EXPECT_EQ(old.erasure->erased_on, D(2026, 1, 10));
  EXPECT_EQ(old.erasure->purpose, "hhpp-case-pack");
  EXPECT_EQ(old.erasure->retention_days, 730);
  // Who gave which field under which clause stays; the values do not.
  ASSERT_EQ(old.contributions.size(), 3u);
  EXPECT_EQ(old.contributions[0].fields[0].name, "rosh");
  EXPECT_EQ(old.contributions[0].fields[0].value, "");
  EXPECT_EQ(old.contributions[0].fields[0].provenance.isa_clause, "4.1");
  EXPECT_EQ(old.contributions[1].fields[0].value, "");
  EXPECT_EQ(old.contributions[2].status, ContributionStatus::kNoMatch);
  EXPECT_EQ(old.subject_ref, "N1000123");
  EXPECT_EQ(old.known_victims, 1);
  // The newer version is as it was.
  EXPECT_FALSE(versions[1].erasure.has_value());
  EXPECT_EQ(versions[1].contributions[0].fields[0].value, "MEDIUMROSHQ");

  // Nothing of the erased values is left in the store's files.
  EXPECT_FALSE(InFiles("VERYHIGHROSH"));
  EXPECT_FALSE(InFiles("CRISISTEAMX"));
  EXPECT_TRUE(InFiles("MEDIUMROSHQ"));
}

TEST_F(PackRetentionTest, AValueLongerThanAPageLeavesNothingInTheFreedPages) {
  // A pack larger than a database page spills into overflow pages, which the erasure frees.
  const std::string note = std::string(9000, 'n') + "TAILOFALONGVALUE";
  Journal(Pack("M1-C1", note, "CRISISTEAMX"), "2024-01-10T09:00:00Z");
  ASSERT_TRUE(InFiles("TAILOFALONGVALUE"));
  ASSERT_TRUE(EraseExpiredPackValues(*store_, isa_, "police", At("2026-01-10T10:00:00Z")));
  EXPECT_FALSE(InFiles("TAILOFALONGVALUE"));
  EXPECT_FALSE(InFiles(std::string(200, 'n')));
}

TEST_F(PackRetentionTest, QueuesOneAuditEntryNamingThePurposeAndTheAgreementAndNoValue) {
  Journal(Pack("M1-C1", "VERYHIGHROSH", "CRISISTEAMX"), "2023-01-10T09:00:00Z");
  Journal(Pack("M1-C2", "LOWROSHZ", "CMHTZ"), "2023-02-10T09:00:00Z");
  auto erased = EraseExpiredPackValues(*store_, isa_, "police", At("2026-01-10T10:00:00Z"));
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->versions, 2);

  const auto queued = Queued();
  ASSERT_EQ(queued.size(), 1u);
  const audit::AuditEntry& entry = queued[0];
  EXPECT_EQ(entry.kind, audit::kRetentionKind);
  EXPECT_EQ(entry.actor, "police");
  EXPECT_EQ(entry.recipient, "store");
  EXPECT_EQ(entry.purpose, "hhpp-case-pack");
  EXPECT_EQ(entry.isa_id, isa_.id.value());
  EXPECT_EQ(entry.isa_version, isa_.version);
  EXPECT_EQ(entry.at, At("2026-01-10T10:00:00Z"));
  EXPECT_EQ(entry.processing,
            "erasure of the values partners contributed to 2 case pack versions (4 values): "
            "assembled more than 730 days ago");
  const std::string encoded = *audit::EncodeEntry(entry);
  for (const char* value : {"VERYHIGHROSH", "CRISISTEAMX", "N1000123", "M1-C1"}) {
    EXPECT_EQ(encoded.find(value), std::string::npos) << value;
  }
}

TEST_F(PackRetentionTest, ASecondRunErasesNothingAndLogsNothing) {
  Journal(Pack("M1-C1", "VERYHIGHROSH", "CRISISTEAMX"), "2023-01-10T09:00:00Z");
  ASSERT_TRUE(EraseExpiredPackValues(*store_, isa_, "police", At("2026-01-10T10:00:00Z")));
  auto again = EraseExpiredPackValues(*store_, isa_, "police", At("2026-03-10T10:00:00Z"));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->versions, 0);
  EXPECT_EQ(Queued().size(), 1u);
  // The first erasure's date stays.
  EXPECT_EQ(Versions("M1-C1")[0].erasure->erased_on, D(2026, 1, 10));
}

TEST_F(PackRetentionTest, FollowsTheRetentionOfTheAgreementInForce) {
  Journal(Pack("M1-C1", "VERYHIGHROSH", "CRISISTEAMX"), "2025-12-01T09:00:00Z");
  const auto now = At("2026-01-10T10:00:00Z");
  auto kept = EraseExpiredPackValues(*store_, isa_, "police", now);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->versions, 0);

  // A later version of the agreement that keeps case-pack data 30 days.
  protocol::Isa shorter = isa_;
  for (auto& purpose : shorter.purposes) {
    if (purpose.id.value() == "hhpp-case-pack") purpose.retention_days = 30;
  }
  auto erased = EraseExpiredPackValues(*store_, shorter, "police", now);
  ASSERT_TRUE(erased) << erased.error().message;
  EXPECT_EQ(erased->versions, 1);
  EXPECT_EQ(Versions("M1-C1")[0].erasure->retention_days, 30);

  // An agreement without the purpose, or with a retention longer than time itself, erases
  // nothing.
  Journal(Pack("M1-C2", "LOWROSHZ", "CMHTZ"), "2020-01-01T00:00:00Z");
  protocol::Isa without = isa_;
  std::erase_if(without.purposes,
                [](const protocol::IsaPurpose& p) { return p.id.value() == "hhpp-case-pack"; });
  auto none = EraseExpiredPackValues(*store_, without, "police", now);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->versions, 0);
  protocol::Isa endless = isa_;
  for (auto& purpose : endless.purposes) purpose.retention_days = std::int64_t{1} << 53;
  auto never = EraseExpiredPackValues(*store_, endless, "police", now);
  ASSERT_TRUE(never);
  EXPECT_EQ(never->versions, 0);
}

TEST_F(PackRetentionTest, AnEntryWhoseTimeDoesNotReadIsNamedAndNothingIsErased) {
  ExpectRefusedWith("yesterday", "{}");
}

TEST_F(PackRetentionTest, AnEntryWhosePackDoesNotReadIsNamedAndNothingIsErased) {
  ExpectRefusedWith("2023-02-10T09:00:00Z", "{\"pack_id\"");
}

}  // namespace
}  // namespace tandem::node::panel
