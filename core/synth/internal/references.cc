#include "core/synth/internal/references.h"

#include <string_view>
#include <vector>

#include "core/check.h"
#include "core/identifiers.h"
#include "core/synth/internal/rng.h"

namespace tandem::core::synth::internal {
namespace {

struct Format {
  std::string_view prefix;
  int width;
  std::uint64_t domain;
};

constexpr std::array<Format, kRefKindCount> kFormats = {{
    {"N", 7, 10'000'000},
    {"OC", 8, 100'000'000},
    {"", 6, 26'000'000},  // CRN: the letter comes from the value
    {"RX", 8, 100'000'000},
    {"T", 7, 10'000'000},
    {"C", 7, 10'000'000},
    {"IDVA-", 8, 100'000'000},
    {"V", 8, 100'000'000},
}};

constexpr std::uint64_t kPncSerials = 9'999'999;     // serials 1..9,999,999
constexpr std::uint64_t kNhsPrefixes = 300'000'000;  // 400-499 and 600-799 million
constexpr std::uint64_t kNiNumbers = 1'000'000;      // per prefix

void AppendDigits(std::string& out, std::uint64_t value, int width) {
  std::string digits(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && value > 0; --i) {
    digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits);
}

std::uint64_t Key(std::uint64_t seed, std::uint64_t tag) {
  std::uint64_t state = seed ^ (tag * 0xa0761d6478bd642fULL);
  return SplitMix64(state);
}

// Two-letter NI prefixes HMRC issues: no D, F, I, Q, U, V anywhere, no O second, and none of
// BG, GB, KN, NK, NT, TN, ZZ.
const std::vector<std::string>& NiPrefixes() {
  static const std::vector<std::string> prefixes = [] {
    std::vector<std::string> out;
    const std::string_view first = "ABCEGHJKLMNOPRSTWXYZ";
    const std::string_view second = "ABCEGHJKLMNPRSTWXYZ";
    const std::array<std::string_view, 7> excluded = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};
    for (char a : first) {
      for (char b : second) {
        const std::string prefix{a, b};
        bool ok = true;
        for (std::string_view x : excluded) ok = ok && prefix != x;
        if (ok) out.push_back(prefix);
      }
    }
    return out;
  }();
  return prefixes;
}

}  // namespace

std::uint64_t References::Sequence::Draw() {
  TANDEM_CHECK(next < permutation.domain());
  return permutation.Map(next++);
}

References::References(std::uint64_t seed)
    : sequences_{{
          {IdPermutation(kFormats[0].domain, Key(seed, 1))},
          {IdPermutation(kFormats[1].domain, Key(seed, 2))},
          {IdPermutation(kFormats[2].domain, Key(seed, 3))},
          {IdPermutation(kFormats[3].domain, Key(seed, 4))},
          {IdPermutation(kFormats[4].domain, Key(seed, 5))},
          {IdPermutation(kFormats[5].domain, Key(seed, 6))},
          {IdPermutation(kFormats[6].domain, Key(seed, 7))},
          {IdPermutation(kFormats[7].domain, Key(seed, 8))},
      }},
      pnc_{IdPermutation(kPncSerials, Key(seed, 9))},
      nhs_{IdPermutation(kNhsPrefixes, Key(seed, 10))},
      ni_{IdPermutation(kNiNumbers * NiPrefixes().size(), Key(seed, 11))} {}

std::string References::Next(RefKind kind) {
  const auto k = static_cast<std::size_t>(kind);
  const std::uint64_t value = sequences_[k].Draw();
  std::string out;
  if (kind == RefKind::kCrn) {
    out.push_back(static_cast<char>('A' + value / 1'000'000));
    AppendDigits(out, value % 1'000'000, 6);
    return out;
  }
  out.append(kFormats[k].prefix);
  AppendDigits(out, value, kFormats[k].width);
  return out;
}

std::uint64_t References::NextVictim() {
  return sequences_[static_cast<std::size_t>(RefKind::kVictim)].Draw();
}

std::string VictimRef(std::uint64_t number) {
  std::string out = "V";
  AppendDigits(out, number, 8);
  return out;
}

std::string References::NextPnc(int year) {
  std::string yy;
  AppendDigits(yy, static_cast<std::uint64_t>(year % 100), 2);
  const std::string serial = std::to_string(pnc_.Draw() + 1);
  const auto check = PncCheckLetter(yy, serial);
  TANDEM_CHECK(check.has_value());
  return yy + "/" + serial + *check;
}

std::string References::NextNhsNumber() {
  for (;;) {
    const std::uint64_t v = nhs_.Draw();
    const std::uint64_t prefix = v < 100'000'000 ? 400'000'000 + v : 500'000'000 + v;
    std::string digits = std::to_string(prefix);
    if (const auto check = NhsCheckDigit(digits)) {
      digits.push_back(*check);
      return digits;
    }
    // Remainder 10: no such number is ever issued; take the next one.
  }
}

std::string References::NextNiNumber(int suffix) {
  const std::uint64_t v = ni_.Draw();
  std::string out = NiPrefixes()[v / kNiNumbers];
  AppendDigits(out, v % kNiNumbers, 6);
  out.push_back(static_cast<char>('A' + suffix % 4));
  return out;
}

}  // namespace tandem::core::synth::internal
