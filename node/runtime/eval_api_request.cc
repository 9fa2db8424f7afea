#include "node/runtime/eval_api_request.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "protocol/ids.h"

namespace tandem::node::runtime {
namespace {

using nlohmann::json;

// "YYYY-MM-DD" as a date.
Result<core::Date> ParseDate(const std::string& text) {
  const auto bad = [&] {
    return Fail(Code::kInvalidArgument, "data_end: '" + text + "' is not a date (YYYY-MM-DD)");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  auto date = core::Date::FromIso(text);
  if (!date) return Fail(Code::kInvalidArgument, "data_end: " + date.error().message);
  return date;
}

tl::unexpected<Error> WrongType(const char* name) {
  return Fail(Code::kInvalidArgument, std::string("'") + name + "' has the wrong type");
}

// A whole-number member. Any JSON number is read as before (a fraction is truncated), but one
// whose value the type cannot hold is refused instead of being converted with undefined
// behaviour.
template <class T>
Result<T> WholeNumber(const json& value, const char* name) {
  if (!value.is_number()) return WrongType(name);
  const auto out_of_range = [&] {
    return Fail(Code::kInvalidArgument, std::string("'") + name + "' is out of range");
  };
  if (value.is_number_unsigned()) {
    const auto number = value.get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return out_of_range();
    return static_cast<T>(number);
  }
  if (value.is_number_integer()) {
    const auto number = value.get<std::int64_t>();
    if constexpr (std::is_unsigned_v<T>) {
      if (number < 0) return out_of_range();
    } else if (number < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
               number > static_cast<std::int64_t>(std::numeric_limits<T>::max())) {
      return out_of_range();
    }
    return static_cast<T>(number);
  }
  const double number = std::trunc(value.get<double>());
  // 2^63 and 2^64 are exact doubles; max() of a 64-bit type is not, so compare with < 2^N.
  const double above = std::ldexp(1.0, std::numeric_limits<T>::digits);
  const auto lowest = static_cast<double>(std::numeric_limits<T>::min());
  if (!std::isfinite(number) || number < lowest || number >= above) return out_of_range();
  return static_cast<T>(number);
}

// A member of the body: absent is fine, the wrong type is an error naming it.
template <class T>
Result<std::optional<T>> Member(const json& body, const char* name) {
  const auto found = body.find(name);
  if (found == body.end()) return std::optional<T>{};
  if constexpr (std::is_same_v<T, std::string>) {
    if (!found->is_string()) return WrongType(name);
    return std::optional<T>(found->get<std::string>());
  } else if constexpr (std::is_same_v<T, double>) {
    if (!found->is_number()) return WrongType(name);
    return std::optional<T>(found->get<double>());
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    if (!found->is_array()) return WrongType(name);
    T out;
    for (const json& item : *found) {
      if (!item.is_string()) return WrongType(name);
      out.push_back(item.get<std::string>());
    }
    return std::optional<T>(std::move(out));
  } else {
    auto number = WholeNumber<T>(*found, name);
    if (!number) return tl::unexpected(number.error());
    return std::optional<T>(*number);
  }
}

template <class T>
const Error* ErrorOf(const Result<T>& result) {
  return result ? nullptr : &result.error();
}

template <class T>
void Put(json& body, const char* name, const std::optional<T>& value) {
  if (value) body[name] = *value;
}

}  // namespace

Result<EvaluationApiRequest> DecodeEvaluationApiRequest(std::string_view text) {
  const json body = text.empty() ? json::object() : json::parse(text, nullptr, false);
  if (!body.is_object()) return Fail(Code::kInvalidArgument, "the body must be a JSON object");
  auto id = Member<std::string>(body, "evaluation_id");
  auto end = Member<std::string>(body, "data_end");
  auto k = Member<std::size_t>(body, "k");
  auto quasi = Member<std::vector<std::string>>(body, "quasi_identifiers");
  auto threshold = Member<std::int64_t>(body, "small_cell_threshold");
  auto base = Member<std::int64_t>(body, "rounding_base");
  auto share = Member<double>(body, "max_suppressed_share");
  auto epsilon = Member<std::string>(body, "epsilon_per_table");
  auto before = Member<int>(body, "before_days");
  auto after = Member<int>(body, "after_days");
  auto follow = Member<int>(body, "follow_up_days");
  auto value = Member<double>(body, "value_per_cchi_day");
  for (const Error* error : {ErrorOf(id), ErrorOf(end), ErrorOf(k), ErrorOf(quasi),
                             ErrorOf(threshold), ErrorOf(base), ErrorOf(share), ErrorOf(epsilon),
                             ErrorOf(before), ErrorOf(after), ErrorOf(follow), ErrorOf(value)}) {
    if (error != nullptr) return tl::unexpected(*error);
  }
  EvaluationApiRequest request;
  if (*id) {
    if (!protocol::NodeId::Create(**id)) {
      return Fail(Code::kInvalidArgument,
                  "evaluation_id may hold only letters, digits and . _ : / - (1-128)");
    }
    request.evaluation_id = **id;
  }
  if (*end) {
    auto date = ParseDate(**end);
    if (!date) return tl::unexpected(date.error());
    request.data_end = *date;
  }
  request.k = *k;
  request.quasi_identifiers = std::move(*quasi);
  request.small_cell_threshold = *threshold;
  request.rounding_base = *base;
  request.max_suppressed_share = *share;
  request.epsilon_per_table = std::move(*epsilon);
  request.before_days = *before;
  request.after_days = *after;
  request.follow_up_days = *follow;
  request.value_per_cchi_day = *value;
  return request;
}

std::string EncodeEvaluationApiRequest(const EvaluationApiRequest& request) {
  json body = json::object();
  Put(body, "evaluation_id", request.evaluation_id);
  if (request.data_end) body["data_end"] = request.data_end->ToIso();
  Put(body, "k", request.k);
  Put(body, "quasi_identifiers", request.quasi_identifiers);
  Put(body, "small_cell_threshold", request.small_cell_threshold);
  Put(body, "rounding_base", request.rounding_base);
  Put(body, "max_suppressed_share", request.max_suppressed_share);
  Put(body, "epsilon_per_table", request.epsilon_per_table);
  Put(body, "before_days", request.before_days);
  Put(body, "after_days", request.after_days);
  Put(body, "follow_up_days", request.follow_up_days);
  Put(body, "value_per_cchi_day", request.value_per_cchi_day);
  return body.dump();
}

}  // namespace tandem::node::runtime
