// How two person records compare, key type by key type, and how many candidate pairs showed
// each comparison. A comparison never holds a key value or a token: only, per key type, whether
// the two records agreed, disagreed or could not be compared. Value types; thread-compatible
// (concurrent const use is safe, mutation needs external synchronisation).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"

namespace tandem::core::matching {

// The most key types one model compares; a pattern packs two bits per key into 32 bits.
inline constexpr std::size_t kMaxKeyTypes = 16;

// The outcome of comparing one key type of two records.
enum class Agreement : std::uint8_t {
  kMissing = 0,   // either record lacks this key: it adds nothing to the score
  kAgree = 1,     // both have it and share a token
  kDisagree = 2,  // both have it and share no token
};

// "missing", "agree", "disagree".
std::string_view AgreementName(Agreement agreement);

// One key type as the caller's match-key table describes it. The table itself lives with the
// code that derives keys; the model only knows names and starting values for EM.
struct KeyType {
  std::string name;      // stable and unique within a model, e.g. "nhs_number"
  double seed_m = 0.9;   // starting P(agree | same person), in (0, 1)
  double seed_u = 0.01;  // starting P(agree | different people), in (0, 1)
};

// kInvalidArgument unless there are 1..kMaxKeyTypes key types, each with a non-empty name of
// printable ASCII, names unique, and seeds strictly between 0 and 1. The message names the key.
Status ValidateKeyTypes(const std::vector<KeyType>& key_types);

// The comparison vector of one pair of records over up to kMaxKeyTypes key types, packed into
// an integer so that millions of pairs collapse into a few thousand distinct patterns.
// Key types not set are kMissing.
class ComparisonPattern {
 public:
  ComparisonPattern() = default;

  // Builds a pattern from one outcome per key type. Precondition: size <= kMaxKeyTypes.
  static ComparisonPattern FromAgreements(const std::vector<Agreement>& agreements);

  // Parses one letter per key type: 'A' agree, 'D' disagree, 'M' missing ("AADM").
  // kInvalidArgument for any other letter or more than kMaxKeyTypes letters.
  static Result<ComparisonPattern> Parse(std::string_view letters);

  // The packed form, stable across builds: bits 2k..2k+1 hold key k's Agreement value.
  static ComparisonPattern FromCode(std::uint32_t code) { return ComparisonPattern(code); }
  std::uint32_t code() const { return code_; }

  // Precondition: key < kMaxKeyTypes.
  Agreement Get(std::size_t key) const;
  void Set(std::size_t key, Agreement agreement);

  // Bit k set when key k agrees / was compared at all (agree or disagree).
  std::uint32_t AgreeMask() const;
  std::uint32_t ObservedMask() const;

  // One letter per key type for the first `key_count` keys, as Parse reads them.
  std::string ToString(std::size_t key_count) const;

  friend bool operator==(const ComparisonPattern&, const ComparisonPattern&) = default;

 private:
  explicit ComparisonPattern(std::uint32_t code) : code_(code) {}
  std::uint32_t code_ = 0;
};

// How many pairs showed each pattern. Counts are doubles so that a sample can stand for a
// larger population (a scaled count); they are exact for whole numbers up to 2^53.
class PatternCounts {
 public:
  // Precondition: 1 <= key_count <= kMaxKeyTypes.
  explicit PatternCounts(std::size_t key_count);

  std::size_t key_count() const { return key_count_; }

  // Adds `count` pairs with `pattern`. Preconditions: count is finite and >= 0; the pattern
  // has no outcome beyond key_count() (a pattern for another model is a bug in the caller).
  void Add(const ComparisonPattern& pattern, double count = 1.0);

  // Adds every count of `other` multiplied by `scale`. Preconditions: same key_count;
  // scale finite and >= 0.
  void Merge(const PatternCounts& other, double scale = 1.0);

  // The count for one pattern (0 when never seen).
  double Count(const ComparisonPattern& pattern) const;

  // The sum of all counts.
  double Total() const { return total_; }

  // Number of distinct patterns.
  std::size_t size() const { return counts_.size(); }
  bool empty() const { return counts_.empty(); }

  // Every (pattern, count) ordered by pattern code, so that sums over it are reproducible.
  std::vector<std::pair<ComparisonPattern, double>> Sorted() const;

 private:
  std::size_t key_count_;
  double total_ = 0.0;
  std::unordered_map<std::uint32_t, double> counts_;
};

}  // namespace tandem::core::matching
