// Requests per second over N persistent mutual-TLS 1.3 connections (one PeerClient each, the
// client the exchange uses), against nginx with the same certificates (nginx_baseline.h) and
// against Tandem's HttpsServer answering the same fixed 200-byte JSON body, in the same run.
//
//   baseline_rate [--connections N] [--seconds S] [--server-threads T]
//
// Built by hand (it is not one of bench/'s targets); see README.md in this folder.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "bench/tls_baseline/nginx_baseline.h"
#include "node/net/https_server.h"
#include "node/net/peer_client.h"
#include "node/net/tls_context.h"

namespace {

using tandem::node::net::ClientOptions;
using tandem::node::net::HttpRequest;
using tandem::node::net::HttpResponse;
using tandem::node::net::HttpsServer;
using tandem::node::net::ListenerOptions;
using tandem::node::net::PeerClient;
using tandem::node::net::PeerPins;
using tandem::node::net::TlsFiles;

// The same 200 bytes nginx.conf.template returns.
std::string FixedBody() {
  const std::string prefix = R"({"status":"ok","source":"tls-baseline","padding":")";
  const std::string suffix = R"("})";
  return prefix + std::string(200 - prefix.size() - suffix.size(), 'x') + suffix;
}

struct Rate {
  double per_second = 0;
  long requests = 0;
  long failures = 0;
};

// N threads, each with its own persistent PeerClient, POSTing a small JSON body for `seconds`.
Rate Measure(const TlsFiles& client_files, const std::string& server_pin, std::uint16_t port,
             int connections, double seconds) {
  std::vector<std::unique_ptr<PeerClient>> clients;
  for (int i = 0; i < connections; ++i) {
    auto client = PeerClient::Create(client_files, {"housing", "127.0.0.1", port, server_pin},
                                     ClientOptions{});
    if (!client) {
      std::fprintf(stderr, "client: %s\n", client.error().message.c_str());
      std::exit(1);
    }
    if (!(*client)->Get("/warm-up")) std::exit(1);  // connect and handshake outside the clock
    clients.push_back(std::move(*client));
  }
  std::atomic<bool> go{false}, stop{false};
  std::atomic<long> requests{0}, failures{0};
  std::vector<std::thread> threads;
  for (auto& client : clients) {
    threads.emplace_back([&, c = client.get()] {
      while (!go) std::this_thread::yield();
      long ok = 0, bad = 0;
      while (!stop) {
        auto reply = c->Post("/v1/exchange", R"({"kind":"match-query","tokens":["00ff"]})");
        if (reply && reply->status == 200 && reply->body.size() == 200) {
          ++ok;
        } else {
          ++bad;
        }
      }
      requests += ok;
      failures += bad;
    });
  }
  const auto start = std::chrono::steady_clock::now();
  go = true;
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& thread : threads) thread.join();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {static_cast<double>(requests) / elapsed, requests, failures};
}

std::string Run(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  char buffer[512];
  while (pipe != nullptr && std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  if (pipe == nullptr || ::pclose(pipe) != 0) {
    std::fprintf(stderr, "%s failed: %s\n", command.c_str(), output.c_str());
    std::exit(1);
  }
  return output;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> connection_counts = {1, 4, 16};
  double seconds = 5;
  int server_threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--connections") == 0) connection_counts = {std::atoi(argv[i + 1])};
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--server-threads") == 0) server_threads = std::atoi(argv[i + 1]);
  }

  char dir_template[] = "/tmp/tandem-tls-baseline-XXXXXX";
  const std::filesystem::path dir = ::mkdtemp(dir_template);
  const std::string pki = std::string(TANDEM_SOURCE_DIR) + "/deploy/pki/";
  Run(pki + "create-ca " + (dir / "ca").string());
  Run(pki + "issue-node-cert " + (dir / "ca").string() + " housing " + (dir / "housing").string());
  Run(pki + "issue-node-cert " + (dir / "ca").string() + " police " + (dir / "police").string());
  const TlsFiles police = TlsFiles::InDirectory(dir / "police");
  const std::string housing_pin =
      *tandem::node::net::CertificateFingerprint(dir / "housing" / "node.crt");
  const std::string police_pin =
      *tandem::node::net::CertificateFingerprint(dir / "police" / "node.crt");

  std::string error;
  auto nginx = tandem::bench::NginxBaseline::Start(TANDEM_SOURCE_DIR, dir / "housing", &error,
                                                   server_threads);
  if (!nginx) {
    std::fprintf(stderr, "nginx: %s\n", error.c_str());
    return 1;
  }
  const std::string body = FixedBody();
  auto pins =
      std::make_shared<PeerPins>(std::map<std::string, std::string>{{police_pin, "police"}});
  ListenerOptions options;
  auto server = HttpsServer::Start(TlsFiles::InDirectory(dir / "housing"), pins,
                                   {{options,
                                     [&body](const HttpRequest&) {
                                       HttpResponse response;
                                       response.body = body;
                                       return response;
                                     }}},
                                   server_threads);
  if (!server) {
    std::fprintf(stderr, "server: %s\n", server.error().message.c_str());
    return 1;
  }

  std::printf(
      "mutual TLS 1.3, persistent connections, POST of 41 bytes -> 200-byte JSON; %.0f s "
      "per run; server threads/workers: %d\n",
      seconds, server_threads);
  std::printf("%-12s %14s %14s %8s\n", "connections", "nginx req/s", "tandem req/s", "ratio");
  for (int connections : connection_counts) {
    const Rate base = Measure(police, housing_pin, nginx->port(), connections, seconds);
    const Rate ours = Measure(police, housing_pin, (*server)->port(0), connections, seconds);
    std::printf("%-12d %14.0f %14.0f %8.2f", connections, base.per_second, ours.per_second,
                ours.per_second / base.per_second);
    if (base.failures + ours.failures > 0) {
      std::printf("  (failures: nginx %ld, tandem %ld)", base.failures, ours.failures);
    }
    std::printf("\n");
  }
  (*server)->Stop();
  nginx->Stop();
  std::filesystem::remove_all(dir);
  return 0;
}
