// Full verification of a stored audit log, for DPOs and `tandem audit verify`: recomputes the
// whole tree from the stored entries (each entry's canonical bytes rehashed, compared with the
// stored leaf hash and with every stored interior hash), checks every stored checkpoint's
// signature and root, that checkpoints only grow (size and time) and that the stored tree
// serves consistency proofs between consecutive checkpoints, and every co-signature. Optional
// trusted checkpoints (e.g. the one a witness co-signed last) catch a log rolled back to an
// earlier copy or rewritten, which no check inside one database can see.
//
// Streams the entries with O(log n) memory (plus the checkpoint list). Opens its own
// read-only connection; safe to run while the node appends. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "node/audit/checkpoint.h"

namespace tandem::node::audit {

struct VerifyOptions {
  // The node's identity key. Unset: the key recorded in the log (the report says so).
  std::optional<crypto::VerifyingKey> node_key;
  // Witness keys by node id (from the ISA). A co-signature by a witness listed here must use
  // its key; unlisted witnesses are checked against the key stored with the co-signature.
  std::map<std::string, crypto::VerifyingKey> witness_keys;
  // Checkpoints of this node known from outside the database (witnesses, earlier exports).
  std::vector<SignedCheckpoint> trusted_checkpoints;
  // At most this many problems are listed; the count covers all.
  std::size_t max_problems = 50;
};

struct VerifyReport {
  std::string node;           // as recorded in the log
  bool key_from_log = false;  // true when no node_key was given
  std::uint64_t entries = 0;
  std::uint64_t checkpoints = 0;
  std::uint64_t cosignatures = 0;
  std::optional<SignedCheckpoint> last_checkpoint;
  std::uint64_t problem_count = 0;
  // Each names what is wrong and where ("entry 41: stored leaf hash ...", "checkpoint at size
  // 100: ..."). Empty = the log verified.
  std::vector<std::string> problems;

  bool ok() const { return problem_count == 0; }
};

// Verifies audit.db at `path` opened with the 32-byte store `key` (null: unencrypted, tests
// only). Errors (not problems): kNotFound when missing; kCorruption for a wrong key or a file
// that is not an audit log; kUnavailable when it cannot be read. Everything wrong inside the
// log is a problem in the report.
Result<VerifyReport> VerifyLog(const std::filesystem::path& path, const crypto::SecretBytes* key,
                               const VerifyOptions& options = {});

}  // namespace tandem::node::audit
