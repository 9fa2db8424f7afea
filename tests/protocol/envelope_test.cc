#include "protocol/envelope.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "protocol/canonical_json.h"

namespace tandem::protocol {
namespace {

using std::chrono::seconds;

std::string ReadVector(const std::string& name) {
  std::ifstream in(std::string(TANDEM_SOURCE_DIR) + "/tests/vectors/envelope/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  if (name.ends_with(".hex")) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  }
  return s;
}

std::vector<std::uint8_t> FromHex(const std::string& hex) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// The TEST-ONLY key of tests/vectors/envelope/seed.hex.
crypto::SigningKey VectorKey() {
  auto seed = crypto::SecretBytes::Copy(FromHex(ReadVector("seed.hex")));
  EXPECT_TRUE(seed);
  auto key = crypto::SigningKey::FromSeed(*seed);
  EXPECT_TRUE(key);
  return *std::move(key);
}

Seconds At(const char* text) { return *ParseTimestamp(text); }

EnvelopeHeader VectorHeader() {
  return EnvelopeHeader{*MessageId::FromHex("000102030405060708090a0b0c0d0e0f"),
                        *NodeId::Create("police"),
                        *NodeId::Create("probation"),
                        IsaRef{*IsaId::Create("isa-2026-001"), 3},
                        *PurposeId::Create("mappa-referral"),
                        *MessageKind::Create("match-query"),
                        At("2026-11-22T14:00:00Z"),
                        At("2026-11-22T14:05:00Z"),
                        *Nonce::FromHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")};
}

const Seconds kNow = At("2026-11-22T14:01:00Z");

TEST(EnvelopeVectorTest, SealReproducesTheVectorWireBytes) {
  const auto key = VectorKey();
  EXPECT_EQ(key.verifying_key().Hex(), ReadVector("public_key.hex"));
  auto wire = Seal(VectorHeader(), ReadVector("body.json"), key);
  ASSERT_TRUE(wire) << wire.error().message;
  EXPECT_EQ(*wire, ReadVector("wire.json"));
}

TEST(EnvelopeVectorTest, SignedBytesAndSignatureMatchTheVector) {
  const std::string signed_json = ReadVector("signed.json");
  EXPECT_TRUE(IsCanonical(signed_json));
  std::string input(kEnvelopeSignatureContext);
  input.push_back('\0');
  input += signed_json;
  const auto expected_input = FromHex(ReadVector("signature_input.hex"));
  EXPECT_EQ(std::vector<std::uint8_t>(input.begin(), input.end()), expected_input);
  const auto sig = VectorKey().Sign(expected_input);
  EXPECT_EQ(std::vector<std::uint8_t>(sig.begin(), sig.end()),
            FromHex(ReadVector("signature.hex")));
}

TEST(EnvelopeVectorTest, OpenAcceptsTheVectorAndReturnsItsFields) {
  const auto key = VectorKey();
  auto envelope = Open(ReadVector("wire.json"), key.verifying_key(), kNow);
  ASSERT_TRUE(envelope) << envelope.error().message;
  const EnvelopeHeader expected = VectorHeader();
  EXPECT_EQ(envelope->header.id, expected.id);
  EXPECT_EQ(envelope->header.from, expected.from);
  EXPECT_EQ(envelope->header.to, expected.to);
  EXPECT_EQ(envelope->header.isa.id, expected.isa.id);
  EXPECT_EQ(envelope->header.isa.version, 3);
  EXPECT_EQ(envelope->header.purpose, expected.purpose);
  EXPECT_EQ(envelope->header.kind, expected.kind);
  EXPECT_EQ(envelope->header.created, expected.created);
  EXPECT_EQ(envelope->header.expires, expected.expires);
  EXPECT_EQ(envelope->header.nonce, expected.nonce);
  EXPECT_EQ(envelope->body, *Canonicalize(ReadVector("body.json")));
  EXPECT_EQ(std::vector<std::uint8_t>(envelope->signature.begin(), envelope->signature.end()),
            FromHex(ReadVector("signature.hex")));
}

TEST(EnvelopeTamperTest, RefusesTheWireWithAnyByteFlipped) {
  const auto key = VectorKey();
  const std::string wire = ReadVector("wire.json");
  for (std::size_t i = 0; i < wire.size(); ++i) {
    for (const std::uint8_t mask : {0x01, 0x20, 0x80}) {
      std::string tampered = wire;
      tampered[i] = static_cast<char>(tampered[i] ^ mask);
      auto result = Open(tampered, key.verifying_key(), kNow);
      ASSERT_FALSE(result) << "byte " << i << " mask " << int(mask);
      EXPECT_TRUE(result.error().code == Code::kInvalidArgument ||
                  result.error().code == Code::kUnauthenticated)
          << result.error().message;
    }
  }
}

// Each header field changed to another well-formed value, re-encoded canonically with the old
// signature kept: only the signature can tell, and it does.
TEST(EnvelopeTamperTest, RefusesAnyChangedHeaderFieldAsUnauthenticated) {
  const auto key = VectorKey();
  const std::string wire = ReadVector("wire.json");
  struct Change {
    const char* from;
    const char* to;
  };
  for (const Change& c : {
           Change{"\"id\":\"0001", "\"id\":\"0101"},
           Change{"\"from\":\"police\"", "\"from\":\"polica\""},
           Change{"\"to\":\"probation\"", "\"to\":\"probatiom\""},
           Change{"\"id\":\"isa-2026-001\"", "\"id\":\"isa-2026-002\""},
           Change{"\"version\":3", "\"version\":4"},
           Change{"\"purpose\":\"mappa-referral\"", "\"purpose\":\"mappa-referrak\""},
           Change{"\"kind\":\"match-query\"", "\"kind\":\"match-querz\""},
           Change{"\"created\":\"2026-11-22T14:00:00Z\"", "\"created\":\"2026-11-22T14:00:01Z\""},
           Change{"\"expires\":\"2026-11-22T14:05:00Z\"", "\"expires\":\"2026-11-22T14:04:59Z\""},
           Change{"\"nonce\":\"a0", "\"nonce\":\"b0"},
           Change{"\"limit\":10", "\"limit\":11"},
       }) {
    std::string tampered = wire;
    const auto pos = tampered.find(c.from);
    ASSERT_NE(pos, std::string::npos) << c.from;
    tampered.replace(pos, std::string_view(c.from).size(), c.to);
    ASSERT_TRUE(IsCanonical(tampered)) << c.to;
    auto result = Open(tampered, key.verifying_key(), kNow);
    ASSERT_FALSE(result) << c.to;
    EXPECT_EQ(result.error().code, Code::kUnauthenticated) << c.to;
  }
}

TEST(EnvelopeTamperTest, RefusesASignatureByAnotherKey) {
  auto other = crypto::SigningKey::Generate();
  ASSERT_TRUE(other);
  auto result = Open(ReadVector("wire.json"), other->verifying_key(), kNow);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kUnauthenticated);
}

TEST(EnvelopeTamperTest, RefusesDuplicateKeysEvenWithAValidSignatureInside) {
  const auto key = VectorKey();
  std::string wire = ReadVector("wire.json");
  wire.insert(wire.size() - 1, ",\"v\":1");
  auto result = Open(wire, key.verifying_key(), kNow);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kInvalidArgument);
  EXPECT_NE(result.error().message.find("duplicate"), std::string::npos);
}

TEST(EnvelopeTamperTest, RefusesTrailingGarbageAndWhitespace) {
  const auto key = VectorKey();
  for (const std::string& suffix : {std::string(" "), std::string("\n"), std::string("x"),
                                    std::string("{}"), std::string(1, '\0')}) {
    const std::string wire = ReadVector("wire.json") + suffix;
    auto result = Open(wire, key.verifying_key(), kNow);
    ASSERT_FALSE(result) << suffix;
    EXPECT_EQ(result.error().code, Code::kInvalidArgument);
  }
}

TEST(EnvelopeTamperTest, RefusesAnEnvelopeThatIsNotCanonical) {
  const auto key = VectorKey();
  std::string wire = ReadVector("wire.json");
  wire.replace(wire.find("\"limit\":10"), 10, "\"limit\":10.0");
  auto result = Open(wire, key.verifying_key(), kNow);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kInvalidArgument);
  EXPECT_NE(result.error().message.find("canonical"), std::string::npos);
}

class EnvelopeTest : public testing::Test {
 protected:
  Result<std::string> SealWith(const EnvelopeHeader& header, std::string_view body = R"({"q":1})") {
    return Seal(header, body, key_);
  }
  crypto::SigningKey key_ = VectorKey();
};

TEST_F(EnvelopeTest, RoundTripsFreshRandomIds) {
  EnvelopeHeader header = VectorHeader();
  header.id = *MessageId::Generate();
  header.nonce = *Nonce::Generate();
  EXPECT_NE(header.id.Hex(), VectorHeader().id.Hex());
  auto wire = SealWith(header, "{\"b\" : [1, 2.50, \"\\u00e9\"], \"a\": {}}");
  ASSERT_TRUE(wire) << wire.error().message;
  auto opened = Open(*wire, key_.verifying_key(), kNow);
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->header.id, header.id);
  EXPECT_EQ(opened->header.nonce, header.nonce);
  EXPECT_EQ(opened->body, "{\"a\":{},\"b\":[1,2.5,\"\xc3\xa9\"]}");
  auto peeked = PeekHeader(*wire);
  ASSERT_TRUE(peeked);
  EXPECT_EQ(peeked->from.value(), "police");
}

TEST_F(EnvelopeTest, AcceptsWithinClockSkewAndRefusesOutsideIt) {
  const auto wire = *SealWith(VectorHeader());
  const auto& pk = key_.verifying_key();
  // created 14:00:00, expires 14:05:00, skew 60 s.
  EXPECT_TRUE(Open(wire, pk, At("2026-11-22T13:59:00Z")));
  EXPECT_TRUE(Open(wire, pk, At("2026-11-22T14:05:59Z")));
  for (const char* when :
       {"2026-11-22T13:58:59Z", "2026-11-22T14:06:00Z", "2027-01-01T00:00:00Z"}) {
    auto result = Open(wire, pk, At(when));
    ASSERT_FALSE(result) << when;
    EXPECT_EQ(result.error().code, Code::kUnauthenticated) << when;
  }
  auto early = Open(wire, pk, At("2026-11-22T13:58:00Z"));
  EXPECT_NE(early.error().message.find("not yet valid"), std::string::npos);
  auto late = Open(wire, pk, At("2026-11-22T14:07:00Z"));
  EXPECT_NE(late.error().message.find("expired"), std::string::npos);
  // A stricter policy narrows the window.
  EXPECT_FALSE(Open(wire, pk, At("2026-11-22T13:59:00Z"), OpenPolicy{seconds(0), seconds(300)}));
}

TEST_F(EnvelopeTest, RefusesALifetimeLongerThanThePolicyAllows) {
  EnvelopeHeader header = VectorHeader();
  header.expires = header.created + seconds(301);
  const auto wire = *SealWith(header);
  auto result = Open(wire, key_.verifying_key(), kNow);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kUnauthenticated);
  EXPECT_NE(result.error().message.find("lifetime"), std::string::npos);
  EXPECT_TRUE(Open(wire, key_.verifying_key(), kNow, OpenPolicy{seconds(60), seconds(600)}));
}

TEST_F(EnvelopeTest, SealRefusesBadBodiesAndTimes) {
  for (const char* body : {"[]", "1", "\"x\"", "{", "{\"a\":1,\"a\":2}", "{} {}"}) {
    auto result = SealWith(VectorHeader(), body);
    ASSERT_FALSE(result) << body;
    EXPECT_EQ(result.error().code, Code::kInvalidArgument);
    EXPECT_NE(result.error().message.find("body"), std::string::npos);
  }
  EnvelopeHeader header = VectorHeader();
  header.expires = header.created;
  EXPECT_FALSE(SealWith(header));
  header = VectorHeader();
  header.isa.version = 0;
  EXPECT_FALSE(SealWith(header));
}

// Malformed fields are named in the error, so the sender can fix them.
TEST_F(EnvelopeTest, NamesTheMalformedField) {
  const std::string wire = *SealWith(VectorHeader());
  struct Case {
    const char* from;
    const char* to;
    const char* field;
  };
  for (const Case& c : {
           Case{"\"v\":1", "\"v\":2", "'v'"},
           Case{"\"v\":1", "\"v\":\"1\"", "'v'"},
           Case{"\"id\":\"0001", "\"id\":\"00", "'id'"},
           Case{"\"from\":\"police\"", "\"from\":\"\"", "'from'"},
           Case{"\"to\":\"probation\"", "\"to\":\"pro bation\"", "'to'"},
           Case{"\"version\":3", "\"version\":3.5", "'isa.version'"},
           Case{"\"created\":\"2026-11-22T14:00:00Z\"", "\"created\":\"2026-11-22\"", "'created'"},
           Case{"\"expires\":\"2026-11-22T14:05:00Z\"", "\"expires\":\"2026-11-22T13:05:00Z\"",
                "'expires'"},
           Case{"\"nonce\":\"a0", "\"nonce\":\"A0", "'nonce'"},
           Case{"\"body\":{\"q\":1}", "\"body\":[1]", "'body'"},
           Case{"\"kind\":\"match-query\",", "", "'kind'"},
       }) {
    std::string bad = wire;
    const auto pos = bad.find(c.from);
    ASSERT_NE(pos, std::string::npos) << c.from;
    bad.replace(pos, std::string_view(c.from).size(), c.to);
    auto result = Open(bad, key_.verifying_key(), kNow);
    ASSERT_FALSE(result) << c.to;
    EXPECT_EQ(result.error().code, Code::kInvalidArgument) << result.error().message;
    EXPECT_NE(result.error().message.find(c.field), std::string::npos) << result.error().message;
  }
}

TEST_F(EnvelopeTest, RefusesUnknownFields) {
  std::string wire = *SealWith(VectorHeader());
  wire.replace(wire.find("\"v\":1"), 5, "\"v\":1,\"zz\":0");
  auto result = Open(wire, key_.verifying_key(), kNow);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("'zz': unknown field"), std::string::npos);
}

TEST(EnvelopeIdsTest, ParseOnlyTheirDocumentedForms) {
  EXPECT_TRUE(MessageId::FromHex("00112233445566778899aabbccddeeff"));
  EXPECT_FALSE(MessageId::FromHex("00112233445566778899AABBCCDDEEFF"));
  EXPECT_FALSE(Nonce::FromHex("00112233445566778899aabbccddee"));
  EXPECT_TRUE(NodeId::Create("nhs.trust-1"));
  EXPECT_FALSE(NodeId::Create(""));
  EXPECT_FALSE(NodeId::Create(std::string(129, 'a')));
  EXPECT_FALSE(PurposeId::Create("a\"b"));
  EXPECT_NE(*MessageId::Generate(), *MessageId::Generate());
}

}  // namespace
}  // namespace tandem::protocol
