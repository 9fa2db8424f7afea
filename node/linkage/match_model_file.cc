#include "node/linkage/match_model_file.h"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <utility>

#include "node/store/atomic_file.h"

namespace tandem::node::linkage {
namespace {

constexpr std::string_view kFormat = "tandem-match-model-v2";
constexpr std::string_view kOldFormat = "tandem-match-model-v1";

Error Bad(std::string_view what) {
  return Error{Code::kInvalidArgument, "match model: " + std::string(what)};
}

bool IsNumber(const nlohmann::json& object, const char* member) {
  const auto found = object.find(member);
  return found != object.end() && found->is_number();
}

}  // namespace

std::string EncodeMatchModel(const MatchModelFile& file) {
  nlohmann::json families = nlohmann::json::array();
  for (const auto& f : file.model.families()) {
    nlohmann::json levels = nlohmann::json::array();
    for (std::size_t l = 0; l < f.family.levels.size(); ++l) {
      levels.push_back({{"key", f.family.levels[l]}, {"m", f.m[l]}, {"u", f.u[l]}});
    }
    nlohmann::json family = {{"name", f.family.name},
                             {"levels", levels},
                             {"disagree", {{"m", f.m.back()}, {"u", f.u.back()}}}};
    if (!f.family.unless_agreed.empty()) family["unless_agreed"] = f.family.unless_agreed;
    if (!f.family.unless_compared.empty()) family["unless_compared"] = f.family.unless_compared;
    families.push_back(std::move(family));
  }
  return nlohmann::json{{"format", kFormat},
                        {"prior", file.model.prior()},
                        {"families", families},
                        {"auto_weight", file.thresholds.auto_match},
                        {"review_weight", file.thresholds.review}}
             .dump(2) +
         "\n";
}

Result<MatchModelFile> DecodeMatchModel(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return tl::unexpected(Bad("not a JSON object"));
  // find, not value(): a "format" that is not a string must be refused, not thrown.
  const auto format = json.find("format");
  if (format != json.end() && format->is_string() && *format == kOldFormat) {
    return tl::unexpected(
        Bad("this file is \"" + std::string(kOldFormat) +
            "\", a model that scored every key independently and is no longer read; refit it "
            "with 'tandem link --model-out' and give every node the new file"));
  }
  if (format == json.end() || !format->is_string() || *format != kFormat) {
    return tl::unexpected(Bad("member 'format' must be \"" + std::string(kFormat) + "\""));
  }
  for (const char* name : {"prior", "auto_weight", "review_weight"}) {
    if (!IsNumber(json, name)) {
      return tl::unexpected(Bad("member '" + std::string(name) + "' must be a number"));
    }
  }
  const auto families_json = json.find("families");
  if (families_json == json.end() || !families_json->is_array()) {
    return tl::unexpected(Bad("member 'families' must be an array"));
  }
  std::vector<std::string> names;
  std::vector<core::matching::FamilyParameters> families;
  for (std::size_t i = 0; i < families_json->size(); ++i) {
    const auto& family = (*families_json)[i];
    const std::string where = "families[" + std::to_string(i) + "]";
    if (!family.is_object() || !family.contains("name") || !family["name"].is_string() ||
        !family.contains("levels") || !family["levels"].is_array() ||
        !family.contains("disagree") || !family["disagree"].is_object() ||
        !IsNumber(family["disagree"], "m") || !IsNumber(family["disagree"], "u")) {
      return tl::unexpected(
          Bad(where + " needs a string name, an array levels and an object disagree {m, u}"));
    }
    core::matching::FamilyParameters parameters;
    parameters.family.name = family["name"].get<std::string>();
    for (const auto& [member, field] :
         {std::pair{"unless_agreed", &parameters.family.unless_agreed},
          std::pair{"unless_compared", &parameters.family.unless_compared}}) {
      if (const auto yields = family.find(member); yields != family.end()) {
        if (!yields->is_string()) {
          return tl::unexpected(Bad(where + "." + member + " must be a family's name"));
        }
        *field = yields->get<std::string>();
      }
    }
    const auto& levels = family["levels"];
    if (levels.size() > core::matching::kMaxFamilyLevels) {
      return tl::unexpected(Bad(where + " has more than " +
                                std::to_string(core::matching::kMaxFamilyLevels) + " levels"));
    }
    for (std::size_t l = 0; l < levels.size(); ++l) {
      const auto& level = levels[l];
      if (!level.is_object() || !level.contains("key") || !level["key"].is_string() ||
          !IsNumber(level, "m") || !IsNumber(level, "u")) {
        return tl::unexpected(Bad(where + ".levels[" + std::to_string(l) +
                                  "] needs a string key and numbers m and u"));
      }
      parameters.family.levels.push_back(level["key"].get<std::string>());
      parameters.m.push_back(level["m"].get<double>());
      parameters.u.push_back(level["u"].get<double>());
      names.push_back(parameters.family.levels.back());
      if (names.size() > core::matching::kMaxKeyTypes) {
        return tl::unexpected(
            Bad("more than " + std::to_string(core::matching::kMaxKeyTypes) + " key types"));
      }
    }
    parameters.m.push_back(family["disagree"]["m"].get<double>());
    parameters.u.push_back(family["disagree"]["u"].get<double>());
    families.push_back(std::move(parameters));
  }
  auto model = core::matching::MatchModel::CreateWithFamilies(std::move(names), std::move(families),
                                                              json["prior"].get<double>());
  if (!model) return tl::unexpected(Bad(model.error().message));
  auto thresholds = core::matching::MakeBandThresholds(json["auto_weight"].get<double>(),
                                                       json["review_weight"].get<double>());
  if (!thresholds) return tl::unexpected(Bad(thresholds.error().message));
  return MatchModelFile{std::move(*model), *thresholds};
}

Result<MatchModelFile> ReadMatchModel(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Fail(Code::kNotFound, "no match model at " + path.string() +
                                     " (write one with 'tandem link --model-out')");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Code::kUnavailable, "cannot read " + path.string());
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto file = DecodeMatchModel(text);
  if (!file) return Fail(file.error().code, path.string() + ": " + file.error().message);
  return file;
}

Status WriteMatchModel(const std::filesystem::path& path, const MatchModelFile& file) {
  auto writer = store::AtomicFileWriter::Create(path, 0644);
  if (!writer) return tl::unexpected(writer.error());
  if (auto written = (*writer)->Write(EncodeMatchModel(file)); !written) return written;
  return (*writer)->Commit();
}

}  // namespace tandem::node::linkage
