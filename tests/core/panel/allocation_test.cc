// Offender manager allocations in the panel book: staff keys only, one current allocation per
// case, a reallocation ends the previous one and closing the case ends it.
#include "core/panel/allocation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/panel/panel_book.h"
#include "tests/core/panel/panel_test_support.h"

namespace tandem::core::panel {
namespace {

using testing::D;

// A book with one adopted case (C1, adopted 2026-11-03) and one put forward (C2).
PanelBook BookWithAManagedCase() {
  Result<PanelBook> book = PanelBook::Create({});
  EXPECT_TRUE(book.has_value());
  for (const std::string subject : {"N1", "N2"}) {
    auto receipt = book->Refer({subject, "marac", "MARAC", "repeat incidents", "DS 1",
                                D(subject == "N1" ? "2026-10-05" : "2026-11-05")});
    EXPECT_TRUE(receipt.has_value());
    EXPECT_TRUE(book->RecordTriage(receipt->case_id, true, {"RFGV 12"},
                                   receipt->case_id == "C1" ? D("2026-10-06") : D("2026-11-06")));
    if (subject == "N1") {
      EXPECT_TRUE(book->PlanMeeting("M1", D("2026-11-03")));
      EXPECT_TRUE(book->Decide(
          {"C1", "M1", DecisionKind::kAdopt, "high-harm-high-risk", "", D("2026-11-03")}));
    }
  }
  return std::move(*book);
}

CaseAllocation Alloc(std::string case_id, std::string manager, const std::string& from,
                     bool high_risk = false) {
  return {std::move(case_id), std::move(manager), AgencyKind::kProbation, high_risk, D(from), {}};
}

TEST(ManagerKeyTest, AcceptsStaffKeysAndRefusesWhatLooksLikeANameWithoutRepeatingIt) {
  for (const std::string key : {"om-17", "17", "probation-om-0042", "a"}) {
    EXPECT_TRUE(ValidateManagerKey(key).has_value()) << key;
  }
  for (const std::string& key :
       std::vector<std::string>{"", "John Smith", "Smith", "om_17", "-om", "om 17",
                                std::string(kMaxManagerKeyLength + 1, 'a'), "jones@probation"}) {
    Status refused = ValidateManagerKey(key);
    ASSERT_FALSE(refused.has_value()) << key;
    EXPECT_EQ(refused.error().code, Code::kInvalidArgument);
    EXPECT_NE(refused.error().message.find("om-17"), std::string::npos);
    if (!key.empty()) {
      EXPECT_EQ(refused.error().message.find(key), std::string::npos) << "the value is not echoed";
    }
  }
}

TEST(AllocationTest, ReallocationEndsThePreviousAllocationOnItsFirstDay) {
  PanelBook book = BookWithAManagedCase();
  ASSERT_TRUE(book.Allocate(Alloc("C1", "om-17", "2026-11-04", true)));
  ASSERT_NE(book.CurrentAllocation("C1"), nullptr);
  EXPECT_EQ(book.CurrentAllocation("C1")->manager, "om-17");
  ASSERT_TRUE(book.Allocate(Alloc("C1", "om-22", "2026-12-01")));
  ASSERT_EQ(book.allocations().size(), 2U);
  EXPECT_EQ(book.allocations()[0].until, D("2026-12-01"));
  EXPECT_FALSE(book.allocations()[1].until.has_value());
  EXPECT_EQ(book.CurrentAllocation("C1")->manager, "om-22");

  ASSERT_EQ(book.AllocationsOn(D("2026-11-30")).size(), 1U);
  EXPECT_EQ(book.AllocationsOn(D("2026-11-30"))[0].manager, "om-17");
  ASSERT_EQ(book.AllocationsOn(D("2026-12-01")).size(), 1U);
  EXPECT_EQ(book.AllocationsOn(D("2026-12-01"))[0].manager, "om-22");
  EXPECT_TRUE(book.AllocationsOn(D("2026-11-03")).empty()) << "before the first allocation";
  const std::string history = book.FindCase("C1")->history.back();
  EXPECT_NE(history.find("reallocated (om-22)"), std::string::npos) << history;
}

TEST(AllocationTest, ClosingTheCaseEndsItsAllocation) {
  PanelBook book = BookWithAManagedCase();
  ASSERT_TRUE(book.Allocate(Alloc("C1", "om-17", "2026-11-04")));
  ASSERT_TRUE(book.CloseCase("C1", "plan-completed", D("2027-02-01")));
  EXPECT_EQ(book.CurrentAllocation("C1"), nullptr);
  EXPECT_EQ(book.allocations()[0].until, D("2027-02-01"));
  EXPECT_EQ(book.AllocationsOn(D("2027-01-31")).size(), 1U);
  EXPECT_TRUE(book.AllocationsOn(D("2027-02-01")).empty());
}

TEST(AllocationTest, RefusesACaseNotManagedAnEarlyStartABadKeyAndTheSameAllocationTwice) {
  PanelBook book = BookWithAManagedCase();
  const auto refused = [&](CaseAllocation allocation, Code code, const std::string& needle) {
    Status s = book.Allocate(std::move(allocation));
    ASSERT_FALSE(s.has_value()) << needle;
    EXPECT_EQ(s.error().code, code);
    EXPECT_NE(s.error().message.find(needle), std::string::npos) << s.error().message;
  };
  refused(Alloc("C9", "om-17", "2026-11-04"), Code::kNotFound, "C9");
  refused(Alloc("C2", "om-17", "2026-11-07"), Code::kInvalidArgument, "only an adopted case");
  refused(Alloc("C1", "Jane Doe", "2026-11-04"), Code::kInvalidArgument, "staff key");
  refused(Alloc("C1", "om-17", "2026-11-02"), Code::kInvalidArgument, "adopted on 2026-11-03");
  ASSERT_TRUE(book.Allocate(Alloc("C1", "om-17", "2026-11-10")));
  refused(Alloc("C1", "om-22", "2026-11-09"), Code::kInvalidArgument, "current allocation");
  refused(Alloc("C1", "om-17", "2026-11-20"), Code::kInvalidArgument, "already allocated");
  EXPECT_EQ(book.allocations().size(), 1U) << "nothing refused was recorded";
  // The same manager with a changed risk is a new allocation.
  EXPECT_TRUE(book.Allocate(Alloc("C1", "om-17", "2026-11-20", true)));
  EXPECT_TRUE(book.CurrentAllocation("C1")->high_risk);
}

}  // namespace
}  // namespace tandem::core::panel
