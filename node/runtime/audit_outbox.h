// Moves the audit entries queued in the node's store (by commands beside the node: an import, a
// change of the OPRF key share; by the node itself: a retention erasure, the agreement put in
// force; node/audit/local_entry.h) into the node's audit log, oldest first, and deletes them
// from the store once the log holds them. The node drains at start, before it serves, and then
// every NodeOptions::outbox_interval (docs/audit-log.md, "Local processing").
//
// Each change is logged once. A node killed after the append and before the delete finds the
// entries still queued at its next drain; it first reads the log's entries since the earliest
// queued one and skips every queued entry whose message_id (random per change) is already
// there.
//
// Uses a Store connection of its own, so a drain that waits for an import's write lock holds
// up no request handler. Thread-safety: Drain may be called from any thread, one at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>

#include "core/result.h"
#include "node/audit/audit_log.h"
#include "node/store/store.h"

namespace tandem::node::runtime {

class AuditOutbox {
 public:
  AuditOutbox(std::unique_ptr<store::Store> store, audit::AuditLog* log)
      : store_(std::move(store)), log_(log) {}

  // Moves every queued entry into the log; returns how many were appended (entries already in
  // the log are dropped without appending). kCorruption when a queued entry cannot be decoded
  // (it stays queued); errors of the store and the log otherwise, with nothing dropped that the
  // log does not hold.
  Result<std::size_t> Drain();

 private:
  std::mutex mutex_;
  std::unique_ptr<store::Store> store_;
  audit::AuditLog* log_;
};

}  // namespace tandem::node::runtime
