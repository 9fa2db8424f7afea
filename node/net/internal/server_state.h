// State shared by a server's listeners and sessions: the pins, the handler thread pool, each
// listener's settings and connection count, and the registry that lets Stop reach every open
// session and wait until all are gone.
#pragma once

#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "node/net/http_message.h"
#include "node/net/https_server.h"
#include "node/net/tls_context.h"

namespace tandem::node::net::internal {

class Session;

// One listener's settings; shared by its sessions, so it outlives them.
struct ListenerContext {
  ListenerOptions options;
  Handler handler;
  std::shared_ptr<boost::asio::ssl::context> tls;
  std::atomic<std::size_t> open{0};  // sessions alive (from accept to close)
};

// Every live session, by address, so Stop can reach them. Thread-safe.
class SessionRegistry {
 public:
  // False when the server is stopping (the session should close at once).
  bool Add(const std::shared_ptr<Session>& session);
  void Remove(const Session* session);
  std::vector<std::shared_ptr<Session>> Live() const;
  // Marks the server as stopping; Add refuses from now on.
  void BeginStop();
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  // Waits until no session is registered or `deadline` passes; true when none is left.
  bool WaitEmpty(std::chrono::steady_clock::time_point deadline) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable empty_;
  std::map<const Session*, std::weak_ptr<Session>> sessions_;
  std::atomic<bool> stopping_{false};
};

struct ServerShared {
  std::shared_ptr<const PeerPins> pins;
  boost::asio::thread_pool* handler_pool = nullptr;  // owned by ServerRuntime, joined last
  SessionRegistry registry;
};

}  // namespace tandem::node::net::internal
