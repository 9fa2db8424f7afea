#include "node/store/internal/restrictions.h"

#include <string>

#include "node/store/internal/sqlite.h"

namespace tandem::node::store::internal {
namespace {

constexpr std::string_view kColumns = "export_kind, ref, request_ref, since";

Restriction FromRow(const Statement& stmt) {
  return {std::string(stmt.ColumnText(0)), std::string(stmt.ColumnText(1)),
          std::string(stmt.ColumnText(2)), std::string(stmt.ColumnText(3))};
}

}  // namespace

Status InsertRestriction(sqlite3* db, const Restriction& restriction) {
  auto stmt = Statement::Prepare(
      db, "INSERT INTO restrictions (" + std::string(kColumns) + ") VALUES (?1, ?2, ?3, ?4)");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, restriction.export_kind)
      .Bind(2, restriction.ref)
      .Bind(3, restriction.request_ref)
      .Bind(4, restriction.since);
  auto run = stmt->Run("recording a restriction");
  if (!run && sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Fail(Code::kInvalidArgument, "the record is already restricted");
  }
  return run;
}

Result<std::optional<Restriction>> ReadRestriction(sqlite3* db, std::string_view export_kind,
                                                   std::string_view ref) {
  auto stmt = Statement::Prepare(db, "SELECT " + std::string(kColumns) +
                                         " FROM restrictions WHERE export_kind = ?1 AND ref = ?2");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, export_kind).Bind(2, ref);
  auto row = stmt->Step("reading a restriction");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<Restriction>{};
  return FromRow(*stmt);
}

Status DeleteRestriction(sqlite3* db, std::string_view export_kind, std::string_view ref) {
  auto stmt =
      Statement::Prepare(db, "DELETE FROM restrictions WHERE export_kind = ?1 AND ref = ?2");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, export_kind).Bind(2, ref);
  if (auto run = stmt->Run("lifting a restriction"); !run) return run;
  if (sqlite3_changes(db) != 1) return Fail(Code::kNotFound, "the record is not restricted");
  return Ok();
}

Result<std::vector<Restriction>> ReadRestrictions(sqlite3* db) {
  auto stmt = Statement::Prepare(
      db, "SELECT " + std::string(kColumns) + " FROM restrictions ORDER BY export_kind, ref");
  if (!stmt) return tl::unexpected(stmt.error());
  std::vector<Restriction> out;
  for (;;) {
    auto row = stmt->Step("reading restrictions");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return out;
    out.push_back(FromRow(*stmt));
  }
}

}  // namespace tandem::node::store::internal
