// Daily request quotas per (requesting peer, purpose, UTC day): the ISA's daily_quota_per_peer.
// Charge counts one request and refuses it once the day's quota is used up, saying how many
// seconds remain until the quota resets at the next UTC midnight (the server's Retry-After).
// Counts live in memory; at start the node rebuilds them from its audit log with Seed.
// Thread-safe: every method takes an internal lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "core/result.h"
#include "protocol/timestamp.h"

namespace tandem::node::isa {

struct [[nodiscard]] QuotaCharge {
  // Ok; kResourceExhausted when the quota is used up (the message carries retry_after);
  // kPermissionDenied when the purpose has no quota (it is not in the ISA).
  Status status;
  // With kResourceExhausted: whole seconds until the quota resets (at least 1). Otherwise 0.
  std::chrono::seconds retry_after{0};
  // Requests counted for this peer, purpose and day after this call, and the limit.
  std::int64_t used = 0;
  std::int64_t limit = 0;

  explicit operator bool() const { return status.has_value(); }
};

class QuotaCounter {
 public:
  // `daily_quotas`: purpose id -> requests per peer per UTC day (IsaPolicy::DailyQuotas()).
  explicit QuotaCounter(std::map<std::string, std::int64_t> daily_quotas);

  // Counts one request by `peer` for `purpose` at `now`, unless that would exceed the quota.
  // A refused request is not counted.
  QuotaCharge Charge(std::string_view peer, std::string_view purpose, protocol::Seconds now);

  // Adds `used` requests to the count of (peer, purpose) on the UTC day containing `day`: for
  // rebuilding the counts from the audit log (call once per day with a total, or once per
  // entry with 1). Counts of days before the latest day seen are dropped.
  void Seed(std::string_view peer, std::string_view purpose, protocol::Seconds day,
            std::int64_t used);

  // New limits (a newer ISA was installed); the day's counts are kept.
  void ReplaceQuotas(std::map<std::string, std::int64_t> daily_quotas);

  // Requests counted so far for (peer, purpose) on the UTC day containing `now`.
  std::int64_t Used(std::string_view peer, std::string_view purpose, protocol::Seconds now) const;

  // Seconds from `now` to the next UTC midnight (1 .. 86400).
  static std::chrono::seconds UntilReset(protocol::Seconds now);

 private:
  using Key = std::tuple<std::int64_t /*day*/, std::string, std::string>;
  void DropDaysBefore(std::int64_t day);  // mu_ held

  mutable std::mutex mu_;
  std::map<std::string, std::int64_t> quotas_;
  std::map<Key, std::int64_t> used_;
  std::int64_t latest_day_ = 0;
};

}  // namespace tandem::node::isa
