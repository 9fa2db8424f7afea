#include "node/panel/retention_window.h"

#include <chrono>
#include <cstdint>

namespace tandem::node::panel {

std::optional<RetentionWindow> ExpiryOf(const protocol::Isa& isa, std::string_view purpose,
                                        protocol::Seconds now) {
  const protocol::IsaPurpose* found = isa.FindPurpose(purpose);
  const auto today = std::chrono::floor<std::chrono::days>(now);
  if (found == nullptr || found->retention_days > today.time_since_epoch().count()) {
    return std::nullopt;
  }
  return RetentionWindow{now - std::chrono::days(found->retention_days),
                         core::panel::ContributionErasure{.erased_on = core::Date::DayOf(now),
                                                          .purpose = found->id.value(),
                                                          .retention_days = found->retention_days}};
}

}  // namespace tandem::node::panel
