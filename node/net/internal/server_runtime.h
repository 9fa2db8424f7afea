// What a running HttpsServer owns: the io_context and its threads, the handler pool, the
// listeners and the state their sessions share. Declared here so https_server.h stays free of
// Asio.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "node/net/internal/listener.h"
#include "node/net/internal/server_state.h"

namespace tandem::node::net::internal {

class ServerRuntime {
 public:
  ServerRuntime(int threads, int handler_threads);
  ~ServerRuntime();
  ServerRuntime(const ServerRuntime&) = delete;
  ServerRuntime& operator=(const ServerRuntime&) = delete;

  boost::asio::io_context& io() { return io_; }
  const std::shared_ptr<ServerShared>& shared() const { return shared_; }
  std::vector<std::shared_ptr<Listener>>& listeners() { return listeners_; }
  const std::vector<std::shared_ptr<Listener>>& listeners() const { return listeners_; }

  // Starts accepting on every listener and runs the network threads.
  void Run();
  void Stop();

 private:
  // Declaration order is destruction order in reverse: the io_context outlives everything
  // that holds its sockets, and the handler pool is joined before the io_context goes.
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  boost::asio::thread_pool handler_pool_;
  std::shared_ptr<ServerShared> shared_;
  std::vector<std::shared_ptr<Listener>> listeners_;
  std::vector<std::thread> threads_;
  int thread_count_;
  std::chrono::seconds drain_limit_{0};
  std::mutex stop_mutex_;
  bool stopped_ = false;
};

}  // namespace tandem::node::net::internal
