// The text of api-tokens.json: what EncodeApiTokensFile writes reads back, and a damaged file is
// kCorruption naming the entry, never an exception.
#include "node/exchange/api_tokens_file.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::node::exchange {
namespace {

const std::string kHash(64, 'a');

void ExpectDamaged(std::string_view text, std::string_view names) {
  auto entries = DecodeApiTokensFile(text, "api-tokens.json");
  ASSERT_FALSE(entries) << text;
  EXPECT_EQ(entries.error().code, Code::kCorruption) << text;
  EXPECT_NE(entries.error().message.find("api-tokens.json is damaged: "), std::string::npos);
  EXPECT_NE(entries.error().message.find(names), std::string::npos)
      << text << ": " << entries.error().message;
}

TEST(ApiTokensFileTest, WhatIsWrittenReadsBack) {
  const std::vector<ApiTokenEntry> entries = {{"alice", Role::kCoordinator, kHash},
                                              {"bob.dpo", Role::kDpo, std::string(64, '0')}};
  const std::string text = EncodeApiTokensFile(entries);
  auto read = DecodeApiTokensFile(text, "api-tokens.json");
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].name, "alice");
  EXPECT_EQ((*read)[1].role, Role::kDpo);
  EXPECT_EQ((*read)[1].sha256_hex, std::string(64, '0'));
  EXPECT_EQ(EncodeApiTokensFile(*read), text);
}

TEST(ApiTokensFileTest, ADamagedFileNamesWhatIsWrong) {
  ExpectDamaged("", "expected an object with a 'users' array");
  ExpectDamaged(R"({"users": {}})", "expected an object with a 'users' array");
  ExpectDamaged(R"({"users": [7]})", "users[0] needs string members name, role and sha256");
  ExpectDamaged(R"({"users": [{"name": "a", "role": "admin", "sha256": 1}]})",
                "users[0] needs string members");
  ExpectDamaged(R"({"users": [{"name": "a", "role": "root", "sha256": ")" + kHash + R"("}]})",
                "users[0]: 'root' is not a role");
  ExpectDamaged(R"({"users": [{"name": "a", "role": "admin", "sha256": "ab"}]})",
                "users[0]: sha256 must be 64 hex digits");
}

}  // namespace
}  // namespace tandem::node::exchange
