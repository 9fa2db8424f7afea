// Aggregate tables for publication: small-cell suppression, rounding, and secondary
// suppression so that no suppressed cell can be worked out from the published values.
//
// The table is published with its margins: (rows + 1) x (cols + 1) cells, the last row holding
// the column totals, the last column the row totals, the corner the grand total. Margins are
// computed from the true counts and rounded on their own (so a published table need not add
// up, as with ONS tables).
//  1. Primary suppression: every cell, margins included, whose count is under the threshold
//     (default 10, the ONS rule), zeros excepted unless suppress_zeros.
//  2. Secondary suppression. Each line of the bordered table is an equation (the cells of a row
//     add up to its total; likewise columns). A suppressed cell is determined by those
//     equations exactly when it is a bridge of the bipartite graph whose vertices are the
//     rows and columns of the bordered table and whose edges are the suppressed cells (the
//     perturbations that keep every equation are the alternating cycles of that graph, so an
//     edge on no cycle cannot move). The rule "two suppressed cells in every line" is necessary
//     but not sufficient (two cycles joined by one cell). The heuristic: while a bridge (r, c)
//     exists, add the cheapest set of cells that closes a cycle through it: a shortest path
//     from row r to column c avoiding (r, c), where suppressed cells cost nothing, an interior
//     cell costs its count, and a zero cell or a margin costs the grand total more (so totals
//     and zeros are taken only when nothing else closes the cycle). Adding cells never turns a
//     non-bridge into a bridge, so each round removes at least one bridge and the loop ends.
//     Not minimal in general (the optimal problem is NP-hard), but proven safe by the checker.
//  3. Rounding: published cells are rounded to the nearest multiple of the base (default 5),
//     halves upward.
// The checker assumes an attacker who knows the exact (unrounded) published values and uses
// the table equations; a suppressed cell with a true count of 0 could still be bounded by
// non-negativity, which is why zeros are avoided as secondary cells.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace tandem::core::eval {

struct CountTable {
  std::vector<std::string> row_labels;
  std::vector<std::string> column_labels;
  std::vector<std::vector<std::int64_t>> counts;  // rows x columns, non-negative
};

struct SmallCellRule {
  std::int64_t threshold = 10;     // counts 1..threshold-1 are suppressed; 0 = no suppression
  std::int64_t rounding_base = 5;  // 1 = no rounding
  bool suppress_zeros = false;
  bool secondary_suppression = true;  // false only to show what primary suppression leaks
};

enum class CellStatus { kPublished, kPrimarySuppressed, kSecondarySuppressed };

struct PublishedCell {
  CellStatus status = CellStatus::kPublished;
  std::int64_t value = 0;  // rounded count when published, 0 when suppressed
  bool Suppressed() const { return status != CellStatus::kPublished; }
};

struct PublishedTable {
  std::vector<std::string> row_labels;            // rows, then "Total"
  std::vector<std::string> column_labels;         // columns, then "Total"
  std::vector<std::vector<PublishedCell>> cells;  // (rows + 1) x (columns + 1)
  std::size_t primary_suppressed = 0;
  std::size_t secondary_suppressed = 0;
};

// Success: the published table. kInvalidArgument when the table has no row or no column, a row
// has the wrong number of counts, a count is negative, the threshold is negative or the base
// is below 1, or the totals overflow.
Result<PublishedTable> PublishCountTable(const CountTable& table, const SmallCellRule& rule = {});

struct CellPosition {
  std::size_t row = 0;
  std::size_t column = 0;
  friend bool operator==(const CellPosition&, const CellPosition&) = default;
};

// The suppressed cells of a bordered table ((rows + 1) x (columns + 1), margins last) that the
// row and column equations determine, in row-major order. Precondition: a rectangular pattern.
std::vector<CellPosition> DeterminedSuppressedCells(
    const std::vector<std::vector<bool>>& suppressed);

// Ok when no suppressed cell of `table` is determined by its published values;
// kInvalidArgument naming the first determined cell by its row and column labels otherwise.
Status CheckNoSuppressedCellDetermined(const PublishedTable& table);

}  // namespace tandem::core::eval
