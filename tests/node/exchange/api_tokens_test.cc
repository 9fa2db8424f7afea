#include "node/exchange/api_tokens.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/node/temp_dir.h"

namespace tandem::node::exchange {
namespace {

using testing::ReadWholeFile;
using testing::TempDir;

TEST(ApiTokensTest, AnIssuedTokenAuthenticatesItsUserWithTheRole) {
  TempDir dir;
  auto token = ApiTokens::Issue(dir.path(), "dpo-1", Role::kDpo);
  ASSERT_TRUE(token) << token.error().message;
  auto tokens = ApiTokens::Load(dir.path());
  ASSERT_TRUE(tokens) << tokens.error().message;
  auto user = tokens->Authenticate("Bearer " + *token);
  ASSERT_TRUE(user) << user.error().message;
  EXPECT_EQ(user->name, "dpo-1");
  EXPECT_EQ(user->role, Role::kDpo);
}

TEST(ApiTokensTest, TheFileHoldsOnlyAHashOfTheTokenAndIsOwnerOnly) {
  TempDir dir;
  auto token = ApiTokens::Issue(dir.path(), "chair", Role::kCoordinator);
  ASSERT_TRUE(token);
  const std::string file = ReadWholeFile(dir / kApiTokensFileName);
  EXPECT_EQ(file.find(*token), std::string::npos);
  EXPECT_EQ(file.find(token->substr(7)), std::string::npos);
  struct stat info {};
  ASSERT_EQ(::stat((dir / kApiTokensFileName).c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(ApiTokensTest, RefusesUnknownMalformedAndMissingTokensAlike) {
  TempDir dir;
  auto token = ApiTokens::Issue(dir.path(), "chair", Role::kCoordinator);
  ASSERT_TRUE(token);
  auto tokens = ApiTokens::Load(dir.path());
  ASSERT_TRUE(tokens);
  std::string altered = *token;
  altered.back() = altered.back() == '0' ? '1' : '0';
  for (const std::string header : {std::string(""), std::string("Bearer"), "Basic " + *token,
                                   "Bearer " + altered, "bearer " + *token}) {
    auto user = tokens->Authenticate(header);
    ASSERT_FALSE(user) << header;
    EXPECT_EQ(user.error().code, Code::kUnauthenticated);
  }
}

TEST(ApiTokensTest, ARevokedTokenNoLongerAuthenticates) {
  TempDir dir;
  auto token = ApiTokens::Issue(dir.path(), "eval", Role::kEvaluator);
  ASSERT_TRUE(token);
  ASSERT_TRUE(ApiTokens::Revoke(dir.path(), "eval"));
  auto tokens = ApiTokens::Load(dir.path());
  ASSERT_TRUE(tokens);
  EXPECT_FALSE(tokens->Authenticate("Bearer " + *token));
  EXPECT_EQ(ApiTokens::Revoke(dir.path(), "eval").error().code, Code::kNotFound);
}

TEST(ApiTokensTest, RefusesADuplicateOrBadUserName) {
  TempDir dir;
  ASSERT_TRUE(ApiTokens::Issue(dir.path(), "chair", Role::kCoordinator));
  EXPECT_EQ(ApiTokens::Issue(dir.path(), "chair", Role::kAdmin).error().code,
            Code::kInvalidArgument);
  EXPECT_EQ(ApiTokens::Issue(dir.path(), "a b", Role::kAdmin).error().code, Code::kInvalidArgument);
  EXPECT_EQ(ApiTokens::Issue(dir.path(), "", Role::kAdmin).error().code, Code::kInvalidArgument);
}

TEST(ApiTokensTest, ADamagedFileIsReportedNotIgnored) {
  TempDir dir;
  {
    std::ofstream out(dir / kApiTokensFileName);
    out << R"({"users":[{"name":"x","role":"superuser","sha256":"00"}]})";
  }
  auto tokens = ApiTokens::Load(dir.path());
  ASSERT_FALSE(tokens);
  EXPECT_EQ(tokens.error().code, Code::kCorruption);
  EXPECT_NE(tokens.error().message.find("users[0]"), std::string::npos);
}

TEST(ApiTokensTest, RoleNamesRoundTrip) {
  for (const Role role :
       {Role::kCoordinator, Role::kContributor, Role::kDpo, Role::kEvaluator, Role::kAdmin}) {
    auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_FALSE(ParseRole("root"));
}

}  // namespace
}  // namespace tandem::node::exchange
