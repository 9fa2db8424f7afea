#include "core/nicknames.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::core {
namespace {

bool IsLowerAscii(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

TEST(NicknamesTest, TableIsSortedAndEachNicknameAppearsOnce) {
  const auto table = Nicknames();
  ASSERT_FALSE(table.empty());
  for (std::size_t i = 1; i < table.size(); ++i) {
    EXPECT_LT(table[i - 1].nickname, table[i].nickname)
        << "entry " << i << ": '" << table[i].nickname << "' after '" << table[i - 1].nickname
        << "'";
  }
}

TEST(NicknamesTest, EntriesAreLowerCaseAscii) {
  for (const Nickname& n : Nicknames()) {
    EXPECT_TRUE(IsLowerAscii(n.nickname)) << n.nickname;
    EXPECT_TRUE(IsLowerAscii(n.canonical)) << n.canonical;
  }
}

TEST(NicknamesTest, NoCanonicalForenameIsItselfANickname) {
  // Otherwise resolving a nickname once would not reach a fixed point.
  for (const Nickname& n : Nicknames()) {
    EXPECT_EQ(CanonicalForename(n.canonical), std::nullopt) << n.nickname << " -> " << n.canonical;
    EXPECT_NE(n.nickname, n.canonical);
  }
}

TEST(NicknamesTest, FindsEveryEntry) {
  for (const Nickname& n : Nicknames()) {
    EXPECT_EQ(CanonicalForename(n.nickname), n.canonical) << n.nickname;
  }
}

TEST(NicknamesTest, ResolvesCommonNicknames) {
  EXPECT_EQ(CanonicalForename("danny"), "daniel");
  EXPECT_EQ(CanonicalForename("dave"), "david");
  EXPECT_EQ(CanonicalForename("bill"), "william");
  EXPECT_EQ(CanonicalForename("abby"), "abigail");  // first entry
  EXPECT_EQ(CanonicalForename("zak"), "zachary");   // last entry
}

TEST(NicknamesTest, FindsNothingForOtherNames) {
  EXPECT_EQ(CanonicalForename("daniel"), std::nullopt);
  EXPECT_EQ(CanonicalForename("Danny"), std::nullopt);  // the table is lower case only
  EXPECT_EQ(CanonicalForename(""), std::nullopt);
  EXPECT_EQ(CanonicalForename("aaa"), std::nullopt);
  EXPECT_EQ(CanonicalForename("zzz"), std::nullopt);
}

}  // namespace
}  // namespace tandem::core
