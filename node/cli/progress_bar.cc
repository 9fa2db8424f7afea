#include "node/cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace tandem::node::cli {
namespace {

constexpr int kWidth = 30;
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);

}  // namespace

ProgressBar::ProgressBar() : enabled_(::isatty(STDERR_FILENO) != 0) {}

ProgressBar::~ProgressBar() { Clear(); }

void ProgressBar::Update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  if (done > total) done = total;
  const int filled = static_cast<int>(kWidth * done / total);
  const std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '.');
  static_cast<void>(std::fprintf(
      stderr, "\r[%s] %3d%%  %.1f of %.1f MB", bar.c_str(), static_cast<int>(100 * done / total),
      static_cast<double>(done) / 1e6, static_cast<double>(total) / 1e6));
  static_cast<void>(std::fflush(stderr));
  drawn_ = true;
}

void ProgressBar::Clear() {
  if (!drawn_) return;
  static_cast<void>(std::fprintf(stderr, "\r%*s\r", kWidth + 40, ""));
  static_cast<void>(std::fflush(stderr));
  drawn_ = false;
}

}  // namespace tandem::node::cli
