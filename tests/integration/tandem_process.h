// Runs the real `tandem` executable (TANDEM_BINARY) as a child process with a chosen
// environment, standard input from /dev/null, and captures its exit code and output; or starts
// it and kills it with SIGKILL after a delay (crash tests); and reads the test sizes the
// environment sets.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace tandem::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The whole number in the environment variable `name` (test sizes, seeds, trial counts), or
// `fallback` when it is unset or empty.
inline std::uint64_t EnvNumber(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  return std::strtoull(text, nullptr, 10);
}

inline std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Starts the tandem binary with `args`; `env` is added to (or overrides) the inherited
// environment, and TANDEM_STORE_PASSPHRASE is removed unless `env` sets it. Standard input is
// /dev/null; output goes to `scratch`/NAME.stdout and NAME.stderr. Returns the child's pid.
inline pid_t StartTandem(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env,
                         const std::filesystem::path& scratch, const std::string& name) {
  const auto out_path = scratch / (name + ".stdout");
  const auto err_path = scratch / (name + ".stderr");
  std::vector<std::string> copies = args;
  std::string binary = TANDEM_BINARY;
  std::vector<char*> argv = {binary.data()};
  for (auto& arg : copies) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    ::unsetenv("TANDEM_STORE_PASSPHRASE");
    for (const auto& [variable, value] : env) ::setenv(variable.c_str(), value.c_str(), 1);
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  return child;
}

// Runs the tandem binary to its end, as StartTandem starts it, and returns what it printed.
inline ProcessResult RunTandem(const std::vector<std::string>& args,
                               const std::map<std::string, std::string>& env,
                               const std::filesystem::path& scratch) {
  const pid_t child = StartTandem(args, env, scratch, "tandem");
  ProcessResult result;
  int status = 0;
  if (child < 0 || ::waitpid(child, &status, 0) != child) return result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  const auto out_path = scratch / "tandem.stdout";
  const auto err_path = scratch / "tandem.stderr";
  result.out = Slurp(out_path);
  result.err = Slurp(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return result;
}

// Trial `trial`'s kill delay (of `trials`): a random point of the trial-th of `trials` equal
// slices of [0, stretch x `whole`], so the kills spread from start-up through the work to just
// past its end; where in its slice is drawn from `random`.
inline std::chrono::steady_clock::duration KillDelay(std::mt19937_64& random, std::uint64_t trial,
                                                     std::uint64_t trials, double stretch,
                                                     std::chrono::steady_clock::duration whole) {
  const double u = static_cast<double>(random() >> 11) * 0x1.0p-53;
  const double fraction = stretch * (static_cast<double>(trial) + u) / static_cast<double>(trials);
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(whole * fraction);
}

// How a child started with StartTandem ended under KillAfter.
struct Ending {
  bool killed = false;  // SIGKILL ended it; otherwise it exited with exit_code first
  int exit_code = -1;
  std::chrono::steady_clock::duration ran{};
};

// Waits for `child`, started at `started`, up to `delay`, then kills it with SIGKILL.
inline Ending KillAfter(pid_t child, std::chrono::steady_clock::time_point started,
                        std::chrono::steady_clock::duration delay) {
  using Clock = std::chrono::steady_clock;
  Ending ending;
  int status = 0;
  const auto deadline = started + delay;
  pid_t waited = 0;
  while ((waited = ::waitpid(child, &status, WNOHANG)) == 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(
        std::min<Clock::duration>(deadline - Clock::now(), std::chrono::microseconds(500)));
  }
  if (waited == 0) {
    ::kill(child, SIGKILL);
    waited = ::waitpid(child, &status, 0);
  }
  ending.ran = Clock::now() - started;
  if (waited != child) return ending;
  if (WIFSIGNALED(status)) {
    ending.killed = WTERMSIG(status) == SIGKILL;
  } else if (WIFEXITED(status)) {
    ending.exit_code = WEXITSTATUS(status);
  }
  return ending;
}

}  // namespace tandem::testing
