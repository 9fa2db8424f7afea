// Store (store.h): the panel journal, the ISA history and the audit outbox; the rest of Store
// is in store.cc and store_tokens.cc.
#include <sqlite3.h>

#include "node/store/internal/sqlite.h"
#include "node/store/internal/store_impl.h"
#include "node/store/store.h"

namespace tandem::node::store {

using internal::InTransaction;
using internal::NeedsSchema;
using internal::Statement;

// ---- Panel journal ----

Result<std::int64_t> Store::AppendJournal(std::string_view kind, std::string_view recorded_at,
                                          std::string_view body) {
  if (auto s = NeedsSchema(schema_version_, 4); !s) return tl::unexpected(s.error());
  if (kind.empty()) return Fail(Code::kInvalidArgument, "a journal entry needs a kind");
  if (body.empty()) return Fail(Code::kInvalidArgument, "a journal entry needs a body");
  auto stmt =
      impl_->Prepared(impl_->append_journal,
                      "INSERT INTO panel_journal (kind, recorded_at, body) VALUES (?1, ?2, ?3)");
  if (!stmt) return tl::unexpected(stmt.error());
  (*stmt)->Bind(1, kind).Bind(2, recorded_at).Bind(3, body);
  if (auto run = (*stmt)->Run("appending to the panel journal"); !run) {
    return tl::unexpected(run.error());
  }
  return sqlite3_last_insert_rowid(impl_->db.get());
}

Status Store::ForEachJournalEntry(std::span<const std::string_view> kinds,
                                  const std::function<Status(const JournalEntry&)>& visit) {
  if (auto s = NeedsSchema(schema_version_, 4); !s) return s;
  // The kinds are chosen in SQL, so that the entries of other kinds are not read at all.
  std::string sql = "SELECT id, kind, recorded_at, body FROM panel_journal";
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    sql += (i == 0 ? " WHERE kind IN (?" : ", ?") + std::to_string(i + 1);
  }
  sql += kinds.empty() ? " ORDER BY id" : ") ORDER BY id";
  auto stmt = Statement::Prepare(impl_->db.get(), sql);
  if (!stmt) return tl::unexpected(stmt.error());
  for (std::size_t i = 0; i < kinds.size(); ++i) stmt->Bind(static_cast<int>(i + 1), kinds[i]);
  for (;;) {
    auto row = stmt->Step("reading the panel journal");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Ok();
    const JournalEntry entry{stmt->ColumnInt(0), std::string(stmt->ColumnText(1)),
                             std::string(stmt->ColumnText(2)), std::string(stmt->ColumnText(3))};
    if (auto visited = visit(entry); !visited) return visited;
  }
}

Status Store::RewriteJournalBodies(std::span<const JournalEntry> replaced) {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return s;
  sqlite3* db = impl_->db.get();
  if (sqlite3_get_autocommit(db) != 0) {
    return Fail(Code::kInternal,
                "journal entries are rewritten only inside a transaction that records why");
  }
  for (const JournalEntry& entry : replaced) {
    if (entry.body.empty()) {
      return Fail(Code::kInvalidArgument,
                  "journal entry " + std::to_string(entry.id) + " cannot be given an empty body");
    }
  }
  auto stmt =
      Statement::Prepare(db, "UPDATE panel_journal SET body = ?3 WHERE id = ?1 AND kind = ?2");
  if (!stmt) return tl::unexpected(stmt.error());
  for (const JournalEntry& entry : replaced) {
    stmt->Bind(1, entry.id).Bind(2, entry.kind).Bind(3, entry.body);
    if (auto run = stmt->Run("replacing a panel journal entry"); !run) return run;
    if (sqlite3_changes(db) != 1) {
      return Fail(Code::kNotFound, "the panel journal holds no entry " + std::to_string(entry.id) +
                                       " of kind " + entry.kind);
    }
  }
  return Ok();
}

Status Store::ReplaceJournalBodies(std::span<const JournalEntry> replaced,
                                   std::string_view audit_entry) {
  Status done = InTransaction(impl_->db.get(), [&]() -> Status {
    if (auto rewritten = RewriteJournalBodies(replaced); !rewritten) return rewritten;
    return QueueAuditEntry(audit_entry);
  });
  if (!done) return done;
  TruncateWal();
  return Ok();
}

// ---- ISA history ----

Result<std::optional<IsaHistoryRow>> Store::LastIsaInForce() {
  if (auto s = NeedsSchema(schema_version_, 6); !s) return tl::unexpected(s.error());
  auto stmt = Statement::Prepare(
      impl_->db.get(),
      "SELECT isa_id, version, signed_sha256, since FROM isa_history ORDER BY id DESC LIMIT 1");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("reading the ISA history");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<IsaHistoryRow>{};
  return IsaHistoryRow{std::string(stmt->ColumnText(0)), stmt->ColumnInt(1),
                       std::string(stmt->ColumnText(2)), std::string(stmt->ColumnText(3))};
}

Status Store::AppendIsaHistory(const IsaHistoryRow& row, std::string_view audit_entry) {
  if (auto s = NeedsSchema(schema_version_, 6); !s) return s;
  if (row.isa_id.empty() || row.signed_sha256.empty() || row.since.empty() || row.version < 1) {
    return Fail(Code::kInvalidArgument,
                "an ISA history row needs an id, a version of at least 1, a digest and a time");
  }
  sqlite3* db = impl_->db.get();
  auto stmt = Statement::Prepare(
      db,
      "INSERT INTO isa_history (isa_id, version, signed_sha256, since) VALUES (?1, ?2, ?3, ?4)");
  if (!stmt) return tl::unexpected(stmt.error());
  return InTransaction(db, [&]() -> Status {
    stmt->Bind(1, row.isa_id).Bind(2, row.version).Bind(3, row.signed_sha256).Bind(4, row.since);
    if (auto run = stmt->Run("recording the ISA in force"); !run) return run;
    return QueueAuditEntry(audit_entry);
  });
}

// ---- Audit outbox ----

Status Store::QueueAuditEntry(std::string_view entry) {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return s;
  if (entry.empty()) return Fail(Code::kInvalidArgument, "a queued audit entry cannot be empty");
  auto stmt = impl_->Prepared(impl_->queue_audit, "INSERT INTO audit_outbox (entry) VALUES (?1)");
  if (!stmt) return tl::unexpected(stmt.error());
  (*stmt)->Bind(1, entry);
  return (*stmt)->Run("queueing an audit entry");
}

Result<std::vector<QueuedAuditEntry>> Store::QueuedAuditEntries(std::size_t limit) {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return tl::unexpected(s.error());
  auto stmt = Statement::Prepare(impl_->db.get(),
                                 "SELECT id, entry FROM audit_outbox ORDER BY id LIMIT ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, static_cast<std::int64_t>(limit));
  std::vector<QueuedAuditEntry> queued;
  for (;;) {
    auto row = stmt->Step("reading the audit outbox");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return queued;
    queued.push_back({stmt->ColumnInt(0), std::string(stmt->ColumnText(1))});
  }
}

Result<std::int64_t> Store::CountQueuedAuditEntries() {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return tl::unexpected(s.error());
  auto stmt = Statement::Prepare(impl_->db.get(), "SELECT count(*) FROM audit_outbox");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("counting the audit outbox");
  if (!row) return tl::unexpected(row.error());
  return *row ? stmt->ColumnInt(0) : 0;
}

Status Store::DropQueuedAuditEntries(std::int64_t last_id) {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return s;
  auto stmt = Statement::Prepare(impl_->db.get(), "DELETE FROM audit_outbox WHERE id <= ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, last_id);
  return stmt->Run("emptying the audit outbox");
}

}  // namespace tandem::node::store
