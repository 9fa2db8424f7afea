// The ISA policy a running node works under, replaceable while requests are in flight: a
// request takes a snapshot at its start and keeps it to the end, so one request never sees two
// versions of the agreement. Thread-safe.
#pragma once

#include <memory>
#include <mutex>

#include "node/isa/isa_policy.h"

namespace tandem::node::exchange {

class CurrentPolicy {
 public:
  explicit CurrentPolicy(std::shared_ptr<const isa::IsaPolicy> policy)
      : policy_(std::move(policy)) {}

  std::shared_ptr<const isa::IsaPolicy> Get() const {
    std::lock_guard lock(mutex_);
    return policy_;
  }
  void Replace(std::shared_ptr<const isa::IsaPolicy> policy) {
    std::lock_guard lock(mutex_);
    policy_ = std::move(policy);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const isa::IsaPolicy> policy_;
};

}  // namespace tandem::node::exchange
