#include "node/audit/audit_log.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <utility>

#include "core/check.h"
#include "crypto/bytes.h"
#include "node/audit/internal/database.h"
#include "node/audit/internal/json.h"
#include "node/audit/internal/log_impl.h"
#include "node/audit/messages.h"
#include "node/audit/witness.h"

namespace tandem::node::audit {
namespace {

using internal::Item;
using internal::Request;
using store::internal::Exec;
using store::internal::Statement;

template <std::size_t N>
bool CopyBlob(std::span<const std::uint8_t> blob, std::array<std::uint8_t, N>& out) {
  if (blob.size() != N) return false;
  std::copy(blob.begin(), blob.end(), out.begin());
  return true;
}

Result<Statement> Prepare(sqlite3* db, std::string_view sql) { return Statement::Prepare(db, sql); }

// A deferred read transaction on the reader connection, so a proof's reads see one snapshot.
class ReadTransaction {
 public:
  explicit ReadTransaction(sqlite3* db) : db_(db) {
    ok_ = sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  ~ReadTransaction() {
    if (ok_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  sqlite3* db_;
  bool ok_ = false;
};

Result<std::optional<std::string>> ReadMeta(sqlite3* db, std::string_view name) {
  auto stmt = Prepare(db, "SELECT value FROM meta WHERE name = ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, name);
  auto row = stmt->Step("reading the audit log's owner");
  if (!row) return tl::unexpected(row.error());
  std::optional<std::string> value;
  if (*row) value = std::string(stmt->ColumnText(0));
  stmt->Reset();
  return value;
}

// Records the node id and identity key on first use; afterwards refuses any other.
Status CheckOwner(sqlite3* db, const protocol::NodeId& node, const crypto::VerifyingKey& key) {
  auto stored_node = ReadMeta(db, "node_id");
  if (!stored_node) return tl::unexpected(stored_node.error());
  auto stored_key = ReadMeta(db, "node_key");
  if (!stored_key) return tl::unexpected(stored_key.error());
  if (!*stored_node) {
    auto insert = Prepare(db, "INSERT INTO meta (name, value) VALUES (?1, ?2)");
    if (!insert) return tl::unexpected(insert.error());
    const std::string key_hex = key.Hex();
    if (auto st = insert->Bind(1, "node_id").Bind(2, node.value()).Run("recording the owner");
        !st) {
      return st;
    }
    return insert->Bind(1, "node_key").Bind(2, key_hex).Run("recording the owner's key");
  }
  if (**stored_node != node.value()) {
    return Fail(Code::kInvalidArgument, "this audit log belongs to node '" + **stored_node +
                                            "', not '" + node.value() + "'");
  }
  if (!*stored_key || **stored_key != key.Hex()) {
    return Fail(Code::kInvalidArgument,
                "this audit log's checkpoints are signed by another identity key than the one "
                "given; open it with the node's own identity.key");
  }
  return Ok();
}

Result<std::uint64_t> ReadSize(sqlite3* db) {
  auto stmt = Prepare(db, "SELECT max(idx) FROM entries");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("reading the audit log size");
  if (!row) return tl::unexpected(row.error());
  if (!*row || stmt->ColumnIsNull(0)) return std::uint64_t{0};
  return static_cast<std::uint64_t>(stmt->ColumnInt(0)) + 1;
}

Result<std::optional<SignedCheckpoint>> ReadLatestCheckpoint(sqlite3* db,
                                                             const protocol::NodeId& node) {
  auto stmt = Prepare(
      db, "SELECT tree_size, at, root, sig FROM checkpoints ORDER BY tree_size DESC LIMIT 1");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("reading the latest checkpoint");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<SignedCheckpoint>();
  SignedCheckpoint checkpoint{node,
                              static_cast<std::uint64_t>(stmt->ColumnInt(0)),
                              {},
                              protocol::Seconds{std::chrono::seconds(stmt->ColumnInt(1))},
                              {}};
  if (!CopyBlob(stmt->ColumnBlob(2), checkpoint.root) ||
      !CopyBlob(stmt->ColumnBlob(3), checkpoint.sig)) {
    return Fail(Code::kCorruption, "the audit log is damaged: the latest checkpoint is malformed");
  }
  return std::optional<SignedCheckpoint>(checkpoint);
}

Result<SignedCheckpoint> CheckpointFromRow(const Statement& stmt, const protocol::NodeId& node) {
  SignedCheckpoint checkpoint{node,
                              static_cast<std::uint64_t>(stmt.ColumnInt(0)),
                              {},
                              protocol::Seconds{std::chrono::seconds(stmt.ColumnInt(1))},
                              {}};
  if (!CopyBlob(stmt.ColumnBlob(2), checkpoint.root) ||
      !CopyBlob(stmt.ColumnBlob(3), checkpoint.sig)) {
    return Fail(Code::kCorruption, "the audit log is damaged: the checkpoint at size " +
                                       std::to_string(checkpoint.tree_size) + " is malformed");
  }
  return checkpoint;
}

}  // namespace

AuditLog::AuditLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

AuditLog::~AuditLog() {
  {
    std::lock_guard lock(impl_->queue_mutex);
    impl_->stopping = true;
  }
  impl_->queue_cv.notify_all();
  if (impl_->writer.joinable()) impl_->writer.join();
  impl_->StopCheckpointer();
}

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const std::filesystem::path& path,
                                                 const crypto::SecretBytes& key,
                                                 const protocol::NodeId& node,
                                                 const crypto::SigningKey& signing_key,
                                                 Options options) {
  if (key.size() != 32) return Fail(Code::kInvalidArgument, "the store key must be 32 bytes");
  return OpenWith(path, &key, node, signing_key, std::move(options));
}

Result<std::unique_ptr<AuditLog>> AuditLog::OpenUnencrypted(const std::filesystem::path& path,
                                                            const protocol::NodeId& node,
                                                            const crypto::SigningKey& signing_key,
                                                            Options options) {
  return OpenWith(path, nullptr, node, signing_key, std::move(options));
}

Result<std::unique_ptr<AuditLog>> AuditLog::OpenWith(const std::filesystem::path& path,
                                                     const crypto::SecretBytes* key,
                                                     const protocol::NodeId& node,
                                                     const crypto::SigningKey& signing_key,
                                                     Options options) {
  if (options.max_batch == 0) options.max_batch = 1;
  auto impl = std::make_unique<Impl>(node, signing_key, std::move(options));
  auto write_db = internal::OpenAuditDatabase(path, key, impl->options.create_if_missing);
  if (!write_db) return tl::unexpected(write_db.error());
  impl->write_db = std::move(*write_db);
  sqlite3* db = impl->write_db.get();
  if (auto owner = CheckOwner(db, node, signing_key.verifying_key()); !owner) {
    return tl::unexpected(owner.error());
  }
  if (auto prepared = impl->PrepareWriter(); !prepared) return tl::unexpected(prepared.error());

  auto size = ReadSize(db);
  if (!size) return tl::unexpected(size.error());
  Status edge_status;
  const bool loaded =
      impl->frontier.Load(*size, [&](int level, std::uint64_t index, crypto::MerkleHash& out) {
        auto hash = internal::ReadNodeHash(*impl->writer_select_node, level, index);
        if (!hash) {
          edge_status = tl::unexpected(hash.error());
          return false;
        }
        out = *hash;
        return true;
      });
  if (!loaded) return tl::unexpected(edge_status.error());
  if (*size > 0) {
    // The last leaf hash must be there even when the edge did not need it.
    auto last = internal::ReadNodeHash(*impl->writer_select_node, 0, *size - 1);
    if (!last) return tl::unexpected(last.error());
  }

  auto latest = ReadLatestCheckpoint(db, node);
  if (!latest) return tl::unexpected(latest.error());
  if (*latest) {
    const SignedCheckpoint& checkpoint = **latest;
    if (checkpoint.tree_size > *size) {
      return Fail(Code::kCorruption, "the audit log holds " + std::to_string(*size) +
                                         " entries but its latest signed checkpoint covers " +
                                         std::to_string(checkpoint.tree_size) +
                                         ": entries were removed; run `tandem audit verify`");
    }
    internal::StoredTree tree(*impl->writer_select_node, *size);
    auto root = crypto::MerkleRootAt(tree, checkpoint.tree_size);
    if (!root) return tl::unexpected(root.error());
    if (*root != checkpoint.root || !VerifyCheckpoint(checkpoint, signing_key.verifying_key())) {
      return Fail(Code::kCorruption,
                  "the audit log does not match its latest signed checkpoint "
                  "(size " +
                      std::to_string(checkpoint.tree_size) +
                      "): it was altered; run `tandem audit verify`");
    }
  }
  impl->durable_size = *size;
  impl->latest = *latest;
  {
    auto select_level = Prepare(db, "SELECT idx, hash FROM nodes WHERE level = ?1 ORDER BY idx");
    if (!select_level) return tl::unexpected(select_level.error());
    if (auto loaded_upper = impl->upper.Load(*select_level, *size); !loaded_upper) {
      return tl::unexpected(loaded_upper.error());
    }
  }

  auto read_db = internal::OpenAuditDatabase(path, key, /*create_if_missing=*/false);
  if (!read_db) return tl::unexpected(read_db.error());
  impl->read_db = std::move(*read_db);
  if (auto prepared = impl->PrepareReader(); !prepared) return tl::unexpected(prepared.error());
  // Proofs read the lowest levels of the tree at random: keep more of them in the cache.
  const std::string cache_size = "PRAGMA cache_size = -" + std::to_string(std::max<std::int64_t>(
                                                               impl->options.read_cache_kib, 1024));
  if (auto sized = Exec(impl->read_db.get(), cache_size.c_str(), "sizing the cache"); !sized) {
    return tl::unexpected(sized.error());
  }

  auto checkpoint_db = internal::OpenAuditDatabase(path, key, /*create_if_missing=*/false);
  if (!checkpoint_db) return tl::unexpected(checkpoint_db.error());
  impl->checkpoint_db = std::move(*checkpoint_db);
  sqlite3_wal_hook(db, &Impl::OnWalCommit, impl.get());

  Impl* raw = impl.get();
  impl->checkpointer = std::thread([raw] { raw->RunCheckpointer(); });
  impl->writer = std::thread([raw] { raw->Run(); });
  return std::unique_ptr<AuditLog>(new AuditLog(std::move(impl)));
}

const protocol::NodeId& AuditLog::node() const { return impl_->node; }

const crypto::VerifyingKey& AuditLog::verifying_key() const {
  return impl_->signing_key->verifying_key();
}

std::uint64_t AuditLog::size() const {
  std::lock_guard lock(impl_->state_mutex);
  return impl_->durable_size;
}

Result<AuditReceipt> AuditLog::Append(const AuditEntry& entry) {
  auto receipts = AppendBatch({&entry, 1});
  if (!receipts) return tl::unexpected(receipts.error());
  return receipts->front();
}

namespace {

Result<Item> EncodeItem(const AuditEntry& entry) {
  auto data = EncodeEntry(entry);
  if (!data) return tl::unexpected(data.error());
  Item item;
  item.leaf_hash = crypto::HashMerkleLeaf(crypto::Bytes(*data));
  item.at = entry.at.time_since_epoch().count();
  item.data = std::move(*data);
  return item;
}

}  // namespace

struct AuditLog::PendingAppend::State {
  AuditLog::Impl* impl = nullptr;
  Request request;
  bool waited = false;
};

AuditLog::PendingAppend::PendingAppend(std::unique_ptr<State> state) : state_(std::move(state)) {}

AuditLog::PendingAppend::~PendingAppend() {
  // The writer holds a pointer to the request until it marks it done.
  if (state_ != nullptr && !state_->waited) state_->impl->WaitFor(state_->request);
}

Result<AuditReceipt> AuditLog::PendingAppend::Wait() {
  TANDEM_CHECK(!state_->waited);
  state_->impl->WaitFor(state_->request);
  state_->waited = true;
  const Request& request = state_->request;
  if (!request.status) return tl::unexpected(request.status.error());
  return AuditReceipt{request.first_index, request.items.front().leaf_hash};
}

Result<std::unique_ptr<AuditLog::PendingAppend>> AuditLog::Enqueue(const AuditEntry& entry) {
  auto item = EncodeItem(entry);
  if (!item) return tl::unexpected(item.error());
  auto state = std::make_unique<PendingAppend::State>();
  state->impl = impl_.get();
  state->request.items.push_back(std::move(*item));
  if (auto queued = impl_->Enqueue(state->request); !queued) return tl::unexpected(queued.error());
  return std::unique_ptr<PendingAppend>(new PendingAppend(std::move(state)));
}

Result<std::vector<AuditReceipt>> AuditLog::AppendBatch(std::span<const AuditEntry> entries) {
  Request request;
  request.items.reserve(entries.size());
  for (const AuditEntry& entry : entries) {
    auto item = EncodeItem(entry);
    if (!item) return tl::unexpected(item.error());
    request.items.push_back(std::move(*item));
  }
  if (request.items.empty()) return std::vector<AuditReceipt>{};
  if (auto submitted = impl_->Submit(request); !submitted) return tl::unexpected(submitted.error());
  if (!request.status) return tl::unexpected(request.status.error());
  std::vector<AuditReceipt> receipts;
  receipts.reserve(request.items.size());
  for (std::size_t i = 0; i < request.items.size(); ++i) {
    receipts.push_back({request.first_index + i, request.items[i].leaf_hash});
  }
  return receipts;
}

Result<SignedCheckpoint> AuditLog::Checkpoint() {
  auto done = impl_->RunOnWriter([this] { return impl_->SignCheckpointIfDue(/*force=*/true); });
  if (!done) return tl::unexpected(done.error());
  return LatestCheckpoint();
}

Result<SignedCheckpoint> AuditLog::LatestCheckpoint() {
  auto latest = impl_->Latest();
  if (!latest) return Fail(Code::kNotFound, "the audit log has no signed checkpoint yet");
  return *latest;
}

Result<SignedCheckpoint> AuditLog::CheckpointAt(std::uint64_t tree_size) {
  std::lock_guard lock(impl_->read_mutex);
  auto& stmt = *impl_->select_checkpoint;
  stmt.Bind(1, static_cast<std::int64_t>(tree_size));
  auto row = stmt.Step("reading a checkpoint");
  if (!row) return tl::unexpected(row.error());
  if (!*row) {
    stmt.Reset();
    return Fail(Code::kNotFound,
                "the audit log has no checkpoint at size " + std::to_string(tree_size));
  }
  auto checkpoint = CheckpointFromRow(stmt, impl_->node);
  stmt.Reset();
  return checkpoint;
}

Result<AuditEntry> AuditLog::Entry(std::uint64_t index) {
  if (index >= size()) {
    return Fail(Code::kNotFound, "the audit log has no entry " + std::to_string(index));
  }
  std::lock_guard lock(impl_->read_mutex);
  auto& stmt = *impl_->select_entry;
  stmt.Bind(1, static_cast<std::int64_t>(index));
  auto row = stmt.Step("reading an audit entry");
  if (!row) return tl::unexpected(row.error());
  Result<AuditEntry> entry = Fail(Code::kCorruption, "the audit log is damaged: entry " +
                                                         std::to_string(index) + " is missing");
  if (*row) {
    const auto blob = stmt.ColumnBlob(0);
    entry = DecodeEntry({reinterpret_cast<const char*>(blob.data()), blob.size()});
    if (!entry) {
      entry = Fail(Code::kCorruption, "the audit log is damaged: entry " + std::to_string(index) +
                                          ": " + entry.error().message);
    }
  }
  stmt.Reset();
  return entry;
}

Result<crypto::MerkleHash> AuditLog::LeafHash(std::uint64_t index) {
  if (index >= size()) {
    return Fail(Code::kNotFound, "the audit log has no entry " + std::to_string(index));
  }
  std::lock_guard lock(impl_->read_mutex);
  return internal::ReadNodeHash(*impl_->select_node, 0, index);
}

Result<crypto::MerkleHash> AuditLog::RootAt(std::uint64_t tree_size) {
  const std::uint64_t durable = size();
  std::lock_guard lock(impl_->read_mutex);
  ReadTransaction txn(impl_->read_db.get());
  std::shared_lock upper_lock(impl_->upper_mutex);
  internal::StoredTree tree(*impl_->select_node, durable, &impl_->upper);
  return crypto::MerkleRootAt(tree, tree_size);
}

Result<std::vector<crypto::MerkleHash>> AuditLog::InclusionProof(std::uint64_t index,
                                                                 std::uint64_t tree_size) {
  const std::uint64_t durable = size();
  std::lock_guard lock(impl_->read_mutex);
  ReadTransaction txn(impl_->read_db.get());
  std::shared_lock upper_lock(impl_->upper_mutex);
  internal::StoredTree tree(*impl_->select_node, durable, &impl_->upper);
  return crypto::InclusionProof(tree, index, tree_size);
}

Result<std::vector<crypto::MerkleHash>> AuditLog::ConsistencyProof(std::uint64_t first,
                                                                   std::uint64_t second) {
  const std::uint64_t durable = size();
  std::lock_guard lock(impl_->read_mutex);
  ReadTransaction txn(impl_->read_db.get());
  std::shared_lock upper_lock(impl_->upper_mutex);
  internal::StoredTree tree(*impl_->select_node, durable, &impl_->upper);
  return crypto::ConsistencyProof(tree, first, second);
}

Status AuditLog::AddCosignature(const SignedCheckpoint& checkpoint, const protocol::NodeId& witness,
                                const crypto::Ed25519Signature& sig,
                                const crypto::VerifyingKey& witness_key) {
  auto stored = CheckpointAt(checkpoint.tree_size);
  if (!stored) {
    if (stored.error().code != Code::kNotFound) return tl::unexpected(stored.error());
    return Fail(Code::kNotFound, "this audit log never signed a checkpoint at size " +
                                     std::to_string(checkpoint.tree_size));
  }
  if (!(*stored == checkpoint)) {
    return Fail(Code::kNotFound, "the co-signed checkpoint at size " +
                                     std::to_string(checkpoint.tree_size) +
                                     " is not the one this audit log signed");
  }
  const Cosignature cosignature{witness, checkpoint, sig};
  if (auto verified = VerifyCosignature(cosignature, witness_key); !verified) return verified;
  return impl_->RunOnWriter([&] {
    return impl_->insert_cosignature->Bind(1, static_cast<std::int64_t>(checkpoint.tree_size))
        .Bind(2, witness.value())
        .BindBlob(3, witness_key.bytes())
        .BindBlob(4, sig)
        .Run("storing a co-signature");
  });
}

Result<std::vector<Cosignature>> AuditLog::Cosignatures(std::uint64_t tree_size) {
  auto checkpoint = CheckpointAt(tree_size);
  if (!checkpoint) return tl::unexpected(checkpoint.error());
  std::lock_guard lock(impl_->read_mutex);
  auto& stmt = *impl_->select_cosignatures;
  stmt.Bind(1, static_cast<std::int64_t>(tree_size));
  std::vector<Cosignature> out;
  for (;;) {
    auto row = stmt.Step("reading co-signatures");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto witness = protocol::NodeId::Create(stmt.ColumnText(0));
    crypto::Ed25519Signature sig{};
    if (!witness || !CopyBlob(stmt.ColumnBlob(1), sig)) {
      stmt.Reset();
      return Fail(Code::kCorruption, "the audit log is damaged: a co-signature of size " +
                                         std::to_string(tree_size) + " is malformed");
    }
    out.push_back({*std::move(witness), *checkpoint, sig});
  }
  stmt.Reset();
  return out;
}

Result<std::vector<AuditEntry>> AuditLog::EntriesSince(protocol::Seconds since) {
  std::lock_guard lock(impl_->read_mutex);
  ReadTransaction txn(impl_->read_db.get());
  auto& stmt = *impl_->select_since;
  stmt.Bind(1, static_cast<std::int64_t>(since.time_since_epoch().count()));
  std::vector<AuditEntry> out;
  for (;;) {
    auto row = stmt.Step("reading recent audit entries");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    const auto blob = stmt.ColumnBlob(1);
    auto entry = DecodeEntry({reinterpret_cast<const char*>(blob.data()), blob.size()});
    if (!entry) {
      const auto index = stmt.ColumnInt(0);
      stmt.Reset();
      return Fail(Code::kCorruption, "the audit log is damaged: entry " + std::to_string(index) +
                                         ": " + entry.error().message);
    }
    out.push_back(std::move(*entry));
  }
  stmt.Reset();
  return out;
}

Result<std::optional<SignedCheckpoint>> AuditLog::LastWitnessed(const protocol::NodeId& peer) {
  std::lock_guard lock(impl_->read_mutex);
  auto& stmt = *impl_->select_witnessed;
  stmt.Bind(1, peer.value());
  auto row = stmt.Step("reading the last witnessed checkpoint");
  if (!row) return tl::unexpected(row.error());
  std::optional<SignedCheckpoint> last;
  if (*row) {
    auto decoded = DecodeCheckpoint(stmt.ColumnText(0));
    if (!decoded) {
      stmt.Reset();
      return Fail(Code::kCorruption, "the audit log is damaged: the last witnessed checkpoint of " +
                                         peer.value() + ": " + decoded.error().message);
    }
    last = std::move(*decoded);
  }
  stmt.Reset();
  return last;
}

Result<Cosignature> AuditLog::WitnessCheckpoint(
    const crypto::VerifyingKey& peer_key, const SignedCheckpoint& presented,
    std::span<const crypto::MerkleHash> consistency_proof) {
  std::lock_guard lock(impl_->witness_mutex);
  auto last = LastWitnessed(presented.node);
  if (!last) return tl::unexpected(last.error());
  auto cosignature =
      Witness(peer_key, *last, presented, consistency_proof, impl_->node, *impl_->signing_key);
  if (!cosignature) return cosignature;
  auto json = EncodeCheckpoint(presented);
  if (!json) return tl::unexpected(json.error());
  auto stored = impl_->RunOnWriter([&] {
    return impl_->upsert_witnessed->Bind(1, presented.node.value())
        .Bind(2, *json)
        .Run("recording a witnessed checkpoint");
  });
  if (!stored) return tl::unexpected(stored.error());
  return cosignature;
}

}  // namespace tandem::node::audit
