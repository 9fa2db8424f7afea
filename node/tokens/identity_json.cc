#include "node/tokens/identity_json.h"

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace tandem::node::tokens {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<std::string_view, adapters::Sex>, 3> kSexes = {{
    {"male", adapters::Sex::kMale},
    {"female", adapters::Sex::kFemale},
    {"other", adapters::Sex::kOther},
}};

Error Corrupt(std::string_view field) {
  return Error{Code::kCorruption,
               "a stored identity's field '" + std::string(field) + "' is not in the stored form"};
}

// Copies text field `name` into `out` when present.
Status Text(const json& o, const char* name, std::string& out) {
  if (!o.contains(name)) return Ok();
  if (!o[name].is_string()) return tl::unexpected(Corrupt(name));
  out = o[name].get<std::string>();
  return Ok();
}

Status DateField(const json& o, const char* name, std::optional<core::Date>& out) {
  std::string text;
  if (auto s = Text(o, name, text); !s) return s;
  if (text.empty()) return Ok();
  auto date = core::Date::FromIso(text);
  if (!date) return tl::unexpected(Corrupt(name));
  out = *date;
  return Ok();
}

Status Initial(const json& o, const char* name, char& out) {
  std::string text;
  if (auto s = Text(o, name, text); !s) return s;
  if (text.size() > 1) return tl::unexpected(Corrupt(name));
  out = text.empty() ? '\0' : text[0];
  return Ok();
}

}  // namespace

Result<adapters::Identity> ParseStoredIdentity(std::string_view text) {
  json o;
  try {
    o = json::parse(text.begin(), text.end());
  } catch (const json::exception&) {
    return tl::unexpected(Corrupt("(whole)"));
  }
  if (!o.is_object()) return tl::unexpected(Corrupt("(whole)"));
  adapters::Identity id;
  const std::array<std::pair<const char*, std::string*>, 9> texts = {{
      {"forename", &id.forename},
      {"forename_as_given", &id.forename_as_given},
      {"middle_names", &id.middle_names},
      {"surname", &id.surname},
      {"postcode", &id.postcode},
      {"district", &id.district},
      {"pnc_id", &id.pnc_id},
      {"nhs_number", &id.nhs_number},
      {"ni_number", &id.ni_number},
  }};
  for (const auto& [name, out] : texts) {
    if (auto s = Text(o, name, *out); !s) return tl::unexpected(s.error());
  }
  if (auto s = DateField(o, "dob", id.dob); !s) return tl::unexpected(s.error());
  if (o.contains("estimated_age")) {
    if (!o["estimated_age"].is_number_integer()) return tl::unexpected(Corrupt("estimated_age"));
    id.estimated_age = o["estimated_age"].get<int>();
  }
  std::string sex;
  if (auto s = Text(o, "sex", sex); !s) return tl::unexpected(s.error());
  for (const auto& [name, value] : kSexes) {
    if (sex == name) id.sex = value;
  }
  if (auto s = Initial(o, "first_initial", id.first_initial); !s) return tl::unexpected(s.error());
  if (auto s = Initial(o, "surname_initial", id.surname_initial); !s) {
    return tl::unexpected(s.error());
  }
  if (o.contains("aliases")) {
    if (!o["aliases"].is_array()) return tl::unexpected(Corrupt("aliases"));
    for (const auto& a : o["aliases"]) {
      if (!a.is_object()) return tl::unexpected(Corrupt("aliases"));
      adapters::Identity::Name alias;
      if (auto s = Text(a, "forename", alias.forename); !s) return tl::unexpected(s.error());
      if (auto s = Text(a, "surname", alias.surname); !s) return tl::unexpected(s.error());
      if (auto s = DateField(a, "dob", alias.dob); !s) return tl::unexpected(s.error());
      id.aliases.push_back(std::move(alias));
    }
  }
  return id;
}

Result<std::optional<core::Date>> StoredReferralDate(std::string_view fields_json) {
  json o;
  try {
    o = json::parse(fields_json.begin(), fields_json.end());
  } catch (const json::exception&) {
    return Fail(Code::kCorruption, "a stored record's fields are not a JSON object");
  }
  if (!o.is_object()) {
    return Fail(Code::kCorruption, "a stored record's fields are not a JSON object");
  }
  std::optional<core::Date> date;
  if (auto s = DateField(o, "referral_date", date); !s) return tl::unexpected(s.error());
  return date;
}

}  // namespace tandem::node::tokens
