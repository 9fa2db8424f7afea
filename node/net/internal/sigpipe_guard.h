// Keeps a write to a socket the peer has closed from killing the process with SIGPIPE: OpenSSL
// writes with write(2), which raises SIGPIPE in the writing thread. While a guard lives, SIGPIPE
// is blocked in this thread; a SIGPIPE raised meanwhile is consumed when it ends (the write
// itself fails with EPIPE, which the caller sees). Process-wide signal handling is left alone.
#pragma once

#include <pthread.h>
#include <signal.h>

#include <ctime>

namespace tandem::node::net::internal {

class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &previous_);
  }
  ~SigpipeGuard() {
    if (!was_pending_) {
      sigset_t pending;
      sigemptyset(&pending);
      sigpending(&pending);
      if (sigismember(&pending, SIGPIPE) == 1) {
        const timespec no_wait{0, 0};
        sigtimedwait(&pipe_, nullptr, &no_wait);
      }
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t pipe_;
  sigset_t previous_;
  bool was_pending_ = false;
};

}  // namespace tandem::node::net::internal
