#include "node/endpoints/proof_request_codec.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::node::endpoints {
namespace {

TEST(ProofRequestCodecTest, ReadsBothRequestsAndWritesThemBack) {
  const auto inclusion = DecodeInclusionProofRequest(R"({"leaf_index":5,"tree_size":9})");
  ASSERT_TRUE(inclusion.has_value()) << inclusion.error().message;
  EXPECT_EQ(*inclusion, (ProofRange{5, 9}));
  EXPECT_EQ(DecodeInclusionProofRequest(EncodeInclusionProofRequest(*inclusion)), *inclusion);

  const auto consistency = DecodeConsistencyProofRequest(R"({"first":3,"second":7})");
  ASSERT_TRUE(consistency.has_value()) << consistency.error().message;
  EXPECT_EQ(*consistency, (ProofRange{3, 7}));
  EXPECT_EQ(DecodeConsistencyProofRequest(EncodeConsistencyProofRequest(*consistency)),
            *consistency);
}

TEST(ProofRequestCodecTest, NamesTheKindAndTheMemberButNeverTheValue) {
  const struct {
    const char* body;
    const char* message;
  } kCases[] = {
      {"[1,2]", "inclusion-proof-request body must be a JSON object"},
      {R"({"tree_size":9})", "inclusion-proof-request member 'leaf_index': missing"},
      {R"({"leaf_index":"5","tree_size":9})",
       "inclusion-proof-request member 'leaf_index': must be a number"},
      {R"({"leaf_index":5,"tree_size":1e300})",
       "inclusion-proof-request member 'tree_size': must be an integer from 0 to 2^53-1"},
      {R"({"leaf_index":-5,"tree_size":9})",
       "inclusion-proof-request member 'leaf_index': must be an integer from 0 to 2^53-1"},
  };
  for (const auto& c : kCases) {
    const auto range = DecodeInclusionProofRequest(c.body);
    ASSERT_FALSE(range.has_value()) << c.body;
    EXPECT_EQ(range.error().code, Code::kInvalidArgument);
    EXPECT_EQ(range.error().message, c.message);
  }
  const auto range = DecodeConsistencyProofRequest(R"({"first":2.5,"second":7})");
  ASSERT_FALSE(range.has_value());
  EXPECT_EQ(range.error().message,
            "consistency-proof-request member 'first': must be an integer from 0 to 2^53-1");
}

}  // namespace
}  // namespace tandem::node::endpoints
