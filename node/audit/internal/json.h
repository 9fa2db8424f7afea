// JSON helpers for the audit log's encodings. Writing: members are appended in the RFC 8785
// order by the callers (their names are fixed ASCII, written already sorted), strings escaped
// as JCS requires, integers in decimal; the result is canonical JSON. Reading: the text is
// first put through protocol::Canonicalize (strict RFC 8259 + I-JSON: valid UTF-8, no
// duplicate names), then read with nlohmann::json; every refusal names the message and the
// member. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/merkle.h"

namespace tandem::node::audit::internal {

inline constexpr std::uint64_t kMaxSafeInteger = (std::uint64_t{1} << 53) - 1;

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF).
bool IsValidUtf8(std::string_view text);

bool ParseHex(std::string_view hex, std::span<std::uint8_t> out);
bool IsLowerHex(std::string_view text);

// Appends "name":value pairs; the caller writes the separators and braces.
void AppendMember(std::string& out, std::string_view name);

// Reads a JSON object for the message called `what` ("checkpoint"). kInvalidArgument when the
// text is not strict JSON, not an object, or has a member not in `members`.
Result<nlohmann::json> ParseObject(std::string_view text, std::string_view what,
                                   std::initializer_list<std::string_view> members);
// The same checks for an already parsed value (a nested object).
Status CheckObject(const nlohmann::json& value, std::string_view what,
                   std::initializer_list<std::string_view> members);

// Member readers: kInvalidArgument "<what> member '<name>': <why>" when missing or malformed.
Result<std::string> StringMember(const nlohmann::json& object, std::string_view what,
                                 std::string_view name);
Result<std::uint64_t> IntegerMember(const nlohmann::json& object, std::string_view what,
                                    std::string_view name, std::uint64_t max = kMaxSafeInteger);
Result<crypto::MerkleHash> HashMember(const nlohmann::json& object, std::string_view what,
                                      std::string_view name);
Result<std::vector<crypto::MerkleHash>> HashListMember(const nlohmann::json& object,
                                                       std::string_view what, std::string_view name,
                                                       std::size_t max_items);
Result<std::vector<std::string>> StringListMember(const nlohmann::json& object,
                                                  std::string_view what, std::string_view name);

tl::unexpected<Error> MemberError(std::string_view what, std::string_view name,
                                  std::string_view why);

}  // namespace tandem::node::audit::internal
