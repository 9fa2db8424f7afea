// Arithmetic in the field of integers mod p = 2^255 - 19, for the variable-time ristretto255
// code (ristretto_codec.h, msm.h). An element is five unsigned limbs in radix 2^51; products
// use unsigned __int128. Every function here keeps its results weakly reduced (each limb below
// 2^52), which is what every function here accepts. FeToBytes gives the unique canonical
// encoding. The multiplication and squaring have no secret-dependent branches, but the code
// that uses them (decoding, encoding, multi-scalar multiplication) branches on its inputs:
// nothing secret may reach it. Thread-safe (pure functions on values).
#pragma once

#include <array>
#include <cstdint>

namespace tandem::crypto::internal {

struct Fe {
  std::array<std::uint64_t, 5> v;  // value = sum v[i] * 2^(51 i)
};

inline constexpr std::uint64_t kLimbMask = (std::uint64_t{1} << 51) - 1;

inline constexpr Fe kFeZero = {{0, 0, 0, 0, 0}};
inline constexpr Fe kFeOne = {{1, 0, 0, 0, 0}};
// d = -121665/121666, the curve constant of edwards25519.
inline constexpr Fe kFeD = {
    {0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb, 0x52036cee2b6ff}};
inline constexpr Fe kFeD2 = {
    {0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052, 0x6738cc7407977, 0x2406d9dc56dff}};
// SQRT_M1, the non-negative square root of -1 (RFC 9496 section 4.1).
inline constexpr Fe kFeSqrtM1 = {
    {0x61b274a0ea0b0, 0x0d5a5fc8f189d, 0x7ef5e9cbd0c60, 0x78595a6804c9e, 0x2b8324804fc1d}};
// INVSQRT_A_MINUS_D = 1/sqrt(a - d) with a = -1 (RFC 9496 section 4.1).
inline constexpr Fe kFeInvSqrtAMinusD = {
    {0x0fdaa805d40ea, 0x2eb482e57d339, 0x007610274bc58, 0x6510b613dc8ff, 0x786c8905cfaff}};

// Propagates carries so every limb is below 2^51 + 2^18.
inline Fe FeCarry(Fe a) {
  std::uint64_t c = a.v[0] >> 51;
  a.v[0] &= kLimbMask;
  a.v[1] += c;
  c = a.v[1] >> 51;
  a.v[1] &= kLimbMask;
  a.v[2] += c;
  c = a.v[2] >> 51;
  a.v[2] &= kLimbMask;
  a.v[3] += c;
  c = a.v[3] >> 51;
  a.v[3] &= kLimbMask;
  a.v[4] += c;
  c = a.v[4] >> 51;
  a.v[4] &= kLimbMask;
  a.v[0] += 19 * c;
  return a;
}

inline Fe FeAdd(const Fe& a, const Fe& b) {
  return FeCarry(
      {{a.v[0] + b.v[0], a.v[1] + b.v[1], a.v[2] + b.v[2], a.v[3] + b.v[3], a.v[4] + b.v[4]}});
}

// a - b computed as a + 2p - b, so no limb goes negative (b's limbs are below 2^52 - 38).
inline Fe FeSub(const Fe& a, const Fe& b) {
  constexpr std::uint64_t kTwoP0 = 0xfffffffffffda;  // 2 * (2^51 - 19)
  constexpr std::uint64_t kTwoPi = 0xffffffffffffe;  // 2 * (2^51 - 1)
  return FeCarry({{a.v[0] + kTwoP0 - b.v[0], a.v[1] + kTwoPi - b.v[1], a.v[2] + kTwoPi - b.v[2],
                   a.v[3] + kTwoPi - b.v[3], a.v[4] + kTwoPi - b.v[4]}});
}

inline Fe FeNeg(const Fe& a) { return FeSub(kFeZero, a); }

// Reduces five 128-bit column sums to a weakly reduced element.
inline Fe FeReduceWide(unsigned __int128 r0, unsigned __int128 r1, unsigned __int128 r2,
                       unsigned __int128 r3, unsigned __int128 r4) {
  using U128 = unsigned __int128;
  r1 += static_cast<std::uint64_t>(r0 >> 51);
  r2 += static_cast<std::uint64_t>(r1 >> 51);
  r3 += static_cast<std::uint64_t>(r2 >> 51);
  r4 += static_cast<std::uint64_t>(r3 >> 51);
  const std::uint64_t top = static_cast<std::uint64_t>(r4 >> 51);
  const U128 low =
      static_cast<U128>(static_cast<std::uint64_t>(r0) & kLimbMask) + static_cast<U128>(top) * 19;
  Fe out;
  out.v[0] = static_cast<std::uint64_t>(low) & kLimbMask;
  out.v[1] = (static_cast<std::uint64_t>(r1) & kLimbMask) + static_cast<std::uint64_t>(low >> 51);
  out.v[2] = static_cast<std::uint64_t>(r2) & kLimbMask;
  out.v[3] = static_cast<std::uint64_t>(r3) & kLimbMask;
  out.v[4] = static_cast<std::uint64_t>(r4) & kLimbMask;
  return out;
}

inline Fe FeMul(const Fe& a, const Fe& b) {
  using U128 = unsigned __int128;
  const std::uint64_t b1_19 = 19 * b.v[1];
  const std::uint64_t b2_19 = 19 * b.v[2];
  const std::uint64_t b3_19 = 19 * b.v[3];
  const std::uint64_t b4_19 = 19 * b.v[4];
  const auto m = [](std::uint64_t x, std::uint64_t y) { return static_cast<U128>(x) * y; };
  const U128 r0 =
      m(a.v[0], b.v[0]) + m(a.v[1], b4_19) + m(a.v[2], b3_19) + m(a.v[3], b2_19) + m(a.v[4], b1_19);
  const U128 r1 = m(a.v[0], b.v[1]) + m(a.v[1], b.v[0]) + m(a.v[2], b4_19) + m(a.v[3], b3_19) +
                  m(a.v[4], b2_19);
  const U128 r2 = m(a.v[0], b.v[2]) + m(a.v[1], b.v[1]) + m(a.v[2], b.v[0]) + m(a.v[3], b4_19) +
                  m(a.v[4], b3_19);
  const U128 r3 = m(a.v[0], b.v[3]) + m(a.v[1], b.v[2]) + m(a.v[2], b.v[1]) + m(a.v[3], b.v[0]) +
                  m(a.v[4], b4_19);
  const U128 r4 = m(a.v[0], b.v[4]) + m(a.v[1], b.v[3]) + m(a.v[2], b.v[2]) + m(a.v[3], b.v[1]) +
                  m(a.v[4], b.v[0]);
  return FeReduceWide(r0, r1, r2, r3, r4);
}

inline Fe FeSquare(const Fe& a) {
  using U128 = unsigned __int128;
  const std::uint64_t a0_2 = 2 * a.v[0];
  const std::uint64_t a1_2 = 2 * a.v[1];
  const std::uint64_t a3_19 = 19 * a.v[3];
  const std::uint64_t a4_19 = 19 * a.v[4];
  const auto m = [](std::uint64_t x, std::uint64_t y) { return static_cast<U128>(x) * y; };
  const U128 r0 = m(a.v[0], a.v[0]) + m(a1_2, a4_19) + m(2 * a.v[2], a3_19);
  const U128 r1 = m(a0_2, a.v[1]) + m(2 * a.v[2], a4_19) + m(a.v[3], a3_19);
  const U128 r2 = m(a0_2, a.v[2]) + m(a.v[1], a.v[1]) + m(2 * a.v[3], a4_19);
  const U128 r3 = m(a0_2, a.v[3]) + m(a1_2, a.v[2]) + m(a.v[4], a4_19);
  const U128 r4 = m(a0_2, a.v[4]) + m(a1_2, a.v[3]) + m(a.v[2], a.v[2]);
  return FeReduceWide(r0, r1, r2, r3, r4);
}

// The low 255 bits of 32 little-endian bytes (the top bit is ignored; callers that need a
// canonical encoding check it first).
Fe FeFromBytes(const std::array<std::uint8_t, 32>& bytes);
// The canonical (fully reduced) little-endian encoding.
std::array<std::uint8_t, 32> FeToBytes(const Fe& a);

bool FeIsZero(const Fe& a);
bool FeEqual(const Fe& a, const Fe& b);
// IS_NEGATIVE of RFC 9496: the low bit of the canonical encoding.
bool FeIsNegative(const Fe& a);
// CT_ABS of RFC 9496: -a when a is negative, else a.
Fe FeAbs(const Fe& a);

// a^((p-5)/8) = a^(2^252 - 3).
Fe FePow22523(const Fe& a);

// SQRT_RATIO_M1(u, v) of RFC 9496 section 4.2: was_square is true and r = sqrt(u/v) (the
// non-negative root) when u/v is a square; otherwise r = sqrt(SQRT_M1 * u/v).
struct SqrtRatio {
  bool was_square;
  Fe r;
};
SqrtRatio FeSqrtRatioM1(const Fe& u, const Fe& v);

}  // namespace tandem::crypto::internal
