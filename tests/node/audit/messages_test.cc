#include "node/audit/messages.h"

#include <gtest/gtest.h>

#include "audit_fixture.h"
#include "protocol/canonical_json.h"

namespace tandem::node::audit {
namespace {

using testing::At;
using testing::IdentityKey;
using testing::Node;

SignedCheckpoint Sample(const crypto::SigningKey& key, std::uint64_t size = 42) {
  crypto::MerkleHash root{};
  root.fill(0x5A);
  auto checkpoint = SignCheckpoint(Node("police"), size, root, At(100), key);
  EXPECT_TRUE(checkpoint);
  return *checkpoint;
}

TEST(AuditMessagesTest, CheckpointRoundTripsAndVerifies) {
  const auto key = IdentityKey(1);
  const SignedCheckpoint checkpoint = Sample(key);
  auto json = EncodeCheckpoint(checkpoint);
  ASSERT_TRUE(json);
  EXPECT_TRUE(protocol::IsCanonical(*json));
  auto decoded = DecodeCheckpoint(*json);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, checkpoint);
  EXPECT_TRUE(VerifyCheckpoint(*decoded, key.verifying_key()));
}

TEST(AuditMessagesTest, CheckpointSignatureCoversEveryMember) {
  const auto key = IdentityKey(1);
  const SignedCheckpoint checkpoint = Sample(key);
  SignedCheckpoint changed = checkpoint;
  changed.tree_size += 1;
  EXPECT_EQ(VerifyCheckpoint(changed, key.verifying_key()).error().code, Code::kUnauthenticated);
  changed = checkpoint;
  changed.root[0] ^= 1;
  EXPECT_FALSE(VerifyCheckpoint(changed, key.verifying_key()));
  changed = checkpoint;
  changed.at += std::chrono::seconds(1);
  EXPECT_FALSE(VerifyCheckpoint(changed, key.verifying_key()));
  changed = checkpoint;
  changed.node = Node("nhs");
  EXPECT_FALSE(VerifyCheckpoint(changed, key.verifying_key()));
  EXPECT_FALSE(VerifyCheckpoint(checkpoint, IdentityKey(2).verifying_key()));
}

TEST(AuditMessagesTest, SigningInputStartsWithItsContext) {
  const auto key = IdentityKey(1);
  auto input = CheckpointSigningBytes(Sample(key));
  ASSERT_TRUE(input);
  EXPECT_EQ(input->substr(0, 21), std::string("tandem-checkpoint-v1") + '\0');
  auto cosign_input = CosignatureSigningBytes(Sample(key));
  ASSERT_TRUE(cosign_input);
  EXPECT_EQ(cosign_input->substr(0, 17), std::string("tandem-cosign-v1") + '\0');
  EXPECT_EQ(cosign_input->substr(17), *EncodeCheckpoint(Sample(key)));
}

TEST(AuditMessagesTest, CosignatureRoundTripsAndVerifies) {
  const auto node_key = IdentityKey(1);
  const auto witness_key = IdentityKey(2);
  auto cosignature = Cosign(Sample(node_key), Node("nhs"), witness_key);
  ASSERT_TRUE(cosignature);
  auto json = EncodeCosignature(*cosignature);
  ASSERT_TRUE(json);
  EXPECT_TRUE(protocol::IsCanonical(*json));
  auto decoded = DecodeCosignature(*json);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, *cosignature);
  EXPECT_TRUE(VerifyCosignature(*decoded, witness_key.verifying_key()));
  EXPECT_FALSE(VerifyCosignature(*decoded, node_key.verifying_key()));
  decoded->checkpoint.sig[5] ^= 0x10;
  EXPECT_FALSE(VerifyCosignature(*decoded, witness_key.verifying_key()));
}

TEST(AuditMessagesTest, ProofsRoundTrip) {
  InclusionProofMessage inclusion{5, 9, {}, {crypto::MerkleHash{}, crypto::MerkleHash{}}};
  inclusion.leaf_hash.fill(3);
  inclusion.path[1].fill(0xFF);
  auto json = EncodeInclusionProof(inclusion);
  EXPECT_TRUE(protocol::IsCanonical(json));
  EXPECT_EQ(*DecodeInclusionProof(json), inclusion);

  ConsistencyProofMessage consistency{3, 7, {crypto::MerkleHash{}}};
  auto cjson = EncodeConsistencyProof(consistency);
  EXPECT_TRUE(protocol::IsCanonical(cjson));
  EXPECT_EQ(*DecodeConsistencyProof(cjson), consistency);
}

void ExpectRefused(const Result<SignedCheckpoint>& result, std::string_view member) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kInvalidArgument);
  EXPECT_NE(result.error().message.find(member), std::string::npos) << result.error().message;
}

TEST(AuditMessagesTest, CheckpointDecoderNamesTheBadMember) {
  const std::string root(64, 'a');
  const std::string sig(128, 'b');
  const auto make = [&](std::string at, std::string node, std::string r, std::string s,
                        std::string size) {
    return R"({"at":)" + at + R"(,"node":)" + node + R"(,"root":)" + r + R"(,"sig":)" + s +
           R"(,"tree_size":)" + size + "}";
  };
  const std::string at = R"("2026-11-22T14:00:00Z")";
  const std::string node = R"("police")";
  const std::string r = "\"" + root + "\"";
  const std::string s = "\"" + sig + "\"";
  ASSERT_TRUE(DecodeCheckpoint(make(at, node, r, s, "10")));
  ExpectRefused(DecodeCheckpoint(make(R"("yesterday")", node, r, s, "10")), "'at'");
  ExpectRefused(DecodeCheckpoint(make(at, R"("po lice")", r, s, "10")), "'node'");
  ExpectRefused(DecodeCheckpoint(make(at, node, R"("AB")", s, "10")), "'root'");
  ExpectRefused(DecodeCheckpoint(make(at, node, "\"" + std::string(64, 'A') + "\"", s, "10")),
                "'root'");
  ExpectRefused(DecodeCheckpoint(make(at, node, r, R"("00")", "10")), "'sig'");
  ExpectRefused(DecodeCheckpoint(make(at, node, r, s, "-1")), "'tree_size'");
  ExpectRefused(DecodeCheckpoint(make(at, node, r, s, "1.5")), "'tree_size'");
  ExpectRefused(DecodeCheckpoint(make(at, node, r, s, "\"10\"")), "'tree_size'");
  ExpectRefused(DecodeCheckpoint(make(at, node, r, s, "1e300")), "'tree_size'");
  ExpectRefused(DecodeCheckpoint(R"({"at":"2026-11-22T14:00:00Z"})"), "missing");
  ExpectRefused(DecodeCheckpoint(make(at, node, r, s, "10") + "x"), "not valid JSON");
  ExpectRefused(DecodeCheckpoint("[]"), "object");
  ExpectRefused(DecodeCheckpoint(R"({"at":1,"at":2})"), "not valid JSON");
  std::string extra = make(at, node, r, s, "10");
  extra.insert(1, R"("extra":true,)");
  ExpectRefused(DecodeCheckpoint(extra), "'extra'");
}

TEST(AuditMessagesTest, ProofDecodersNameTheBadMember) {
  auto bad_path = DecodeInclusionProof(R"({"leaf_hash":")" + std::string(64, '0') +
                                       R"(","leaf_index":1,"path":["00"],"tree_size":2})");
  ASSERT_FALSE(bad_path);
  EXPECT_NE(bad_path.error().message.find("path[0]"), std::string::npos);
  std::string long_proof = R"({"first":1,"proof":[)";
  for (int i = 0; i < 65; ++i) long_proof += (i ? ",\"" : "\"") + std::string(64, '1') + "\"";
  long_proof += R"(],"second":2})";
  auto too_long = DecodeConsistencyProof(long_proof);
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().message.find("'proof'"), std::string::npos);
  EXPECT_FALSE(DecodeConsistencyProof(R"({"first":1,"proof":[]})"));
}

}  // namespace
}  // namespace tandem::node::audit
