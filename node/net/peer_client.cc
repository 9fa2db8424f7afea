#include "node/net/peer_client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <array>
#include <cctype>
#include <chrono>
#include <string>
#include <thread>
#include <utility>

#include "node/net/internal/client_tls_context.h"
#include "node/net/internal/connect_probe.h"
#include "node/net/internal/openssl_util.h"
#include "node/net/internal/peer_connection.h"
#include "node/net/internal/retry_after.h"
#include "node/net/internal/sigpipe_guard.h"

namespace tandem::node::net {
namespace internal {
namespace {

// httplib errors that mean no connection was made, so nothing was sent and another attempt
// is safe.
bool NothingSent(httplib::Error error) {
  return error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout ||
         error == httplib::Error::SSLConnection;
}

std::string LowerFirst(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

// Why the last attempt could not connect, in words.
std::string ConnectFailure(httplib::Error error, const PeerEndpoint& endpoint,
                           std::chrono::milliseconds connect_timeout) {
  if (error == httplib::Error::SSLConnection) {
    return "TLS handshake failed (" + TakeOpenSslError("connection closed") + ")";
  }
  ERR_clear_error();
  return ConnectFailureReason(endpoint.host, endpoint.port, connect_timeout);
}

// TLS alerts a server sends when it refuses the client's certificate.
constexpr std::array kRefusalAlerts = {
    SSL_R_SSLV3_ALERT_BAD_CERTIFICATE,         SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN,
    SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE, SSL_R_TLSV1_ALERT_UNKNOWN_CA,
    SSL_R_TLSV1_ALERT_ACCESS_DENIED,           SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED,
};

// True when this thread's OpenSSL error queue holds one of kRefusalAlerts (TLS 1.3 delivers it
// after the client's side of the handshake has finished, so it shows on the first read).
// Clears the queue.
bool TakeRefusalAlert() {
  bool refused = false;
  while (const unsigned long code = ERR_get_error()) {  // NOLINT(google-runtime-int)
    for (int alert : kRefusalAlerts) refused |= ERR_GET_REASON(code) == alert;
  }
  return refused;
}

}  // namespace

PeerConnection::PeerConnection(PeerEndpoint endpoint, ClientOptions options)
    : endpoint_(std::move(endpoint)), options_(options) {
  check_.expected_pin = endpoint_.pin;
}

PeerConnection::~PeerConnection() {
  const SigpipeGuard no_sigpipe;
  client_.reset();
}

std::string PeerConnection::Who() const {
  return "peer '" + endpoint_.node_id + "' at " + endpoint_.host + ":" +
         std::to_string(endpoint_.port);
}

Result<std::unique_ptr<PeerConnection>> PeerConnection::Create(const TlsFiles& files,
                                                               PeerEndpoint endpoint,
                                                               ClientOptions options) {
  if (endpoint.node_id.empty() || endpoint.host.empty() || endpoint.port == 0) {
    return Fail(Code::kInvalidArgument, "a peer endpoint needs a node id, a host and a port");
  }
  if (!IsFingerprint(endpoint.pin)) {
    return Fail(Code::kInvalidArgument, "the pin of peer '" + endpoint.node_id +
                                            "' must be 64 lower-case hex digits (SHA-256)");
  }
  if (options.max_attempts < 1 || options.connect_timeout.count() <= 0 ||
      options.read_timeout.count() <= 0) {
    return Fail(Code::kInvalidArgument,
                "client options need max_attempts >= 1 and positive timeouts");
  }
  if (Status ok = CheckTlsFiles(files); !ok) return tl::unexpected(ok.error());
  std::unique_ptr<PeerConnection> connection(new PeerConnection(std::move(endpoint), options));
  try {
    connection->client_ =
        std::make_unique<httplib::SSLClient>(connection->endpoint_.host, connection->endpoint_.port,
                                             files.cert.string(), files.key.string());
  } catch (const std::exception&) {
    return Fail(Code::kInternal, "cannot create a TLS client for " + connection->Who());
  }
  httplib::SSLClient& client = *connection->client_;
  if (!client.is_valid()) {
    ERR_clear_error();
    return Fail(Code::kInvalidArgument, "TLS certificate '" + files.cert.string() + "' or key '" +
                                            files.key.string() +
                                            "' cannot be used as a client certificate");
  }
  if (Status ok = ConfigureClientContext(client.ssl_context(), files, &connection->check_); !ok) {
    return tl::unexpected(ok.error());
  }
  // The check above replaces httplib's own (which would reset the verify callback and also
  // require the host name in the certificate; the pin is the stronger check).
  client.enable_server_certificate_verification(false);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);  // headers and body go out at once, not after a delayed ACK
  client.set_connection_timeout(options.connect_timeout);
  client.set_read_timeout(options.read_timeout);
  client.set_write_timeout(options.read_timeout);
  return connection;
}

Result<PeerReply> PeerConnection::Send(std::string_view method, std::string_view path,
                                       std::string_view body, std::string_view content_type) {
  std::lock_guard lock(mutex_);
  const SigpipeGuard no_sigpipe;  // a peer closing mid-request is an error, not the process's end
  if (last_used_ && std::chrono::steady_clock::now() - *last_used_ >= options_.idle_limit) {
    client_->stop();  // the peer may be closing it (ClientOptions::idle_limit)
  }
  const std::string target(path);
  std::chrono::milliseconds backoff = options_.first_backoff;
  std::string reason;
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    check_.failure.clear();
    ERR_clear_error();
    httplib::Result result = method == "POST" ? client_->Post(target, body.data(), body.size(),
                                                              std::string(content_type))
                                              : client_->Get(target);
    last_used_ = std::chrono::steady_clock::now();
    if (result) {
      ERR_clear_error();
      PeerReply reply;
      reply.status = result->status;
      reply.body = std::move(result->body);
      if ((reply.status == 429 || reply.status == 503) && result->has_header("Retry-After")) {
        reply.retry_after = ParseRetryAfter(result->get_header_value("Retry-After"),
                                            std::chrono::system_clock::now());
      }
      return reply;
    }
    const httplib::Error error = result.error();
    if (!check_.failure.empty()) {
      ERR_clear_error();
      return Fail(Code::kUnauthenticated, Who() + " is not the pinned party: " + check_.failure);
    }
    if (!NothingSent(error)) {
      if (TakeRefusalAlert()) {
        return Fail(Code::kUnauthenticated, Who() + " refused this node's certificate");
      }
      // The request may have reached the peer: never sent again (it would be a replay).
      return Fail(Code::kUnavailable,
                  Who() + " did not answer: " + LowerFirst(httplib::to_string(error)) +
                      " error after the request was sent");
    }
    if (attempt < options_.max_attempts) {
      ERR_clear_error();
      std::this_thread::sleep_for(backoff);
      backoff *= 2;
    } else {
      reason = ConnectFailure(error, endpoint_, options_.connect_timeout);
    }
  }
  return Fail(Code::kUnavailable, Who() + " unreachable after " +
                                      std::to_string(options_.max_attempts) + " attempt" +
                                      (options_.max_attempts == 1 ? "" : "s") + ": " + reason);
}

}  // namespace internal

PeerClient::PeerClient(std::unique_ptr<internal::PeerConnection> connection)
    : connection_(std::move(connection)) {}

PeerClient::~PeerClient() = default;

Result<std::unique_ptr<PeerClient>> PeerClient::Create(const TlsFiles& files, PeerEndpoint endpoint,
                                                       ClientOptions options) {
  auto connection = internal::PeerConnection::Create(files, std::move(endpoint), options);
  if (!connection) return tl::unexpected(connection.error());
  return std::unique_ptr<PeerClient>(new PeerClient(std::move(*connection)));
}

Result<PeerReply> PeerClient::Post(std::string_view path, std::string_view body,
                                   std::string_view content_type) {
  return connection_->Send("POST", path, body, content_type);
}

Result<PeerReply> PeerClient::Get(std::string_view path) {
  return connection_->Send("GET", path, {}, {});
}

const PeerEndpoint& PeerClient::endpoint() const { return connection_->endpoint(); }

}  // namespace tandem::node::net
