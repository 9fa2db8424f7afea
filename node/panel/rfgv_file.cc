#include "node/panel/rfgv_file.h"

#include <array>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

namespace tandem::node::panel {
namespace {

using nlohmann::json;
using ordered_json = nlohmann::ordered_json;

struct IntMember {
  std::string_view name;
  int core::panel::RfgvConfig::*member;
};
constexpr std::array<IntMember, 4> kIntMembers = {{
    {"window_months", &core::panel::RfgvConfig::window_months},
    {"threshold", &core::panel::RfgvConfig::threshold},
    {"serial_victims", &core::panel::RfgvConfig::serial_victims},
    {"serial_months", &core::panel::RfgvConfig::serial_months},
}};

struct BandMember {
  std::string_view name;
  std::vector<core::panel::RfgvBand> core::panel::RfgvConfig::*member;
};
constexpr std::array<BandMember, 4> kBandMembers = {{
    {"recency", &core::panel::RfgvConfig::recency},
    {"frequency", &core::panel::RfgvConfig::frequency},
    {"gravity", &core::panel::RfgvConfig::gravity},
    {"victims", &core::panel::RfgvConfig::victims},
}};

tl::unexpected<Error> Bad(const std::string& where, std::string_view why) {
  return Fail(Code::kInvalidArgument, "RFGV configuration: " + where + ": " + std::string(why));
}

Result<int> Integer(const json& value, const std::string& where) {
  if (!value.is_number_integer()) return Bad(where, "must be an integer");
  const auto number = value.get<std::int64_t>();
  if (number < -1'000'000'000 || number > 1'000'000'000) return Bad(where, "is out of range");
  return static_cast<int>(number);
}

Result<core::panel::RfgvBand> Band(const json& value, const std::string& where) {
  if (!value.is_object()) return Bad(where, R"(must be an object {"low", "high", "points"})");
  core::panel::RfgvBand band;
  const std::array<std::pair<std::string_view, int*>, 3> fields = {
      {{"low", &band.low}, {"high", &band.high}, {"points", &band.points}}};
  for (const auto& [name, value_member] : value.items()) {
    bool known = false;
    for (const auto& field : fields) known = known || field.first == name;
    if (!known) return Bad(std::string(where).append(".").append(name), "unknown member");
  }
  for (const auto& [name, out] : fields) {
    const std::string at = where + "." + std::string(name);
    if (!value.contains(std::string(name))) return Bad(at, "missing");
    auto number = Integer(value.at(std::string(name)), at);
    if (!number) return tl::unexpected(number.error());
    *out = *number;
  }
  return band;
}

}  // namespace

Result<core::panel::RfgvConfig> ParseRfgvConfig(std::string_view text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Bad("the document", "is not valid JSON");
  if (!doc.is_object()) return Bad("the document", "must be a JSON object");
  for (const auto& [name, value] : doc.items()) {
    bool known = false;
    for (const auto& m : kIntMembers) known = known || m.name == name;
    for (const auto& m : kBandMembers) known = known || m.name == name;
    if (!known) return Bad(name, "unknown member");
  }
  core::panel::RfgvConfig config;
  for (const auto& [name, member] : kIntMembers) {
    if (!doc.contains(std::string(name))) return Bad(std::string(name), "missing");
    auto number = Integer(doc.at(std::string(name)), std::string(name));
    if (!number) return tl::unexpected(number.error());
    config.*member = *number;
  }
  for (const auto& [name, member] : kBandMembers) {
    const std::string where(name);
    if (!doc.contains(where)) return Bad(where, "missing");
    const json& bands = doc.at(where);
    if (!bands.is_array()) return Bad(where, "must be an array of bands");
    for (std::size_t i = 0; i < bands.size(); ++i) {
      auto band = Band(bands[i], where + "[" + std::to_string(i) + "]");
      if (!band) return tl::unexpected(band.error());
      (config.*member).push_back(*band);
    }
  }
  if (auto valid = core::panel::ValidateRfgvConfig(config); !valid) {
    return Bad("the matrix", valid.error().message);
  }
  return config;
}

Result<core::panel::RfgvConfig> ReadRfgvConfig(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    return Fail(Code::kNotFound, "RFGV configuration " + file.string() + " does not exist");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Code::kUnavailable, "cannot read RFGV configuration " + file.string());
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto config = ParseRfgvConfig(text);
  if (!config) return Fail(config.error().code, file.string() + ": " + config.error().message);
  return config;
}

std::string RfgvConfigJson(const core::panel::RfgvConfig& config) {
  ordered_json doc;
  for (const auto& [name, member] : kIntMembers) doc[std::string(name)] = config.*member;
  for (const auto& [name, member] : kBandMembers) {
    ordered_json bands = ordered_json::array();
    for (const core::panel::RfgvBand& band : config.*member) {
      bands.push_back({{"low", band.low}, {"high", band.high}, {"points", band.points}});
    }
    doc[std::string(name)] = std::move(bands);
  }
  return doc.dump(2) + "\n";
}

}  // namespace tandem::node::panel
