// A node's stored audit log: an append-only RFC 9162 Merkle tree of AuditEntry records in
// audit.db (a SQLCipher database keyed with the store key), with signed checkpoints,
// co-signatures received from witnesses and, for this node acting as a witness, the last
// checkpoint of each peer it co-signed (docs/audit-log.md).
//
// Appends are durable when they return: concurrent appenders are batched by one writer thread
// into a single transaction (group commit; WAL, synchronous=FULL), so one fsync covers many
// entries. Each entry is stored as its canonical JSON (the leaf data) with its leaf hash and
// the hash of every complete subtree it completes, so proofs cost O(log n) reads. The writer
// thread also signs a checkpoint whenever the tree has grown and `checkpoint_interval` has
// passed on the injected clock.
//
// Thread-safety: every method may be called from any thread concurrently. The AuditLog owns
// its three database connections (writer, reader, WAL checkpointer) and its two threads;
// destroying it finishes the appends already queued, then stops. The signing key passed to Open
// must outlive the AuditLog.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/result.h"
#include "crypto/merkle.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "node/audit/checkpoint.h"
#include "node/audit/entry.h"
#include "node/store/data_dir.h"
#include "protocol/ids.h"
#include "protocol/timestamp.h"

namespace tandem::node::audit {

inline constexpr const auto& kAuditFileName = store::kAuditDatabaseFileName;

struct AuditReceipt {
  std::uint64_t leaf_index = 0;
  crypto::MerkleHash leaf_hash{};

  bool operator==(const AuditReceipt&) const = default;
};

class AuditLog {
 public:
  struct Options {
    // Create audit.db (mode 0600) when it does not exist; otherwise kNotFound.
    bool create_if_missing = true;
    // Group commit: at most this many entries per transaction. 1 turns grouping off.
    std::size_t max_batch = 4096;
    // A checkpoint is signed when the tree has grown and this long has passed since the last.
    std::chrono::seconds checkpoint_interval{1};
    // false: checkpoints are signed only by Checkpoint() (tests that count checkpoints).
    bool background_checkpoints = true;
    // The node's clock for entry-independent times (checkpoints). Default: the system clock.
    std::function<protocol::Seconds()> clock;
    // Page cache of the proof reader, which reads the tree's lower levels at random.
    std::int64_t read_cache_kib = 64 * 1024;
  };

  // Opens (or creates) the log at `path` for `node`, whose identity key is `signing_key`.
  // Errors: kInvalidArgument when the key is not 32 bytes, or the log belongs to another node
  // id or identity key; kNotFound when missing and not to be created; kCorruption for a wrong
  // key, a damaged file, or a log that no longer matches its latest signed checkpoint
  // (truncated or rewritten: run `tandem audit verify`); kUnavailable when unusable now.
  static Result<std::unique_ptr<AuditLog>> Open(const std::filesystem::path& path,
                                                const crypto::SecretBytes& key,
                                                const protocol::NodeId& node,
                                                const crypto::SigningKey& signing_key,
                                                Options options);
  // The same over the plain SQLite engine, unencrypted: benchmarks and tests only.
  static Result<std::unique_ptr<AuditLog>> OpenUnencrypted(const std::filesystem::path& path,
                                                           const protocol::NodeId& node,
                                                           const crypto::SigningKey& signing_key,
                                                           Options options);

  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  const protocol::NodeId& node() const;
  const crypto::VerifyingKey& verifying_key() const;
  // The number of durable entries.
  std::uint64_t size() const;

  // Appends `entry` and returns once it is on disk. kInvalidArgument (from ValidateEntry) for
  // a malformed entry; kUnavailable/kInternal when the write failed (the entry is not in the
  // log and the log is unchanged).
  Result<AuditReceipt> Append(const AuditEntry& entry);
  // Appends `entries` contiguously in one transaction; all or none.
  Result<std::vector<AuditReceipt>> AppendBatch(std::span<const AuditEntry> entries);

  // An append that was queued without waiting for it. Its place in the log is fixed when
  // Enqueue returns: after every entry queued before it and before every entry queued after
  // it. Wait returns once it is durable (the result Append would have given). Destroying it
  // without Wait still waits for the writer to finish with it. Not thread-safe: one owner.
  class PendingAppend {
   public:
    ~PendingAppend();
    PendingAppend(const PendingAppend&) = delete;
    PendingAppend& operator=(const PendingAppend&) = delete;

    // kUnavailable/kInternal when the write failed (the entry is not in the log). Once only.
    Result<AuditReceipt> Wait();

   private:
    friend class AuditLog;
    struct State;
    explicit PendingAppend(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
  };

  // Queues `entry` for the writer and returns at once, so the caller can overlap the commit
  // with other work (a sender records its request before sending, then waits for durability
  // before acting on the answer). kInvalidArgument (ValidateEntry) for a malformed entry;
  // kUnavailable when the log is closing. The AuditLog must outlive the PendingAppend.
  Result<std::unique_ptr<PendingAppend>> Enqueue(const AuditEntry& entry);

  // Signs and stores a checkpoint of the current tree now if it grew since the latest (or
  // there is none), and returns the latest checkpoint.
  Result<SignedCheckpoint> Checkpoint();
  // The latest stored checkpoint; kNotFound when none has been signed yet.
  Result<SignedCheckpoint> LatestCheckpoint();
  // The stored checkpoint of exactly `tree_size` entries; kNotFound when there is none.
  Result<SignedCheckpoint> CheckpointAt(std::uint64_t tree_size);

  // The entry at `index` and its leaf hash; kNotFound beyond size().
  Result<AuditEntry> Entry(std::uint64_t index);
  Result<crypto::MerkleHash> LeafHash(std::uint64_t index);
  // The Merkle root of the first `tree_size` entries; kInvalidArgument beyond size().
  Result<crypto::MerkleHash> RootAt(std::uint64_t tree_size);

  // Proofs as crypto::InclusionProof / crypto::ConsistencyProof over the stored tree
  // (kInvalidArgument for an index or sizes outside the log; kCorruption for missing or
  // damaged stored hashes).
  Result<std::vector<crypto::MerkleHash>> InclusionProof(std::uint64_t index,
                                                         std::uint64_t tree_size);
  Result<std::vector<crypto::MerkleHash>> ConsistencyProof(std::uint64_t first,
                                                           std::uint64_t second);

  // Stores `witness`'s co-signature of one of this log's checkpoints after verifying it with
  // `witness_key`. kNotFound when this log has no such checkpoint (same size, root and
  // signature); kUnauthenticated when the co-signature does not verify. Storing the same
  // co-signature again is a no-op.
  Status AddCosignature(const SignedCheckpoint& checkpoint, const protocol::NodeId& witness,
                        const crypto::Ed25519Signature& sig,
                        const crypto::VerifyingKey& witness_key);
  // Every stored co-signature of the checkpoint of `tree_size` entries.
  Result<std::vector<Cosignature>> Cosignatures(std::uint64_t tree_size);

  // Entries whose `at` is at or after `since`, in log order (nonce cache and quota rebuild).
  Result<std::vector<AuditEntry>> EntriesSince(protocol::Seconds since);

  // Witness side. The last checkpoint of `peer` this node co-signed (nullopt: never).
  Result<std::optional<SignedCheckpoint>> LastWitnessed(const protocol::NodeId& peer);
  // Runs Witness (witness.h) for `presented` against the last checkpoint of its node this node
  // co-signed, with this node's identity key, and on success records `presented` as the new
  // last one. Errors of Witness; storage errors. Serialised per AuditLog.
  Result<Cosignature> WitnessCheckpoint(const crypto::VerifyingKey& peer_key,
                                        const SignedCheckpoint& presented,
                                        std::span<const crypto::MerkleHash> consistency_proof);

 private:
  struct Impl;
  explicit AuditLog(std::unique_ptr<Impl> impl);
  static Result<std::unique_ptr<AuditLog>> OpenWith(const std::filesystem::path& path,
                                                    const crypto::SecretBytes* key,
                                                    const protocol::NodeId& node,
                                                    const crypto::SigningKey& signing_key,
                                                    Options options);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tandem::node::audit
