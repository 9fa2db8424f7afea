// One Store connection shared by the endpoint handlers, which run on several server threads: a
// Store is not thread-safe, so every use holds the lock. Reads are short (index lookups, one
// record), so one connection is enough at the panel's request rates.
#pragma once

#include <mutex>

#include "node/store/store.h"

namespace tandem::node::endpoints {

class SharedStore {
 public:
  explicit SharedStore(store::Store* store) : store_(store) {}

  // Runs `use(store)` under the lock and returns what it returns.
  template <class Use>
  auto With(Use&& use) {
    std::lock_guard lock(mutex_);
    return use(*store_);
  }

 private:
  std::mutex mutex_;
  store::Store* store_;
};

}  // namespace tandem::node::endpoints
