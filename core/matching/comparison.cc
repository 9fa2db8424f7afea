#include "core/matching/comparison.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_set>

#include "core/check.h"

namespace tandem::core::matching {
namespace {

struct AgreementSpelling {
  Agreement agreement;
  char letter;
  std::string_view name;
};

constexpr std::array<AgreementSpelling, 3> kSpellings = {{
    {Agreement::kMissing, 'M', "missing"},
    {Agreement::kAgree, 'A', "agree"},
    {Agreement::kDisagree, 'D', "disagree"},
}};

const AgreementSpelling& SpellingOf(Agreement agreement) {
  for (const auto& spelling : kSpellings) {
    if (spelling.agreement == agreement) return spelling;
  }
  TANDEM_CHECK(false);
}

constexpr std::uint32_t kTwoBits = 0b11;

bool IsPrintableAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

bool IsProbability(double value) { return std::isfinite(value) && value > 0.0 && value < 1.0; }

}  // namespace

std::string_view AgreementName(Agreement agreement) { return SpellingOf(agreement).name; }

Status ValidateKeyTypes(const std::vector<KeyType>& key_types) {
  if (key_types.empty()) {
    return Fail(Code::kInvalidArgument, "no key types: a model needs at least one");
  }
  if (key_types.size() > kMaxKeyTypes) {
    return Fail(Code::kInvalidArgument, std::to_string(key_types.size()) +
                                            " key types: a model compares at most " +
                                            std::to_string(kMaxKeyTypes));
  }
  std::unordered_set<std::string_view> seen;
  for (std::size_t k = 0; k < key_types.size(); ++k) {
    const KeyType& key = key_types[k];
    const std::string where = "key type " + std::to_string(k + 1);
    if (key.name.empty() || !IsPrintableAscii(key.name)) {
      return Fail(Code::kInvalidArgument,
                  where + ": the name must be non-empty printable ASCII without spaces");
    }
    if (!seen.insert(key.name).second) {
      return Fail(Code::kInvalidArgument, where + ": '" + key.name + "' is listed twice");
    }
    if (!IsProbability(key.seed_m) || !IsProbability(key.seed_u)) {
      return Fail(Code::kInvalidArgument,
                  where + " '" + key.name + "': seed m and u must be strictly between 0 and 1");
    }
  }
  return Ok();
}

ComparisonPattern ComparisonPattern::FromAgreements(const std::vector<Agreement>& agreements) {
  TANDEM_CHECK(agreements.size() <= kMaxKeyTypes);
  ComparisonPattern pattern;
  for (std::size_t k = 0; k < agreements.size(); ++k) pattern.Set(k, agreements[k]);
  return pattern;
}

Result<ComparisonPattern> ComparisonPattern::Parse(std::string_view letters) {
  if (letters.size() > kMaxKeyTypes) {
    return Fail(Code::kInvalidArgument, "pattern '" + std::string(letters) + "' has " +
                                            std::to_string(letters.size()) + " keys; at most " +
                                            std::to_string(kMaxKeyTypes));
  }
  ComparisonPattern pattern;
  for (std::size_t k = 0; k < letters.size(); ++k) {
    const auto* spelling = std::find_if(kSpellings.begin(), kSpellings.end(),
                                        [&](const auto& s) { return s.letter == letters[k]; });
    if (spelling == kSpellings.end()) {
      return Fail(Code::kInvalidArgument, "pattern '" + std::string(letters) + "', position " +
                                              std::to_string(k + 1) +
                                              ": expected A (agree), D (disagree) or M (missing)");
    }
    pattern.Set(k, spelling->agreement);
  }
  return pattern;
}

Agreement ComparisonPattern::Get(std::size_t key) const {
  TANDEM_CHECK(key < kMaxKeyTypes);
  return static_cast<Agreement>((code_ >> (2 * key)) & kTwoBits);
}

void ComparisonPattern::Set(std::size_t key, Agreement agreement) {
  TANDEM_CHECK(key < kMaxKeyTypes);
  const auto shift = static_cast<std::uint32_t>(2 * key);
  code_ = (code_ & ~(kTwoBits << shift)) | (static_cast<std::uint32_t>(agreement) << shift);
}

std::uint32_t ComparisonPattern::AgreeMask() const {
  std::uint32_t mask = 0;
  for (std::size_t k = 0; k < kMaxKeyTypes; ++k) {
    if (Get(k) == Agreement::kAgree) mask |= 1U << k;
  }
  return mask;
}

std::uint32_t ComparisonPattern::ObservedMask() const {
  std::uint32_t mask = 0;
  for (std::size_t k = 0; k < kMaxKeyTypes; ++k) {
    if (Get(k) != Agreement::kMissing) mask |= 1U << k;
  }
  return mask;
}

std::string ComparisonPattern::ToString(std::size_t key_count) const {
  TANDEM_CHECK(key_count <= kMaxKeyTypes);
  std::string letters;
  letters.reserve(key_count);
  for (std::size_t k = 0; k < key_count; ++k) letters.push_back(SpellingOf(Get(k)).letter);
  return letters;
}

PatternCounts::PatternCounts(std::size_t key_count) : key_count_(key_count) {
  TANDEM_CHECK(key_count >= 1 && key_count <= kMaxKeyTypes);
}

void PatternCounts::Add(const ComparisonPattern& pattern, double count) {
  TANDEM_CHECK(std::isfinite(count) && count >= 0.0);
  TANDEM_CHECK(key_count_ == kMaxKeyTypes || (pattern.code() >> (2 * key_count_)) == 0);
  if (count == 0.0) return;
  counts_[pattern.code()] += count;
  total_ += count;
}

void PatternCounts::Merge(const PatternCounts& other, double scale) {
  TANDEM_CHECK(other.key_count_ == key_count_);
  TANDEM_CHECK(std::isfinite(scale) && scale >= 0.0);
  for (const auto& [code, count] : other.counts_)
    Add(ComparisonPattern::FromCode(code), count * scale);
}

double PatternCounts::Count(const ComparisonPattern& pattern) const {
  const auto found = counts_.find(pattern.code());
  return found == counts_.end() ? 0.0 : found->second;
}

std::vector<std::pair<ComparisonPattern, double>> PatternCounts::Sorted() const {
  std::vector<std::pair<ComparisonPattern, double>> sorted;
  sorted.reserve(counts_.size());
  for (const auto& [code, count] : counts_) {
    sorted.emplace_back(ComparisonPattern::FromCode(code), count);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first.code() < b.first.code(); });
  return sorted;
}

}  // namespace tandem::core::matching
