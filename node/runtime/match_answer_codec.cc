#include "node/runtime/match_answer_codec.h"

#include <nlohmann/json.hpp>

namespace tandem::node::runtime {

using nlohmann::json;

Result<MatchAnswer> DecodeMatchAnswer(std::string_view result_json) {
  const auto result = json::parse(result_json, nullptr, false);
  const auto band = result.is_object() ? result.find("band") : result.end();
  if (!result.is_object() || band == result.end() || !band->is_string()) {
    return Fail(Code::kUnauthenticated, "the partner's match answer has no band");
  }
  MatchAnswer answer;
  answer.band = band->get<std::string>();
  if (const auto agreed = result.find("agreed"); agreed != result.end() && agreed->is_array()) {
    for (const auto& key : *agreed) {
      if (key.is_string()) answer.agreed.push_back(key.get<std::string>());
    }
  }
  if (const auto handle = result.find("handle"); handle != result.end() && handle->is_string()) {
    answer.handle = handle->get<std::string>();
  }
  return answer;
}

std::string EncodeMatchAnswer(const MatchAnswer& answer) {
  json out = {{"band", answer.band}, {"agreed", answer.agreed}};
  if (!answer.handle.empty()) out["handle"] = answer.handle;
  return out.dump();
}

}  // namespace tandem::node::runtime
