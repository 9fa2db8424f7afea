// The state of an open store (Store::Impl) and what the files implementing Store share:
// store.cc (opening, transactions, imports, records, restrictions, summary and check),
// store_tokens.cc (the token index and the OPRF key share) and store_journals.cc (the panel
// journal, the ISA history and the audit outbox). Internal to node/store.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"
#include "node/store/file_lock.h"
#include "node/store/internal/sqlite.h"
#include "node/store/store.h"

namespace tandem::node::store {
namespace internal {

// kInvalidArgument unless the store's schema `version` is at least `needed`.
Status NeedsSchema(int version, int needed);

// Runs `body` in the caller's open transaction, or in one of its own.
Status InTransaction(sqlite3* db, const std::function<Status()>& body);

}  // namespace internal

struct Store::Impl {
  std::optional<FileLock> held_lock;  // first, so that it is released after the database closes
  internal::Connection db;
  std::optional<internal::Statement> find;
  std::optional<internal::Statement> insert;
  std::optional<internal::Statement> update;
  std::optional<internal::Statement> get;  // kHidden; the *_any statements kIncluded
  std::optional<internal::Statement> get_any;
  std::optional<internal::Statement> for_each;
  std::optional<internal::Statement> for_each_any;
  std::optional<internal::Statement> add_import;
  std::optional<internal::Statement> set_counts;
  // Token index and key share (schema 3); prepared on first use.
  std::optional<internal::Statement> add_token;
  std::optional<internal::Statement> find_token;
  std::map<std::string, std::int64_t, std::less<>> key_type_ids;
  // Panel journal (schema 4).
  std::optional<internal::Statement> append_journal;
  // Audit outbox (schema 5).
  std::optional<internal::Statement> queue_audit;

  // The statement in `slot`, prepared from `sql` on first use.
  Result<internal::Statement*> Prepared(std::optional<internal::Statement>& slot,
                                        std::string_view sql) {
    if (!slot) {
      auto stmt = internal::Statement::Prepare(db.get(), sql);
      if (!stmt) return tl::unexpected(stmt.error());
      slot.emplace(std::move(*stmt));
    }
    return &*slot;
  }

  // The id of key type `name` in token_key_types, recorded on first use (store_tokens.cc).
  Result<std::int64_t> KeyTypeId(std::string_view name);

  // Prepares the record statements. `version`: the store's schema version; before the
  // restrictions table, no record is restricted.
  Status PrepareAll(int version);
};

}  // namespace tandem::node::store
