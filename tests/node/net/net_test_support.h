// Shared by the node/net tests: a partnership PKI made once per process by the real
// deploy/pki scripts, and a small blocking OpenSSL client for the cases PeerClient is too
// polite to produce (slow senders, TLS 1.2, raw HTTP lines).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "node/net/https_server.h"
#include "node/net/internal/sigpipe_guard.h"
#include "node/net/peer_client.h"
#include "node/net/tls_context.h"
#include "tests/node/temp_dir.h"

namespace tandem::testing {

// ca/ (the partnership CA), police/, housing/, nhs/, probation/ (node certificates from it)
// and rogue-ca/ with rogue-police/ (a second CA and a certificate from it).
class TestPki {
 public:
  static const TestPki& Get() {
    static const TestPki pki;
    return pki;
  }

  node::net::TlsFiles Files(const std::string& name) const {
    return node::net::TlsFiles::InDirectory(dir_.path() / name);
  }
  std::string Fingerprint(const std::string& name) const {
    auto fingerprint = node::net::CertificateFingerprint(dir_.path() / name / "node.crt");
    if (!fingerprint) throw std::runtime_error(fingerprint.error().message);
    return *fingerprint;
  }
  const std::filesystem::path& dir() const { return dir_.path(); }
  // What issue-node-cert printed for `name`.
  const std::string& ScriptOutput(const std::string& name) const {
    static const std::string kNone;
    auto it = outputs_.find(name);
    return it == outputs_.end() ? kNone : it->second;
  }

 private:
  TestPki() {
    const std::string pki = std::string(TANDEM_SOURCE_DIR) + "/deploy/pki/";
    Run(pki + "create-ca " + Quoted(dir_ / "ca"));
    Run(pki + "create-ca " + Quoted(dir_ / "rogue-ca") + " 'Rogue CA'");
    for (const char* node : {"police", "housing", "nhs", "probation"}) {
      outputs_[node] = Run(pki + "issue-node-cert " + Quoted(dir_ / "ca") + " " + node + " " +
                           Quoted(dir_ / node));
    }
    outputs_["rogue-police"] = Run(pki + "issue-node-cert " + Quoted(dir_ / "rogue-ca") +
                                   " police " + Quoted(dir_ / "rogue-police"));
  }
  static std::string Quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }
  static std::string Run(const std::string& command) {
    std::string output;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    char buffer[512];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    if (::pclose(pipe) != 0) throw std::runtime_error(command + " failed: " + output);
    return output;
  }

  TempDir dir_;
  std::map<std::string, std::string> outputs_;
};

struct RawResponse {
  int status = 0;  // 0: no complete response
  std::string head, body;
};

// A blocking TLS client over a plain socket, for the tests' hostile or odd clients.
class RawTlsClient {
 public:
  struct Options {
    std::optional<node::net::TlsFiles> identity;  // client certificate, if any
    int min_version = TLS1_2_VERSION;
    int max_version = TLS1_3_VERSION;
    std::chrono::milliseconds timeout{5000};  // per socket read or write
  };

  // Connects the TCP socket; nullptr when even that fails.
  static std::unique_ptr<RawTlsClient> Connect(std::uint16_t port, const Options& options) {
    auto client = std::unique_ptr<RawTlsClient>(new RawTlsClient());
    client->fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (client->fd_ < 0) return nullptr;
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(options.timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((options.timeout.count() % 1000) * 1000);
    ::setsockopt(client->fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(client->fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(client->fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      return nullptr;
    }
    client->ctx_ = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(client->ctx_, options.min_version);
    SSL_CTX_set_max_proto_version(client->ctx_, options.max_version);
    const node::net::TlsFiles server_ca = TestPki::Get().Files("ca");
    SSL_CTX_load_verify_locations(client->ctx_, server_ca.ca_cert.c_str(), nullptr);
    SSL_CTX_set_verify(client->ctx_, SSL_VERIFY_PEER, nullptr);
    if (options.identity) {
      SSL_CTX_use_certificate_chain_file(client->ctx_, options.identity->cert.c_str());
      SSL_CTX_use_PrivateKey_file(client->ctx_, options.identity->key.c_str(), SSL_FILETYPE_PEM);
    }
    client->ssl_ = SSL_new(client->ctx_);
    SSL_set_fd(client->ssl_, client->fd_);
    return client;
  }

  ~RawTlsClient() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    if (ctx_ != nullptr) SSL_CTX_free(ctx_);
    if (fd_ >= 0) ::close(fd_);
    ERR_clear_error();
  }

  // True when the TLS handshake completed (on the client's side: with TLS 1.3 a refused client
  // certificate shows only on the first read).
  bool Handshake() {
    const node::net::internal::SigpipeGuard no_sigpipe;
    const bool ok = SSL_connect(ssl_) == 1;
    ERR_clear_error();
    return ok;
  }

  bool Write(std::string_view bytes) {
    const node::net::internal::SigpipeGuard no_sigpipe;
    while (!bytes.empty()) {
      const int n = SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()));
      if (n <= 0) {
        ERR_clear_error();
        return false;
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads one HTTP response (Content-Length framed). status 0 when the connection ended or
  // timed out first.
  RawResponse ReadResponse() {
    const node::net::internal::SigpipeGuard no_sigpipe;
    RawResponse response;
    std::string data;
    std::size_t header_end = std::string::npos;
    std::size_t length = 0;
    for (;;) {
      if (header_end == std::string::npos) {
        header_end = data.find("\r\n\r\n");
        if (header_end != std::string::npos) {
          response.head = data.substr(0, header_end);
          const auto at = Lower(response.head).find("content-length:");
          if (at != std::string::npos) length = std::stoul(response.head.substr(at + 15));
        }
      }
      if (header_end != std::string::npos && data.size() >= header_end + 4 + length) {
        response.body = data.substr(header_end + 4, length);
        response.status = std::stoi(response.head.substr(9, 3));
        return response;
      }
      char buffer[4096];
      const int n = SSL_read(ssl_, buffer, sizeof buffer);
      if (n <= 0) {
        ERR_clear_error();
        return response;
      }
      data.append(buffer, static_cast<std::size_t>(n));
    }
  }

  // True when the socket has something to read or has been closed: with session tickets off,
  // a server that has sent nothing else has hung up.
  bool PeerHungUp() const {
    pollfd entry{fd_, POLLIN, 0};
    return ::poll(&entry, 1, 0) > 0;
  }

  // True when the server has ended the connection: a read returns end of stream or an error
  // before `timeout` (rather than timing out).
  bool ClosedByServer() {
    const node::net::internal::SigpipeGuard no_sigpipe;
    char byte;
    const int n = SSL_read(ssl_, &byte, 1);
    const int error = SSL_get_error(ssl_, n);
    const int saved_errno = errno;
    ERR_clear_error();
    if (n > 0) return false;
    // SO_RCVTIMEO expiring shows as SSL_ERROR_SYSCALL with EAGAIN: not closed.
    if (error == SSL_ERROR_SYSCALL && (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK)) {
      return false;
    }
    return true;
  }

 private:
  RawTlsClient() = default;
  static std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  int fd_ = -1;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
};

// A peer-listener server with identity `identity`, pinning police and nhs, on two threads.
inline std::unique_ptr<node::net::HttpsServer> StartServer(
    const std::string& identity, std::shared_ptr<node::net::PeerPins> pins,
    node::net::ListenerOptions options, node::net::Handler handler, int threads = 2) {
  auto server = node::net::HttpsServer::Start(TestPki::Get().Files(identity), std::move(pins),
                                              {{std::move(options), std::move(handler)}}, threads);
  if (!server) throw std::runtime_error("server did not start: " + server.error().message);
  return std::move(*server);
}

inline std::shared_ptr<node::net::PeerPins> PoliceAndNhsPins() {
  const TestPki& pki = TestPki::Get();
  return std::make_shared<node::net::PeerPins>(std::map<std::string, std::string>{
      {pki.Fingerprint("police"), "police"}, {pki.Fingerprint("nhs"), "nhs"}});
}

// A client of the housing node's server, as `as` (whose files give the client certificate).
inline std::unique_ptr<node::net::PeerClient> ClientOfHousing(
    const std::string& as, std::uint16_t port, node::net::ClientOptions options = {},
    const std::string& pin_of = "housing") {
  const TestPki& pki = TestPki::Get();
  auto client = node::net::PeerClient::Create(
      pki.Files(as), {"housing", "127.0.0.1", port, pki.Fingerprint(pin_of)}, options);
  if (!client) throw std::runtime_error("client not created: " + client.error().message);
  return std::move(*client);
}

inline double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// Polls `condition` every 10 ms for up to `limit`.
template <class Condition>
bool Eventually(Condition condition, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

}  // namespace tandem::testing
