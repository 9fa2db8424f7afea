// Reading the bodies of verified envelopes in endpoint handlers: the body is canonical JSON (the
// envelope layer checked it), so only shape remains. Errors are kInvalidArgument naming the
// message kind and member, and never echo a value.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::node::endpoints {

Result<nlohmann::json> ParseBody(std::string_view body, std::string_view kind);

// The member `name` of `body` as an integer 0..2^53-1.
Result<std::uint64_t> CountMember(const nlohmann::json& body, std::string_view kind,
                                  std::string_view name);

// The member `name` as a string.
Result<std::string> StringMember(const nlohmann::json& body, std::string_view kind,
                                 std::string_view name);

}  // namespace tandem::node::endpoints
