// Envelope times on the wire: RFC 3339 UTC with whole seconds, "YYYY-MM-DDTHH:MM:SSZ".
// Years 1970..9999, no fractions, no offset other than "Z", no leap second (:60); anything else
// is kInvalidArgument. Stateless and thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::protocol {

using Seconds = std::chrono::sys_seconds;

Result<Seconds> ParseTimestamp(std::string_view text);
// kInvalidArgument when `time` falls outside years 1970..9999.
Result<std::string> FormatTimestamp(Seconds time);

// The system clock, rounded down to whole seconds.
Seconds SystemNow();

}  // namespace tandem::protocol
