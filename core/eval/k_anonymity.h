// k-anonymity for individual-level outcome sets: quasi-identifiers are generalised along
// hierarchies given as data (age -> 5-year band -> 10-year band; postcode district -> area;
// date -> month -> quarter -> year), then the records that still sit in an equivalence class
// smaller than k are suppressed (removed), and the counts go into the export's manifest.
//
// Generalisation is full-domain: one level per quasi-identifier for the whole table. Every
// combination of levels (the lattice) is tried; the chosen one is the least generalised (the
// smallest sum of levels) whose suppression stays within max_suppressed_share; ties go to
// fewer suppressed records, then to the first in lattice order (the first quasi-identifier's
// level varying fastest). When no combination stays within the limit, the one that suppresses
// the fewest records is used (ties to the least generalised).
// Level i of a hierarchy is a function of the ORIGINAL value (level 0 is the value itself),
// and every level must be coarser than the one before on the data given: two records that
// agree at level i must agree at level i + 1 (checked).
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace tandem::core::eval {

// A table of strings: the outcome set before export. Columns are named; rows hold one value
// per column.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

// How one level turns an original value into a generalised one.
enum class StepKind {
  kIntegerBand,     // integer value -> "lo-hi" band of `width` (e.g. 35 -> "35-39")
  kDateMonth,       // "YYYY-MM-DD" -> "YYYY-MM"
  kDateQuarter,     // "YYYY-MM-DD" -> "YYYY-Qn"
  kDateYear,        // "YYYY-MM-DD" -> "YYYY"
  kLeadingLetters,  // "BH14" -> "BH" (postcode district -> postcode area)
  kLookup,          // an explicit table; a value missing from it is an error
  kSuppress,        // any value -> "*"
};

struct GeneralisationStep {
  StepKind kind = StepKind::kSuppress;
  int width = 5;                              // kIntegerBand only
  std::map<std::string, std::string> lookup;  // kLookup only
};

struct QuasiIdentifier {
  std::string column;
  std::vector<GeneralisationStep> levels;  // level 1, 2, ... (level 0 = the value itself)
};

struct KAnonymityOptions {
  std::size_t k = 5;
  double max_suppressed_share = 0.05;
  std::size_t max_lattice_nodes = 100000;  // refuses hierarchies that would take too long
};

struct KAnonymityResult {
  Table table;              // generalised, failing records removed, row order kept
  std::vector<int> levels;  // chosen level per quasi-identifier, in the order given
  std::size_t records_in = 0;
  std::size_t records_suppressed = 0;
  std::size_t equivalence_classes = 0;  // in the published table
  std::size_t smallest_class = 0;       // 0 when the published table is empty
  // Prosecutor re-identification risk: the largest 1/class size (= 1/smallest_class), and the
  // average over records (= classes / records). 0 when the published table is empty.
  double max_risk = 0.0;
  double average_risk = 0.0;
};

// Success: a table in which every equivalence class over the quasi-identifiers has at least k
// records. kInvalidArgument when k is 0, a quasi-identifier column is missing or repeated, a
// row has the wrong number of fields, a value cannot be generalised (not an integer, not a
// date, missing from a lookup; the message names the column and row), a hierarchy is not
// coarser level by level, or the lattice is larger than max_lattice_nodes.
Result<KAnonymityResult> MakeKAnonymous(const Table& table,
                                        std::span<const QuasiIdentifier> quasi_identifiers,
                                        const KAnonymityOptions& options = {});

// The smallest equivalence class over `columns` (0 for an empty table). kInvalidArgument when a
// column is missing or a row has the wrong number of fields.
Result<std::size_t> SmallestEquivalenceClass(const Table& table,
                                             std::span<const std::string> columns);

// Ok when every equivalence class over `columns` has at least k records; kInvalidArgument
// naming the size of the smallest class otherwise (never its values).
Status CheckKAnonymous(const Table& table, std::span<const std::string> columns, std::size_t k);

}  // namespace tandem::core::eval
