#include "node/tokens/refresh_round.h"

#include <optional>

#include "crypto/digest.h"
#include "crypto/sealed_box.h"
#include "crypto/share_refresh.h"
#include "node/tokens/refresh_dealing.h"

namespace tandem::node::tokens {

Result<std::vector<crypto::VerifyingKey>> HolderIdentityKeys(const PartnershipKey& key,
                                                             const protocol::Isa& isa) {
  std::vector<crypto::VerifyingKey> out;
  for (const std::string& name : key.names) {
    const protocol::IsaParty* party = isa.FindParty(name);
    if (party == nullptr) {
      return Fail(Code::kPermissionDenied, "key holder '" + name +
                                               "' is not a party of the installed ISA, so its "
                                               "identity key is unknown");
    }
    out.push_back(party->signing_key);
  }
  return out;
}

Result<CheckedRefresh> CheckRefreshRound(const NodeShare& own,
                                         std::span<const std::string> dealings,
                                         std::span<const crypto::VerifyingKey> holder_keys,
                                         const crypto::SigningKey& identity) {
  const PartnershipKey& key = own.partnership;
  std::vector<std::optional<RefreshDealing>> by_holder(key.key.holders());
  for (const std::string& text : dealings) {
    auto dealing = ParseRefreshDealing(text, key, holder_keys);
    if (!dealing) return tl::unexpected(dealing.error());
    auto& slot = by_holder[dealing->commitment.dealer - 1];
    if (slot) {
      return Fail(Code::kInvalidArgument, "the round holds two dealings of '" + dealing->dealer +
                                              "'; a holder deals once a round");
    }
    slot.emplace(std::move(*dealing));
  }
  std::string missing;
  for (std::size_t i = 0; i < by_holder.size(); ++i) {
    if (!by_holder[i]) missing += (missing.empty() ? "" : ", ") + key.names[i];
  }
  if (!missing.empty()) {
    return Fail(Code::kInvalidArgument,
                "a refresh round needs a dealing from every holder of epoch " +
                    std::to_string(key.key.epoch()) + "; missing: " + missing);
  }

  const std::uint32_t self = own.share.holder();
  AppliedRefresh applied;
  std::vector<crypto::RefreshCommitment> commitments;
  std::vector<crypto::SecretBytes> subshares;
  for (const auto& dealing : by_holder) {
    auto subshare = crypto::OpenSealed(identity, dealing->sealed[self - 1]);
    if (!subshare) {
      return Fail(subshare.error().code, "the sub-share from '" + dealing->dealer +
                                             "' sealed to this node: " + subshare.error().message);
    }
    if (auto valid = crypto::VerifyRefreshSubshare(key.key, dealing->commitment, self, *subshare);
        !valid) {
      return Fail(Code::kUnauthenticated,
                  "the sub-share from '" + dealing->dealer + "' does not match its commitments (" +
                      valid.error().message +
                      "): that holder dealt a wrong round, which must be dealt again");
    }
    subshares.push_back(std::move(*subshare));
    commitments.push_back(dealing->commitment);
    applied.dealers.push_back(dealing->dealer);
  }
  auto share = crypto::ApplyRefresh(own.share, key.key, commitments, subshares);
  if (!share) return tl::unexpected(share.error());
  auto public_key = crypto::RefreshPublicKey(key.key, commitments);
  if (!public_key) return tl::unexpected(public_key.error());
  if (public_key->public_shares()[self - 1] != share->public_share()) {
    return Fail(Code::kInternal, "the refreshed share does not match the refreshed public key");
  }
  CheckedRefresh checked{
      HolderShare{own.node, std::move(*share),
                  PartnershipKey{std::move(*public_key), key.names, key.dealing}},
      std::move(applied)};
  checked.summary.epoch = checked.share.share.epoch();
  checked.summary.public_key_sha256 = crypto::Sha256Hex(PublicKeyJson(checked.share.partnership));
  return checked;
}

Result<AppliedRefresh> ApplyRefreshRound(store::Store& store, const NodeShare& own,
                                         std::span<const std::string> dealings,
                                         std::span<const crypto::VerifyingKey> holder_keys,
                                         const crypto::SigningKey& identity,
                                         std::string_view applied_at) {
  auto checked = CheckRefreshRound(own, dealings, holder_keys, identity);
  if (!checked) return tl::unexpected(checked.error());
  if (auto stored = ImportShare(store, checked->share, applied_at, ShareChange::kRefresh);
      !stored) {
    return tl::unexpected(stored.error());
  }
  return std::move(checked->summary);
}

}  // namespace tandem::node::tokens
