#include "node/net/internal/listener.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <chrono>
#include <string>
#include <utility>

#include "node/net/internal/session.h"

namespace tandem::node::net::internal {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// After an accept error other than cancellation (e.g. out of file descriptors), wait a moment
// instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};

}  // namespace

Listener::Listener(asio::io_context& io, std::shared_ptr<ListenerContext> context,
                   std::shared_ptr<ServerShared> shared)
    : io_(io),
      context_(std::move(context)),
      shared_(std::move(shared)),
      acceptor_(asio::make_strand(io)),
      retry_timer_(acceptor_.get_executor()) {}

Result<std::shared_ptr<Listener>> Listener::Open(asio::io_context& io,
                                                 std::shared_ptr<ListenerContext> context,
                                                 std::shared_ptr<ServerShared> shared) {
  const ListenerOptions& options = context->options;
  boost::system::error_code ec;
  const asio::ip::address address = asio::ip::make_address(options.address, ec);
  if (ec) {
    return Fail(Code::kInvalidArgument,
                "listen address '" + options.address + "' is not a numeric IP address");
  }
  auto listener = std::make_shared<Listener>(io, std::move(context), std::move(shared));
  const tcp::endpoint endpoint(address, options.port);
  const std::string where = options.address + ":" + std::to_string(options.port);
  tcp::acceptor& acceptor = listener->acceptor_;
  if (acceptor.open(endpoint.protocol(), ec); ec) {
    return Fail(Code::kUnavailable, "cannot open a socket for " + where + ": " + ec.message());
  }
  if (acceptor.set_option(asio::socket_base::reuse_address(true), ec); ec) {
    return Fail(Code::kUnavailable, "cannot set up the socket for " + where + ": " + ec.message());
  }
  if (acceptor.bind(endpoint, ec); ec) {
    return Fail(Code::kUnavailable, "cannot listen on " + where + ": " + ec.message());
  }
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) {
    return Fail(Code::kUnavailable, "cannot listen on " + where + ": " + ec.message());
  }
  const tcp::endpoint bound = acceptor.local_endpoint(ec);
  if (ec) return Fail(Code::kUnavailable, "cannot read the port of " + where);
  listener->port_ = bound.port();
  return listener;
}

void Listener::Accept() {
  // Each connection gets its own strand.
  acceptor_.async_accept(asio::make_strand(io_),
                         boost::beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
}

void Listener::Close() {
  asio::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_timer_.cancel();
  });
}

void Listener::OnAccept(boost::system::error_code ec, tcp::socket socket) {
  if (!acceptor_.is_open() || ec == asio::error::operation_aborted) return;
  if (ec) {
    retry_timer_.expires_after(kAcceptRetryDelay);
    retry_timer_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
      if (!wait_ec && self->acceptor_.is_open()) self->Accept();
    });
    return;
  }
  // Answers are written whole; waiting for the client's delayed ACK would only add latency.
  boost::system::error_code no_delay_ec;
  socket.set_option(tcp::no_delay(true), no_delay_ec);
  const std::size_t max = context_->options.max_connections;
  bool refuse = shared_->registry.stopping();
  if (!refuse && context_->open.fetch_add(1, std::memory_order_acq_rel) >= max) {
    context_->open.fetch_sub(1, std::memory_order_acq_rel);
    refuse = true;
  }
  if (refuse) {
    boost::system::error_code ignored;
    socket.close(ignored);  // over the connection cap, or stopping
  } else {
    std::shared_ptr<Session> session;
    try {
      session = std::make_shared<Session>(std::move(socket), context_, shared_);
    } catch (const std::exception&) {
      // Creating the TLS state failed (out of memory): drop this connection only. The socket
      // closes with the half-built session, or here as it goes out of scope.
      context_->open.fetch_sub(1, std::memory_order_acq_rel);
    }
    if (session) session->Start();
  }
  Accept();
}

}  // namespace tandem::node::net::internal
