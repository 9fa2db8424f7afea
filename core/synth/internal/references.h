// Unique, scattered record references and personal numbers for one generation run: nominal
// ids, occurrence ids, CRNs, patient numbers, tenancy, client and case references, victim
// references, PNC IDs, NHS and NI numbers. Each kind draws from its own keyed permutation, so
// references never collide and never reveal which records belong to one person.
// Not thread-safe (one per run).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/synth/internal/id_permutation.h"

namespace tandem::core::synth::internal {

enum class RefKind : std::uint8_t {
  kNominal,     // N + 7 digits
  kOccurrence,  // OC + 8 digits
  kCrn,         // letter + 6 digits
  kPatient,     // RX + 8 digits
  kTenancy,     // T + 7 digits
  kClient,      // C + 7 digits
  kIdvaCase,    // IDVA- + 8 digits
  kVictim,      // V + 8 digits
};
inline constexpr std::size_t kRefKindCount = 8;

class References {
 public:
  explicit References(std::uint64_t seed);

  // The next reference of `kind`, formatted. Aborts (broken invariant) if a kind's space is
  // exhausted, which the population cap rules out.
  std::string Next(RefKind kind);
  // The next victim reference as a number (written "V" + 8 digits).
  std::uint64_t NextVictim();

  // "YY/NNNNNNNL" for a person first recorded in `year`, with its check letter.
  std::string NextPnc(int year);
  // Ten digits with a valid modulus-11 check digit (4xx, 6xx, 7xx ranges).
  std::string NextNhsNumber();
  // "AB123456C": a valid prefix (HMRC's excluded letters and pairs avoided), six digits and
  // a suffix A-D chosen by the caller's `suffix` (0-3).
  std::string NextNiNumber(int suffix);

 private:
  struct Sequence {
    IdPermutation permutation;
    std::uint64_t next = 0;
    std::uint64_t Draw();
  };
  std::array<Sequence, kRefKindCount> sequences_;
  Sequence pnc_;
  Sequence nhs_;
  Sequence ni_;
};

// "V" + 8 digits.
std::string VictimRef(std::uint64_t number);

}  // namespace tandem::core::synth::internal
