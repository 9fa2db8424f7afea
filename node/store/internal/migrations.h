// The store's schema as a table of numbered steps. A database's PRAGMA user_version is the
// number of the last step applied; opening a store applies the missing steps, each in its own
// transaction together with the new user_version, so a step is either fully applied or not.
// New tables (token index, audit log) are added by appending a step, never by editing one.
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"

struct sqlite3;  // <sqlite3.h> is SQLCipher's; only the store's .cc files include it

namespace tandem::node::store::internal {

struct Migration {
  int version;               // user_version after this step; steps are numbered 1, 2, 3, ...
  std::string_view summary;  // what the step adds, for people reading `store check`
  const char* sql;
};

// Every step, in order.
std::span<const Migration> Migrations();

// PRAGMA application_id of every Tandem store (the bytes "TAND"), set by the first step.
inline constexpr int kApplicationId = 0x54414E44;

// The version a fully migrated store has (the last step's number).
int LatestSchemaVersion();

// PRAGMA user_version of `db`.
Result<int> ReadSchemaVersion(sqlite3* db);

// A database kind's schema: its steps, its PRAGMA application_id and its name for messages
// ("store", "audit log"). The audit log's own database uses the same machinery.
struct Schema {
  std::span<const Migration> steps;
  int application_id;
  std::string_view what;
};

// The store's schema (Migrations(), kApplicationId).
Schema StoreSchema();

// kCorruption "wrong key, or not a Tandem <what>" when `db` has a schema (user_version > 0) but
// not the schema's application id: another SQLCipher database that happens to open with the
// same key.
Status CheckApplicationId(sqlite3* db, const Schema& schema);
Status CheckApplicationId(sqlite3* db);  // the store's

// Applies the steps after the database's current version up to `target` (default: latest).
// Errors: kInvalidArgument when the database is newer than this build knows (the message says
// to use a newer tandem) or `target` is out of range; store errors as from SqliteError.
Status Migrate(sqlite3* db, const Schema& schema, int target);
Status Migrate(sqlite3* db, int target);  // the store's
Status Migrate(sqlite3* db);              // the store's, to the latest

}  // namespace tandem::node::store::internal
