// Retry-After (RFC 9110, section 10.2.3): delta-seconds or an HTTP-date.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace tandem::node::net::internal {

// Seconds to wait: the delta-seconds as given, or the time from `now` until the HTTP-date
// (IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT"; 0 when it has passed). nullopt when the
// value is neither.
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value,
                                                    std::chrono::system_clock::time_point now);

}  // namespace tandem::node::net::internal
