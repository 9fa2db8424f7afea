#include "core/panel/allocation.h"

#include <algorithm>

namespace tandem::core::panel {
namespace {

bool LowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

Status ValidateManagerKey(std::string_view key) {
  const bool valid =
      !key.empty() && key.size() <= kMaxManagerKeyLength && LowerAlnum(key[0]) &&
      std::all_of(key.begin(), key.end(), [](char c) { return LowerAlnum(c) || c == '-'; });
  if (valid) return Ok();
  return Fail(Code::kInvalidArgument,
              "manager: not a staff key; use the manager's staff reference, 1 to " +
                  std::to_string(kMaxManagerKeyLength) +
                  " lower-case letters, digits and hyphens such as om-17, never a person's name");
}

bool AllocatedOn(const CaseAllocation& allocation, const Date& on) {
  return allocation.from <= on && (!allocation.until || on < *allocation.until);
}

}  // namespace tandem::core::panel
