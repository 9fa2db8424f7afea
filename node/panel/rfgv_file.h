// The RFGV matrix as a partnership's configuration file (docs/panel.md, "RFGV triage"): a JSON
// document naming the window, the four dimensions' bands, the threshold and the serial rule.
// deploy/panel/rfgv.default.json is Tandem's documented local default in this form.
//   {"window_months": 24, "threshold": 10, "serial_victims": 2, "serial_months": 36,
//    "recency":   [{"low": 0, "high": 2, "points": 4}, ...],
//    "frequency": [...], "gravity": [...], "victims": [...]}
// Every member is required and no other is allowed, so a typo is an error, not a default.
// Free functions; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/panel/rfgv.h"
#include "core/result.h"

namespace tandem::node::panel {

// kInvalidArgument naming the member (and the band's position) for malformed JSON, a missing or
// unknown member, a value of the wrong type, or a matrix ValidateRfgvConfig refuses.
Result<core::panel::RfgvConfig> ParseRfgvConfig(std::string_view json);

// The same from a file; kNotFound / kUnavailable when it cannot be read. Errors name the file.
Result<core::panel::RfgvConfig> ReadRfgvConfig(const std::filesystem::path& file);

// The configuration as the JSON above (members in the order shown).
std::string RfgvConfigJson(const core::panel::RfgvConfig& config);

}  // namespace tandem::node::panel
