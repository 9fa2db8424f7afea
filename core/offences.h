// The offence table: each offence code with its Cambridge Crime Harm Index weight and whether it
// counts as high harm. Every score that weighs harm (triage, ranking, the case pack's harm
// history, evaluation) reads one table, passed to it explicitly.
//
// OffenceTable::Approximate() is the table of docs/domain.md: APPROXIMATE weights, good enough
// for synthetic data and tests. A partnership loads the published table, keyed by the codes its
// police export carries, from a file (adapters::ReadOffenceTable, docs/panel.md).
// OffenceTable is a value type: immutable after Create, so thread-safe to share.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tandem::core {

struct Offence {
  std::string code;  // "COMMON_ASSAULT", as police_occurrences.csv carries it
  // CCHI weight: days of imprisonment at the sentencing-guideline starting point for a first
  // offender.
  int cchi_days = 0;
  bool high_harm = false;  // high harm whatever the context
  // High harm only when the occurrence is flagged domestic abuse (COMMON_ASSAULT).
  bool high_harm_when_domestic = false;
};

inline constexpr int kMaxCchiDays = 36500;  // a hundred years
inline constexpr std::size_t kMaxOffenceCodeBytes = 32;
inline constexpr std::size_t kMaxOffences = 20000;

// Ok, or kInvalidArgument saying what is wrong with one entry (without naming its position): a
// code that is empty, longer than kMaxOffenceCodeBytes or holds anything but A-Z, 0-9, '_',
// '/', '.', '-'; CCHI days below 0 or above kMaxCchiDays; both high harm and high harm only when
// domestic.
Status CheckOffence(const Offence& offence);

class OffenceTable {
 public:
  // The approximate table of docs/domain.md, built once.
  static const OffenceTable& Approximate();

  // A table of `offences`. Errors (kInvalidArgument, naming the entry by position): no entries
  // or more than kMaxOffences, an entry CheckOffence refuses, a code given twice.
  static Result<OffenceTable> Create(std::vector<Offence> offences);

  // Every entry, in the order given.
  std::span<const Offence> offences() const { return offences_; }

  // The entry for `code` (exact, as in the exports); nullptr for any other string.
  const Offence* Find(std::string_view code) const;

 private:
  explicit OffenceTable(std::vector<Offence> offences);

  std::vector<Offence> offences_;
  std::vector<std::size_t> by_code_;  // indices into offences_, sorted by code
};

// Whether one occurrence of `offence` is high harm, given its domestic abuse flag.
bool IsHighHarm(const Offence& offence, bool domestic_abuse);

}  // namespace tandem::core
