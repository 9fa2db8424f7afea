#include "node/tokens/refresh_dealing.h"

#include <nlohmann/json.hpp>

#include "crypto/hex.h"
#include "crypto/sealed_box.h"
#include "node/signed_json.h"
#include "node/tokens/internal/key_json.h"

namespace tandem::node::tokens {
namespace {

using internal::Bad;
using internal::kSuite;
using nlohmann::json;

constexpr std::size_t kSealedSubshareSize = 32 + crypto::kSealedBoxOverhead;

Status CheckHolderKeys(const PartnershipKey& key,
                       std::span<const crypto::VerifyingKey> holder_keys) {
  if (holder_keys.size() != key.key.holders()) {
    return Fail(Code::kInvalidArgument, "a refresh needs the identity key of each of the " +
                                            std::to_string(key.key.holders()) + " holders, not " +
                                            std::to_string(holder_keys.size()));
  }
  return Ok();
}

Result<std::vector<crypto::OprfElement>> Commitments(const json& object, const PartnershipKey& key,
                                                     std::string_view where) {
  const std::string at = std::string(where) + ".commitments";
  const auto found = object.find("commitments");
  if (found == object.end() || !found->is_array() || found->size() != key.key.threshold() - 1) {
    return tl::unexpected(Bad(at, "missing or not a list of " +
                                      std::to_string(key.key.threshold() - 1) +
                                      " elements (threshold - 1)"));
  }
  std::vector<crypto::OprfElement> out;
  for (std::size_t i = 0; i < found->size(); ++i) {
    auto element = internal::ElementValue((*found)[i], at + "[" + std::to_string(i) + "]");
    if (!element) return tl::unexpected(element.error());
    out.push_back(*element);
  }
  return out;
}

Result<std::vector<std::vector<std::uint8_t>>> SealedSubshares(const json& object,
                                                               const PartnershipKey& key,
                                                               std::string_view where) {
  const std::string at = std::string(where) + ".subshares";
  const auto found = object.find("subshares");
  if (found == object.end() || !found->is_array() || found->size() != key.key.holders()) {
    return tl::unexpected(Bad(at, "missing or not a list of one sub-share per holder (" +
                                      std::to_string(key.key.holders()) + ")"));
  }
  std::vector<std::vector<std::uint8_t>> out;
  for (std::size_t i = 0; i < found->size(); ++i) {
    const std::string item = at + "[" + std::to_string(i) + "]";
    const json& entry = (*found)[i];
    if (!entry.is_object()) return tl::unexpected(Bad(item, "not an object"));
    auto index = internal::UintField(entry, "index", item, crypto::kMaxKeyHolders);
    if (!index) return tl::unexpected(index.error());
    auto node = internal::StringField(entry, "node", item);
    if (!node) return tl::unexpected(node.error());
    if (*index != i + 1 || *node != key.names[i]) {
      return tl::unexpected(Bad(item, "must be holder " + std::to_string(i + 1) + " (" +
                                          key.names[i] + "); holders are listed in key order"));
    }
    auto sealed = internal::StringField(entry, "sealed", item);
    if (!sealed) return tl::unexpected(sealed.error());
    auto bytes = crypto::DecodeHex(*sealed, item + ".sealed");
    if (!bytes || bytes->size() != kSealedSubshareSize) {
      return tl::unexpected(
          Bad(item + ".sealed", "not " + std::to_string(2 * kSealedSubshareSize) + " hex digits"));
    }
    out.push_back(std::move(*bytes));
  }
  return out;
}

}  // namespace

std::string RefreshDealingFileName(std::uint32_t epoch, std::string_view dealer) {
  return "refresh-" + std::to_string(epoch) + "-" + std::string(dealer) + ".json";
}

Result<std::string> DealRefreshFile(const PartnershipKey& key, std::string_view dealer,
                                    std::span<const crypto::VerifyingKey> holder_keys,
                                    const crypto::SigningKey& identity) {
  const std::uint32_t index = key.IndexOf(dealer);
  if (index == 0) {
    return Fail(Code::kInvalidArgument,
                "'" + std::string(dealer) + "' is not a holder of the partnership key");
  }
  if (auto checked = CheckHolderKeys(key, holder_keys); !checked) {
    return tl::unexpected(checked.error());
  }
  auto dealing = crypto::DealRefresh(key.key, index);
  if (!dealing) return tl::unexpected(dealing.error());
  json commitments = json::array();
  for (const auto& c : dealing->commitment.coefficients)
    commitments.push_back(crypto::EncodeHex(c));
  json subshares = json::array();
  for (std::uint32_t holder = 1; holder <= key.key.holders(); ++holder) {
    auto sealed = crypto::SealTo(holder_keys[holder - 1], dealing->subshares[holder - 1].view());
    if (!sealed) return tl::unexpected(sealed.error());
    subshares.push_back({{"index", holder},
                         {"node", key.names[holder - 1]},
                         {"sealed", crypto::EncodeHex(*sealed)}});
  }
  json file = {{"format", kRefreshDealingFormat},
               {"suite", kSuite},
               {"group_public_key", crypto::EncodeHex(key.key.group_public_key())},
               {"epoch", key.key.epoch()},
               {"dealer", std::string(dealer)},
               {"dealer_index", index},
               {"commitments", commitments},
               {"subshares", subshares}};
  if (auto signed_ = SignJson(file, kRefreshDealingFormat, dealer, identity); !signed_) {
    return tl::unexpected(signed_.error());
  }
  return file.dump(2) + "\n";
}

Result<RefreshDealing> ParseRefreshDealing(std::string_view text, const PartnershipKey& key,
                                           std::span<const crypto::VerifyingKey> holder_keys) {
  if (auto checked = CheckHolderKeys(key, holder_keys); !checked) {
    return tl::unexpected(checked.error());
  }
  auto parsed = internal::ParseJson(text, "refresh dealing");
  if (!parsed) return tl::unexpected(parsed.error());
  json& object = *parsed;
  if (!object.is_object()) return Fail(Code::kInvalidArgument, "refresh dealing: not an object");
  auto dealer = internal::StringField(object, "dealer", "refresh dealing");
  if (!dealer) return tl::unexpected(dealer.error());
  if (!internal::ValidNodeId(*dealer)) {
    return Fail(Code::kInvalidArgument, "refresh dealing.dealer: not a node id");
  }
  const std::string where = "the refresh dealing of '" + *dealer + "'";
  auto format = internal::StringField(object, "format", where);
  if (!format) return tl::unexpected(format.error());
  if (*format != kRefreshDealingFormat) {
    return Fail(Code::kInvalidArgument,
                where + ".format: '" + *format + "' is not " + std::string(kRefreshDealingFormat));
  }
  if (auto suite = internal::CheckSuite(object, where); !suite) {
    return tl::unexpected(suite.error());
  }
  auto group = internal::ElementField(object, "group_public_key", where);
  if (!group) return tl::unexpected(group.error());
  if (*group != key.key.group_public_key()) {
    return Fail(Code::kInvalidArgument,
                where + " is for another partnership key (its group public key differs)");
  }
  auto epoch = internal::UintField(object, "epoch", where, 0xffffffffu);
  if (!epoch) return tl::unexpected(epoch.error());
  if (*epoch != key.key.epoch()) {
    return Fail(Code::kInvalidArgument,
                where + " refreshes epoch " + std::to_string(*epoch) +
                    ", but this node's share is of epoch " + std::to_string(key.key.epoch()) +
                    (*epoch < key.key.epoch() ? " (the round was already applied here)" : ""));
  }
  auto dealer_index = internal::UintField(object, "dealer_index", where, crypto::kMaxKeyHolders);
  if (!dealer_index) return tl::unexpected(dealer_index.error());
  if (*dealer_index == 0 || key.IndexOf(*dealer) != *dealer_index) {
    return Fail(Code::kInvalidArgument, where + ": '" + *dealer + "' is not holder " +
                                            std::to_string(*dealer_index) +
                                            " of the partnership key");
  }
  auto signature = DetachJsonSignature(object);
  if (!signature) return Fail(Code::kInvalidArgument, where + ": " + signature.error().message);
  if (signature->signer != *dealer) {
    return Fail(Code::kInvalidArgument,
                where + " is signed by '" + signature->signer + "', not by its dealer");
  }
  if (auto verified = VerifyJsonSignature(object, kRefreshDealingFormat, *signature,
                                          holder_keys[*dealer_index - 1]);
      !verified) {
    return Fail(verified.error().code,
                where + ": " + verified.error().message + " (checked with its key in the ISA)");
  }
  auto coefficients = Commitments(object, key, where);
  if (!coefficients) return tl::unexpected(coefficients.error());
  auto sealed = SealedSubshares(object, key, where);
  if (!sealed) return tl::unexpected(sealed.error());
  RefreshDealing out;
  out.dealer = *dealer;
  out.commitment.dealer = *dealer_index;
  out.commitment.epoch = *epoch;
  out.commitment.coefficients = std::move(*coefficients);
  out.sealed = std::move(*sealed);
  return out;
}

}  // namespace tandem::node::tokens
