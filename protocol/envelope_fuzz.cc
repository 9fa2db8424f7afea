// libFuzzer target for the envelope decoder and the JCS parser (clang, -DTANDEM_FUZZ=ON):
//   build/<dir>/protocol/envelope_fuzz -max_total_time=60
// Properties checked beyond "no crash": whatever Canonicalize accepts, its output is a fixed
// point; Open never accepts input signed by no one; and any object body Seal accepts comes
// back from Open as its canonical form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crypto/secret_bytes.h"
#include "protocol/canonical_json.h"
#include "protocol/envelope.h"

namespace {

const tandem::crypto::SigningKey& FuzzKey() {
  static const tandem::crypto::SigningKey key = [] {
    auto seed = tandem::crypto::SecretBytes::Zeroed(tandem::crypto::kEd25519SeedSize);
    if (!seed) std::abort();
    auto made = tandem::crypto::SigningKey::FromSeed(*seed);
    if (!made) std::abort();
    return *std::move(made);
  }();
  return key;
}

const tandem::protocol::EnvelopeHeader& FuzzHeader() {
  using tandem::protocol::Seconds;
  static const tandem::protocol::EnvelopeHeader header{
      tandem::protocol::MessageId::FromBytes({}),
      *tandem::protocol::NodeId::Create("a"),
      *tandem::protocol::NodeId::Create("b"),
      tandem::protocol::IsaRef{*tandem::protocol::IsaId::Create("isa"), 1},
      *tandem::protocol::PurposeId::Create("p"),
      *tandem::protocol::MessageKind::Create("k"),
      Seconds{std::chrono::seconds(1795356000)},
      Seconds{std::chrono::seconds(1795356300)},
      tandem::protocol::Nonce::FromBytes({})};
  return header;
}

}  // namespace

// A 16 MiB quarantine instead of ASan's 256 MiB: a freed block stays poisoned across many whole
// executions, so a use after free is still caught, but the allocator recycles warm memory
// instead of faulting in cold pages on every run (docs/fuzzing.md, "Speed"). ASAN_OPTIONS
// given at run time still wins.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=16"; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const auto now = tandem::protocol::Seconds{std::chrono::seconds(1795356060)};
  if (auto canonical = tandem::protocol::Canonicalize(input)) {
    auto again = tandem::protocol::Canonicalize(*canonical);
    if (!again || *again != *canonical) std::abort();
    if (auto wire = tandem::protocol::Seal(FuzzHeader(), input, FuzzKey())) {
      auto opened = tandem::protocol::Open(*wire, FuzzKey().verifying_key(), now);
      if (!opened || opened->body != *canonical) std::abort();
    }
  }

  (void)tandem::protocol::PeekHeader(input);
  auto opened = tandem::protocol::Open(input, FuzzKey().verifying_key(), now);
  // The fuzzer cannot forge an Ed25519 signature; an accepted envelope means a broken check.
  if (opened) std::abort();
  return 0;
}
