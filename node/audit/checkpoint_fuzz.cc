// libFuzzer target for the audit log's message decoders (clang, -DTANDEM_FUZZ=ON):
//   build/fuzz/node/checkpoint_fuzz -max_total_time=60
// Properties beyond "no crash": whatever a decoder accepts re-encodes to canonical JSON that
// decodes to the same value; a decoded checkpoint or co-signature never verifies under a key
// the fuzzer cannot sign with.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "node/audit/checkpoint.h"
#include "node/audit/entry.h"
#include "node/audit/messages.h"
#include "protocol/canonical_json.h"

namespace {

const tandem::crypto::VerifyingKey& FuzzKey() {
  static const tandem::crypto::VerifyingKey key = [] {
    auto seed = tandem::crypto::SecretBytes::Zeroed(tandem::crypto::kEd25519SeedSize);
    if (!seed) std::abort();
    auto made = tandem::crypto::SigningKey::FromSeed(*seed);
    if (!made) std::abort();
    return made->verifying_key();
  }();
  return key;
}

}  // namespace

// A 16 MiB quarantine instead of ASan's 256 MiB: a freed block stays poisoned across many whole
// executions, so a use after free is still caught, but the allocator recycles warm memory
// instead of faulting in cold pages on every run (docs/fuzzing.md, "Speed"). ASAN_OPTIONS
// given at run time still wins.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=16"; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tandem::node::audit;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // Every decoder's first step is the same RFC 8785 canonicalisation of the same bytes. When it
  // refuses, the others would repeat that work to the same refusal; one decoder stands for them.
  if (!tandem::protocol::Canonicalize(input)) {
    auto refused = DecodeCheckpoint(input);
    if (refused || refused.error().code != tandem::Code::kInvalidArgument) std::abort();
    return 0;
  }

  if (auto checkpoint = DecodeCheckpoint(input)) {
    auto json = EncodeCheckpoint(*checkpoint);
    if (!json) std::abort();
    auto again = DecodeCheckpoint(*json);
    if (!again || !(*again == *checkpoint)) std::abort();
    if (VerifyCheckpoint(*checkpoint, FuzzKey())) std::abort();
  }
  if (auto cosignature = DecodeCosignature(input)) {
    auto json = EncodeCosignature(*cosignature);
    if (!json) std::abort();
    auto again = DecodeCosignature(*json);
    if (!again || !(*again == *cosignature)) std::abort();
    if (VerifyCosignature(*cosignature, FuzzKey())) std::abort();
  }
  if (auto proof = DecodeInclusionProof(input)) {
    auto again = DecodeInclusionProof(EncodeInclusionProof(*proof));
    if (!again || !(*again == *proof)) std::abort();
  }
  if (auto proof = DecodeConsistencyProof(input)) {
    auto again = DecodeConsistencyProof(EncodeConsistencyProof(*proof));
    if (!again || !(*again == *proof)) std::abort();
  }
  if (auto entry = DecodeEntry(input)) {
    auto again = EncodeEntry(*entry);
    if (!again || *again != input) std::abort();
  }
  return 0;
}
