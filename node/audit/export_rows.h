// What a DPO reads out of the audit log: entries filtered by date, peer, purpose, kind or
// subject token (`tandem audit show` and `tandem audit export`), and their CSV and JSON forms.
// Reads through its own connection; safe while the node appends. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <set>
#include <string>

#include "core/result.h"
#include "crypto/merkle.h"
#include "crypto/secret_bytes.h"
#include "node/audit/entry.h"
#include "protocol/timestamp.h"

namespace tandem::node::audit {

struct EntryFilter {
  std::optional<protocol::Seconds> from;  // at >= from
  std::optional<protocol::Seconds> to;    // at < to
  std::string peer, purpose, kind;        // "" = any
  // Hex tokens: entries naming any of them; empty = any.
  std::set<std::string> subject_tokens;

  bool Matches(const AuditEntry& entry) const;
};

struct StoredEntry {
  std::uint64_t index = 0;
  crypto::MerkleHash leaf_hash{};
  AuditEntry entry;
};

// Calls `visit` for each entry of audit.db at `path` (keyed with `key`; null = unencrypted)
// that `filter` matches, in log order. kCorruption naming the entry when one cannot be
// decoded; open errors as VerifyLog; stops at `visit`'s first error and returns it. With
// subject tokens in the filter, an entry whose bytes hold none of them is not decoded (it
// cannot name them); its bytes are checked against its stored leaf hash instead, kCorruption
// when they differ, so a damaged entry is still reported.
Status ForEachEntry(const std::filesystem::path& path, const crypto::SecretBytes* key,
                    const EntryFilter& filter,
                    const std::function<Status(const StoredEntry&)>& visit);

// CSV (RFC 4180, a header row first): index, at, kind, actor, processing, purpose, isa_id,
// isa_version, isa_clause, recipient, peer, message_id, nonce, request_sha256,
// response_sha256, subject_tokens, fields, outcome, leaf_hash. Lists are space-separated.
void WriteCsvHeader(std::ostream& out);
void WriteCsvRow(std::ostream& out, const StoredEntry& row);

// JSON: one object per entry, {"index": i, "leaf_hash": "<hex>", "entry": {canonical entry}}.
Result<std::string> EntryJson(const StoredEntry& row);

}  // namespace tandem::node::audit
