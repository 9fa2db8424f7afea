#include "node/endpoints/evaluation_request_codec.h"

#include <nlohmann/json.hpp>

#include "node/endpoints/json_body.h"

namespace tandem::node::endpoints {
namespace {

using nlohmann::json;
constexpr std::string_view kKind = "evaluation-request";

// The member `name` of `item` when it is a string of 32 lowercase hex digits.
const std::string* Hex32Member(const json& item, const char* name) {
  const auto found = item.find(name);
  if (found == item.end() || !found->is_string()) return nullptr;
  const auto& text = found->get_ref<const std::string&>();
  if (text.size() != 32 || text.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return nullptr;
  }
  return &text;
}

}  // namespace

Result<EvaluationRequest> DecodeEvaluationRequest(std::string_view body) {
  auto parsed = ParseBody(body, kKind);
  if (!parsed) return tl::unexpected(parsed.error());
  EvaluationRequest request;
  auto evaluation = StringMember(*parsed, kKind, "evaluation_id");
  if (!evaluation) return tl::unexpected(evaluation.error());
  request.evaluation_id = std::move(*evaluation);
  const auto items = parsed->find("items");
  if (items == parsed->end() || !items->is_array() || items->empty() ||
      items->size() > kMaxEvaluationItems) {
    return Fail(Code::kInvalidArgument, "evaluation-request: 'items' must be an array of 1 to " +
                                            std::to_string(kMaxEvaluationItems) + " objects");
  }
  request.items.reserve(items->size());
  std::size_t index = 0;
  for (const json& item : *items) {
    ++index;
    const std::string* handle = item.is_object() ? Hex32Member(item, "handle") : nullptr;
    const std::string* pseudonym = item.is_object() ? Hex32Member(item, "pseudonym") : nullptr;
    if (handle == nullptr || pseudonym == nullptr) {
      return Fail(Code::kInvalidArgument,
                  "evaluation-request: item " + std::to_string(index) +
                      R"( must be {"handle": 32 hex digits, "pseudonym": 32 hex digits})");
    }
    request.items.push_back({*handle, *pseudonym});
  }
  return request;
}

std::string EncodeEvaluationRequest(const EvaluationRequest& request) {
  json items = json::array();
  for (const EvaluationItem& item : request.items) {
    items.push_back({{"handle", item.handle}, {"pseudonym", item.pseudonym}});
  }
  return json{{"evaluation_id", request.evaluation_id}, {"items", items}}.dump();
}

}  // namespace tandem::node::endpoints
