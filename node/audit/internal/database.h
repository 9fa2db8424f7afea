// audit.db: the second SQLCipher database of a node's data directory, keyed with the same
// 256-bit store key as store.db, in WAL mode with synchronous=FULL (a commit is on disk when
// it returns). Its schema is its own table of numbered steps, applied the same way as the
// store's (one transaction per step together with PRAGMA user_version), under its own
// application id so that neither database can be mistaken for the other.
//
// Tables (docs/audit-log.md, "Storage"):
//   meta(name, value)                       node id and node verifying key (hex)
//   entries(idx, at, data)                  canonical JSON of each entry, the Merkle leaf data
//   nodes(level, idx, hash)                 level 0: leaf hashes; level h: complete subtree
//                                           [idx * 2^h, (idx + 1) * 2^h)
//   checkpoints(tree_size, at, root, sig)   signed checkpoints of this log
//   cosignatures(tree_size, witness, witness_key, sig)   co-signatures received
//   witnessed(peer, checkpoint)             witness side: last checkpoint co-signed per peer
// Not thread-safe: a connection belongs to one thread at a time.
#pragma once

#include <filesystem>
#include <span>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "node/store/internal/migrations.h"
#include "node/store/internal/sqlite.h"

namespace tandem::node::audit::internal {

// PRAGMA application_id of audit.db: the bytes "TAUD".
inline constexpr int kAuditApplicationId = 0x54415544;

// Every schema step of audit.db, in order.
std::span<const store::internal::Migration> AuditMigrations();

// Opens (and, with `create_if_missing`, creates with mode 0600) the audit database at `path`
// with the 32-byte store `key`, or unencrypted when `key` is null (benchmarks and tests only),
// and applies missing schema steps. Errors: kNotFound when missing and not to be created;
// kCorruption for a wrong key, a file that is not an audit database or a damaged one;
// kInvalidArgument for a schema newer than this build; kUnavailable when the file cannot be
// used.
Result<store::internal::Connection> OpenAuditDatabase(const std::filesystem::path& path,
                                                      const crypto::SecretBytes* key,
                                                      bool create_if_missing);

}  // namespace tandem::node::audit::internal
