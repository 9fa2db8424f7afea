// The audit entries waiting in a store's outbox, decoded, oldest first: for the tests of the
// writers of local-processing entries (imports, key share changes, retention).
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "node/audit/entry.h"
#include "node/store/store.h"

namespace tandem::testing {

inline std::vector<node::audit::AuditEntry> QueuedEntries(node::store::Store& store) {
  std::vector<node::audit::AuditEntry> entries;
  auto queued = store.QueuedAuditEntries(1000);
  EXPECT_TRUE(queued) << queued.error().message;
  if (!queued) return entries;
  for (const auto& row : *queued) {
    auto entry = node::audit::DecodeEntry(row.entry);
    EXPECT_TRUE(entry) << entry.error().message;
    if (entry) entries.push_back(std::move(*entry));
  }
  return entries;
}

}  // namespace tandem::testing
