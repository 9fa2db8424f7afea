// Accepts connections on one address and port and hands each to a Session, closing at once
// any connection beyond the listener's max_connections (and every connection once the server
// is stopping).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>

#include "core/result.h"
#include "node/net/internal/server_state.h"

namespace tandem::node::net::internal {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens. Errors: kInvalidArgument for an address that is not numeric,
  // kUnavailable when the port cannot be bound.
  static Result<std::shared_ptr<Listener>> Open(boost::asio::io_context& io,
                                                std::shared_ptr<ListenerContext> context,
                                                std::shared_ptr<ServerShared> shared);

  Listener(boost::asio::io_context& io, std::shared_ptr<ListenerContext> context,
           std::shared_ptr<ServerShared> shared);
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  std::uint16_t port() const { return port_; }
  std::size_t open_connections() const { return context_->open.load(); }
  std::chrono::seconds read_timeout() const { return context_->options.read_timeout; }

  void Accept();
  // Stops accepting (thread-safe).
  void Close();

 private:
  void OnAccept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  std::shared_ptr<ListenerContext> context_;
  std::shared_ptr<ServerShared> shared_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  std::uint16_t port_ = 0;
};

}  // namespace tandem::node::net::internal
