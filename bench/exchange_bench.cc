// Signed, verified, durably audited exchanges per second between two Tandem nodes on loopback,
// against nginx serving a fixed answer over the same mutual TLS in the same run.
//
// A two-node partnership (police, probation) is set up with deploy/partnership/setup. probation
// runs as its own `tandem node run` process; police runs in this process as a full node
// (runtime::Node) and calls probation through its PeerExchange: every exchange is sealed and
// signed by police, recorded in police's audit log before sending, verified, checked against
// the ISA, the nonce cache and the quota, recorded durably in probation's log, answered with a
// signed envelope carrying the receipt, verified by police and recorded again on its side. The
// message is an inclusion-proof request (a small read of probation's log), so the figure is the
// protocol's, not a handler's. Connections are persistent (one per calling thread).
//
// Before the run it times the stages of one exchange on their own, one at a time, with the
// same keys and files: sealing (canonical JSON and an Ed25519 signature), opening (parse,
// canonical check, verification), one durable append to an audit log of the same kind on the
// same disk, and whole exchanges one after another (the latency one caller sees).
//
// The baseline is nginx (Debian's nginx-light, bench/tls_baseline) with mutual TLS 1.3 and the
// same certificates, answering 200 bytes, driven by the same client code with the same number
// of connections. Target: >= 2,000 exchanges/s.
//
// Usage: exchange_bench [--seconds S] [--threads N] [--dir DIR]
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench/tls_baseline/nginx_baseline.h"
#include "node/audit/audit_log.h"
#include "node/exchange/sealing.h"
#include "node/identity_key.h"
#include "node/isa/isa_installer.h"
#include "node/isa/isa_policy.h"
#include "node/net/peer_client.h"
#include "node/runtime/config.h"
#include "node/runtime/node.h"

namespace {

namespace fs = std::filesystem;
namespace protocol = tandem::protocol;
using tandem::node::net::PeerClient;

struct Run {
  double per_second = 0;
  std::uint64_t ok = 0;
  std::uint64_t failed = 0;
};

// Runs `call` on `threads` threads for `seconds` and counts successes.
template <class Call>
Run Measure(int threads, double seconds, Call call) {
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> ok{0}, failed{0};
  std::vector<std::thread> workers;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < threads; ++i) {
    workers.emplace_back([&, i] {
      while (!stop.load(std::memory_order_relaxed)) {
        (call(i) ? ok : failed).fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& worker : workers) worker.join();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return Run{static_cast<double>(ok.load()) / elapsed, ok.load(), failed.load()};
}

// Mean microseconds per call of `call`, run `count` times in a row.
template <class Call>
double MeanMicros(int count, Call call) {
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) call();
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started)
             .count() /
         count;
}

protocol::Seconds SystemNow() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

// The stages of one exchange timed on their own (see the file comment). `exchange_call` runs
// one whole exchange.
template <class ExchangeCall>
bool PrintStages(const fs::path& dir, ExchangeCall exchange_call) {
  namespace node = tandem::node;
  auto key = node::ReadIdentityKey(dir / "police" / node::kIdentityKeyFileName);
  auto isa = node::isa::IsaInstaller::Load(dir / "police");
  if (!key || !isa) return false;
  auto policy = node::isa::IsaPolicy::Create(*isa, "police");
  if (!policy) return false;
  node::exchange::CurrentPolicy current(
      std::shared_ptr<const node::isa::IsaPolicy>(std::move(*policy)));
  node::exchange::ExchangeContext context;
  context.self = "police";
  context.signing_key = &*key;
  context.policy = &current;
  context.clock = &SystemNow;
  const tandem::protocol::IsaRef ref{isa->id, isa->version};
  const std::string body = R"({"leaf_index":0,"tree_size":1})";
  std::string wire;
  const double seal = MeanMicros(2000, [&] {
    wire = node::exchange::SealMessage(context, ref, "probation", "audit-witness",
                                       "inclusion-proof-request", body)
               ->wire;
  });
  const double open = MeanMicros(
      2000, [&] { (void)tandem::protocol::Open(wire, key->verifying_key(), SystemNow(), {}); });
  auto store_key = tandem::crypto::SecretBytes::Zeroed(32);
  if (!store_key) return false;
  store_key->data()[0] = 1;
  auto log = node::audit::AuditLog::Open(dir / "stage-audit.db", *store_key,
                                         *tandem::protocol::NodeId::Create("police"), *key, {});
  if (!log) return false;
  node::audit::AuditEntry entry;
  entry.kind = "exchange-out";
  entry.actor = "police";
  entry.processing = "request";
  entry.at = SystemNow();
  entry.purpose = "audit-witness";
  entry.isa_id = isa->id.value();
  entry.isa_version = isa->version;
  entry.isa_clause = "8.1";
  entry.recipient = "probation";
  entry.peer = "probation";
  entry.message_id = std::string(32, 'a');
  entry.nonce = std::string(32, 'b');
  entry.request_sha256 = std::string(64, 'c');
  entry.outcome = "sent";
  const double append = MeanMicros(200, [&] { (void)(*log)->Append(entry); });
  const double whole = MeanMicros(200, exchange_call);
  std::printf("stages of one exchange, one at a time (mean):\n");
  std::printf("  seal (JCS + Ed25519 sign)                 %8.1f us\n", seal);
  std::printf("  open (parse + JCS check + verify)         %8.1f us\n", open);
  std::printf("  durable audit append, alone               %8.1f us\n", append);
  std::printf("  whole exchange, one caller                %8.1f us\n", whole);
  return true;
}

pid_t StartNode(const fs::path& config) {
  const pid_t child = ::fork();
  if (child == 0) {
    std::freopen("/dev/null", "w", stdout);
    ::execl(TANDEM_BINARY, TANDEM_BINARY, "node", "run", "--config", config.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return child;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 10;
  int threads = 128;
  fs::path dir =
      fs::temp_directory_path() / ("tandem-exchange-bench-" + std::to_string(::getpid()));
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
    if (flag == "--threads") threads = std::atoi(argv[i + 1]);
    if (flag == "--dir") dir = argv[i + 1];
  }
  fs::remove_all(dir);
  const int base_port = 21000 + static_cast<int>(::getpid() % 20000);
  const std::string setup = std::string(TANDEM_SOURCE_DIR) + "/deploy/partnership/setup --tandem " +
                            TANDEM_BINARY + " --out " + dir.string() +
                            " --nodes police,probation --daily-quota 100000000" + " --base-port " +
                            std::to_string(base_port) + " >/dev/null";
  if (std::system(setup.c_str()) != 0) {
    std::fprintf(stderr, "exchange_bench: partnership setup failed\n");
    return 1;
  }
  const pid_t probation = StartNode(dir / "probation.toml");
  auto config = tandem::node::runtime::LoadNodeConfig(dir / "police.toml");
  if (!config) {
    std::fprintf(stderr, "exchange_bench: %s\n", config.error().message.c_str());
    return 1;
  }
  // One keep-alive connection per calling thread, as for nginx below.
  config->connections_per_peer = threads;
  tandem::node::runtime::NodeOptions options;
  options.witness_interval = std::chrono::seconds{0};
  auto police = tandem::node::runtime::Node::Start(*config, options);
  if (!police) {
    std::fprintf(stderr, "exchange_bench: %s\n", police.error().message.c_str());
    return 1;
  }
  auto& exchange = (*police)->exchange();
  // Wait for probation, and put one entry in its log to prove.
  bool up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    up = exchange.Call("probation", "audit-witness", "checkpoint-request", "{}").has_value();
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (!up) {
    std::fprintf(stderr, "exchange_bench: probation did not answer\n");
    return 1;
  }
  const std::string body = R"({"leaf_index":0,"tree_size":1})";
  const auto exchange_call = [&](int) {
    return exchange.Call("probation", "audit-witness", "inclusion-proof-request", body).has_value();
  };
  if (!PrintStages(dir, [&] { (void)exchange_call(0); })) {
    std::fprintf(stderr, "exchange_bench: could not time the stages\n");
    return 1;
  }
  Measure(threads, 1, exchange_call);  // warm-up: connections, caches
  const Run tandem_run = Measure(threads, seconds, exchange_call);

  std::string error;
  auto nginx =
      tandem::bench::NginxBaseline::Start(TANDEM_SOURCE_DIR, dir / "probation" / "tls", &error, 2);
  if (!nginx) {
    std::fprintf(stderr, "exchange_bench: nginx: %s\n", error.c_str());
    return 1;
  }
  const std::string pin = [&] {
    auto fingerprint =
        tandem::node::net::CertificateFingerprint(dir / "probation" / "tls" / "node.crt");
    return fingerprint ? *fingerprint : std::string();
  }();
  std::vector<std::unique_ptr<PeerClient>> clients;
  for (int i = 0; i < threads; ++i) {
    auto client =
        PeerClient::Create(tandem::node::net::TlsFiles::InDirectory(dir / "police" / "tls"),
                           {"probation", "127.0.0.1", nginx->port(), pin}, {});
    if (!client) {
      std::fprintf(stderr, "exchange_bench: %s\n", client.error().message.c_str());
      return 1;
    }
    clients.push_back(std::move(*client));
  }
  // The same size of request as a sealed envelope, so both sides move similar bytes.
  const std::string request(620, 'x');
  const auto nginx_call = [&](int i) {
    auto reply = clients[i]->Post("/v1/messages/inclusion-proof-request", request);
    return reply && reply->status == 200;
  };
  Measure(threads, 1, nginx_call);
  const Run nginx_run = Measure(threads, seconds, nginx_call);
  nginx->Stop();
  (*police)->Stop();
  ::kill(probation, SIGTERM);
  ::waitpid(probation, nullptr, 0);

  std::printf("exchange_bench: %d connections, %.0f s each, 2 cores shared by both nodes\n",
              threads, seconds);
  std::printf("  mean latency of a tandem exchange at this concurrency: %.1f ms\n",
              tandem_run.per_second > 0 ? 1000.0 * threads / tandem_run.per_second : 0.0);
  std::printf(
      "  tandem exchanges (signed, verified, audited on both sides): %8.0f /s  (%llu ok, %llu "
      "failed)\n",
      tandem_run.per_second, static_cast<unsigned long long>(tandem_run.ok),
      static_cast<unsigned long long>(tandem_run.failed));
  std::printf(
      "  nginx static answer over the same mutual TLS:               %8.0f /s  (%llu ok, %llu "
      "failed)\n",
      nginx_run.per_second, static_cast<unsigned long long>(nginx_run.ok),
      static_cast<unsigned long long>(nginx_run.failed));
  std::printf("  ratio tandem / nginx: %.3f   target >= 2000 exchanges/s: %s\n",
              tandem_run.per_second / nginx_run.per_second,
              tandem_run.per_second >= 2000 ? "met" : "NOT met");
  fs::remove_all(dir);
  return 0;
}
