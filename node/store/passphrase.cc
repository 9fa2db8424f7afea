#include "node/store/passphrase.h"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace tandem::node::store {
namespace {

constexpr std::size_t kMaxPassphrase = 1023;

void WriteToTerminal(const char* text) {
  const ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
  static_cast<void>(ignored);
}

// Reads one line from standard input with echo off, straight into secure memory.
Result<crypto::SecretBytes> PromptOnce(const char* prompt) {
  WriteToTerminal(prompt);
  termios saved{};
  const bool have_terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (have_terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  auto buffer = crypto::SecretBytes::Zeroed(kMaxPassphrase + 1);
  std::size_t size = 0;
  bool too_long = false;
  if (buffer) {
    for (;;) {
      char c = 0;
      const ssize_t n = ::read(STDIN_FILENO, &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || c == '\n') break;
      if (size == kMaxPassphrase) {
        too_long = true;
        continue;
      }
      buffer->data()[size++] = static_cast<std::uint8_t>(c);
      c = 0;
    }
  }
  if (have_terminal) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  if (!buffer) return buffer;
  if (too_long) return Fail(Code::kInvalidArgument, "the passphrase is too long");
  if (size > 0 && buffer->data()[size - 1] == '\r') --size;
  return crypto::SecretBytes::Copy({buffer->data(), size});
}

// Where one passphrase comes from and how to ask for it.
struct PassphraseSource {
  const char* variable;
  const char* prompt;
  const char* missing;    // the message's start when there is no way to ask
  const char* if_differ;  // the message when the two entries differ
};

Result<crypto::SecretBytes> ReadPassphrase(const PassphraseSource& source, bool confirm) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read once at start-up, before any thread runs
  if (const char* value = std::getenv(source.variable); value != nullptr && *value != '\0') {
    const std::size_t size = std::strlen(value);
    if (size > kMaxPassphrase) return Fail(Code::kInvalidArgument, "the passphrase is too long");
    return crypto::SecretBytes::Copy({reinterpret_cast<const std::uint8_t*>(value), size});
  }
  if (::isatty(STDIN_FILENO) == 0) {
    return Fail(Code::kInvalidArgument, std::string(source.missing));
  }
  auto first = PromptOnce(source.prompt);
  if (!first) return first;
  if (first->empty()) return Fail(Code::kInvalidArgument, "the passphrase is empty");
  if (!confirm) return first;
  auto second = PromptOnce("Repeat the passphrase: ");
  if (!second) return second;
  if (!first->Equals(*second)) {
    return Fail(Code::kInvalidArgument, source.if_differ);
  }
  return first;
}

}  // namespace

Result<crypto::SecretBytes> ReadStorePassphrase(bool confirm) {
  const PassphraseSource source = {
      kPassphraseVariable, confirm ? "New store passphrase: " : "Store passphrase: ",
      "no store passphrase: set TANDEM_STORE_PASSPHRASE, run on a terminal to be asked for it, "
      "or use --key-file",
      "the two passphrases differ; nothing was created"};
  return ReadPassphrase(source, confirm);
}

Result<crypto::SecretBytes> ReadNewStorePassphrase() {
  const PassphraseSource source = {
      kNewPassphraseVariable, "New store passphrase: ",
      "no new store passphrase: set TANDEM_STORE_NEW_PASSPHRASE, run on a terminal to be asked "
      "for it, or use --new-key-file",
      "the two passphrases differ; nothing was changed"};
  return ReadPassphrase(source, /*confirm=*/true);
}

}  // namespace tandem::node::store
