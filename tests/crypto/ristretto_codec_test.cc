// The module's own ristretto255 arithmetic (field25519, edwards25519, ristretto_codec): the
// RFC 9496 appendix A vectors, and agreement with libsodium on many random encodings, valid
// and not.
#include "crypto/internal/ristretto_codec.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <string>
#include <vector>

#include "crypto/internal/hex.h"
#include "crypto/internal/ristretto.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto::internal {
namespace {

using Bytes32 = std::array<std::uint8_t, 32>;

Bytes32 FromHex(const std::string& hex) {
  auto bytes = DecodeHex(hex, "test vector");
  EXPECT_TRUE(bytes.has_value());
  Bytes32 out{};
  if (bytes && bytes->size() == out.size()) std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

Bytes32 RandomBytes() {
  Bytes32 out{};
  randombytes_buf(out.data(), out.size());
  return out;
}

Bytes32 RandomElement() {
  Bytes32 out{};
  crypto_core_ristretto255_random(out.data());
  return out;
}

bool SodiumAccepts(const Bytes32& bytes) {
  return crypto_core_ristretto255_is_valid_point(bytes.data()) == 1;
}

// RFC 9496 appendix A.1: the encodings of 0*B .. 15*B.
const std::vector<std::string> kMultiplesOfGenerator = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
    "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
    "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
    "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
    "e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e",
    "f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403",
    "44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d",
    "903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c",
    "02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031",
    "20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f",
    "bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42",
    "e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460",
    "aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f",
    "46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e",
    "e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e",
};

// RFC 9496 appendix A.2, plus an encoding with the top bit set.
const std::vector<std::string> kInvalidEncodings = {
    // Non-canonical field encodings.
    "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0100000000000000000000000000000000000000000000000000000000000080",
    // Negative field elements.
    "0100000000000000000000000000000000000000000000000000000000000000",
    "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20",
    "c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562",
    "c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78",
    "47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24",
    "f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72",
    "87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309",
    // Non-square x^2.
    "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
    "4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f",
    "de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b",
    "bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042",
    "2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08",
    "f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22",
    "8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731",
    "2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b",
    // Negative xy value.
    "3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e",
    "a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220",
    "d483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e",
    "8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32",
    "32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b",
    "227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165",
    "5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e",
    "445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b",
    // s = -1, which gives y = 0.
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};

class RistrettoCodecTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitSodium().has_value()); }
};

TEST_F(RistrettoCodecTest, EncodesTheRfc9496MultiplesOfTheGenerator) {
  const auto generator = RistrettoDecode(FromHex(kMultiplesOfGenerator[1]));
  ASSERT_TRUE(generator.has_value());
  const EdCached g = EdToCached(*generator);
  EdPoint multiple = kEdIdentity;
  for (std::size_t i = 0; i < kMultiplesOfGenerator.size(); ++i) {
    EXPECT_EQ(EncodeHex(RistrettoEncode(multiple)), kMultiplesOfGenerator[i]) << i << "*B";
    multiple = EdAdd(multiple, g);
  }
}

TEST_F(RistrettoCodecTest, DecodesAndReencodesEveryRfc9496Multiple) {
  for (const std::string& hex : kMultiplesOfGenerator) {
    const auto point = RistrettoDecode(FromHex(hex));
    ASSERT_TRUE(point.has_value()) << hex;
    EXPECT_EQ(EncodeHex(RistrettoEncode(*point)), hex);
  }
}

TEST_F(RistrettoCodecTest, RejectsEveryRfc9496InvalidEncoding) {
  for (const std::string& hex : kInvalidEncodings) {
    EXPECT_FALSE(RistrettoDecode(FromHex(hex)).has_value()) << hex;
    EXPECT_FALSE(SodiumAccepts(FromHex(hex))) << hex;
  }
}

TEST_F(RistrettoCodecTest, AcceptsExactlyWhatLibsodiumAcceptsOnRandomBytes) {
  // Plain random bytes are mostly invalid; clearing the top and low bits makes about one in
  // four valid, so both outcomes are exercised thousands of times.
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    Bytes32 bytes = RandomBytes();
    if (i % 2 == 1) {
      bytes[31] &= 0x7f;
      bytes[0] &= 0xfe;
    }
    const auto point = RistrettoDecode(bytes);
    if ((bytes[31] & 0x80) != 0) {
      // RFC 9496 rejects a set top bit (the value is at least p). libsodium 1.0.18 ignores that
      // bit, so it is compared on the other 255 bits; DeserializeElement rejects it too.
      EXPECT_FALSE(point.has_value()) << EncodeHex(bytes);
      EXPECT_FALSE(DeserializeElement(bytes, "element").has_value());
      bytes[31] &= 0x7f;
      const auto low_bits = RistrettoDecode(bytes);
      ASSERT_EQ(low_bits.has_value(), SodiumAccepts(bytes)) << EncodeHex(bytes);
      continue;
    }
    ASSERT_EQ(point.has_value(), SodiumAccepts(bytes)) << EncodeHex(bytes);
    if (point) {
      ++accepted;
      EXPECT_EQ(RistrettoEncode(*point), bytes);
    }
  }
  EXPECT_GT(accepted, 1500);
  EXPECT_LT(accepted, 19000);
}

TEST_F(RistrettoCodecTest, AgreesWithLibsodiumNearTheFieldModulus) {
  // Every even value from p - 40 to 2^255 - 1, and the small values, as 32-byte encodings.
  for (int k = -40; k <= 20; ++k) {
    Bytes32 bytes{};
    bytes.fill(0xff);
    bytes[31] = 0x7f;
    bytes[0] = static_cast<std::uint8_t>(0xed + k);  // p + k for k in [-40, 18]
    if (k > 18) bytes[0] = 0xff;
    EXPECT_EQ(RistrettoDecode(bytes).has_value(), SodiumAccepts(bytes)) << EncodeHex(bytes);
    Bytes32 small{};
    small[0] = static_cast<std::uint8_t>(k + 40);
    EXPECT_EQ(RistrettoDecode(small).has_value(), SodiumAccepts(small)) << EncodeHex(small);
  }
}

TEST_F(RistrettoCodecTest, RoundTripsRandomElementsAndTheirSumsLikeLibsodium) {
  for (int i = 0; i < 1000; ++i) {
    const Bytes32 a = RandomElement();
    const Bytes32 b = RandomElement();
    const auto pa = RistrettoDecode(a);
    const auto pb = RistrettoDecode(b);
    ASSERT_TRUE(pa.has_value() && pb.has_value());
    ASSERT_EQ(RistrettoEncode(*pa), a);
    Bytes32 sum{};
    Bytes32 difference{};
    ASSERT_EQ(crypto_core_ristretto255_add(sum.data(), a.data(), b.data()), 0);
    ASSERT_EQ(crypto_core_ristretto255_sub(difference.data(), a.data(), b.data()), 0);
    EXPECT_EQ(RistrettoEncode(EdAdd(*pa, EdToCached(*pb))), sum);
    EXPECT_EQ(RistrettoEncode(EdSub(*pa, EdToCached(*pb))), difference);
    Bytes32 twice{};
    ASSERT_EQ(crypto_core_ristretto255_add(twice.data(), a.data(), a.data()), 0);
    EXPECT_EQ(RistrettoEncode(EdDouble(*pa)), twice);
    EXPECT_EQ(RistrettoEncode(EdAdd(*pa, EdToCached(*pa))), twice);
    EXPECT_EQ(RistrettoEncode(EdAdd(*pa, EdToCached(EdNegate(*pa)))), Bytes32{});
  }
}

TEST_F(RistrettoCodecTest, FieldEncodingIsCanonicalAndSqrtRatioHolds) {
  // p + 5 (a non-canonical encoding) reads as 5.
  Bytes32 p_plus_5{};
  p_plus_5.fill(0xff);
  p_plus_5[31] = 0x7f;
  p_plus_5[0] = 0xf2;
  Bytes32 five{};
  five[0] = 5;
  EXPECT_EQ(FeToBytes(FeFromBytes(p_plus_5)), five);
  EXPECT_TRUE(FeIsZero(FeSub(FeFromBytes(p_plus_5), FeFromBytes(five))));
  int squares = 0;
  for (int i = 0; i < 500; ++i) {
    Bytes32 ub = RandomBytes();
    Bytes32 vb = RandomBytes();
    const Fe u = FeFromBytes(ub);
    const Fe v = FeFromBytes(vb);
    const SqrtRatio root = FeSqrtRatioM1(u, v);
    EXPECT_FALSE(FeIsNegative(root.r));
    const Fe check = FeMul(v, FeSquare(root.r));
    if (root.was_square) {
      ++squares;
      EXPECT_TRUE(FeEqual(check, u));
    } else {
      EXPECT_TRUE(FeEqual(check, FeMul(kFeSqrtM1, u)));
    }
  }
  EXPECT_GT(squares, 150);
  EXPECT_LT(squares, 350);
}

}  // namespace
}  // namespace tandem::crypto::internal
