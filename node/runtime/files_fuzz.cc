// libFuzzer target: any bytes as each JSON file a node reads besides its TOML configuration
// (config_fuzz) and the ISA (isa_fuzz): the partnership's RFGV matrix, the fitted match model,
// the key ceremony's public-key.json and share-<node>.json, the store's key parameters
// (store-key.json), the identity and fields JSON a store's records hold, the local API users'
// api-tokens.json, the HHPP parties file `tandem isa draft` reads, and an outcome set's signed
// manifest with its CSV (the bytes after the first NUL). A reader must refuse with an error
// naming the member, never crash or throw; what it accepts must write back to the same text. A
// manifest is verified against an ISA whose signer's key only this target holds: the input's own
// signature never verifies, so the target signs the manifest again and checks the rest.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/hex.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "node/eval/outcome_manifest.h"
#include "node/exchange/api_tokens_file.h"
#include "node/isa/hhpp_draft.h"
#include "node/linkage/match_model_file.h"
#include "node/panel/rfgv_file.h"
#include "node/store/key_params.h"
#include "node/tokens/identity_json.h"
#include "node/tokens/key_files.h"
#include "protocol/canonical_json.h"
#include "protocol/isa.h"

namespace {

using namespace tandem::node;

// A file in memory: ReadShareFile and ReadKeyParams open it by path, as they open the real one.
struct MemoryFile {
  int fd = ::memfd_create("file-fuzz.json", 0);
  std::string path = "/proc/self/fd/" + std::to_string(fd);

  bool Write(std::string_view text) const {
    if (fd < 0 || ::ftruncate(fd, 0) != 0) return false;
    return ::pwrite(fd, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size());
  }
};

void Rfgv(std::string_view text) {
  auto config = panel::ParseRfgvConfig(text);
  if (!config) {
    if (config.error().code != tandem::Code::kInvalidArgument) __builtin_trap();
    return;
  }
  const std::string written = panel::RfgvConfigJson(*config);
  auto again = panel::ParseRfgvConfig(written);
  if (!again || panel::RfgvConfigJson(*again) != written) __builtin_trap();
}

void MatchModel(std::string_view text) {
  auto model = linkage::DecodeMatchModel(text);
  if (!model) {
    if (model.error().code != tandem::Code::kInvalidArgument) __builtin_trap();
    return;
  }
  const std::string written = linkage::EncodeMatchModel(*model);
  auto again = linkage::DecodeMatchModel(written);
  if (!again || linkage::EncodeMatchModel(*again) != written) __builtin_trap();
}

void PublicKeyRoundTrip(const tokens::PartnershipKey& key) {
  const std::string written = tokens::PublicKeyJson(key);
  auto again = tokens::ParsePublicKeyJson(written);
  if (!again || tokens::PublicKeyJson(*again) != written) __builtin_trap();
}

void KeyFiles(std::string_view text) {
  if (auto key = tokens::ParsePublicKeyJson(text)) {
    PublicKeyRoundTrip(*key);
  } else if (key.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
  static const MemoryFile file;
  if (text.empty() || !file.Write(text)) return;
  if (auto share = tokens::ReadShareFile(file.path)) {
    if (share->partnership.IndexOf(share->node) == 0) __builtin_trap();
    PublicKeyRoundTrip(share->partnership);
  } else if (share.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
}

// No round trip: WriteKeyParams writes atomically (a temporary file and a rename), which a file
// in memory does not allow.
void KeyParamsFile(std::string_view text) {
  static const MemoryFile file;
  if (text.empty() || !file.Write(text)) return;
  if (auto params = store::ReadKeyParams(file.path); !params) {
    if (params.error().code != tandem::Code::kCorruption) __builtin_trap();
  }
}

void StoredRecords(std::string_view text) {
  if (auto identity = tokens::ParseStoredIdentity(text); !identity) {
    if (identity.error().code != tandem::Code::kCorruption) __builtin_trap();
  }
  if (auto date = tokens::StoredReferralDate(text); !date) {
    if (date.error().code != tandem::Code::kCorruption) __builtin_trap();
  }
}

void ApiTokensFile(std::string_view text) {
  auto entries = exchange::DecodeApiTokensFile(text, "api-tokens.json");
  if (!entries) {
    if (entries.error().code != tandem::Code::kCorruption) __builtin_trap();
    return;
  }
  const std::string written = exchange::EncodeApiTokensFile(*entries);
  auto again = exchange::DecodeApiTokensFile(written, "api-tokens.json");
  if (!again || exchange::EncodeApiTokensFile(*again) != written) __builtin_trap();
}

// No writer: the parties file is written by hand.
void PartiesFile(std::string_view text) {
  auto parties = isa::ParseDraftParties(text);
  if (!parties) {
    if (parties.error().code != tandem::Code::kInvalidArgument) __builtin_trap();
  }
}

// The releasing node's key, from a fixed seed, and an ISA that lists it for "police-1".
struct ManifestSigner {
  bool sodium = tandem::crypto::InitSodium().has_value();
  tandem::crypto::SigningKey key = *tandem::crypto::SigningKey::FromSeed(
      *tandem::crypto::SecretBytes::Copy(std::array<std::uint8_t, 32>{7}));
  tandem::protocol::Isa isa = [this] {
    tandem::protocol::Isa isa{
        *tandem::protocol::IsaId::Create("dorset-hhpp"), 3, {}, {}, {}, {}, 1, {}, {}, {}};
    isa.parties.push_back({*tandem::protocol::NodeId::Create("police-1"), "police", "Dorset Police",
                           key.verifying_key(), "", "", ""});
    return isa;
  }();

  // `manifest` with its signature value replaced by this key's; empty when it has no signature
  // object to put it in or does not canonicalise.
  std::string Resign(std::string_view manifest) const {
    auto json = nlohmann::json::parse(manifest, nullptr, false);
    if (!json.is_object() || !json.contains("signature") || !json["signature"].is_object()) {
      return "";
    }
    nlohmann::json signature = json["signature"];
    json.erase("signature");
    auto canonical = tandem::protocol::Canonicalize(json.dump());
    if (!canonical) return "";
    std::string bytes = "tandem-outcome-set-manifest-v1";
    bytes.push_back('\0');
    bytes += *canonical;
    signature["value"] = tandem::crypto::EncodeHex(
        key.Sign({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}));
    json["signature"] = signature;
    return json.dump();
  }
};

bool ManifestError(tandem::Code code) {
  return code == tandem::Code::kInvalidArgument || code == tandem::Code::kPermissionDenied ||
         code == tandem::Code::kUnauthenticated || code == tandem::Code::kCorruption;
}

void OutcomeManifest(std::string_view text) {
  static const ManifestSigner signer;
  const std::size_t nul = text.find('\0');
  const std::string_view manifest = text.substr(0, nul);
  const std::string_view csv = nul == std::string_view::npos ? "" : text.substr(nul + 1);
  auto verified = eval::VerifyOutcomeManifest(manifest, csv, signer.isa);
  if (verified) __builtin_trap();  // the input cannot carry this key's signature
  if (!ManifestError(verified.error().code)) __builtin_trap();
  if (verified.error().code != tandem::Code::kUnauthenticated) return;
  const std::string resigned = signer.Resign(manifest);
  if (resigned.empty()) __builtin_trap();  // it reached the signature check, so it has one
  auto again = eval::VerifyOutcomeManifest(resigned, csv, signer.isa);
  if (again) {
    if (again->signer != "police-1" ||
        again->rows != static_cast<std::size_t>(std::max<std::ptrdiff_t>(
                           0, std::count(csv.begin(), csv.end(), '\n') - 1))) {
      __builtin_trap();
    }
  } else if (!ManifestError(again.error().code) ||
             again.error().code == tandem::Code::kUnauthenticated) {
    __builtin_trap();
  }
}

}  // namespace

// A 16 MiB quarantine instead of ASan's 256 MiB: a freed block stays poisoned across many whole
// executions, so a use after free is still caught, but the allocator recycles warm memory
// instead of faulting in cold pages on every run (docs/fuzzing.md, "Speed"). ASAN_OPTIONS
// given at run time still wins.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=16"; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Rfgv(text);
  MatchModel(text);
  KeyFiles(text);
  KeyParamsFile(text);
  StoredRecords(text);
  ApiTokensFile(text);
  PartiesFile(text);
  OutcomeManifest(text);
  return 0;
}
