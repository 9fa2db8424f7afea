// The writer thread of AuditLog::Impl (internal/log_impl.h): group commit of queued appends,
// signed checkpoints, and the WAL checkpointer beside it.
#include <algorithm>
#include <array>
#include <chrono>
#include <tuple>
#include <utility>

#include "crypto/bytes.h"
#include "node/audit/checkpoint.h"
#include "node/audit/internal/log_impl.h"

namespace tandem::node::audit {
namespace {

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

}  // namespace

Status AuditLog::Impl::Submit(Request& request) {
  if (auto queued = Enqueue(request); !queued) return queued;
  WaitFor(request);
  return Ok();
}

Status AuditLog::Impl::Enqueue(Request& request) {
  std::lock_guard lock(queue_mutex);
  if (stopping) return Fail(Code::kUnavailable, "the audit log is closing");
  queue.push_back(&request);
  queue_cv.notify_one();
  return Ok();
}

void AuditLog::Impl::WaitFor(Request& request) {
  std::unique_lock lock(queue_mutex);
  request.done_cv.wait(lock, [&] { return request.done; });
}

Status AuditLog::Impl::RunOnWriter(std::function<Status()> task) {
  Request request;
  request.task = std::move(task);
  if (auto submitted = Submit(request); !submitted) return submitted;
  return request.status;
}

void AuditLog::Impl::Run() {
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

void AuditLog::Impl::CommitAppends(const std::vector<Request*>& requests) {
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
                   .BindBlob(3, crypto::Bytes(item.data))
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

void AuditLog::Impl::RunCheckpointer() {
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

int AuditLog::Impl::OnWalCommit(void* self, sqlite3* /*db*/, const char* /*name*/, int pages) {
  auto* impl = static_cast<Impl*>(self);
  if (pages >= kCheckpointPages) {
    std::lock_guard lock(impl->checkpoint_mutex);
    impl->checkpoint_due = true;
    impl->checkpoint_cv.notify_one();
  }
  return SQLITE_OK;
}

void AuditLog::Impl::StopCheckpointer() {
  {
    std::lock_guard lock(checkpoint_mutex);
    checkpoint_stopping = true;
  }
  checkpoint_cv.notify_all();
  if (checkpointer.joinable()) checkpointer.join();
}

Status AuditLog::Impl::SignCheckpointIfDue(bool force) {
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

Status AuditLog::Impl::PrepareWriter() {
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
  return store::internal::PrepareStatements(db, table);
}

Status AuditLog::Impl::PrepareReader() {
  sqlite3* db = read_db.get();
  const std::array<std::pair<std::optional<Statement>*, const char*>, 6> table = {{
      {&select_node, "SELECT hash FROM nodes WHERE level = ?1 AND idx = ?2"},
      {&select_entry, "SELECT data FROM entries WHERE idx = ?1"},
      {&select_since, "SELECT idx, data FROM entries WHERE at >= ?1 ORDER BY idx"},
      {&select_checkpoint, "SELECT tree_size, at, root, sig FROM checkpoints WHERE tree_size = ?1"},
      {&select_cosignatures, "SELECT witness, sig FROM cosignatures WHERE tree_size = ?1"},
      {&select_witnessed, "SELECT checkpoint FROM witnessed WHERE peer = ?1"},
  }};
  return store::internal::PrepareStatements(db, table);
}

}  // namespace tandem::node::audit
