// A count with its noun for messages and audit entries: "1 value", "3 values". Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::core {

// `n` and `one` when n is 1, else `n` and `many` (`one` + "s" when `many` is empty).
std::string Counted(std::int64_t n, std::string_view one, std::string_view many = {});

}  // namespace tandem::core
