// Starts bench/tls_baseline/run-nginx (nginx with mutual TLS 1.3 and the partnership
// certificates, answering a fixed 200-byte JSON body) as a child process on a free loopback
// port, for benchmarks that compare Tandem's server against plain TLS + HTTP. Header-only;
// POSIX. Not thread-safe; one object per nginx.
//
//   std::string error;
//   auto nginx = tandem::bench::NginxBaseline::Start(TANDEM_SOURCE_DIR, data_dir / "tls", &error);
//   if (!nginx) { std::cerr << error; return 1; }
//   ... PeerClient to 127.0.0.1:nginx->port() with the pin of the node whose tls/ it serves ...
//   nginx->Stop();  // or let it go out of scope
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

namespace tandem::bench {

class NginxBaseline {
 public:
  // Runs `source_dir`/bench/tls_baseline/run-nginx with `cert_dir` (a node's tls/ directory)
  // on a free port and waits (up to 10 s) until it accepts connections. nullptr and `*error`
  // set when it does not start.
  static std::unique_ptr<NginxBaseline> Start(const std::filesystem::path& source_dir,
                                              const std::filesystem::path& cert_dir,
                                              std::string* error, int workers = 2) {
    const std::string script = (source_dir / "bench" / "tls_baseline" / "run-nginx").string();
    const std::uint16_t port = FreePort();
    if (port == 0) {
      if (error) *error = "no free loopback port for nginx";
      return nullptr;
    }
    const std::string cert = cert_dir.string(), port_text = std::to_string(port),
                      workers_text = std::to_string(workers);
    const pid_t pid = ::fork();
    if (pid < 0) {
      if (error) *error = "cannot fork to run nginx";
      return nullptr;
    }
    if (pid == 0) {
      ::execl(script.c_str(), script.c_str(), cert.c_str(), port_text.c_str(), workers_text.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::unique_ptr<NginxBaseline> nginx(new NginxBaseline(pid, port));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (Accepts(port)) return nginx;
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        nginx->pid_ = -1;
        if (error) *error = script + " exited before accepting connections";
        return nullptr;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (error) *error = "nginx did not accept connections on port " + port_text + " within 10 s";
    return nullptr;
  }

  NginxBaseline(const NginxBaseline&) = delete;
  NginxBaseline& operator=(const NginxBaseline&) = delete;
  ~NginxBaseline() { Stop(); }

  std::uint16_t port() const { return port_; }

  // Stops nginx and removes its temp directory (run-nginx does both on SIGTERM). Idempotent.
  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  NginxBaseline(pid_t pid, std::uint16_t port) : pid_(pid), port_(port) {}

  static sockaddr_in Loopback(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
  }

  static std::uint16_t FreePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in address = Loopback(0);
    socklen_t length = sizeof address;
    std::uint16_t port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port = ntohs(address.sin_port);
    }
    ::close(fd);
    return port;
  }

  static bool Accepts(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in address = Loopback(port);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
  }

  pid_t pid_;
  std::uint16_t port_;
};

}  // namespace tandem::bench
