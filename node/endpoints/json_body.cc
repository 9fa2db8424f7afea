#include "node/endpoints/json_body.h"

namespace tandem::node::endpoints {
namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1

Error Bad(std::string_view kind, std::string_view name, std::string_view why) {
  return Error{Code::kInvalidArgument,
               std::string(kind) + " member '" + std::string(name) + "': " + std::string(why)};
}

}  // namespace

Result<nlohmann::json> ParseBody(std::string_view body, std::string_view kind) {
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    return Fail(Code::kInvalidArgument, std::string(kind) + " body must be a JSON object");
  }
  return json;
}

Result<std::uint64_t> CountMember(const nlohmann::json& body, std::string_view kind,
                                  std::string_view name) {
  const auto it = body.find(name);
  if (it == body.end()) return tl::unexpected(Bad(kind, name, "missing"));
  if (!it->is_number()) return tl::unexpected(Bad(kind, name, "must be a number"));
  const double value = it->get<double>();
  if (value < 0 || value > kMaxSafeInteger ||
      value != static_cast<double>(static_cast<std::uint64_t>(value))) {
    return tl::unexpected(Bad(kind, name, "must be an integer from 0 to 2^53-1"));
  }
  return static_cast<std::uint64_t>(value);
}

Result<std::string> StringMember(const nlohmann::json& body, std::string_view kind,
                                 std::string_view name) {
  const auto it = body.find(name);
  if (it == body.end()) return tl::unexpected(Bad(kind, name, "missing"));
  if (!it->is_string()) return tl::unexpected(Bad(kind, name, "must be a string"));
  return it->get<std::string>();
}

}  // namespace tandem::node::endpoints
