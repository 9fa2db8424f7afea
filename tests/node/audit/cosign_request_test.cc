#include "node/audit/cosign_request.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::node::audit {
namespace {

constexpr char kCheckpoint[] =
    R"({"at":"2026-11-22T14:00:00Z","node":"police","root":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","sig":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","tree_size":9})";

std::string Request(const std::string& consistency) {
  return std::string(R"({"checkpoint":)") + kCheckpoint + R"(,"consistency":)" + consistency + "}";
}

TEST(CosignRequestTest, ReadsTheCheckpointAndTheProofAndWritesThemBack) {
  const auto request = DecodeCosignRequest(Request(
      R"({"first":3,"proof":["cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"],"second":9})"));
  ASSERT_TRUE(request.has_value()) << request.error().message;
  EXPECT_EQ(request->checkpoint.node.value(), "police");
  EXPECT_EQ(request->checkpoint.tree_size, 9u);
  EXPECT_EQ(request->consistency.first, 3u);
  EXPECT_EQ(request->consistency.second, 9u);
  ASSERT_EQ(request->consistency.proof.size(), 1u);

  const auto written = EncodeCosignRequest(*request);
  ASSERT_TRUE(written.has_value());
  const auto again = DecodeCosignRequest(*written);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, *request);
}

TEST(CosignRequestTest, RefusesABodyWithoutBothMembers) {
  for (const std::string& body :
       {std::string("[]"), std::string("not json"),
        std::string(R"({"checkpoint":)") + kCheckpoint + "}",
        std::string(R"({"consistency":{"first":0,"proof":[],"second":0}})")}) {
    const auto request = DecodeCosignRequest(body);
    ASSERT_FALSE(request.has_value()) << body;
    EXPECT_EQ(request.error().code, Code::kInvalidArgument);
    EXPECT_EQ(request.error().message, "cosign-request needs members checkpoint and consistency");
  }
}

TEST(CosignRequestTest, PassesOnTheMemberDecodersErrors) {
  const auto request = DecodeCosignRequest(Request(R"({"first":-1,"proof":[],"second":9})"));
  ASSERT_FALSE(request.has_value());
  EXPECT_EQ(request.error().code, Code::kInvalidArgument);
  EXPECT_NE(request.error().message.find("first"), std::string::npos) << request.error().message;
}

}  // namespace
}  // namespace tandem::node::audit
