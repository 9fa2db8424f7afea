#include "node/endpoints/oprf_codec.h"

#include <nlohmann/json.hpp>

#include "crypto/hex.h"
#include "node/endpoints/json_body.h"

namespace tandem::node::endpoints {
namespace {

using nlohmann::json;

json HexArray(std::span<const crypto::OprfElement> elements) {
  json array = json::array();
  for (const auto& element : elements) array.push_back(crypto::EncodeHex(element));
  return array;
}

Result<std::vector<crypto::OprfElement>> ElementsMember(const json& body, std::string_view kind,
                                                        std::string_view name) {
  const auto it = body.find(name);
  const std::string where = std::string(kind) + " member '" + std::string(name) + "'";
  if (it == body.end() || !it->is_array()) {
    return Fail(Code::kInvalidArgument, where + " must be an array");
  }
  if (it->empty() || it->size() > kMaxOprfBatch) {
    return Fail(Code::kInvalidArgument,
                where + " must hold 1 to " + std::to_string(kMaxOprfBatch) + " elements");
  }
  std::vector<crypto::OprfElement> elements;
  elements.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    if (!(*it)[i].is_string()) return Fail(Code::kInvalidArgument, at + " must be a string");
    auto bytes = crypto::DecodeHex((*it)[i].get<std::string>(), at);
    if (!bytes) return tl::unexpected(bytes.error());
    auto element = crypto::ParseOprfElement(*bytes);
    if (!element) return Fail(Code::kInvalidArgument, at + ": " + element.error().message);
    elements.push_back(*element);
  }
  return elements;
}

Result<std::uint32_t> SmallCount(const json& body, std::string_view kind, std::string_view name) {
  auto value = CountMember(body, kind, name);
  if (!value) return tl::unexpected(value.error());
  if (*value > 0xFFFFFFFFu) {
    return Fail(Code::kInvalidArgument,
                std::string(kind) + " member '" + std::string(name) + "' is too large");
  }
  return static_cast<std::uint32_t>(*value);
}

}  // namespace

std::string EncodeOprfRequest(std::uint32_t epoch, std::span<const crypto::OprfElement> elements) {
  return json{{"epoch", epoch}, {"elements", HexArray(elements)}}.dump();
}

Result<OprfRequest> DecodeOprfRequest(std::string_view text) {
  constexpr std::string_view kKind = "oprf-evaluate";
  auto body = ParseBody(text, kKind);
  if (!body) return tl::unexpected(body.error());
  if (body->size() != 2) {
    return Fail(Code::kInvalidArgument, "oprf-evaluate body holds exactly epoch and elements");
  }
  auto epoch = SmallCount(*body, kKind, "epoch");
  if (!epoch) return tl::unexpected(epoch.error());
  auto elements = ElementsMember(*body, kKind, "elements");
  if (!elements) return tl::unexpected(elements.error());
  return OprfRequest{*epoch, std::move(*elements)};
}

std::string EncodePartialEvaluation(const crypto::PartialEvaluation& partial) {
  return json{{"holder", partial.holder},
              {"epoch", partial.epoch},
              {"evaluated", HexArray(partial.evaluated)},
              {"proof", crypto::EncodeHex(partial.proof)}}
      .dump();
}

Result<crypto::PartialEvaluation> DecodePartialEvaluation(std::string_view text) {
  constexpr std::string_view kKind = "oprf-evaluate result";
  auto body = ParseBody(text, kKind);
  if (!body) return tl::unexpected(body.error());
  crypto::PartialEvaluation partial;
  auto holder = SmallCount(*body, kKind, "holder");
  if (!holder) return tl::unexpected(holder.error());
  auto epoch = SmallCount(*body, kKind, "epoch");
  if (!epoch) return tl::unexpected(epoch.error());
  auto evaluated = ElementsMember(*body, kKind, "evaluated");
  if (!evaluated) return tl::unexpected(evaluated.error());
  auto proof_hex = StringMember(*body, kKind, "proof");
  if (!proof_hex) return tl::unexpected(proof_hex.error());
  auto proof = crypto::DecodeHexArray<crypto::kOprfProofSize>(*proof_hex, "oprf-evaluate proof");
  if (!proof) return tl::unexpected(proof.error());
  partial.holder = *holder;
  partial.epoch = *epoch;
  partial.evaluated = std::move(*evaluated);
  partial.proof = *proof;
  return partial;
}

}  // namespace tandem::node::endpoints
