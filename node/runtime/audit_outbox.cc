#include "node/runtime/audit_outbox.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace tandem::node::runtime {
namespace {

// Entries moved per transaction of the log.
constexpr std::size_t kBatch = 256;

}  // namespace

Result<std::size_t> AuditOutbox::Drain() {
  std::lock_guard lock(mutex_);
  std::size_t appended = 0;
  for (;;) {
    auto queued = store_->QueuedAuditEntries(kBatch);
    if (!queued) return tl::unexpected(queued.error());
    if (queued->empty()) return appended;

    std::vector<audit::AuditEntry> entries;
    for (const store::QueuedAuditEntry& row : *queued) {
      auto entry = audit::DecodeEntry(row.entry);
      if (!entry) {
        return Fail(Code::kCorruption, "queued audit entry " + std::to_string(row.id) +
                                           " in the store is unreadable: " + entry.error().message);
      }
      entries.push_back(std::move(*entry));
    }
    const auto earliest = std::min_element(
        entries.begin(), entries.end(),
        [](const audit::AuditEntry& a, const audit::AuditEntry& b) { return a.at < b.at; });
    auto logged = log_->EntriesSince(earliest->at);
    if (!logged) return tl::unexpected(logged.error());
    std::set<std::string> logged_ids;
    for (const audit::AuditEntry& entry : *logged) logged_ids.insert(entry.message_id);
    std::erase_if(entries, [&](const audit::AuditEntry& entry) {
      return logged_ids.contains(entry.message_id);
    });

    if (!entries.empty()) {
      if (auto batch = log_->AppendBatch(entries); !batch) return tl::unexpected(batch.error());
      appended += entries.size();
    }
    if (auto dropped = store_->DropQueuedAuditEntries(queued->back().id); !dropped) {
      return tl::unexpected(dropped.error());
    }
  }
}

}  // namespace tandem::node::runtime
