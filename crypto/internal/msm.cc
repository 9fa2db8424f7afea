#include "crypto/internal/msm.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "core/check.h"
#include "crypto/internal/ristretto_codec.h"

namespace tandem::crypto::internal {
namespace {

// Width-5 NAF: digits odd in [-15, 15] or zero, at most one non-zero digit in any 5 in a row.
// A 256-bit scalar needs up to 257 digits.
constexpr int kWindow = 5;
constexpr std::size_t kTableSize = std::size_t{1} << (kWindow - 2);  // P, 3P, ..., 15P
constexpr std::size_t kMaxDigits = 258;
using Naf = std::array<std::int8_t, kMaxDigits>;
using Table = std::array<EdCached, kTableSize>;

// Fills `naf` with the scalar's width-5 NAF and returns one past its highest non-zero digit
// (0 for a zero scalar).
std::size_t ComputeNaf(const Scalar& scalar, Naf& naf) {
  std::array<std::uint64_t, 5> k{};  // one spare word: adding a digit's magnitude can carry out
  for (std::size_t i = 0; i < scalar.size(); ++i) {
    k[i / 8] |= static_cast<std::uint64_t>(scalar[i]) << (8 * (i % 8));
  }
  naf.fill(0);
  std::size_t top = 0;
  for (std::size_t pos = 0; pos < kMaxDigits; ++pos) {
    if ((k[0] | k[1] | k[2] | k[3] | k[4]) == 0) break;
    if ((k[0] & 1) != 0) {
      constexpr int kModulus = 1 << kWindow;
      int digit = static_cast<int>(k[0] & (kModulus - 1));
      if (digit >= kModulus / 2) digit -= kModulus;
      naf[pos] = static_cast<std::int8_t>(digit);
      top = pos + 1;
      // k -= digit leaves the low kWindow bits zero.
      if (digit > 0) {
        k[0] -= static_cast<std::uint64_t>(digit);  // the low bits are exactly digit: no borrow
      } else {
        const auto magnitude = static_cast<std::uint64_t>(-digit);
        k[0] += magnitude;
        if (k[0] < magnitude) {  // carried out of the low word
          for (std::size_t w = 1; w < k.size(); ++w) {
            if (++k[w] != 0) break;
          }
        }
      }
    }
    for (std::size_t w = 0; w + 1 < k.size(); ++w) k[w] = (k[w] >> 1) | (k[w + 1] << 63);
    k[4] >>= 1;
  }
  return top;
}

// P, 3P, 5P, ..., 15P.
void FillTable(const EdPoint& p, Table& table) {
  const EdCached twice = EdToCached(EdDouble(p));
  EdPoint odd = p;
  table[0] = EdToCached(odd);
  for (std::size_t i = 1; i < kTableSize; ++i) {
    odd = EdAdd(odd, twice);
    table[i] = EdToCached(odd);
  }
}

}  // namespace

std::optional<EdPoint> DecodeElement(const Element& element) { return RistrettoDecode(element); }

EdPoint DecodeValidElement(const Element& element) {
  const std::optional<EdPoint> point = RistrettoDecode(element);
  TANDEM_CHECK(point.has_value());
  return *point;
}

Element EncodeElement(const EdPoint& point) { return RistrettoEncode(point); }

const EdPoint& GeneratorPoint() {
  static const EdPoint kGenerator = DecodeValidElement(Generator());
  return kGenerator;
}

EdPoint MultiScalarMultPoints(std::span<const Scalar> scalars, std::span<const EdPoint> points) {
  TANDEM_CHECK(scalars.size() == points.size());
  RecordMultiScalarMult(scalars.size());
  const std::size_t n = scalars.size();
  std::vector<Naf> nafs(n);
  std::vector<Table> tables(n);
  std::vector<std::size_t> active;  // the terms whose scalar is not zero
  active.reserve(n);
  std::size_t top = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t digits = ComputeNaf(scalars[i], nafs[i]);
    if (digits == 0) continue;
    top = std::max(top, digits);
    FillTable(points[i], tables[i]);
    active.push_back(i);
  }
  // acc's t coordinate is computed only where an addition or the caller reads it: a doubling
  // or addition followed by a doubling skips it.
  EdPoint acc = kEdIdentity;
  std::vector<std::size_t> here;  // the terms with a non-zero digit at pos
  here.reserve(active.size());
  for (std::size_t pos = top; pos-- > 0;) {
    here.clear();
    for (const std::size_t i : active) {
      if (nafs[i][pos] != 0) here.push_back(i);
    }
    if (pos + 1 != top) acc = EdDouble(acc, pos == 0 || !here.empty());
    for (std::size_t k = 0; k < here.size(); ++k) {
      const bool with_t = pos == 0 || k + 1 < here.size();
      const std::int8_t digit = nafs[here[k]][pos];
      const Table& table = tables[here[k]];
      acc = digit > 0 ? EdAdd(acc, table[static_cast<std::size_t>(digit / 2)], with_t)
                      : EdSub(acc, table[static_cast<std::size_t>(-digit / 2)], with_t);
    }
  }
  return acc;
}

Element MultiScalarMult(std::span<const Scalar> scalars, std::span<const Element> points) {
  TANDEM_CHECK(scalars.size() == points.size());
  std::vector<EdPoint> decoded;
  decoded.reserve(points.size());
  for (const Element& e : points) decoded.push_back(DecodeValidElement(e));
  return RistrettoEncode(MultiScalarMultPoints(scalars, decoded));
}

}  // namespace tandem::crypto::internal
