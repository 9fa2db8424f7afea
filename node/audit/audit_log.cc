#include "node/audit/audit_log.h"

#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <tuple>
#include <utility>

#include "core/check.h"
#include "node/audit/internal/database.h"
#include "node/audit/internal/frontier.h"
#include "node/audit/internal/json.h"
#include "node/audit/internal/stored_tree.h"
#include "node/audit/messages.h"
#include "node/audit/witness.h"
#include "node/store/internal/sqlite.h"

namespace tandem::node::audit {
namespace {

using store::internal::Connection;
using store::internal::Exec;
using store::internal::Statement;

// How often the idle writer thread wakes to see whether a checkpoint is due.
constexpr auto kIdlePoll = std::chrono::milliseconds(50);
// Group commit: after a batch of several appenders is acknowledged, the writer waits this
// long at most (and never longer than the last commit took) for them to queue their next
// entries, so that appenders released together commit together instead of settling into
// two half-size batches that alternate.
constexpr auto kMaxGather = std::chrono::microseconds(2000);
// The writer connection does not checkpoint the WAL itself (that would stall the appends of
// the commit that crosses the threshold); a checkpointer thread on its own connection copies
// the WAL into the database whenever a commit leaves at least this many pages in it (the
// next commit after a complete copy starts the WAL again from its beginning).
constexpr int kCheckpointPages = 2000;

std::span<const std::uint8_t> Bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

template <std::size_t N>
bool CopyBlob(std::span<const std::uint8_t> blob, std::array<std::uint8_t, N>& out) {
  if (blob.size() != N) return false;
  std::copy(blob.begin(), blob.end(), out.begin());
  return true;
}

struct Item {
  std::string data;
  crypto::MerkleHash leaf_hash{};
  std::int64_t at = 0;
};

// One caller's work for the writer thread: entries to append, or a write task.
struct Request {
  std::vector<Item> items;
  std::function<Status()> task;
  bool done = false;
  // Signalled (under the queue mutex) when done is set: each caller waits on its own.
  std::condition_variable done_cv;
  Status status;
  std::uint64_t first_index = 0;
};

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

}  // namespace

struct AuditLog::Impl {
  Impl(protocol::NodeId node_id, const crypto::SigningKey& key, Options opts)
      : node(std::move(node_id)), signing_key(&key), options(std::move(opts)) {}

  protocol::NodeId node;
  const crypto::SigningKey* signing_key;
  Options options;

  // Writer thread only (after Open).
  Connection write_db;
  std::optional<Statement> insert_entry, insert_node, insert_checkpoint, insert_cosignature,
      upsert_witnessed, writer_select_node;
  internal::Frontier frontier;

  // Reader connection, under read_mutex.
  std::mutex read_mutex;
  Connection read_db;
  std::optional<Statement> select_node, select_entry, select_since, select_checkpoint,
      select_cosignatures, select_witnessed;

  // The queue between callers and the writer thread.
  std::mutex queue_mutex;
  std::condition_variable queue_cv;
  std::deque<Request*> queue;
  bool stopping = false;
  std::thread writer;

  // What the writer has made durable.
  mutable std::mutex state_mutex;
  std::uint64_t durable_size = 0;
  std::optional<SignedCheckpoint> latest;

  std::mutex witness_mutex;

  // Levels of the tree above UpperLevels::kLowestLevel, in memory; the writer adds to them
  // (exclusive) after each commit, proofs read them (shared).
  mutable std::shared_mutex upper_mutex;
  internal::UpperLevels upper;

  // WAL checkpoints on their own connection and thread (kCheckpointPages).
  Connection checkpoint_db;
  std::mutex checkpoint_mutex;
  std::condition_variable checkpoint_cv;
  bool checkpoint_due = false;
  bool checkpoint_stopping = false;
  std::thread checkpointer;

  protocol::Seconds Now() const { return options.clock ? options.clock() : protocol::SystemNow(); }

  std::optional<SignedCheckpoint> Latest() const {
    std::lock_guard lock(state_mutex);
    return latest;
  }

  Status Submit(Request& request) {
    if (auto queued = Enqueue(request); !queued) return queued;
    WaitFor(request);
    return Ok();
  }

  // Puts `request` at the end of the queue; the writer takes requests in queue order.
  Status Enqueue(Request& request) {
    std::lock_guard lock(queue_mutex);
    if (stopping) return Fail(Code::kUnavailable, "the audit log is closing");
    queue.push_back(&request);
    queue_cv.notify_one();
    return Ok();
  }

  void WaitFor(Request& request) {
    std::unique_lock lock(queue_mutex);
    request.done_cv.wait(lock, [&] { return request.done; });
  }

  Status RunOnWriter(std::function<Status()> task) {
    Request request;
    request.task = std::move(task);
    if (auto submitted = Submit(request); !submitted) return submitted;
    return request.status;
  }

  void Run() {
    std::unique_lock lock(queue_mutex);
    std::size_t released = 0;  // appenders acknowledged by the last batch
    std::chrono::steady_clock::duration last_commit{};
    for (;;) {
      const std::size_t wanted = queue.size() + released;
      if (queue.empty()) {
        if (stopping) break;
        queue_cv.wait_for(lock, kIdlePoll);
      }
      if (released > 1 && !stopping) {
        // Let the appenders just acknowledged join this batch (kMaxGather).
        const auto gather = std::min<std::chrono::steady_clock::duration>(kMaxGather, last_commit);
        queue_cv.wait_for(lock, gather, [&] { return stopping || queue.size() >= wanted; });
      }
      std::vector<Request*> appends;
      std::vector<Request*> tasks;
      std::size_t count = 0;
      while (!queue.empty()) {
        Request* request = queue.front();
        if (request->task) {
          tasks.push_back(request);
        } else {
          if (!appends.empty() && count + request->items.size() > options.max_batch) break;
          count += request->items.size();
          appends.push_back(request);
        }
        queue.pop_front();
      }
      lock.unlock();
      const auto commit_start = std::chrono::steady_clock::now();
      if (!appends.empty()) CommitAppends(appends);
      last_commit = std::chrono::steady_clock::now() - commit_start;
      for (Request* task : tasks) task->status = task->task();
      if (options.background_checkpoints) (void)SignCheckpointIfDue(/*force=*/false);
      lock.lock();
      for (Request* request : appends) {
        request->done = true;
        request->done_cv.notify_one();
      }
      for (Request* request : tasks) {
        request->done = true;
        request->done_cv.notify_one();
      }
      released = appends.size();
    }
  }

  void CommitAppends(const std::vector<Request*>& requests) {
    sqlite3* db = write_db.get();
    const internal::Frontier saved = frontier;
    std::vector<std::tuple<int, std::uint64_t, crypto::MerkleHash>> upper_added;
    Status status = Exec(db, "BEGIN IMMEDIATE", "starting an audit log append");
    for (Request* request : requests) {
      if (!status) break;
      request->first_index = frontier.size();
      for (const Item& item : request->items) {
        const auto index = static_cast<std::int64_t>(frontier.size());
        status = insert_entry->Bind(1, index)
                     .Bind(2, item.at)
                     .BindBlob(3, Bytes(item.data))
                     .Run("appending an audit entry");
        if (!status) break;
        frontier.Append(item.leaf_hash,
                        [&](int level, std::uint64_t idx, const crypto::MerkleHash& hash) {
                          if (!status) return;
                          if (level >= internal::UpperLevels::kLowestLevel) {
                            upper_added.emplace_back(level, idx, hash);
                          }
                          status = insert_node->Bind(1, static_cast<std::int64_t>(level))
                                       .Bind(2, static_cast<std::int64_t>(idx))
                                       .BindBlob(3, hash)
                                       .Run("storing an audit tree hash");
                        });
        if (!status) break;
      }
    }
    if (status) status = Exec(db, "COMMIT", "committing audit log appends");
    if (!status) {
      if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      frontier = saved;
      for (Request* request : requests) request->status = tl::unexpected(status.error());
      return;
    }
    if (!upper_added.empty()) {
      std::unique_lock upper_lock(upper_mutex);
      for (const auto& [level, idx, hash] : upper_added) upper.Add(level, idx, hash);
    }
    std::lock_guard lock(state_mutex);
    durable_size = frontier.size();
  }

  // Checkpointer thread: copies the WAL into the database (PASSIVE: never waits for or blocks
  // the writer or readers) whenever the writer's WAL hook says it has grown enough.
  void RunCheckpointer() {
    std::unique_lock lock(checkpoint_mutex);
    for (;;) {
      checkpoint_cv.wait(lock, [&] { return checkpoint_due || checkpoint_stopping; });
      if (checkpoint_stopping) break;
      checkpoint_due = false;
      lock.unlock();
      sqlite3_wal_checkpoint_v2(checkpoint_db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                nullptr);
      lock.lock();
    }
  }

  // sqlite3_wal_hook of the writer connection, after each commit: `pages` is the WAL's size.
  static int OnWalCommit(void* self, sqlite3* /*db*/, const char* /*name*/, int pages) {
    auto* impl = static_cast<Impl*>(self);
    if (pages >= kCheckpointPages) {
      std::lock_guard lock(impl->checkpoint_mutex);
      impl->checkpoint_due = true;
      impl->checkpoint_cv.notify_one();
    }
    return SQLITE_OK;
  }

  void StopCheckpointer() {
    {
      std::lock_guard lock(checkpoint_mutex);
      checkpoint_stopping = true;
    }
    checkpoint_cv.notify_all();
    if (checkpointer.joinable()) checkpointer.join();
  }

  // Writer thread only. Signs and stores a checkpoint of the current tree when it grew since
  // the latest and (unless forced) the interval has passed.
  Status SignCheckpointIfDue(bool force) {
    const auto previous = Latest();
    const std::uint64_t size = frontier.size();
    if (previous && previous->tree_size >= size) return Ok();
    if (!force) {
      if (size == 0) return Ok();
      if (previous && Now() - previous->at < options.checkpoint_interval) return Ok();
    }
    auto checkpoint = SignCheckpoint(node, size, frontier.Root(), Now(), *signing_key);
    if (!checkpoint) return tl::unexpected(checkpoint.error());
    auto stored = insert_checkpoint->Bind(1, static_cast<std::int64_t>(checkpoint->tree_size))
                      .Bind(2, static_cast<std::int64_t>(checkpoint->at.time_since_epoch().count()))
                      .BindBlob(3, checkpoint->root)
                      .BindBlob(4, checkpoint->sig)
                      .Run("storing a signed checkpoint");
    if (!stored) return stored;
    std::lock_guard lock(state_mutex);
    latest = *checkpoint;
    return Ok();
  }

  Status PrepareWriter() {
    sqlite3* db = write_db.get();
    const std::array<std::pair<std::optional<Statement>*, const char*>, 6> table = {{
        {&insert_entry, "INSERT INTO entries (idx, at, data) VALUES (?1, ?2, ?3)"},
        {&insert_node, "INSERT INTO nodes (level, idx, hash) VALUES (?1, ?2, ?3)"},
        {&insert_checkpoint,
         "INSERT INTO checkpoints (tree_size, at, root, sig) VALUES (?1, ?2, ?3, ?4)"},
        {&insert_cosignature,
         "INSERT OR IGNORE INTO cosignatures (tree_size, witness, witness_key, sig) "
         "VALUES (?1, ?2, ?3, ?4)"},
        {&upsert_witnessed, "INSERT OR REPLACE INTO witnessed (peer, checkpoint) VALUES (?1, ?2)"},
        {&writer_select_node, "SELECT hash FROM nodes WHERE level = ?1 AND idx = ?2"},
    }};
    for (const auto& [slot, sql] : table) {
      auto stmt = Prepare(db, sql);
      if (!stmt) return tl::unexpected(stmt.error());
      slot->emplace(std::move(*stmt));
    }
    return Ok();
  }

  Status PrepareReader() {
    sqlite3* db = read_db.get();
    const std::array<std::pair<std::optional<Statement>*, const char*>, 6> table = {{
        {&select_node, "SELECT hash FROM nodes WHERE level = ?1 AND idx = ?2"},
        {&select_entry, "SELECT data FROM entries WHERE idx = ?1"},
        {&select_since, "SELECT idx, data FROM entries WHERE at >= ?1 ORDER BY idx"},
        {&select_checkpoint,
         "SELECT tree_size, at, root, sig FROM checkpoints WHERE tree_size = ?1"},
        {&select_cosignatures, "SELECT witness, sig FROM cosignatures WHERE tree_size = ?1"},
        {&select_witnessed, "SELECT checkpoint FROM witnessed WHERE peer = ?1"},
    }};
    for (const auto& [slot, sql] : table) {
      auto stmt = Prepare(db, sql);
      if (!stmt) return tl::unexpected(stmt.error());
      slot->emplace(std::move(*stmt));
    }
    return Ok();
  }
};

namespace {

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
  item.leaf_hash = crypto::HashMerkleLeaf(Bytes(*data));
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
