#include "node/net/internal/server_state.h"

namespace tandem::node::net::internal {

bool SessionRegistry::Add(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  if (stopping()) return false;
  sessions_.emplace(session.get(), session);
  return true;
}

void SessionRegistry::Remove(const Session* session) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session);
  if (sessions_.empty()) empty_.notify_all();
}

std::vector<std::shared_ptr<Session>> SessionRegistry::Live() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<Session>> live;
  for (const auto& [address, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

void SessionRegistry::BeginStop() {
  std::lock_guard lock(mutex_);
  stopping_.store(true, std::memory_order_release);
}

bool SessionRegistry::WaitEmpty(std::chrono::steady_clock::time_point deadline) const {
  std::unique_lock lock(mutex_);
  return empty_.wait_until(lock, deadline, [this] { return sessions_.empty(); });
}

}  // namespace tandem::node::net::internal
