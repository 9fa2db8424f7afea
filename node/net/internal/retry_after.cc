#include "node/net/internal/retry_after.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <string>

#include "core/date.h"

namespace tandem::node::net::internal {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kWeekdays = {"Mon", "Tue", "Wed", "Thu",
                                                       "Fri", "Sat", "Sun"};
// A delay beyond a year is not a delay a node should honour literally.
constexpr std::int64_t kMaxDelaySeconds = 366LL * 24 * 3600;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool ParseDigits(std::string_view text, std::size_t width, int& out) {
  if (text.size() != width) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return std::from_chars(text.data(), text.data() + text.size(), out).ec == std::errc();
}

// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" (exactly 29 characters).
std::optional<std::int64_t> ParseImfFixdate(std::string_view text) {
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  bool weekday_ok = false;
  for (std::string_view weekday : kWeekdays) weekday_ok |= text.substr(0, 3) == weekday;
  int month = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (text.substr(8, 3) == kMonths[i]) month = static_cast<int>(i) + 1;
  }
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  if (!weekday_ok || month == 0 || !ParseDigits(text.substr(5, 2), 2, day) ||
      !ParseDigits(text.substr(12, 4), 4, year) || !ParseDigits(text.substr(17, 2), 2, hour) ||
      !ParseDigits(text.substr(20, 2), 2, minute) || !ParseDigits(text.substr(23, 2), 2, second) ||
      hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  const auto date = core::Date::FromYmd(year, month, day);
  if (!date) return std::nullopt;
  constexpr std::int64_t kSecondsPerDay = 86400;
  return date->DaysSinceEpoch() * kSecondsPerDay + std::int64_t{hour} * 3600 +
         std::int64_t{minute} * 60 + second;
}

}  // namespace

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value,
                                                    std::chrono::system_clock::time_point now) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    if (value.size() > 12) return std::chrono::seconds(kMaxDelaySeconds);
    std::int64_t seconds = 0;
    std::from_chars(value.data(), value.data() + value.size(), seconds);
    return std::chrono::seconds(std::min(seconds, kMaxDelaySeconds));
  }
  const std::optional<std::int64_t> at = ParseImfFixdate(value);
  if (!at) return std::nullopt;
  const std::int64_t now_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::int64_t delay = *at - now_seconds;
  return std::chrono::seconds(delay <= 0 ? 0 : std::min(delay, kMaxDelaySeconds));
}

}  // namespace tandem::node::net::internal
