#include "node/net/internal/connect_probe.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <memory>
#include <system_error>

namespace tandem::node::net::internal {
namespace {

std::string Reason(int error) {
  std::string text = std::generic_category().message(error);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

// errno of one connect attempt to `address`, 0 when it connected, -1 on timeout.
int TryConnect(const addrinfo& address, std::chrono::milliseconds timeout) {
  const int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                          address.ai_protocol);
  if (fd < 0) return errno;
  int error = 0;
  if (::connect(fd, address.ai_addr, address.ai_addrlen) != 0) {
    error = errno;
    if (error == EINPROGRESS) {
      pollfd entry{fd, POLLOUT, 0};
      const int ready = ::poll(&entry, 1, static_cast<int>(timeout.count()));
      if (ready == 0) {
        error = -1;
      } else if (ready < 0) {
        error = errno;
      } else {
        socklen_t length = sizeof error;
        if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
      }
    }
  }
  ::close(fd);
  return error;
}

}  // namespace

std::string ConnectFailureReason(const std::string& host, std::uint16_t port,
                                 std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr) {
    return "cannot resolve host '" + host + "'";
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
  int error = 0;
  for (const addrinfo* address = found; address != nullptr; address = address->ai_next) {
    error = TryConnect(*address, timeout);
    if (error == 0) return "connection failed";
  }
  if (error == -1) return "connection timed out after " + std::to_string(timeout.count()) + " ms";
  return Reason(error);
}

}  // namespace tandem::node::net::internal
