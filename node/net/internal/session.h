// One accepted connection: TLS handshake, then requests read one at a time (keep-alive), each
// answered by the listener's Handler on the handler pool, then written back. All socket work
// runs on the session's strand; the Handler runs elsewhere, so a slow Handler delays only its
// own connection.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "node/net/http_message.h"
#include "node/net/internal/server_state.h"

namespace tandem::node::net::internal {

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `socket` must have a strand executor. The listener has already counted the connection in
  // `listener->open`; the session uncounts it when destroyed.
  Session(boost::asio::ip::tcp::socket socket, std::shared_ptr<ListenerContext> listener,
          std::shared_ptr<ServerShared> shared);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start();
  // For Stop: closes the connection if it is idle or handshaking; a request whose Handler is
  // running is answered first (with Connection: close). Thread-safe.
  void Shutdown();

 private:
  enum class State { kHandshake, kReading, kHandling, kWriting, kClosing, kClosed };
  using Request = boost::beast::http::request<boost::beast::http::string_body>;

  void OnHandshake(boost::beast::error_code ec);
  void ReadRequest();
  void OnRead(boost::beast::error_code ec, std::size_t bytes);
  void Dispatch(Request request);
  void Write(HttpResponse answer, unsigned version, bool keep_alive, bool linger);
  void OnWrite(bool close, bool linger, boost::beast::error_code ec, std::size_t bytes);
  // Answers a request that cannot be served (status >= 400) and closes the connection.
  void Refuse(int status, const std::string& message, unsigned version);
  void GracefulClose();
  // After refusing an unread body: stop sending, discard what the client still sends for a
  // moment (so the answer is not lost to a TCP reset), then close.
  void LingeringClose();
  void Drain();
  void HardClose();
  bool stopping() const;

  boost::beast::ssl_stream<boost::beast::tcp_stream> stream_;
  std::shared_ptr<ListenerContext> listener_;
  std::shared_ptr<ServerShared> shared_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  std::string fingerprint_;  // of the client certificate, on a peer listener
  State state_ = State::kHandshake;
  bool shutdown_requested_ = false;
  std::size_t drained_ = 0;
  std::array<char, 16 * 1024> drain_buffer_{};
};

}  // namespace tandem::node::net::internal
