#include "node/store/internal/sqlite.h"

#include <string>

namespace tandem::node::store::internal {

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  const int primary = rc & 0xff;
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string context(what);
  switch (primary) {
    case SQLITE_NOTADB:
      return Error{Code::kCorruption, "wrong key, or not a Tandem store (" + context + ")"};
    case SQLITE_CORRUPT:
      return Error{Code::kCorruption, "the store is damaged (" + context + "): " + detail +
                                          "; run `tandem store check` and restore from a backup"};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error{Code::kUnavailable,
                   "the store is in use by another process (" + context + "); try again"};
    case SQLITE_FULL:
      return Error{Code::kUnavailable, "the disk is full (" + context + ")"};
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Error{Code::kUnavailable, "cannot use the store file (" + context + "): " + detail};
    default:
      return Error{Code::kInternal, "store error (" + context + "): " + detail};
  }
}

Status Exec(sqlite3* db, const char* sql, std::string_view what) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(db, rc, what));
  return Ok();
}

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return tl::unexpected(SqliteError(db, rc, "preparing a statement"));
  }
  return Statement(db, stmt);
}

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_.get(), index, value);
  return *this;
}

Statement& Statement::BindBlob(int index, std::span<const std::uint8_t> blob) {
  sqlite3_bind_blob(stmt_.get(), index, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_.get(), index);
  return *this;
}

Result<bool> Statement::Step(std::string_view what) {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // The statement compiled, so SQLITE_ERROR while stepping is not a mistake in the SQL: it is
  // what SQLCipher reports when a page fails to decrypt or authenticate.
  Error error = (rc & 0xff) == SQLITE_ERROR
                    ? Error{Code::kCorruption, "the store is damaged or was tampered with (" +
                                                   std::string(what) +
                                                   "): a page failed authentication; run "
                                                   "`tandem store check` and restore from a backup"}
                    : SqliteError(db_, rc, what);
  sqlite3_reset(stmt_.get());
  return tl::unexpected(std::move(error));
}

Status Statement::Run(std::string_view what) {
  for (;;) {
    auto row = Step(what);
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
  }
  Reset();
  return Ok();
}

void Statement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::int64_t Statement::ColumnInt(int column) const {
  return sqlite3_column_int64(stmt_.get(), column);
}

std::string_view Statement::ColumnText(int column) const {
  const auto* text = sqlite3_column_text(stmt_.get(), column);
  const int size = sqlite3_column_bytes(stmt_.get(), column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::span<const std::uint8_t> Statement::ColumnBlob(int column) const {
  const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_.get(), column));
  const int size = sqlite3_column_bytes(stmt_.get(), column);
  if (blob == nullptr) return {};
  return {blob, static_cast<std::size_t>(size)};
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

Result<std::int64_t> QueryInt(sqlite3* db, std::string_view sql, std::string_view what) {
  auto statement = Statement::Prepare(db, sql);
  if (!statement) return tl::unexpected(statement.error());
  auto row = statement->Step(what);
  if (!row) return tl::unexpected(row.error());
  if (!*row) return Fail(Code::kInternal, std::string(what) + ": no row");
  return statement->ColumnInt(0);
}

}  // namespace tandem::node::store::internal
