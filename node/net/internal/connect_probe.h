// Says why a TCP connection to host:port cannot be made, in words a person can act on
// ("connection refused", "connection timed out after 2000 ms", "cannot resolve host 'x'").
// cpp-httplib reports only that connecting failed, so after its last failed attempt the client
// tries once more itself to learn the reason.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace tandem::node::net::internal {

// Resolves `host` and tries a non-blocking connect with `timeout`; the reason it failed, or
// "connection failed" if this time it succeeds (the connection is closed at once).
std::string ConnectFailureReason(const std::string& host, std::uint16_t port,
                                 std::chrono::milliseconds timeout);

}  // namespace tandem::node::net::internal
