#include "core/eval/k_anonymity.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "core/date.h"

namespace tandem::core::eval {
namespace {

Result<std::vector<std::size_t>> ColumnIndexes(const Table& table,
                                               std::span<const std::string> columns) {
  std::vector<std::size_t> out;
  for (const std::string& name : columns) {
    const auto it = std::find(table.columns.begin(), table.columns.end(), name);
    if (it == table.columns.end()) {
      return Fail(Code::kInvalidArgument, "quasi-identifier column '" + name +
                                              "' is not in the "
                                              "table");
    }
    const auto index = static_cast<std::size_t>(it - table.columns.begin());
    if (std::find(out.begin(), out.end(), index) != out.end()) {
      return Fail(Code::kInvalidArgument, "quasi-identifier column '" + name + "' is repeated");
    }
    out.push_back(index);
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (table.rows[r].size() != table.columns.size()) {
      return Fail(Code::kInvalidArgument, "row " + std::to_string(r + 1) + " has " +
                                              std::to_string(table.rows[r].size()) +
                                              " fields, the table has " +
                                              std::to_string(table.columns.size()) + " columns");
    }
  }
  return out;
}

// The key of a row's equivalence class: the values joined with a separator that cannot occur
// ambiguously (each value is length-prefixed).
std::string ClassKey(const std::vector<const std::string*>& values) {
  std::string key;
  for (const std::string* v : values) {
    key += std::to_string(v->size());
    key += ':';
    key += *v;
  }
  return key;
}

std::string Pad2(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

Result<std::string> Apply(const GeneralisationStep& step, const std::string& value) {
  switch (step.kind) {
    case StepKind::kIntegerBand: {
      long long v = 0;
      const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec != std::errc() || ptr != value.data() + value.size()) {
        return Fail(Code::kInvalidArgument, "not an integer");
      }
      const long long w = step.width;
      const long long lo = (v >= 0 ? v / w : -((-v + w - 1) / w)) * w;
      return std::to_string(lo) + "-" + std::to_string(lo + w - 1);
    }
    case StepKind::kDateMonth:
    case StepKind::kDateQuarter:
    case StepKind::kDateYear: {
      auto date = Date::FromIso(value);
      if (!date) return tl::unexpected(date.error());
      const std::string year = std::to_string(date->year());
      if (step.kind == StepKind::kDateYear) return year;
      if (step.kind == StepKind::kDateMonth) return year + "-" + Pad2(date->month());
      return year + "-Q" + std::to_string((date->month() + 2) / 3);
    }
    case StepKind::kLeadingLetters: {
      std::size_t n = 0;
      while (n < value.size() &&
             ((value[n] >= 'A' && value[n] <= 'Z') || (value[n] >= 'a' && value[n] <= 'z'))) {
        ++n;
      }
      if (n == 0) return Fail(Code::kInvalidArgument, "does not start with letters");
      return value.substr(0, n);
    }
    case StepKind::kLookup: {
      const auto it = step.lookup.find(value);
      if (it == step.lookup.end()) return Fail(Code::kInvalidArgument, "not in the lookup table");
      return it->second;
    }
    case StepKind::kSuppress:
      return std::string("*");
  }
  return Fail(Code::kInternal, "unknown generalisation step");
}

// generalised[q][level][row]: every value of every level, computed once.
using LevelValues = std::vector<std::vector<std::vector<std::string>>>;

Result<LevelValues> GeneraliseAll(const Table& table, std::span<const QuasiIdentifier> qis,
                                  const std::vector<std::size_t>& columns) {
  LevelValues out(qis.size());
  for (std::size_t q = 0; q < qis.size(); ++q) {
    for (const GeneralisationStep& step : qis[q].levels) {
      if (step.kind == StepKind::kIntegerBand && step.width <= 0) {
        return Fail(Code::kInvalidArgument,
                    "column '" + qis[q].column + "': an integer band needs a positive width");
      }
    }
    out[q].resize(qis[q].levels.size() + 1);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const std::string& original = table.rows[r][columns[q]];
      out[q][0].push_back(original);
      for (std::size_t l = 0; l < qis[q].levels.size(); ++l) {
        auto value = Apply(qis[q].levels[l], original);
        if (!value) {
          return Fail(Code::kInvalidArgument,
                      "row " + std::to_string(r + 1) + ", column '" + qis[q].column + "', level " +
                          std::to_string(l + 1) + ": " + value.error().message);
        }
        out[q][l + 1].push_back(std::move(*value));
      }
    }
    // Each level must be a function of the one below it on this data.
    for (std::size_t l = 0; l + 1 < out[q].size(); ++l) {
      std::unordered_map<std::string, const std::string*> up;
      for (std::size_t r = 0; r < table.rows.size(); ++r) {
        auto [it, inserted] = up.emplace(out[q][l][r], &out[q][l + 1][r]);
        if (!inserted && *it->second != out[q][l + 1][r]) {
          return Fail(Code::kInvalidArgument,
                      "column '" + qis[q].column + "': level " + std::to_string(l + 1) +
                          " is not coarser than level " + std::to_string(l) + " (row " +
                          std::to_string(r + 1) + ")");
        }
      }
    }
  }
  return out;
}

// Every level's values as dense integer codes (code[r] = the index of row r's value among the
// level's distinct values), so that the lattice walk compares integers, not strings.
struct LevelCodes {
  std::vector<std::uint32_t> code;
  std::uint64_t count = 0;  // distinct values
};
using Codes = std::vector<std::vector<LevelCodes>>;  // [q][level]

Codes Encode(const LevelValues& values) {
  Codes out(values.size());
  for (std::size_t q = 0; q < values.size(); ++q) {
    for (const std::vector<std::string>& level : values[q]) {
      LevelCodes codes;
      codes.code.reserve(level.size());
      std::unordered_map<std::string_view, std::uint32_t> ids;
      for (const std::string& value : level) {
        const auto [it, inserted] = ids.emplace(value, static_cast<std::uint32_t>(ids.size()));
        codes.code.push_back(it->second);
      }
      codes.count = ids.size();
      out[q].push_back(std::move(codes));
    }
  }
  return out;
}

// Class sizes for one level vector; row_class[r] = class id of row r. Rows are refined one
// quasi-identifier at a time: (class so far, this column's code) -> next dense class id, which
// stays below the number of rows, so the pair fits one 64-bit key.
struct Classes {
  std::vector<std::size_t> row_class;
  std::vector<std::size_t> sizes;
};

Classes ClassesFor(const Codes& codes, const std::vector<int>& levels, std::size_t rows) {
  Classes out;
  out.row_class.assign(rows, 0);
  if (rows == 0) return out;
  std::size_t classes = 1;
  std::vector<std::size_t> next(rows);
  std::unordered_map<std::uint64_t, std::size_t> ids;
  ids.reserve(rows);
  for (std::size_t q = 0; q < levels.size(); ++q) {
    const LevelCodes& column = codes[q][static_cast<std::size_t>(levels[q])];
    ids.clear();
    for (std::size_t r = 0; r < rows; ++r) {
      const std::uint64_t key = out.row_class[r] * column.count + column.code[r];
      next[r] = ids.emplace(key, ids.size()).first->second;
    }
    out.row_class.swap(next);
    classes = ids.size();
  }
  out.sizes.assign(classes, 0);
  for (std::size_t r = 0; r < rows; ++r) ++out.sizes[out.row_class[r]];
  return out;
}

std::size_t Suppressed(const Classes& classes, std::size_t k) {
  std::size_t n = 0;
  for (std::size_t size : classes.sizes) n += size < k ? size : 0;
  return n;
}

}  // namespace

Result<KAnonymityResult> MakeKAnonymous(const Table& table,
                                        std::span<const QuasiIdentifier> quasi_identifiers,
                                        const KAnonymityOptions& options) {
  if (options.k == 0) return Fail(Code::kInvalidArgument, "k-anonymity needs k of at least 1");
  std::vector<std::string> names;
  for (const QuasiIdentifier& qi : quasi_identifiers) names.push_back(qi.column);
  auto columns = ColumnIndexes(table, names);
  if (!columns) return tl::unexpected(columns.error());
  std::size_t lattice = 1;
  for (const QuasiIdentifier& qi : quasi_identifiers) {
    lattice *= qi.levels.size() + 1;
    if (lattice > options.max_lattice_nodes) {
      return Fail(Code::kInvalidArgument, "the generalisation hierarchies give more than " +
                                              std::to_string(options.max_lattice_nodes) +
                                              " level combinations");
    }
  }
  auto values = GeneraliseAll(table, quasi_identifiers, *columns);
  if (!values) return tl::unexpected(values.error());
  const Codes codes = Encode(*values);
  // The highest level the walk visits per quasi-identifier. A column with one value in every
  // row splits no class at any level, so any node that generalises it is beaten by the same
  // node at its level 0 (same classes, lower height): it stays at level 0.
  std::vector<std::size_t> top(quasi_identifiers.size());
  for (std::size_t q = 0; q < top.size(); ++q) {
    top[q] = codes[q][0].count <= 1 ? 0 : quasi_identifiers[q].levels.size();
  }
  const std::size_t rows = table.rows.size();
  const auto allowed = static_cast<std::size_t>(
      std::floor(options.max_suppressed_share * static_cast<double>(rows)));

  // Walk the lattice in odometer order; keep the best node by (within limit, height,
  // suppressed, levels).
  std::vector<int> levels(quasi_identifiers.size(), 0);
  std::vector<int> best;
  std::size_t best_suppressed = std::numeric_limits<std::size_t>::max();
  int best_height = std::numeric_limits<int>::max();
  bool best_within = false;
  while (true) {
    const Classes classes = ClassesFor(codes, levels, rows);
    const std::size_t suppressed = Suppressed(classes, options.k);
    int height = 0;
    for (int l : levels) height += l;
    const bool within = suppressed <= allowed;
    bool better = false;
    if (best.empty()) {
      better = true;
    } else if (within != best_within) {
      better = within;
    } else if (within) {
      better = height < best_height || (height == best_height && suppressed < best_suppressed);
    } else {
      better =
          suppressed < best_suppressed || (suppressed == best_suppressed && height < best_height);
    }
    if (better) {
      best = levels;
      best_suppressed = suppressed;
      best_height = height;
      best_within = within;
    }
    std::size_t q = 0;
    while (q < levels.size()) {
      if (static_cast<std::size_t>(++levels[q]) <= top[q]) break;
      levels[q] = 0;
      ++q;
    }
    if (q == levels.size()) break;
  }

  KAnonymityResult out;
  out.levels = best;
  out.records_in = rows;
  out.table.columns = table.columns;
  const Classes classes = ClassesFor(codes, best, rows);
  for (std::size_t r = 0; r < rows; ++r) {
    if (classes.sizes[classes.row_class[r]] < options.k) {
      ++out.records_suppressed;
      continue;
    }
    std::vector<std::string> row = table.rows[r];
    for (std::size_t q = 0; q < best.size(); ++q) {
      row[(*columns)[q]] = (*values)[q][static_cast<std::size_t>(best[q])][r];
    }
    out.table.rows.push_back(std::move(row));
  }
  for (std::size_t size : classes.sizes) {
    if (size < options.k) continue;
    ++out.equivalence_classes;
    out.smallest_class = out.smallest_class == 0 ? size : std::min(out.smallest_class, size);
  }
  if (!out.table.rows.empty()) {
    out.max_risk = 1.0 / static_cast<double>(out.smallest_class);
    out.average_risk =
        static_cast<double>(out.equivalence_classes) / static_cast<double>(out.table.rows.size());
  }
  return out;
}

Result<std::size_t> SmallestEquivalenceClass(const Table& table,
                                             std::span<const std::string> columns) {
  auto indexes = ColumnIndexes(table, columns);
  if (!indexes) return tl::unexpected(indexes.error());
  std::unordered_map<std::string, std::size_t> sizes;
  std::vector<const std::string*> parts(indexes->size());
  for (const auto& row : table.rows) {
    for (std::size_t q = 0; q < indexes->size(); ++q) parts[q] = &row[(*indexes)[q]];
    ++sizes[ClassKey(parts)];
  }
  std::size_t smallest = 0;
  for (const auto& [key, size] : sizes) smallest = smallest == 0 ? size : std::min(smallest, size);
  return smallest;
}

Status CheckKAnonymous(const Table& table, std::span<const std::string> columns, std::size_t k) {
  auto smallest = SmallestEquivalenceClass(table, columns);
  if (!smallest) return tl::unexpected(smallest.error());
  if (*smallest != 0 && *smallest < k) {
    return Fail(Code::kInvalidArgument, "not " + std::to_string(k) +
                                            "-anonymous: the smallest equivalence class has " +
                                            std::to_string(*smallest) + " records");
  }
  return Ok();
}

}  // namespace tandem::core::eval
