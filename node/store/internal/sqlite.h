// Thin RAII over the SQLCipher C API: owned connection and statement handles, a statement
// wrapper that binds and steps, and the one place where SQLite result codes become Errors.
// Not thread-safe: a connection and its statements belong to one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"

namespace tandem::node::store::internal {

struct ConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

// The Error for a failed SQLite call: `what` says what Tandem was doing ("reading the
// schema version"). SQLITE_NOTADB becomes kCorruption "wrong key, or not a Tandem store";
// SQLITE_CORRUPT kCorruption "the store is damaged"; busy/locked, I/O, full disk kUnavailable;
// anything else kInternal. Messages never carry bound values.
Error SqliteError(sqlite3* db, int rc, std::string_view what);

// Runs SQL text without parameters (may hold several statements).
Status Exec(sqlite3* db, const char* sql, std::string_view what);

// A prepared statement. Bound text and blobs are not copied: they must stay alive until the
// statement is stepped to completion or reset.
class Statement {
 public:
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql);

  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& BindBlob(int index, std::span<const std::uint8_t> blob);
  Statement& BindNull(int index);

  // One step: true when a row is available, false when the statement is done. A generic
  // SQLITE_ERROR while stepping is SQLCipher's failed page authentication: kCorruption.
  Result<bool> Step(std::string_view what);
  // Steps to completion (for statements that return no rows), then resets.
  Status Run(std::string_view what);
  // Resets the statement and clears its bindings for reuse.
  void Reset();

  std::int64_t ColumnInt(int column) const;
  std::string_view ColumnText(int column) const;
  std::span<const std::uint8_t> ColumnBlob(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt_;
};

// The integer in the first column of the first row of `sql` (a PRAGMA or a count). kInternal
// when it returns no row; errors of SQLite as SqliteError, naming `what`.
Result<std::int64_t> QueryInt(sqlite3* db, std::string_view sql, std::string_view what);

// Prepares each (slot, sql) pair of `statements` into its slot (a std::optional<Statement>*);
// the first error.
template <typename Statements>
Status PrepareStatements(sqlite3* db, const Statements& statements) {
  for (const auto& [slot, sql] : statements) {
    auto stmt = Statement::Prepare(db, sql);
    if (!stmt) return tl::unexpected(stmt.error());
    slot->emplace(std::move(*stmt));
  }
  return Ok();
}

}  // namespace tandem::node::store::internal
