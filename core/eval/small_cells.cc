#include "core/eval/small_cells.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>

#include "core/check.h"

namespace tandem::core::eval {
namespace {

// Vertices: rows 0..R-1 are 0..R-1, columns 0..C-1 are R..R+C-1 (R, C bordered sizes).
struct Graph {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<std::vector<bool>> edge;  // edge[r][c]: cell suppressed
};

// Bridges of the bipartite graph, as cells, by Tarjan's low-link DFS.
std::vector<CellPosition> Bridges(const Graph& g) {
  const std::size_t n = g.rows + g.cols;
  std::vector<int> order(n, -1);
  std::vector<int> low(n, 0);
  std::vector<CellPosition> out;
  int counter = 0;
  const auto neighbours = [&](std::size_t v) {
    std::vector<std::size_t> out_v;
    if (v < g.rows) {
      for (std::size_t c = 0; c < g.cols; ++c) {
        if (g.edge[v][c]) out_v.push_back(g.rows + c);
      }
    } else {
      for (std::size_t r = 0; r < g.rows; ++r) {
        if (g.edge[r][v - g.rows]) out_v.push_back(r);
      }
    }
    return out_v;
  };
  // The graph is simple (one edge per row/column pair), so skipping the parent vertex once is
  // the same as skipping the tree edge.
  std::function<void(std::size_t, std::optional<std::size_t>)> dfs =
      [&](std::size_t v, std::optional<std::size_t> parent) {
        order[v] = low[v] = counter++;
        for (std::size_t w : neighbours(v)) {
          if (parent && w == *parent) continue;
          if (order[w] >= 0) {
            low[v] = std::min(low[v], order[w]);
            continue;
          }
          dfs(w, v);
          low[v] = std::min(low[v], low[w]);
          if (low[w] > order[v]) {
            const std::size_t r = v < g.rows ? v : w;
            const std::size_t c = (v < g.rows ? w : v) - g.rows;
            out.push_back({r, c});
          }
        }
      };
  for (std::size_t v = 0; v < n; ++v) {
    if (order[v] < 0) dfs(v, std::nullopt);
  }
  std::sort(out.begin(), out.end(), [](const CellPosition& a, const CellPosition& b) {
    return a.row != b.row ? a.row < b.row : a.column < b.column;
  });
  return out;
}

// Cheapest path from row `from` to column `to` avoiding the cell (from, to); marks its cells.
void CloseCycle(Graph& g, const std::vector<std::vector<std::int64_t>>& cost, CellPosition bridge) {
  const std::size_t n = g.rows + g.cols;
  constexpr std::int64_t kInfinity = std::numeric_limits<std::int64_t>::max();
  std::vector<std::int64_t> dist(n, kInfinity);
  std::vector<std::size_t> previous(n, n);
  std::vector<bool> done(n, false);
  const std::size_t source = bridge.row;
  const std::size_t target = g.rows + bridge.column;
  dist[source] = 0;
  const auto edge_cost = [&](std::size_t r, std::size_t c) {
    return g.edge[r][c] ? std::int64_t{0} : cost[r][c];
  };
  while (true) {
    std::size_t v = n;
    for (std::size_t u = 0; u < n; ++u) {
      if (!done[u] && dist[u] != kInfinity && (v == n || dist[u] < dist[v])) v = u;
    }
    if (v == n || v == target) break;
    done[v] = true;
    for (std::size_t u = 0; u < n; ++u) {
      if ((v < g.rows) == (u < g.rows) || done[u]) continue;
      const std::size_t r = v < g.rows ? v : u;
      const std::size_t c = (v < g.rows ? u : v) - g.rows;
      if (r == bridge.row && c == bridge.column) continue;
      const std::int64_t d = dist[v] + edge_cost(r, c);
      if (d < dist[u]) {
        dist[u] = d;
        previous[u] = v;
      }
    }
  }
  TANDEM_CHECK(dist[target] != kInfinity);  // a bordered table always has such a path
  for (std::size_t v = target; v != source; v = previous[v]) {
    const std::size_t u = previous[v];
    const std::size_t r = v < g.rows ? v : u;
    const std::size_t c = (v < g.rows ? u : v) - g.rows;
    g.edge[r][c] = true;
  }
}

std::int64_t RoundToBase(std::int64_t value, std::int64_t base) {
  if (base <= 1) return value;
  return (value + base / 2) / base * base;
}

}  // namespace

Result<PublishedTable> PublishCountTable(const CountTable& table, const SmallCellRule& rule) {
  const std::size_t rows = table.row_labels.size();
  const std::size_t cols = table.column_labels.size();
  if (rows == 0 || cols == 0) {
    return Fail(Code::kInvalidArgument, "a count table needs at least one row and one column");
  }
  if (rule.threshold < 0 || rule.rounding_base < 1) {
    return Fail(Code::kInvalidArgument,
                "small-cell rule: the threshold must be 0 or more and the rounding base 1 or more");
  }
  if (table.counts.size() != rows) {
    return Fail(Code::kInvalidArgument, "the count table has " + std::to_string(rows) +
                                            " row labels but " +
                                            std::to_string(table.counts.size()) + " rows");
  }
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 4;
  std::vector<std::vector<std::int64_t>> full(rows + 1, std::vector<std::int64_t>(cols + 1, 0));
  for (std::size_t r = 0; r < rows; ++r) {
    if (table.counts[r].size() != cols) {
      return Fail(Code::kInvalidArgument, "row '" + table.row_labels[r] + "' has " +
                                              std::to_string(table.counts[r].size()) +
                                              " counts, the table has " + std::to_string(cols) +
                                              " columns");
    }
    for (std::size_t c = 0; c < cols; ++c) {
      const std::int64_t v = table.counts[r][c];
      if (v < 0 || v > kMax) {
        return Fail(Code::kInvalidArgument, "row '" + table.row_labels[r] + "', column '" +
                                                table.column_labels[c] +
                                                "': a count must be between 0 and 2^61");
      }
      full[r][c] = v;
      full[r][cols] += v;
      full[rows][c] += v;
      full[rows][cols] += v;
      if (full[rows][cols] > kMax) {
        return Fail(Code::kInvalidArgument, "the counts add up to more than 2^61");
      }
    }
  }
  PublishedTable out;
  out.row_labels = table.row_labels;
  out.row_labels.emplace_back("Total");
  out.column_labels = table.column_labels;
  out.column_labels.emplace_back("Total");
  Graph g{rows + 1, cols + 1,
          std::vector<std::vector<bool>>(rows + 1, std::vector<bool>(cols + 1, false))};
  std::vector<std::vector<bool>> primary = g.edge;
  for (std::size_t r = 0; r <= rows; ++r) {
    for (std::size_t c = 0; c <= cols; ++c) {
      const std::int64_t v = full[r][c];
      if (v < rule.threshold && (v != 0 || rule.suppress_zeros)) {
        g.edge[r][c] = primary[r][c] = true;
        ++out.primary_suppressed;
      }
    }
  }
  if (rule.secondary_suppression) {
    const std::int64_t penalty = full[rows][cols] + 1;
    std::vector<std::vector<std::int64_t>> cost = full;
    for (std::size_t r = 0; r <= rows; ++r) {
      for (std::size_t c = 0; c <= cols; ++c) {
        if (r == rows || c == cols || full[r][c] == 0) cost[r][c] += penalty;
      }
    }
    for (auto bridges = Bridges(g); !bridges.empty(); bridges = Bridges(g)) {
      CloseCycle(g, cost, bridges.front());
    }
  }
  out.cells.assign(rows + 1, std::vector<PublishedCell>(cols + 1));
  for (std::size_t r = 0; r <= rows; ++r) {
    for (std::size_t c = 0; c <= cols; ++c) {
      PublishedCell& cell = out.cells[r][c];
      if (primary[r][c]) {
        cell.status = CellStatus::kPrimarySuppressed;
      } else if (g.edge[r][c]) {
        cell.status = CellStatus::kSecondarySuppressed;
        ++out.secondary_suppressed;
      } else {
        cell.value = RoundToBase(full[r][c], rule.rounding_base);
      }
    }
  }
  return out;
}

std::vector<CellPosition> DeterminedSuppressedCells(
    const std::vector<std::vector<bool>>& suppressed) {
  if (suppressed.empty()) return {};
  Graph g{suppressed.size(), suppressed[0].size(), suppressed};
  for (const auto& row : suppressed) TANDEM_CHECK(row.size() == g.cols);
  return Bridges(g);
}

Status CheckNoSuppressedCellDetermined(const PublishedTable& table) {
  std::vector<std::vector<bool>> pattern;
  for (const auto& row : table.cells) {
    std::vector<bool> line;
    line.reserve(row.size());
    for (const PublishedCell& cell : row) line.push_back(cell.Suppressed());
    pattern.push_back(std::move(line));
  }
  const auto determined = DeterminedSuppressedCells(pattern);
  if (determined.empty()) return Ok();
  const CellPosition& first = determined.front();
  return Fail(Code::kInvalidArgument,
              std::to_string(determined.size()) +
                  " suppressed cell(s) can be recovered from the published totals, the first at "
                  "row '" +
                  table.row_labels[first.row] + "', column '" + table.column_labels[first.column] +
                  "'");
}

}  // namespace tandem::core::eval
