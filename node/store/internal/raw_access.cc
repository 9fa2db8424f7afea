#include "node/store/internal/raw_access.h"

#include "node/store/internal/raw_key.h"
#include "node/store/internal/sqlite.h"

namespace tandem::node::store::internal {
namespace {

Result<Connection> OpenKeyed(const std::filesystem::path& path, const crypto::SecretBytes* key) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  Connection db(raw);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(db.get(), rc, "opening the file"));
  if (key != nullptr) {
    auto raw_key = SqlCipherRawKey(*key);
    if (!raw_key) return tl::unexpected(raw_key.error());
    const int key_rc = sqlite3_key(db.get(), raw_key->data(), static_cast<int>(raw_key->size()));
    if (key_rc != SQLITE_OK) return tl::unexpected(SqliteError(db.get(), key_rc, "keying"));
    if (auto set = Exec(db.get(), "PRAGMA cipher_page_size = 4096", "setting the page size");
        !set) {
      return tl::unexpected(set.error());
    }
  }
  return db;
}

}  // namespace

Status ExecOnFile(const std::filesystem::path& path, const crypto::SecretBytes* key,
                  const std::string& sql) {
  auto db = OpenKeyed(path, key);
  if (!db) return tl::unexpected(db.error());
  return Exec(db->get(), sql.c_str(), "running SQL");
}

Result<std::int64_t> QueryIntOnFile(const std::filesystem::path& path,
                                    const crypto::SecretBytes* key, const std::string& sql) {
  auto db = OpenKeyed(path, key);
  if (!db) return tl::unexpected(db.error());
  auto stmt = Statement::Prepare(db->get(), sql);
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("running a query");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return Fail(Code::kNotFound, "the query returned no row");
  return stmt->ColumnInt(0);
}

}  // namespace tandem::node::store::internal
