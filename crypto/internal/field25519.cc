#include "crypto/internal/field25519.h"

namespace tandem::crypto::internal {
namespace {

std::uint64_t Load64(const std::array<std::uint8_t, 32>& bytes, std::size_t offset) {
  std::uint64_t w = 0;
  for (std::size_t i = 0; i < 8; ++i) w |= static_cast<std::uint64_t>(bytes[offset + i]) << (8 * i);
  return w;
}

void Store64(std::array<std::uint8_t, 32>& bytes, std::size_t offset, std::uint64_t w) {
  for (std::size_t i = 0; i < 8; ++i) bytes[offset + i] = static_cast<std::uint8_t>(w >> (8 * i));
}

// a^(2^n) by n squarings.
Fe SquareTimes(Fe a, int n) {
  for (int i = 0; i < n; ++i) a = FeSquare(a);
  return a;
}

}  // namespace

Fe FeFromBytes(const std::array<std::uint8_t, 32>& bytes) {
  const std::uint64_t w0 = Load64(bytes, 0);
  const std::uint64_t w1 = Load64(bytes, 8);
  const std::uint64_t w2 = Load64(bytes, 16);
  const std::uint64_t w3 = Load64(bytes, 24);
  return {{w0 & kLimbMask, ((w0 >> 51) | (w1 << 13)) & kLimbMask,
           ((w1 >> 38) | (w2 << 26)) & kLimbMask, ((w2 >> 25) | (w3 << 39)) & kLimbMask,
           (w3 >> 12) & kLimbMask}};
}

std::array<std::uint8_t, 32> FeToBytes(const Fe& a) {
  // Two carry passes leave every limb below 2^51 and the value below 2^255 + 19 * 2^4; then
  // q = 1 exactly when the value is at least p, and value + 19q mod 2^255 is the reduced value.
  Fe t = FeCarry(FeCarry(a));
  std::uint64_t q = (t.v[0] + 19) >> 51;
  q = (t.v[1] + q) >> 51;
  q = (t.v[2] + q) >> 51;
  q = (t.v[3] + q) >> 51;
  q = (t.v[4] + q) >> 51;
  t.v[0] += 19 * q;
  t.v[1] += t.v[0] >> 51;
  t.v[0] &= kLimbMask;
  t.v[2] += t.v[1] >> 51;
  t.v[1] &= kLimbMask;
  t.v[3] += t.v[2] >> 51;
  t.v[2] &= kLimbMask;
  t.v[4] += t.v[3] >> 51;
  t.v[3] &= kLimbMask;
  t.v[4] &= kLimbMask;
  std::array<std::uint8_t, 32> out{};
  Store64(out, 0, t.v[0] | (t.v[1] << 51));
  Store64(out, 8, (t.v[1] >> 13) | (t.v[2] << 38));
  Store64(out, 16, (t.v[2] >> 26) | (t.v[3] << 25));
  Store64(out, 24, (t.v[3] >> 39) | (t.v[4] << 12));
  return out;
}

bool FeIsZero(const Fe& a) {
  const auto bytes = FeToBytes(a);
  std::uint8_t acc = 0;
  for (const std::uint8_t b : bytes) acc |= b;
  return acc == 0;
}

bool FeEqual(const Fe& a, const Fe& b) { return FeToBytes(a) == FeToBytes(b); }

bool FeIsNegative(const Fe& a) { return (FeToBytes(a)[0] & 1) == 1; }

Fe FeAbs(const Fe& a) { return FeIsNegative(a) ? FeNeg(a) : a; }

Fe FePow22523(const Fe& a) {
  const Fe a2 = FeSquare(a);                            // a^2
  const Fe a9 = FeMul(a, SquareTimes(a2, 2));           // a^9
  const Fe a11 = FeMul(a2, a9);                         // a^11
  const Fe e5 = FeMul(a9, FeSquare(a11));               // a^(2^5 - 1)
  const Fe e10 = FeMul(SquareTimes(e5, 5), e5);         // a^(2^10 - 1)
  const Fe e20 = FeMul(SquareTimes(e10, 10), e10);      // a^(2^20 - 1)
  const Fe e40 = FeMul(SquareTimes(e20, 20), e20);      // a^(2^40 - 1)
  const Fe e50 = FeMul(SquareTimes(e40, 10), e10);      // a^(2^50 - 1)
  const Fe e100 = FeMul(SquareTimes(e50, 50), e50);     // a^(2^100 - 1)
  const Fe e200 = FeMul(SquareTimes(e100, 100), e100);  // a^(2^200 - 1)
  const Fe e250 = FeMul(SquareTimes(e200, 50), e50);    // a^(2^250 - 1)
  return FeMul(SquareTimes(e250, 2), a);                // a^(2^252 - 3)
}

SqrtRatio FeSqrtRatioM1(const Fe& u, const Fe& v) {
  const Fe v3 = FeMul(FeSquare(v), v);
  const Fe v7 = FeMul(FeSquare(v3), v);
  Fe r = FeMul(FeMul(u, v3), FePow22523(FeMul(u, v7)));
  const Fe check = FeMul(v, FeSquare(r));
  const Fe minus_u = FeNeg(u);
  const bool correct_sign_sqrt = FeEqual(check, u);
  const bool flipped_sign_sqrt = FeEqual(check, minus_u);
  const bool flipped_sign_sqrt_i = FeEqual(check, FeMul(minus_u, kFeSqrtM1));
  if (flipped_sign_sqrt || flipped_sign_sqrt_i) r = FeMul(kFeSqrtM1, r);
  return {correct_sign_sqrt || flipped_sign_sqrt, FeAbs(r)};
}

}  // namespace tandem::crypto::internal
