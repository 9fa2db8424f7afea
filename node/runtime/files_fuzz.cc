// libFuzzer target: any bytes as each JSON file a node reads besides its TOML configuration
// (config_fuzz) and the ISA (isa_fuzz): the partnership's RFGV matrix, the fitted match model,
// the key ceremony's public-key.json and share-<node>.json, the store's key parameters
// (store-key.json), and the identity and fields JSON a store's records hold. A reader must refuse
// with an error naming the member, never crash or throw; what it accepts must write back to the
// same text.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "node/linkage/match_model_file.h"
#include "node/panel/rfgv_file.h"
#include "node/store/key_params.h"
#include "node/tokens/identity_json.h"
#include "node/tokens/key_files.h"

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
  return 0;
}
