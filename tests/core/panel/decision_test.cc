#include "core/panel/decision.h"

#include <gtest/gtest.h>

namespace tandem::core::panel {
namespace {

TEST(DecisionKindTest, EachKindIsFoundByItsOwnName) {
  for (DecisionKind kind : {DecisionKind::kAdopt, DecisionKind::kRefuse, DecisionKind::kDefer}) {
    const auto found = DecisionKindFromName(DecisionKindName(kind));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(*found, kind);
  }
}

TEST(DecisionKindTest, AnyOtherNameIsRefusedCutToFortyCharacters) {
  const auto found = DecisionKindFromName(std::string(100, 'x'));
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, Code::kInvalidArgument);
  EXPECT_EQ(found.error().message,
            "decision: '" + std::string(40, 'x') + "' is not adopt, refuse or defer");
  EXPECT_FALSE(DecisionKindFromName("Adopt").has_value());
}

}  // namespace
}  // namespace tandem::core::panel
