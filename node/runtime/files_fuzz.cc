// libFuzzer target: any bytes as each file a node or the command line reads besides the TOML
// configuration (config_fuzz), the ISA (isa_fuzz) and the agency exports (export_reader_fuzz):
// the partnership's RFGV matrix and offence table, the fitted match model, the key ceremony's
// public-key.json and share-<node>.json, the store's key parameters (store-key.json), the node's
// identity.key, a store key file, the identity and fields JSON a store's records hold, the local
// API users' api-tokens.json, the HHPP parties file `tandem isa draft` reads, the links.csv and
// truth.csv `tandem linkage-quality` reads, a share refresh dealing, and an outcome set's signed
// manifest with its CSV (the bytes after the first NUL). A reader must refuse with an error naming
// what is wrong, never crash or throw; what it accepts must write back to the same text where a
// writer exists. A manifest is verified against an ISA whose signer's key only this target holds:
// the input's own signature never verifies, so the target signs the manifest again and checks the
// rest.
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "agency-adapters/offence_table_reader.h"
#include "core/matching/linkage_quality.h"
#include "core/result.h"
#include "crypto/hex.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "crypto/store_key.h"
#include "crypto/threshold_oprf.h"
#include "node/eval/outcome_manifest.h"
#include "node/exchange/api_tokens_file.h"
#include "node/identity_key.h"
#include "node/isa/hhpp_draft.h"
#include "node/linkage/match_model_file.h"
#include "node/panel/rfgv_file.h"
#include "node/signed_json.h"
#include "node/store/key_params.h"
#include "node/tokens/identity_json.h"
#include "node/tokens/key_files.h"
#include "node/tokens/refresh_dealing.h"
#include "protocol/isa.h"

namespace {

using namespace tandem::node;

// The input as a file that the readers which open their file by path (share-<node>.json,
// store-key.json, identity.key, a store key file) open as they open the real one: a regular
// file of mode 0600 (the key readers refuse any other, and refuse a link) in a directory of its
// own, removed when the run ends.
class InputFile {
 public:
  InputFile() {
    std::string dir = (std::filesystem::temp_directory_path() / "files-fuzz-XXXXXX").string();
    if (::mkdtemp(dir.data()) == nullptr) return;
    dir_ = dir;
    path_ = dir_ / "input";
  }
  ~InputFile() {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  const std::filesystem::path& path() const { return path_; }

  bool Write(std::string_view text) const {
    if (dir_.empty()) return false;
    const int fd =
        ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return false;
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    return ::close(fd) == 0 && written;
  }

 private:
  std::filesystem::path dir_;
  std::filesystem::path path_;
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

// An accepted table finds each of its entries by code, and each entry passes CheckOffence.
void Offences(std::string_view text) {
  std::istringstream in{std::string(text)};
  auto table = tandem::adapters::ParseOffenceTable(in);
  if (!table) {
    if (table.error().code != tandem::Code::kInvalidArgument) __builtin_trap();
    return;
  }
  for (const tandem::core::Offence& offence : table->offences()) {
    if (table->Find(offence.code) != &offence || !tandem::core::CheckOffence(offence)) {
      __builtin_trap();
    }
  }
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

void PublicKeyFile(std::string_view text) {
  if (auto key = tokens::ParsePublicKeyJson(text)) {
    PublicKeyRoundTrip(*key);
  } else if (key.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
}

void ShareFile(const std::filesystem::path& path) {
  if (auto share = tokens::ReadShareFile(path)) {
    if (share->partnership.IndexOf(share->node) == 0) __builtin_trap();
    PublicKeyRoundTrip(share->partnership);
  } else if (share.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
}

// No round trip: WriteKeyParams writes atomically (a temporary file and a rename) beside the
// store, not to a chosen path.
void KeyParamsFile(const std::filesystem::path& path) {
  if (auto params = store::ReadKeyParams(path); !params) {
    if (params.error().code != tandem::Code::kCorruption) __builtin_trap();
  }
}

// Accepted only as 64 lower-case hex digits and an optional newline. No round trip:
// WriteIdentityKey never replaces a file.
void IdentityKeyFile(const std::filesystem::path& path, std::string_view text) {
  auto key = ReadIdentityKey(path);
  if (!key) {
    if (key.error().code != tandem::Code::kInvalidArgument) __builtin_trap();
    return;
  }
  if (text.size() != 64 && !(text.size() == 65 && text.back() == '\n')) __builtin_trap();
}

// Accepted as 32 raw bytes, or as 64 hex digits and an optional line end; the key is those bytes.
void StoreKeyFile(const std::filesystem::path& path, std::string_view text) {
  auto key = tandem::crypto::ReadStoreKeyFile(path);
  if (!key) {
    if (key.error().code != tandem::Code::kInvalidArgument) __builtin_trap();
    return;
  }
  if (key->size() != 32) __builtin_trap();
  const std::string_view bytes(reinterpret_cast<const char*>(key->data()), key->size());
  if (text.size() == 32) {
    if (bytes != text) __builtin_trap();
    return;
  }
  const std::string_view end = text.substr(std::min<std::size_t>(64, text.size()));
  if (end != "" && end != "\n" && end != "\r" && end != "\r\n") __builtin_trap();
  std::string hex(text.substr(0, 64));
  std::transform(hex.begin(), hex.end(), hex.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (tandem::crypto::EncodeHex({key->data(), key->size()}) != hex) __builtin_trap();
}

void FilesReadByPath(std::string_view text) {
  static const InputFile file;
  if (!file.Write(text)) return;
  ShareFile(file.path());
  KeyParamsFile(file.path());
  IdentityKeyFile(file.path(), text);
  StoreKeyFile(file.path(), text);
}

// links.csv and truth.csv: refused with kInvalidArgument, or every row whole.
void LinkageFiles(std::string_view text) {
  namespace matching = tandem::core::matching;
  std::istringstream links_in{std::string(text)};
  if (auto links = matching::ParseLinksCsv(links_in)) {
    for (const matching::Link& link : *links) {
      if (link.agency_a.empty() || link.record_a.empty() || link.agency_b.empty() ||
          link.record_b.empty() || !std::isfinite(link.weight) || link.line < 2) {
        __builtin_trap();
      }
    }
  } else if (links.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
  std::istringstream truth_in{std::string(text)};
  if (auto truth = matching::ParseTruthCsv(truth_in)) {
    for (const matching::TruthRecord& record : *truth) {
      if (record.agency.empty() || record.record_id.empty() || record.person_id.empty() ||
          record.line < 2) {
        __builtin_trap();
      }
    }
  } else if (truth.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
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

  // `manifest` signed again with this key, under the signer it names; empty when it has no
  // well-formed signature object to replace.
  std::string Resign(std::string_view manifest) const {
    auto json = nlohmann::json::parse(manifest, nullptr, false);
    auto signature = DetachJsonSignature(json);
    if (!signature) return "";
    if (!SignJson(json, "tandem-outcome-set-manifest-v1", signature->signer, key)) return "";
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

// A 2-of-3 partnership key whose group key is fixed (a key derived from a fixed seed, split
// afresh: the public shares vary, the group key does not) and the holders' identity keys from
// fixed seeds, so a dealing made with them (tests/fuzz/files/refresh_dealing.json) reaches every
// check.
struct RefreshHolders {
  bool sodium = tandem::crypto::InitSodium().has_value();
  std::vector<tandem::crypto::SigningKey> identities = [] {
    std::vector<tandem::crypto::SigningKey> out;
    for (std::uint8_t seed = 11; seed <= 13; ++seed) {
      out.push_back(*tandem::crypto::SigningKey::FromSeed(
          *tandem::crypto::SecretBytes::Copy(std::array<std::uint8_t, 32>{seed})));
    }
    return out;
  }();
  std::vector<tandem::crypto::VerifyingKey> keys = [this] {
    std::vector<tandem::crypto::VerifyingKey> out;
    for (const auto& identity : identities) out.push_back(identity.verifying_key());
    return out;
  }();
  tokens::PartnershipKey key = [] {
    const std::array<std::uint8_t, 32> seed{42};
    auto oprf = tandem::crypto::OprfKey::Derive(tandem::crypto::OprfMode::kVoprf, seed, {});
    auto dealt = tandem::crypto::SplitOprfKey(*oprf, 2, 3);
    return tokens::PartnershipKey{dealt->public_key, {"police", "probation", "nhs"}};
  }();
};

// Refused with kInvalidArgument, or kUnauthenticated when only the signature is wrong: signed
// again with the named dealer's key, it then passes the signature check. What is accepted has
// one commitment (t - 1) and one sealed sub-share per holder.
void RefreshDealingFile(std::string_view text) {
  static const RefreshHolders holders;
  auto dealing = tokens::ParseRefreshDealing(text, holders.key, holders.keys);
  if (dealing) {
    if (dealing->commitment.coefficients.size() != 1 || dealing->sealed.size() != 3 ||
        holders.key.IndexOf(dealing->dealer) != dealing->commitment.dealer) {
      __builtin_trap();
    }
    return;
  }
  if (dealing.error().code == tandem::Code::kInvalidArgument) return;
  if (dealing.error().code != tandem::Code::kUnauthenticated) __builtin_trap();
  auto json = nlohmann::json::parse(text, nullptr, false);
  auto signature = DetachJsonSignature(json);
  const std::uint32_t dealer = signature ? holders.key.IndexOf(signature->signer) : 0;
  if (dealer == 0) __builtin_trap();  // it reached the signature check, so it names a holder
  if (!SignJson(json, tokens::kRefreshDealingFormat, signature->signer,
                holders.identities[dealer - 1])) {
    __builtin_trap();
  }
  auto again = tokens::ParseRefreshDealing(json.dump(), holders.key, holders.keys);
  if (!again && again.error().code != tandem::Code::kInvalidArgument) __builtin_trap();
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
  Offences(text);
  MatchModel(text);
  PublicKeyFile(text);
  FilesReadByPath(text);
  StoredRecords(text);
  ApiTokensFile(text);
  PartiesFile(text);
  RefreshDealingFile(text);
  LinkageFiles(text);
  OutcomeManifest(text);
  return 0;
}
