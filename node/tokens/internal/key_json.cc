#include "node/tokens/internal/key_json.h"

#include <sodium.h>

#include <array>

namespace tandem::node::tokens::internal {

using nlohmann::json;

Error Bad(std::string_view what, std::string_view why) {
  return Error{Code::kInvalidArgument, std::string(what) + ": " + std::string(why)};
}

bool DecodeHex32(std::string_view hex, std::uint8_t* out) {
  if (hex.size() != 64) return false;
  std::size_t bin_len = 0;
  return sodium_hex2bin(out, 32, hex.data(), hex.size(), nullptr, &bin_len, nullptr) == 0 &&
         bin_len == 32;
}

Result<crypto::OprfElement> ElementValue(const json& value, std::string_view what) {
  if (!value.is_string()) return tl::unexpected(Bad(what, "not a string of 64 hex digits"));
  std::array<std::uint8_t, 32> bytes{};
  if (!DecodeHex32(value.get_ref<const std::string&>(), bytes.data())) {
    return tl::unexpected(Bad(what, "not 64 hex digits"));
  }
  auto element = crypto::ParseOprfElement(bytes);
  if (!element) return tl::unexpected(Bad(what, element.error().message));
  return *element;
}

Result<crypto::OprfElement> ElementField(const json& object, const char* field,
                                         std::string_view where) {
  const std::string what = std::string(where) + "." + field;
  if (!object.contains(field)) {
    return tl::unexpected(Bad(what, "missing or not a string of 64 hex digits"));
  }
  return ElementValue(object[field], what);
}

Result<std::uint32_t> UintField(const json& object, const char* field, std::string_view where,
                                std::uint32_t max) {
  const std::string what = std::string(where) + "." + field;
  if (!object.contains(field) || !object[field].is_number_unsigned()) {
    return tl::unexpected(Bad(what, "missing or not a whole number"));
  }
  const auto value = object[field].get<std::uint64_t>();
  if (value > max) return tl::unexpected(Bad(what, "over " + std::to_string(max)));
  return static_cast<std::uint32_t>(value);
}

Result<std::string> StringField(const json& object, const char* field, std::string_view where) {
  if (!object.contains(field) || !object[field].is_string()) {
    return tl::unexpected(Bad(std::string(where) + "." + field, "missing or not a string"));
  }
  return object[field].get<std::string>();
}

Status CheckSuite(const json& object, std::string_view where) {
  auto suite = StringField(object, "suite", where);
  if (!suite) return tl::unexpected(suite.error());
  if (*suite != kSuite) {
    return tl::unexpected(Bad(std::string(where) + ".suite", "only ristretto255-SHA512 is known"));
  }
  return Ok();
}

bool ValidNodeId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

Result<json> ParseJson(std::string_view text, std::string_view where) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return Fail(Code::kInvalidArgument,
                std::string(where) + ": not JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const json::exception&) {  // a number out of range
    return Fail(Code::kInvalidArgument, std::string(where) + ": holds a number out of range");
  }
}

}  // namespace tandem::node::tokens::internal
