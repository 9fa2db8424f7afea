// The partnership's OPRF key ceremony (`tandem key ceremony`): deal the key t-of-n to the
// named holders with a trusted dealer that wipes the key (crypto::DealThresholdKey), write
// public-key.json and one share-<node>.json per holder (mode 0600) into a new or empty
// directory. Run once, on an offline machine; docs/oprf.md says why a dealer is acceptable
// here and what a distributed key generation would add.
//
// Errors: kInvalidArgument for bad parameters (threshold out of 1..n, a holder listed twice or
// not a node id, fewer than two holders) or an output directory that already holds ceremony
// files; kUnavailable when a file cannot be written (files written so far are removed).
// Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "node/tokens/key_files.h"

namespace tandem::node::tokens {

struct CeremonyOptions {
  std::uint32_t threshold = 3;
  std::vector<std::string> holders;  // node ids; holder i + 1 is holders[i]
  std::filesystem::path out_dir;
};

struct CeremonyResult {
  PartnershipKey key;
  std::filesystem::path public_key_file;
  std::vector<std::filesystem::path> share_files;  // in holder order
};

inline constexpr char kPublicKeyFileName[] = "public-key.json";
std::string ShareFileName(std::string_view node);  // "share-<node>.json"

Result<CeremonyResult> RunKeyCeremony(const CeremonyOptions& options);

}  // namespace tandem::node::tokens
