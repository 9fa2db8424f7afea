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

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tandem::node::audit;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

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
