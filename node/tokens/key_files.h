// The files of a key ceremony (docs/oprf.md, "Key ceremony"): public-key.json, which every
// node needs to verify partial evaluations (threshold, epoch, holders by node id, every public
// share, the group public key), and one share-<node>.json per holder, which carries that
// holder's secret share and a copy of the public key and is deleted once imported.
//
// public-key.json:
//   {"format": "tandem-oprf-public-key-v1", "suite": "ristretto255-SHA512", "threshold": 3,
//    "epoch": 0, "dealing": "trusted-dealer", "group_public_key": "<64 hex>",
//    "holders": [{"index": 1, "node": "police", "public_share": "<64 hex>"}, ...]}
// share-<node>.json:
//   {"format": "tandem-oprf-key-share-v1", "node": "police", "index": 1, "epoch": 0,
//    "share": "<64 hex>", "public_key": {... public-key.json ...}}
//
// Parsing is strict: errors (kInvalidArgument) name the field. A share is checked against the
// public key (share * G must be the public share listed for its index). Share bytes are read
// into secure memory; the parser's own copies of the hex text are wiped before returning.
// Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/threshold_oprf.h"

namespace tandem::node::tokens {

// The public side of the partnership key with the holders' node ids (names[i] is holder i + 1).
struct PartnershipKey {
  crypto::ThresholdPublicKey key;
  std::vector<std::string> names;
  std::string dealing = "trusted-dealer";

  // 1..n for a node id, 0 when it is not a holder.
  std::uint32_t IndexOf(std::string_view node) const;
};

// A holder's share as read from its file.
struct HolderShare {
  std::string node;
  crypto::KeyShare share;
  PartnershipKey partnership;
};

std::string PublicKeyJson(const PartnershipKey& key);
Result<PartnershipKey> ParsePublicKeyJson(std::string_view json);

// Writes share-<node>.json for holder `index` (1..n) of `key` into `dir`, mode 0600, refusing
// to overwrite a file (kInvalidArgument). The text is composed in secure memory.
Status WriteShareFile(const std::filesystem::path& path, const PartnershipKey& key,
                      std::uint32_t index, const crypto::KeyShare& share);

// Reads and checks a share file. kNotFound when it is missing; kInvalidArgument when it is
// malformed or the share does not belong to the public key it carries.
Result<HolderShare> ReadShareFile(const std::filesystem::path& path);

}  // namespace tandem::node::tokens
