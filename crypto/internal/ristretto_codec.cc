#include "crypto/internal/ristretto_codec.h"

namespace tandem::crypto::internal {
namespace {

// s >= p for 32 little-endian bytes with the top bit clear: p = 2^255 - 19 is 0xed followed by
// thirty 0xff and 0x7f.
bool AtLeastP(const std::array<std::uint8_t, 32>& bytes) {
  if (bytes[31] != 0x7f) return false;
  for (std::size_t i = 1; i < 31; ++i) {
    if (bytes[i] != 0xff) return false;
  }
  return bytes[0] >= 0xed;
}

}  // namespace

std::optional<EdPoint> RistrettoDecode(const std::array<std::uint8_t, 32>& bytes) {
  // 1. s must be canonical (below p) and non-negative (even).
  if ((bytes[31] & 0x80) != 0 || AtLeastP(bytes) || (bytes[0] & 1) != 0) return std::nullopt;
  const Fe s = FeFromBytes(bytes);
  // 2. Recover (x, y) from s.
  const Fe ss = FeSquare(s);
  const Fe u1 = FeSub(kFeOne, ss);
  const Fe u2 = FeAdd(kFeOne, ss);
  const Fe u2_sqr = FeSquare(u2);
  const Fe v = FeSub(FeNeg(FeMul(kFeD, FeSquare(u1))), u2_sqr);
  const SqrtRatio invsqrt = FeSqrtRatioM1(kFeOne, FeMul(v, u2_sqr));
  const Fe den_x = FeMul(invsqrt.r, u2);
  const Fe den_y = FeMul(FeMul(invsqrt.r, den_x), v);
  const Fe x = FeAbs(FeMul(FeAdd(s, s), den_x));
  const Fe y = FeMul(u1, den_y);
  const Fe t = FeMul(x, y);
  // 3. Reject a non-square, a negative t or y = 0.
  if (!invsqrt.was_square || FeIsNegative(t) || FeIsZero(y)) return std::nullopt;
  return EdPoint{x, y, kFeOne, t};
}

std::array<std::uint8_t, 32> RistrettoEncode(const EdPoint& p) {
  const Fe u1 = FeMul(FeAdd(p.z, p.y), FeSub(p.z, p.y));
  const Fe u2 = FeMul(p.x, p.y);
  const SqrtRatio invsqrt = FeSqrtRatioM1(kFeOne, FeMul(u1, FeSquare(u2)));
  const Fe den1 = FeMul(invsqrt.r, u1);
  const Fe den2 = FeMul(invsqrt.r, u2);
  const Fe z_inv = FeMul(FeMul(den1, den2), p.t);
  const bool rotate = FeIsNegative(FeMul(p.t, z_inv));
  const Fe x = rotate ? FeMul(p.y, kFeSqrtM1) : p.x;
  Fe y = rotate ? FeMul(p.x, kFeSqrtM1) : p.y;
  const Fe den_inv = rotate ? FeMul(den1, kFeInvSqrtAMinusD) : den2;
  if (FeIsNegative(FeMul(x, z_inv))) y = FeNeg(y);
  return FeToBytes(FeAbs(FeMul(den_inv, FeSub(p.z, y))));
}

}  // namespace tandem::crypto::internal
