#include "node/net/https_server.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "node/net/internal/listener.h"
#include "node/net/internal/server_runtime.h"
#include "node/net/internal/server_tls_context.h"
#include "node/net/internal/session.h"

namespace tandem::node::net {
namespace internal {

// Added to the longest read timeout: how long Stop waits for in-flight responses.
constexpr std::chrono::seconds kDrainGrace{5};

ServerRuntime::ServerRuntime(int threads, int handler_threads)
    : work_(boost::asio::make_work_guard(io_)),
      handler_pool_(static_cast<std::size_t>(handler_threads)),
      shared_(std::make_shared<ServerShared>()),
      thread_count_(threads) {
  shared_->handler_pool = &handler_pool_;
}

ServerRuntime::~ServerRuntime() { Stop(); }

void ServerRuntime::Run() {
  for (const auto& listener : listeners_) {
    listener->Accept();
    drain_limit_ = std::max(drain_limit_, listener->read_timeout());
  }
  drain_limit_ += kDrainGrace;
  threads_.reserve(static_cast<std::size_t>(thread_count_));
  for (int i = 0; i < thread_count_; ++i) {
    threads_.emplace_back([this] {
      for (;;) {
        try {
          io_.run();
          return;
        } catch (const std::exception&) {
          // A completion handler threw (out of memory): keep serving the other connections.
        }
      }
    });
  }
}

void ServerRuntime::Stop() {
  std::lock_guard lock(stop_mutex_);
  if (stopped_) return;
  stopped_ = true;
  shared_->registry.BeginStop();
  for (const auto& listener : listeners_) listener->Close();
  for (const auto& session : shared_->registry.Live()) session->Shutdown();
  shared_->registry.WaitEmpty(std::chrono::steady_clock::now() + drain_limit_);
  work_.reset();
  io_.stop();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  handler_pool_.join();
}

}  // namespace internal

HttpsServer::HttpsServer(std::unique_ptr<internal::ServerRuntime> runtime)
    : runtime_(std::move(runtime)) {}

HttpsServer::~HttpsServer() { Stop(); }

Result<std::unique_ptr<HttpsServer>> HttpsServer::Start(
    const TlsFiles& files, const std::shared_ptr<const PeerPins>& pins,
    std::vector<std::pair<ListenerOptions, Handler>> listeners, int threads, int handler_threads) {
  if (threads < 1) return Fail(Code::kInvalidArgument, "the server needs at least one thread");
  if (handler_threads == 0) handler_threads = threads;
  if (handler_threads < 1) {
    return Fail(Code::kInvalidArgument, "the server needs at least one handler thread");
  }
  if (listeners.empty()) return Fail(Code::kInvalidArgument, "the server has no listener");
  try {
    auto runtime = std::make_unique<internal::ServerRuntime>(threads, handler_threads);
    runtime->shared()->pins = pins;
    for (std::pair<ListenerOptions, Handler>& listener_args : listeners) {
      ListenerOptions& options = listener_args.first;
      Handler& handler = listener_args.second;
      if (!handler) return Fail(Code::kInvalidArgument, "a listener has no handler");
      if (options.max_connections == 0 || options.read_timeout.count() <= 0) {
        return Fail(Code::kInvalidArgument,
                    "a listener needs max_connections > 0 and a positive read timeout");
      }
      auto context = std::make_shared<internal::ListenerContext>();
      auto tls = internal::MakeServerContext(files, options.client_auth, pins);
      if (!tls) return tl::unexpected(tls.error());
      context->tls = std::move(*tls);
      context->options = std::move(options);
      context->handler = std::move(handler);
      auto listener =
          internal::Listener::Open(runtime->io(), std::move(context), runtime->shared());
      if (!listener) return tl::unexpected(listener.error());
      runtime->listeners().push_back(std::move(*listener));
    }
    runtime->Run();
    return std::unique_ptr<HttpsServer>(new HttpsServer(std::move(runtime)));
  } catch (const std::exception& e) {
    // Thread or context creation failed (resources exhausted).
    return Fail(Code::kInternal, std::string("cannot start the HTTPS server: ") + e.what());
  }
}

std::uint16_t HttpsServer::port(std::size_t listener) const {
  const auto& listeners = runtime_->listeners();
  return listener < listeners.size() ? listeners[listener]->port() : 0;
}

std::size_t HttpsServer::connections(std::size_t listener) const {
  const auto& listeners = runtime_->listeners();
  return listener < listeners.size() ? listeners[listener]->open_connections() : 0;
}

void HttpsServer::Stop() {
  if (runtime_) runtime_->Stop();
}

}  // namespace tandem::node::net
