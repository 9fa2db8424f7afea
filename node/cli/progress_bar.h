// A one-line progress bar on stderr for long commands, drawn only when stderr is a terminal
// and at most a few times a second. Not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>

namespace tandem::node::cli {

class ProgressBar {
 public:
  // Draws nothing unless stderr is a terminal.
  ProgressBar();
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void Update(std::uint64_t done, std::uint64_t total);
  // Clears the line (called before printing anything else to stderr).
  void Clear();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace tandem::node::cli
