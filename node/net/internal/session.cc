#include "node/net/internal/session.h"

#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cctype>
#include <chrono>
#include <string_view>
#include <utility>

#include "node/net/http_error.h"
#include "node/net/internal/openssl_util.h"

namespace tandem::node::net::internal {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

// How long a closing connection may take to exchange close_notify, and how long (and how
// much) a refused client's remaining upload is discarded before the socket is closed.
constexpr std::chrono::seconds kCloseTimeout{2};
constexpr std::chrono::seconds kLingerTime{1};
constexpr std::size_t kMaxLingerBytes = 8 << 20;

// Header fields the server sets itself; a Handler's values for them are ignored.
constexpr std::array<std::string_view, 4> kServerOwnedFields = {"content-length", "content-type",
                                                                "connection", "transfer-encoding"};

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// A value that would split or end the header block is not written.
bool SafeFieldText(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool IsServerOwned(std::string_view lower_name) {
  return std::find(kServerOwnedFields.begin(), kServerOwnedFields.end(), lower_name) !=
         kServerOwnedFields.end();
}

// Parse errors from Beast's HTTP category that mean "not HTTP we accept" (answered 400), as
// opposed to the connection ending mid-message (closed without an answer).
bool IsMalformedRequest(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::partial_message && ec != http::error::end_of_stream &&
         ec != http::error::need_more && ec != http::error::need_buffer &&
         ec != http::error::bad_alloc;
}

HttpResponse RunHandler(const Handler& handler, const HttpRequest& request) {
  try {
    return handler(request);
  } catch (...) {
    // The exception stops here: no detail reaches the client or a log.
    return ErrorResponse(500, Code::kInternal, "the request could not be handled");
  }
}

}  // namespace

Session::Session(asio::ip::tcp::socket socket, std::shared_ptr<ListenerContext> listener,
                 std::shared_ptr<ServerShared> shared)
    : stream_(std::move(socket), *listener->tls),
      listener_(std::move(listener)),
      shared_(std::move(shared)) {}

Session::~Session() {
  listener_->open.fetch_sub(1, std::memory_order_acq_rel);
  shared_->registry.Remove(this);
}

void Session::Start() {
  if (!shared_->registry.Add(shared_from_this())) {
    state_ = State::kClosed;
    beast::get_lowest_layer(stream_).close();
    return;
  }
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    if (self->stopping() || self->state_ == State::kClosed) return self->HardClose();
    beast::get_lowest_layer(self->stream_).expires_after(self->listener_->options.read_timeout);
    self->stream_.async_handshake(asio::ssl::stream_base::server,
                                  beast::bind_front_handler(&Session::OnHandshake, self));
  });
}

void Session::Shutdown() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->shutdown_requested_ = true;
    if (self->state_ == State::kHandshake || self->state_ == State::kReading) self->HardClose();
  });
}

bool Session::stopping() const { return shutdown_requested_ || shared_->registry.stopping(); }

void Session::OnHandshake(beast::error_code ec) {
  if (state_ == State::kClosed || ec == beast::error::timeout) return HardClose();
  // A refused handshake (unpinned or foreign certificate, TLS 1.2): OpenSSL has queued the
  // alert; linger so that a client already writing its request reads the alert (and can say
  // why) instead of a TCP reset.
  if (ec) return LingeringClose();
  if (listener_->options.client_auth == ClientAuth::kRequiredPinned) {
    // The verify callback already required a pinned certificate; keep its fingerprint to look
    // the party up again per request (the pins may be replaced while the connection is open).
    fingerprint_ = FingerprintOf(SSL_get0_peer_certificate(stream_.native_handle()));
    if (fingerprint_.empty()) return HardClose();
  }
  ReadRequest();
}

void Session::ReadRequest() {
  if (stopping()) return GracefulClose();
  const ListenerOptions& options = listener_->options;
  state_ = State::kReading;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
  parser_->body_limit(options.max_body_bytes);
  // One deadline for the whole request (and for an idle keep-alive connection): a client
  // trickling bytes cannot hold the connection past it.
  beast::get_lowest_layer(stream_).expires_after(options.read_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&Session::OnRead, shared_from_this()));
}

void Session::OnRead(beast::error_code ec, std::size_t /*bytes*/) {
  if (state_ == State::kClosed) return;
  const ListenerOptions& options = listener_->options;
  const unsigned version = parser_->get().version();
  if (ec == http::error::end_of_stream) return GracefulClose();
  if (ec == http::error::body_limit) {
    return Refuse(
        413, "request body is larger than " + std::to_string(options.max_body_bytes) + " bytes",
        version);
  }
  if (ec == http::error::header_limit) {
    return Refuse(
        431, "request header is larger than " + std::to_string(options.max_header_bytes) + " bytes",
        version);
  }
  if (ec && IsMalformedRequest(ec)) return Refuse(400, "malformed HTTP request", version);
  if (ec) return HardClose();  // timeout, reset, TLS error: nobody to answer
  Dispatch(parser_->release());
}

void Session::Dispatch(Request request) {
  const ListenerOptions& options = listener_->options;
  const unsigned version = request.version();
  const bool keep_alive = request.keep_alive();
  const std::string_view method(request.method_string().data(), request.method_string().size());
  if (std::find(options.methods.begin(), options.methods.end(), method) == options.methods.end()) {
    HttpResponse answer =
        ErrorResponse(405, Code::kInvalidArgument, "method not allowed on this listener");
    std::string allow;
    for (const std::string& allowed : options.methods) {
      allow += allow.empty() ? allowed : ", " + allowed;
    }
    answer.headers.emplace_back("Allow", allow);
    return Write(std::move(answer), version, keep_alive, false);
  }
  const std::string_view target(request.target().data(), request.target().size());
  if (target.empty() || target.front() != '/' || target.size() > options.max_target_bytes) {
    return Write(ErrorResponse(400, Code::kInvalidArgument,
                               "request target must start with '/' and be at most " +
                                   std::to_string(options.max_target_bytes) + " bytes"),
                 version, keep_alive, false);
  }

  HttpRequest http_request;
  if (options.client_auth == ClientAuth::kRequiredPinned) {
    std::optional<std::string> party = shared_->pins->PartyFor(fingerprint_);
    if (!party) return HardClose();  // unpinned since the handshake
    http_request.peer = std::move(*party);
  }
  http_request.method = std::string(method);
  http_request.target = std::string(target);
  for (const auto& field : request) {
    std::string name =
        Lower(std::string_view(field.name_string().data(), field.name_string().size()));
    const std::string_view value(field.value().data(), field.value().size());
    auto [it, inserted] = http_request.headers.try_emplace(std::move(name), value);
    if (!inserted) it->second.append(", ").append(value);
  }
  http_request.body = std::move(request.body());

  state_ = State::kHandling;
  auto executor = stream_.get_executor();
  asio::post(*shared_->handler_pool, [self = shared_from_this(), executor,
                                      http_request = std::move(http_request), version,
                                      keep_alive]() mutable {
    HttpResponse answer = RunHandler(self->listener_->handler, http_request);
    asio::post(executor,
               [self = std::move(self), answer = std::move(answer), version, keep_alive]() mutable {
                 self->Write(std::move(answer), version, keep_alive, false);
               });
  });
}

void Session::Write(HttpResponse answer, unsigned version, bool keep_alive, bool linger) {
  if (state_ == State::kClosed) return;
  state_ = State::kWriting;
  if (answer.status < 100 || answer.status > 599 || !SafeFieldText(answer.content_type)) {
    answer = ErrorResponse(500, Code::kInternal, "the request could not be handled");
  }
  response_ = {};
  response_.version(version);
  response_.result(static_cast<unsigned>(answer.status));
  response_.set(http::field::content_type, answer.content_type);
  for (const auto& [name, value] : answer.headers) {
    if (name.empty() || !SafeFieldText(name) || !SafeFieldText(value) ||
        IsServerOwned(Lower(name))) {
      continue;
    }
    response_.insert(name, value);
  }
  response_.body() = std::move(answer.body);
  response_.keep_alive(keep_alive && !linger && !stopping());
  response_.prepare_payload();
  beast::get_lowest_layer(stream_).expires_after(listener_->options.read_timeout);
  http::async_write(stream_, response_,
                    beast::bind_front_handler(&Session::OnWrite, shared_from_this(),
                                              !response_.keep_alive(), linger));
}

void Session::OnWrite(bool close, bool linger, beast::error_code ec, std::size_t /*bytes*/) {
  if (ec) return HardClose();
  if (linger) return LingeringClose();
  if (close) return GracefulClose();
  ReadRequest();
}

void Session::Refuse(int status, const std::string& message, unsigned version) {
  Write(ErrorResponse(status, Code::kInvalidArgument, message), version, false, true);
}

void Session::GracefulClose() {
  if (state_ == State::kClosed) return;
  state_ = State::kClosing;
  beast::get_lowest_layer(stream_).expires_after(kCloseTimeout);
  stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->HardClose(); });
}

void Session::LingeringClose() {
  if (state_ == State::kClosed) return;
  state_ = State::kClosing;
  beast::error_code ignored;
  beast::get_lowest_layer(stream_).socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  beast::get_lowest_layer(stream_).expires_after(kLingerTime);
  Drain();
}

void Session::Drain() {
  beast::get_lowest_layer(stream_).async_read_some(
      asio::buffer(drain_buffer_),
      [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
        self->drained_ += bytes;
        if (ec || self->drained_ > kMaxLingerBytes) return self->HardClose();
        self->Drain();
      });
}

void Session::HardClose() {
  state_ = State::kClosed;
  beast::get_lowest_layer(stream_).close();
}

}  // namespace tandem::node::net::internal
