// Strict field readers shared by the key files' parsers (key_files.cc, refresh_dealing.cc):
// each error is kInvalidArgument and names the field as "<where>.<field>". Free functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/oprf.h"

namespace tandem::node::tokens::internal {

// The only OPRF suite the key files name.
inline constexpr std::string_view kSuite = "ristretto255-SHA512";

// Success when the member "suite" of `object` is kSuite.
Status CheckSuite(const nlohmann::json& object, std::string_view where);

Error Bad(std::string_view what, std::string_view why);

// Decodes 64 hex digits into `out` (32 bytes); false when `hex` is anything else.
bool DecodeHex32(std::string_view hex, std::uint8_t* out);

// A valid ristretto255 element written as 64 hex digits; `what` names the value.
Result<crypto::OprfElement> ElementValue(const nlohmann::json& value, std::string_view what);
// The member `field` of `object`, as ElementValue.
Result<crypto::OprfElement> ElementField(const nlohmann::json& object, const char* field,
                                         std::string_view where);
// A whole number in 0..max.
Result<std::uint32_t> UintField(const nlohmann::json& object, const char* field,
                                std::string_view where, std::uint32_t max);
Result<std::string> StringField(const nlohmann::json& object, const char* field,
                                std::string_view where);

// Lower-case letters, digits and '-', 1 to 64 of them.
bool ValidNodeId(std::string_view id);

// `text` parsed as JSON; errors say "<where>: not JSON (byte N)".
Result<nlohmann::json> ParseJson(std::string_view text, std::string_view where);

}  // namespace tandem::node::tokens::internal
