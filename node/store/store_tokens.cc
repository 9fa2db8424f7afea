// Store (store.h): the token index and the OPRF key share; the rest of Store is in store.cc
// and store_journals.cc.
#include <sqlite3.h>

#include "node/store/internal/restrictions.h"
#include "node/store/internal/sqlite.h"
#include "node/store/internal/store_impl.h"
#include "node/store/store.h"

namespace tandem::node::store {

using internal::Exec;
using internal::InTransaction;
using internal::NeedsSchema;
using internal::QueryInt;
using internal::Statement;

// ---- Token index ----

Result<std::int64_t> Store::Impl::KeyTypeId(std::string_view name) {
  if (auto it = key_type_ids.find(name); it != key_type_ids.end()) return it->second;
  auto insert =
      Statement::Prepare(db.get(), "INSERT OR IGNORE INTO token_key_types (name) VALUES (?1)");
  if (!insert) return tl::unexpected(insert.error());
  insert->Bind(1, name);
  if (auto run = insert->Run("recording a key type"); !run) return tl::unexpected(run.error());
  auto select = Statement::Prepare(db.get(), "SELECT id FROM token_key_types WHERE name = ?1");
  if (!select) return tl::unexpected(select.error());
  select->Bind(1, name);
  auto row = select->Step("reading a key type");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return Fail(Code::kInternal, "a key type was not recorded");
  const std::int64_t id = select->ColumnInt(0);
  key_type_ids.emplace(std::string(name), id);
  return id;
}

Status Store::AddTokens(std::span<const TokenEntry> entries) {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return s;
  sqlite3* db = impl_->db.get();
  const bool own = sqlite3_get_autocommit(db) != 0;
  Status done = InTransaction(db, [&]() -> Status {
    auto stmt = impl_->Prepared(
        impl_->add_token,
        "INSERT OR IGNORE INTO tokens (token, record_id, key_type) VALUES (?1, ?2, ?3)");
    if (!stmt) return tl::unexpected(stmt.error());
    for (const TokenEntry& entry : entries) {
      if (entry.token == nullptr) return Fail(Code::kInvalidArgument, "a token row has no token");
      auto key_type = impl_->KeyTypeId(entry.key_type);
      if (!key_type) return tl::unexpected(key_type.error());
      (*stmt)->BindBlob(1, *entry.token).Bind(2, entry.record_id).Bind(3, *key_type);
      if (auto run = (*stmt)->Run("adding a token"); !run) {
        if (sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_FOREIGNKEY) {
          return Fail(Code::kInvalidArgument, "a token row names record id " +
                                                  std::to_string(entry.record_id) +
                                                  ", which is not stored");
        }
        return run;
      }
    }
    return Ok();
  });
  if (!done && own) impl_->key_type_ids.clear();
  return done;
}

Result<std::vector<TokenMatch>> Store::LookupTokens(std::span<const TokenBytes> tokens) {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return tl::unexpected(s.error());
  std::string sql =
      "SELECT t.record_id, t.key_type, k.name, r.export_kind, r.ref, r.person_ref "
      "FROM tokens t JOIN records r ON r.id = t.record_id "
      "JOIN token_key_types k ON k.id = t.key_type WHERE t.token = ?1";
  if (schema_version_ >= internal::kRestrictionsSchemaVersion) {
    sql += " AND " + std::string(internal::kUnrestrictedRecord);
  }
  auto stmt = impl_->Prepared(impl_->find_token, sql);
  if (!stmt) return tl::unexpected(stmt.error());
  struct Found {
    TokenMatch match;
    std::map<std::int64_t, std::string> key_types;
  };
  std::map<std::int64_t, Found> by_record;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    (*stmt)->BindBlob(1, tokens[i]);
    for (;;) {
      auto row = (*stmt)->Step("looking up a token");
      if (!row) {
        (*stmt)->Reset();
        return tl::unexpected(row.error());
      }
      if (!*row) break;
      Found& found = by_record[(*stmt)->ColumnInt(0)];
      if (found.match.record_id == 0) {
        found.match.record_id = (*stmt)->ColumnInt(0);
        found.match.export_kind = (*stmt)->ColumnText(3);
        found.match.ref = (*stmt)->ColumnText(4);
        found.match.person_ref = (*stmt)->ColumnText(5);
      }
      found.key_types.emplace((*stmt)->ColumnInt(1), (*stmt)->ColumnText(2));
      if (found.match.query_indices.empty() || found.match.query_indices.back() != i) {
        found.match.query_indices.push_back(i);
      }
    }
    (*stmt)->Reset();
  }
  std::vector<TokenMatch> out;
  out.reserve(by_record.size());
  for (auto& [id, found] : by_record) {
    for (auto& [key_id, name] : found.key_types) found.match.key_types.push_back(std::move(name));
    out.push_back(std::move(found.match));
  }
  return out;
}

Result<std::int64_t> Store::CountTokens() {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return tl::unexpected(s.error());
  return QueryInt(impl_->db.get(), "SELECT count(*) FROM tokens", "counting tokens");
}

Result<std::vector<TokenBytes>> Store::TokensOfRecord(std::string_view export_kind,
                                                      std::string_view ref) {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return tl::unexpected(s.error());
  auto stmt =
      Statement::Prepare(impl_->db.get(),
                         "SELECT t.token FROM tokens t JOIN records r ON r.id = t.record_id "
                         "WHERE r.export_kind = ?1 AND r.ref = ?2 ORDER BY t.token");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, export_kind).Bind(2, ref);
  std::vector<TokenBytes> tokens;
  for (;;) {
    auto row = stmt->Step("reading a record's tokens");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return tokens;
    const auto blob = stmt->ColumnBlob(0);
    if (blob.size() != std::tuple_size_v<TokenBytes>) {
      return Fail(Code::kCorruption, "a token in the index is not 64 bytes");
    }
    std::ranges::copy(blob, tokens.emplace_back().begin());
  }
}

Result<std::int64_t> Store::CountTokenRecords() {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return tl::unexpected(s.error());
  return QueryInt(impl_->db.get(), "SELECT count(DISTINCT record_id) FROM tokens",
                  "counting records with tokens");
}

Status Store::ClearTokens() {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return s;
  return InTransaction(impl_->db.get(), [&]() -> Status {
    return Exec(impl_->db.get(), "DELETE FROM tokens", "clearing the token index");
  });
}

// ---- OPRF key share ----

Status Store::PutOprfKeyShare(const OprfKeyShareRow& row, std::string_view audit_entry) {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return s;
  if (row.share.size() != 32) {
    return Fail(Code::kInvalidArgument, "an OPRF key share is 32 bytes");
  }
  auto stmt = Statement::Prepare(
      impl_->db.get(),
      "INSERT OR REPLACE INTO oprf_key_share (id, holder_name, holder_index, epoch, share, "
      "public_key, imported_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, row.holder_name)
      .Bind(2, static_cast<std::int64_t>(row.holder_index))
      .Bind(3, static_cast<std::int64_t>(row.epoch))
      .BindBlob(4, row.share.view())
      .Bind(5, row.public_key_json)
      .Bind(6, row.imported_at);
  // A replaced share must not linger in the file: secure_delete (set at open) zeroes the freed
  // cell, and the checkpoint moves the new page into store.db and empties the WAL, which held
  // the old one.
  Status stored = InTransaction(impl_->db.get(), [&]() -> Status {
    if (auto put = stmt->Run("storing the OPRF key share"); !put) return put;
    return QueueAuditEntry(audit_entry);
  });
  if (!stored) return stored;
  // The share is committed either way; a running node reading the store can hold the checkpoint
  // back, and then its own next checkpoint empties the WAL.
  TruncateWal();
  return Ok();
}

Result<std::optional<OprfKeyShareRow>> Store::GetOprfKeyShare() {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return tl::unexpected(s.error());
  auto stmt = Statement::Prepare(impl_->db.get(),
                                 "SELECT holder_name, holder_index, epoch, share, public_key, "
                                 "imported_at FROM oprf_key_share WHERE id = 1");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("reading the OPRF key share");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<OprfKeyShareRow>();
  const auto share = stmt->ColumnBlob(3);
  if (share.size() != 32) {
    return Fail(Code::kCorruption, "the stored OPRF key share is not 32 bytes");
  }
  auto secret = crypto::SecretBytes::Copy(share);
  if (!secret) return tl::unexpected(secret.error());
  OprfKeyShareRow out;
  out.holder_name = stmt->ColumnText(0);
  out.holder_index = static_cast<std::uint32_t>(stmt->ColumnInt(1));
  out.epoch = static_cast<std::uint32_t>(stmt->ColumnInt(2));
  out.share = std::move(*secret);
  out.public_key_json = stmt->ColumnText(4);
  out.imported_at = stmt->ColumnText(5);
  return std::optional<OprfKeyShareRow>(std::move(out));
}

}  // namespace tandem::node::store
