// A partnership of real Tandem nodes for integration tests: set up with
// deploy/partnership/setup (CA, certificates, stores, identity keys, the signed ISA, the OPRF key
// ceremony, API tokens), each node run as its own `tandem node run` process on loopback, and
// stopped with a signal of the test's choosing. Local API calls go through curl, a real client.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/tandem_process.h"

namespace tandem::testing {

inline bool PortFree(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return free;
}

// A base port with `count` free ports above it.
inline int FindFreePorts(int count) {
  std::mt19937 random(
      static_cast<unsigned>(::getpid()) ^
      static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count()));
  for (int attempt = 0; attempt < 200; ++attempt) {
    const int base = 20000 + static_cast<int>(random() % 30000);
    bool all = true;
    for (int i = 0; i < count && all; ++i) all = PortFree(base + i);
    if (all) return base;
  }
  return 0;
}

struct HttpAnswer {
  int status = 0;
  std::string body;
};

class Partnership {
 public:
  // Sets up the nodes in `dir` (which must not exist or be empty). Returns "" or what failed.
  // `daily_quota` > 0 replaces every purpose's daily quota per peer in the ISA (load tests).
  std::string SetUp(const std::filesystem::path& dir, const std::vector<std::string>& nodes,
                    std::int64_t daily_quota = 0) {
    dir_ = dir;
    nodes_ = nodes;
    base_port_ = FindFreePorts(static_cast<int>(2 * nodes.size()));
    if (base_port_ == 0) return "no free ports";
    std::string list;
    for (const auto& node : nodes) list += (list.empty() ? "" : ",") + node;
    const std::string command =
        std::string(TANDEM_SOURCE_DIR) + "/deploy/partnership/setup --tandem " + TANDEM_BINARY +
        " --out " + dir.string() + " --nodes " + list + " --base-port " +
        std::to_string(base_port_) +
        (daily_quota > 0 ? " --daily-quota " + std::to_string(daily_quota) : std::string()) + " >" +
        (dir.parent_path() / "setup.log").string() + " 2>&1";
    if (std::system(command.c_str()) != 0) {
      return "setup failed: " + Slurp(dir.parent_path() / "setup.log");
    }
    return "";
  }

  int peer_port(const std::string& node) const { return base_port_ + 2 * Index(node); }
  int local_port(const std::string& node) const { return peer_port(node) + 1; }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path data_dir(const std::string& node) const { return dir_ / node; }
  std::filesystem::path key_file(const std::string& node) const {
    return dir_ / "keys" / (node + ".key");
  }
  std::string token(const std::string& node, const std::string& role) const {
    std::string text = Slurp(dir_ / "tokens" / (node + "-" + role + ".token"));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
  }

  // Starts `tandem node run` for `node` and waits until /health answers. Returns "" or why not.
  std::string Start(const std::string& node) {
    const auto log = dir_ / (node + ".log");
    const pid_t child = ::fork();
    if (child == 0) {
      std::freopen(log.c_str(), "a", stdout);
      std::freopen(log.c_str(), "a", stderr);
      const std::string config = (dir_ / (node + ".toml")).string();
      ::execl(TANDEM_BINARY, TANDEM_BINARY, "node", "run", "--config", config.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    pids_[node] = child;
    for (int i = 0; i < 300; ++i) {
      if (Call(node, "GET", "/health").status == 200) return "";
      int status = 0;
      if (::waitpid(child, &status, WNOHANG) == child) {
        pids_.erase(node);
        return "node " + node + " exited: " + Slurp(log);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "node " + node + " did not become healthy: " + Slurp(log);
  }

  // Sends `signal` to the node and waits for it to end.
  void Stop(const std::string& node, int signal = SIGTERM) {
    const auto it = pids_.find(node);
    if (it == pids_.end()) return;
    ::kill(it->second, signal);
    int status = 0;
    ::waitpid(it->second, &status, 0);
    pids_.erase(it);
  }

  // Sends `signal` to the running node without waiting (e.g. SIGHUP to reload its ISA).
  void Signal(const std::string& node, int signal) const {
    const auto it = pids_.find(node);
    if (it != pids_.end()) ::kill(it->second, signal);
  }

  // The process id of the running node, or 0 when it is not running.
  pid_t pid(const std::string& node) const {
    const auto it = pids_.find(node);
    return it == pids_.end() ? 0 : it->second;
  }

  void StopAll() {
    while (!pids_.empty()) Stop(pids_.begin()->first);
  }

  // A call to `node`'s local listener through curl (TLS checked against the partnership CA).
  // A non-empty `json_body` is sent as the request body (Content-Type: application/json).
  HttpAnswer Call(const std::string& node, const std::string& method, const std::string& path,
                  const std::string& bearer = "", const std::string& json_body = "") const {
    std::string command = "curl -s -o - -w '\\n%{http_code}' --max-time 20 --cacert " +
                          (dir_ / "ca" / "ca.crt").string() + " -X " + method;
    if (!bearer.empty()) command += " -H 'Authorization: Bearer " + bearer + "'";
    if (!json_body.empty()) {
      std::string quoted;
      for (const char c : json_body) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      command += " -H 'Content-Type: application/json' --data-binary '" + quoted + "'";
    }
    command += " https://localhost:" + std::to_string(local_port(node)) + path + " 2>/dev/null";
    HttpAnswer answer;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return answer;
    std::array<char, 4096> buffer{};
    std::string output;
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
      output.append(buffer.data(), n);
    ::pclose(pipe);
    const auto newline = output.rfind('\n');
    if (newline == std::string::npos) return answer;
    answer.body = output.substr(0, newline);
    answer.status = std::atoi(output.c_str() + newline + 1);
    return answer;
  }

 private:
  int Index(const std::string& node) const {
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      if (nodes_[i] == node) return static_cast<int>(i);
    }
    return -1;
  }

  std::filesystem::path dir_;
  std::vector<std::string> nodes_;
  int base_port_ = 0;
  std::map<std::string, pid_t> pids_;
};

}  // namespace tandem::testing
