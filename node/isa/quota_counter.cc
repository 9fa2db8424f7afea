// In-memory daily counters keyed by (UTC day number, peer, purpose).
#include "node/isa/quota_counter.h"

#include <utility>

namespace tandem::node::isa {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// Days since 1970-01-01 (UTC), rounding towards minus infinity.
std::int64_t DayOf(protocol::Seconds t) {
  const std::int64_t s = t.time_since_epoch().count();
  return s >= 0 ? s / kSecondsPerDay : -((-s + kSecondsPerDay - 1) / kSecondsPerDay);
}

}  // namespace

QuotaCounter::QuotaCounter(std::map<std::string, std::int64_t> daily_quotas)
    : quotas_(std::move(daily_quotas)) {}

std::chrono::seconds QuotaCounter::UntilReset(protocol::Seconds now) {
  const std::int64_t next_midnight = (DayOf(now) + 1) * kSecondsPerDay;
  return std::chrono::seconds(next_midnight - now.time_since_epoch().count());
}

void QuotaCounter::DropDaysBefore(std::int64_t day) {
  if (day <= latest_day_) return;
  latest_day_ = day;
  used_.erase(used_.begin(), used_.lower_bound(Key{day, "", ""}));
}

QuotaCharge QuotaCounter::Charge(std::string_view peer, std::string_view purpose,
                                 protocol::Seconds now) {
  const std::lock_guard<std::mutex> lock(mu_);
  const auto quota = quotas_.find(std::string(purpose));
  if (quota == quotas_.end()) {
    return QuotaCharge{Fail(
        Code::kPermissionDenied,
        "no daily quota for purpose '" + std::string(purpose) + "': the ISA does not name it")};
  }
  const std::int64_t day = DayOf(now);
  DropDaysBefore(day);
  std::int64_t& used = used_[Key{day, std::string(peer), std::string(purpose)}];
  if (used >= quota->second) {
    const std::chrono::seconds retry = UntilReset(now);
    return QuotaCharge{Fail(Code::kResourceExhausted,
                            "daily quota of " + std::to_string(quota->second) +
                                " requests for purpose '" + std::string(purpose) + "' from '" +
                                std::string(peer) + "' is used up; it resets in " +
                                std::to_string(retry.count()) + " s (at 00:00 UTC)"),
                       retry, used, quota->second};
  }
  ++used;
  return QuotaCharge{Ok(), std::chrono::seconds(0), used, quota->second};
}

void QuotaCounter::Seed(std::string_view peer, std::string_view purpose, protocol::Seconds day,
                        std::int64_t used) {
  const std::lock_guard<std::mutex> lock(mu_);
  const std::int64_t d = DayOf(day);
  if (d < latest_day_) return;
  DropDaysBefore(d);
  used_[Key{d, std::string(peer), std::string(purpose)}] += used;
}

void QuotaCounter::ReplaceQuotas(std::map<std::string, std::int64_t> daily_quotas) {
  const std::lock_guard<std::mutex> lock(mu_);
  quotas_ = std::move(daily_quotas);
}

std::int64_t QuotaCounter::Used(std::string_view peer, std::string_view purpose,
                                protocol::Seconds now) const {
  const std::lock_guard<std::mutex> lock(mu_);
  const auto found = used_.find(Key{DayOf(now), std::string(peer), std::string(purpose)});
  return found == used_.end() ? 0 : found->second;
}

}  // namespace tandem::node::isa
