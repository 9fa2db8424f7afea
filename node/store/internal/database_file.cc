#include "node/store/internal/database_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "node/store/internal/raw_key.h"

namespace tandem::node::store::internal {
namespace {

constexpr int kBusyTimeoutMs = 5000;

}  // namespace

Status CreateDatabaseFile(const std::filesystem::path& path, std::string_view what) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    return Fail(Code::kUnavailable, "cannot create the " + std::string(what) + " file " +
                                        path.string() + ": " +
                                        std::generic_category().message(err));
  }
  ::close(fd);
  return Ok();
}

Result<Connection> OpenDatabaseFile(const std::filesystem::path& path,
                                    const crypto::SecretBytes* key,
                                    const DatabaseFileOptions& options) {
  const std::string what(options.what);
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    if (!options.create_if_missing) {
      return Fail(Code::kNotFound, "there is no " + what + " at " + path.string());
    }
    if (auto created = CreateDatabaseFile(path, what); !created) {
      return tl::unexpected(created.error());
    }
  } else if (!std::filesystem::is_regular_file(status)) {
    return Fail(Code::kInvalidArgument, path.string() + " is not a regular file");
  } else if (std::filesystem::file_size(path, ec) == 0 && !ec && !options.empty_file_is_new) {
    return Fail(Code::kCorruption, "the " + what + " file " + path.string() +
                                       " is empty (truncated?); restore it from a backup");
  }

  sqlite3* raw_db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  Connection db(raw_db);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(db.get(), rc, "opening the " + what));
  sqlite3_extended_result_codes(db.get(), 1);

  if (key != nullptr) {
    auto raw_key = SqlCipherRawKey(*key);
    if (!raw_key) return tl::unexpected(raw_key.error());
    const int key_rc = sqlite3_key(db.get(), raw_key->data(), static_cast<int>(raw_key->size()));
    if (key_rc != SQLITE_OK) {
      return tl::unexpected(SqliteError(db.get(), key_rc, "applying the store key"));
    }
    if (auto set = Exec(db.get(), "PRAGMA cipher_page_size = 4096", "setting the page size");
        !set) {
      return tl::unexpected(set.error());
    }
  } else if (auto set = Exec(db.get(), "PRAGMA page_size = 4096", "setting the page size"); !set) {
    return tl::unexpected(set.error());
  }

  // The first read: with a wrong key, or a file that is not a database, SQLCipher fails here.
  if (auto read = Exec(db.get(), "SELECT count(*) FROM sqlite_master", "opening the " + what);
      !read) {
    return tl::unexpected(read.error());
  }
  auto mode = Statement::Prepare(db.get(), "PRAGMA journal_mode = WAL");
  if (!mode) return tl::unexpected(mode.error());
  auto mode_row = mode->Step("switching to WAL mode");
  if (!mode_row) return tl::unexpected(mode_row.error());
  if (!*mode_row || mode->ColumnText(0) != "wal") {
    return Fail(Code::kUnavailable, "the " + what + " cannot use write-ahead logging here");
  }
  mode->Reset();
  if (auto set = Exec(db.get(), options.settings.c_str(), "configuring the " + what); !set) {
    return tl::unexpected(set.error());
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  return db;
}

}  // namespace tandem::node::store::internal
