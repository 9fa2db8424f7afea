#include "node/linkage/match_model_file.h"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "node/store/atomic_file.h"

namespace tandem::node::linkage {
namespace {

constexpr std::string_view kFormat = "tandem-match-model-v1";

Error Bad(std::string_view what) {
  return Error{Code::kInvalidArgument, "match model: " + std::string(what)};
}

}  // namespace

std::string EncodeMatchModel(const MatchModelFile& file) {
  nlohmann::json keys = nlohmann::json::array();
  for (std::size_t i = 0; i < file.model.key_count(); ++i) {
    keys.push_back({{"name", file.model.key_name(i)},
                    {"m", file.model.parameters(i).m},
                    {"u", file.model.parameters(i).u}});
  }
  return nlohmann::json{{"format", kFormat},
                        {"prior", file.model.prior()},
                        {"keys", keys},
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
  if (format == json.end() || !format->is_string() || *format != kFormat) {
    return tl::unexpected(Bad("member 'format' must be \"" + std::string(kFormat) + "\""));
  }
  for (const char* name : {"prior", "auto_weight", "review_weight"}) {
    if (!json.contains(name) || !json[name].is_number()) {
      return tl::unexpected(Bad("member '" + std::string(name) + "' must be a number"));
    }
  }
  if (!json.contains("keys") || !json["keys"].is_array()) {
    return tl::unexpected(Bad("member 'keys' must be an array"));
  }
  std::vector<std::string> names;
  std::vector<core::matching::KeyParameters> parameters;
  for (std::size_t i = 0; i < json["keys"].size(); ++i) {
    const auto& key = json["keys"][i];
    const std::string where = "keys[" + std::to_string(i) + "]";
    if (!key.is_object() || !key.contains("name") || !key["name"].is_string() ||
        !key.contains("m") || !key["m"].is_number() || !key.contains("u") ||
        !key["u"].is_number()) {
      return tl::unexpected(Bad(where + " needs a string name and numbers m and u"));
    }
    names.push_back(key["name"].get<std::string>());
    parameters.push_back({key["m"].get<double>(), key["u"].get<double>()});
  }
  auto model = core::matching::MatchModel::Create(std::move(names), std::move(parameters),
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
