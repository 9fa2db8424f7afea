// Match keys: the table of key types a normalised identity is turned into before matching,
// strongest first, each with its name, the function that derives its values and the seed m/u
// that start EM (core/matching/em.h). docs/matching.md gives the table and why each key is
// there.
//
// A key value is encoded as `key type name ‖ 0x00 ‖ part ‖ 0x1F ‖ part ...`: key type names
// are printable ASCII and normalised parts are ASCII letters, digits, spaces, '-' and '/', so
// neither separator can occur inside a name or a part and the encoding is unambiguous. These
// encoded values are the OPRF inputs; only the OPRF turns them into tokens.
//
// Raw key values identify people. They live only in MatchKeyValues, whose bytes are in secure
// memory (crypto::SecretBytes) and are wiped on Clear() and destruction; they are never
// logged, never written, and meant to be tokenised at once and then cleared.
//
// Thread-safety: the tables are immutable and the derive functions pure (thread-safe);
// MatchKeyValues is thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "agency-adapters/record.h"
#include "core/date.h"
#include "core/matching/comparison.h"
#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace tandem::adapters {

// What keys are derived from: a normalised identity and, when it carries an estimated age,
// the date on which the age was given (victim-advocacy: the referral date). Borrows the
// identity; it must outlive the source.
struct MatchKeySource {
  const Identity* identity = nullptr;
  std::optional<core::Date> age_estimated_on;
};

// The source for one record: its identity and, for a victim-advocacy case, its referral date.
// nullopt for a record without identity (police occurrences).
std::optional<MatchKeySource> MatchKeySourceOf(const Record& record);

// One part of a key value. Text parts borrow their bytes; numbers and dates are formatted
// into a small buffer that is wiped when the part goes away.
class KeyPart {
 public:
  static KeyPart Text(std::string_view text);
  // One lower-case letter; empty for 0.
  static KeyPart Letter(char letter);
  // A non-negative whole number in decimal.
  static KeyPart Number(int number);
  // YYYY-MM-DD.
  static KeyPart IsoDate(const core::Date& date);
  // The date with day and month in ascending order, YYYY-lo-hi: 1986-04-11 and 1986-11-04
  // give the same part, so a day/month transposition still agrees.
  static KeyPart DayMonthFreeDate(const core::Date& date);

  KeyPart(const KeyPart& other);
  KeyPart& operator=(const KeyPart&) = delete;
  ~KeyPart();

  std::string_view view() const;

 private:
  KeyPart() = default;
  std::string_view text_;
  char digits_[16] = {};
  std::size_t digits_size_ = 0;
  bool is_text_ = false;
};

// The encoded key values of one record, in secure memory. Each value knows the index of its
// key type in the table it was derived with. Values of one key type are distinct. Move-only.
class MatchKeyValues {
 public:
  MatchKeyValues() = default;
  MatchKeyValues(MatchKeyValues&&) noexcept = default;
  MatchKeyValues& operator=(MatchKeyValues&&) noexcept = default;
  MatchKeyValues(const MatchKeyValues&) = delete;
  MatchKeyValues& operator=(const MatchKeyValues&) = delete;

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // Index into the key table of value i. Precondition: i < size().
  std::size_t key_index(std::size_t i) const { return entries_[i].key; }
  // The encoded value i (key type name ‖ 0x00 ‖ parts). Valid until the next change.
  std::span<const std::uint8_t> input(std::size_t i) const;
  // Bit k set when the record has at least one value of key type k.
  std::uint32_t present_mask() const { return present_mask_; }

  // Wipes every byte written so far and forgets the values; the buffer is kept for reuse.
  void Clear();

  // Appends one value of key type `key` named `key_name`, unless a part is empty or holds a
  // byte outside printable ASCII (it would not be a normalised value), or the same value of
  // that key is already present. kInternal when secure memory cannot be had.
  Status Add(std::size_t key, std::string_view key_name, std::initializer_list<KeyPart> parts);

 private:
  struct Entry {
    std::uint16_t key = 0;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };
  Status Reserve(std::size_t extra);

  crypto::SecretBytes buffer_;
  std::size_t used_ = 0;
  std::vector<Entry> entries_;
  std::uint32_t present_mask_ = 0;
};

// Where a deriver writes: MatchKeyValues bound to one key type. Errors from secure memory are
// kept and reported once by DeriveMatchKeys.
class KeyValueSink {
 public:
  KeyValueSink(MatchKeyValues& values, std::size_t key, std::string_view key_name)
      : values_(values), key_(key), key_name_(key_name) {}
  // Adds one value made of `parts`; nothing when any part is empty.
  void Add(std::initializer_list<KeyPart> parts);
  const Status& status() const { return status_; }

 private:
  MatchKeyValues& values_;
  std::size_t key_;
  std::string_view key_name_;
  Status status_;
};

using DeriveKeyValues = void (*)(const MatchKeySource& source, KeyValueSink& sink);

// One row of a key table.
struct MatchKeySpec {
  std::string_view name;  // stable: part of every token's input and of every explanation
  double seed_m;          // starting P(agree | same person) for EM
  double seed_u;          // starting P(agree | different people) for EM
  DeriveKeyValues derive;
  std::string_view basis;  // why the key is there, in a sentence (docs and --help)
};

// The scoring keys, strongest first: pnc_id, nhs_number, ni_number, name_dob, phonetic_dob,
// swapped_name_dob, name_dm_free_dob, name_yob_district, forename_dob_district,
// initials_dob_sex_district, initials_dob, name_birth_period. Aliases and the forename as
// given (before nickname resolution) give extra values of the name keys.
std::span<const MatchKeySpec> MatchKeyTable();

// The keys of the plain exact-match baseline: pnc_id, nhs_number, ni_number and
// exact_name_dob (forename as given, surname, date of birth; no aliases, no nicknames).
std::span<const MatchKeySpec> ExactBaselineKeyTable();

// The table's names and seeds, in order, for core::matching.
std::vector<core::matching::KeyType> KeyTypesOf(std::span<const MatchKeySpec> table);

// Clears `out` and derives every key of `table` from `source` into it. kInvalidArgument when
// the source has no identity or the table has more than core::matching::kMaxKeyTypes keys;
// kInternal when secure memory cannot be had.
Status DeriveMatchKeys(std::span<const MatchKeySpec> table, const MatchKeySource& source,
                       MatchKeyValues& out);

}  // namespace tandem::adapters
