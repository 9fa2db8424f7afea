// The state of an open audit log (AuditLog::Impl), shared by audit_log.cc (opening, reads,
// proofs, witnessing) and log_writer.cc (the writer thread: group commit of appends, signed
// checkpoints, and the WAL checkpointer beside it). Internal to node/audit.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "node/audit/audit_log.h"
#include "node/audit/internal/frontier.h"
#include "node/audit/internal/stored_tree.h"
#include "node/store/internal/sqlite.h"

namespace tandem::node::audit {
namespace internal {

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

}  // namespace internal

struct AuditLog::Impl {
  using Item = internal::Item;
  using Request = internal::Request;

  Impl(protocol::NodeId node_id, const crypto::SigningKey& key, Options opts)
      : node(std::move(node_id)), signing_key(&key), options(std::move(opts)) {}

  protocol::NodeId node;
  const crypto::SigningKey* signing_key;
  Options options;

  // Writer thread only (after Open).
  store::internal::Connection write_db;
  std::optional<store::internal::Statement> insert_entry, insert_node, insert_checkpoint,
      insert_cosignature, upsert_witnessed, writer_select_node;
  internal::Frontier frontier;

  // Reader connection, under read_mutex.
  std::mutex read_mutex;
  store::internal::Connection read_db;
  std::optional<store::internal::Statement> select_node, select_entry, select_since,
      select_checkpoint, select_cosignatures, select_witnessed;

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
  store::internal::Connection checkpoint_db;
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

  // Enqueue, then WaitFor.
  Status Submit(Request& request);
  // Puts `request` at the end of the queue; the writer takes requests in queue order.
  Status Enqueue(Request& request);
  // Blocks until the writer has marked `request` done.
  void WaitFor(Request& request);
  // Runs `task` on the writer thread, after the appends queued before it; its status.
  Status RunOnWriter(std::function<Status()> task);
  // The writer thread: takes the queue in batches of at most options.max_batch entries, commits
  // each batch in one transaction, runs the tasks, and signs a checkpoint when one is due.
  void Run();
  // Writer thread only. Appends the entries of `requests` and their tree hashes in one
  // transaction; on an error every request gets it and the frontier is as before.
  void CommitAppends(const std::vector<Request*>& requests);
  // Checkpointer thread: copies the WAL into the database (PASSIVE: never waits for or blocks
  // the writer or readers) whenever the writer's WAL hook says it has grown enough.
  void RunCheckpointer();
  // sqlite3_wal_hook of the writer connection, after each commit: `pages` is the WAL's size.
  static int OnWalCommit(void* self, sqlite3* /*db*/, const char* /*name*/, int pages);
  void StopCheckpointer();
  // Writer thread only. Signs and stores a checkpoint of the current tree when it grew since
  // the latest and (unless forced) the interval has passed.
  Status SignCheckpointIfDue(bool force);
  // The statements of the writer and of the reader connection.
  Status PrepareWriter();
  Status PrepareReader();
};

}  // namespace tandem::node::audit
