#include "node/eval/privacy_budget_journal.h"

#include <gtest/gtest.h>

#include <array>

#include "tests/node/temp_dir.h"

namespace tandem::node::eval {
namespace {

namespace ce = core::eval;
using testing::TempDir;

crypto::SecretBytes Key() {
  std::array<std::uint8_t, 32> bytes;
  bytes.fill(7);
  auto key = crypto::SecretBytes::Copy(bytes);
  EXPECT_TRUE(key);
  return std::move(*key);
}

std::unique_ptr<store::Store> Open(const TempDir& dir) {
  store::Store::Options options;
  options.create_if_missing = true;
  auto store = store::Store::Open(dir.path() / "store.db", Key(), options);
  EXPECT_TRUE(store) << store.error().message;
  return std::move(*store);
}

ce::Epsilon E(const char* text) { return *ce::ParseEpsilon(text); }

// Spends `epsilon` as the node does: on the ledger, then recorded in the store.
void SpendAndRecord(ce::PrivacyBudgetLedger& ledger, store::Store& store, const char* epsilon) {
  ASSERT_TRUE(ledger.Spend("hhpp-isa", E(epsilon)));
  ASSERT_TRUE(
      RecordBudgetSpend(store, {"hhpp-isa", E("1"), E(epsilon), "eval-1"}, "2026-11-22T14:00:00Z"));
}

TEST(PrivacyBudgetJournalTest, AnEmptyStoreGivesAnEmptyLedger) {
  TempDir dir;
  auto store = Open(dir);
  auto ledger = LoadBudgetLedger(*store);
  ASSERT_TRUE(ledger) << ledger.error().message;
  EXPECT_TRUE(ledger->Entries().empty());
}

TEST(PrivacyBudgetJournalTest, WhatRemainsSurvivesReopeningTheStore) {
  TempDir dir;
  {
    auto store = Open(dir);
    ce::PrivacyBudgetLedger ledger;
    ASSERT_TRUE(ledger.SetBudget("hhpp-isa", E("1")));
    SpendAndRecord(ledger, *store, "0.35");
    SpendAndRecord(ledger, *store, "0.25");
    ASSERT_EQ(*ledger.Remaining("hhpp-isa"), E("0.4"));
  }
  auto store = Open(dir);
  auto ledger = LoadBudgetLedger(*store);
  ASSERT_TRUE(ledger) << ledger.error().message;
  auto remaining = ledger->Remaining("hhpp-isa");
  ASSERT_TRUE(remaining) << remaining.error().message;
  EXPECT_EQ(ce::FormatEpsilon(*remaining), "0.4");
  ASSERT_EQ(ledger->Entries().size(), 1u);
  EXPECT_EQ(ledger->Entries()[0].budget, E("1"));
  EXPECT_EQ(ledger->Entries()[0].spent, E("0.6"));
}

TEST(PrivacyBudgetJournalTest, AnExhaustedBudgetIsStillRefusedAfterReopening) {
  TempDir dir;
  {
    auto store = Open(dir);
    ce::PrivacyBudgetLedger ledger;
    ASSERT_TRUE(ledger.SetBudget("hhpp-isa", E("1")));
    SpendAndRecord(ledger, *store, "1");
  }
  auto store = Open(dir);
  auto ledger = LoadBudgetLedger(*store);
  ASSERT_TRUE(ledger) << ledger.error().message;
  const auto refused = ledger->Spend("hhpp-isa", E("0.000001"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kResourceExhausted);
  EXPECT_NE(refused.error().message.find("epsilon 0 of its privacy budget left"), std::string::npos)
      << refused.error().message;
}

TEST(PrivacyBudgetJournalTest, KeepsAgreementsApartAndTakesTheLatestBudget) {
  TempDir dir;
  auto store = Open(dir);
  ASSERT_TRUE(RecordBudgetSpend(*store, {"a", E("1"), E("0.5"), "e1"}, "2026-11-22T14:00:00Z"));
  ASSERT_TRUE(RecordBudgetSpend(*store, {"b", E("2"), E("0.1"), "e2"}, "2026-11-22T14:00:00Z"));
  ASSERT_TRUE(RecordBudgetSpend(*store, {"a", E("3"), E("1"), "e3"}, "2026-11-22T14:00:00Z"));
  auto ledger = LoadBudgetLedger(*store);
  ASSERT_TRUE(ledger) << ledger.error().message;
  EXPECT_EQ(*ledger->Remaining("a"), E("1.5"));
  EXPECT_EQ(*ledger->Remaining("b"), E("1.9"));
}

TEST(PrivacyBudgetJournalTest, RefusesToRecordNothingOrANamelessSpend) {
  TempDir dir;
  auto store = Open(dir);
  EXPECT_EQ(
      RecordBudgetSpend(*store, {"", E("1"), E("0.5"), "e"}, "2026-11-22T14:00:00Z").error().code,
      Code::kInvalidArgument);
  EXPECT_EQ(RecordBudgetSpend(*store, {"a", E("1"), ce::Epsilon{}, "e"}, "2026-11-22T14:00:00Z")
                .error()
                .code,
            Code::kInvalidArgument);
  auto ledger = LoadBudgetLedger(*store);
  ASSERT_TRUE(ledger);
  EXPECT_TRUE(ledger->Entries().empty());
}

TEST(PrivacyBudgetJournalTest, ADamagedOrOverspentEntryIsCorruptionNamingIt) {
  TempDir dir;
  auto store = Open(dir);
  ASSERT_TRUE(store->AppendJournal(kBudgetSpendJournalKind, "2026-11-22T14:00:00Z",
                                   R"({"agreement": "a", "budget": "1"})"));
  auto damaged = LoadBudgetLedger(*store);
  ASSERT_FALSE(damaged);
  EXPECT_EQ(damaged.error().code, Code::kCorruption);
  EXPECT_NE(damaged.error().message.find("privacy budget journal entry 1"), std::string::npos)
      << damaged.error().message;

  TempDir other;
  auto second = Open(other);
  ASSERT_TRUE(RecordBudgetSpend(*second, {"a", E("1"), E("0.75"), "e1"}, "2026-11-22T14:00:00Z"));
  ASSERT_TRUE(RecordBudgetSpend(*second, {"a", E("1"), E("0.5"), "e2"}, "2026-11-22T14:00:00Z"));
  auto overspent = LoadBudgetLedger(*second);
  ASSERT_FALSE(overspent);
  EXPECT_EQ(overspent.error().code, Code::kCorruption);
}

}  // namespace
}  // namespace tandem::node::eval
