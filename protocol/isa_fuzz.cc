// libFuzzer target for the ISA reader (clang, -DTANDEM_FUZZ=ON):
//   build/<dir>/protocol/isa_fuzz -max_total_time=60
// Properties checked beyond "no crash": whatever ParseIsa accepts re-encodes to canonical JSON
// that parses back to the same encoding (a fixed point), its pretty form parses back to the same
// document, and its signing bytes are the context followed by the JCS of the input without its
// "signatures" member, so what a party signs is exactly what the file says.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocol/internal/json_tree.h"
#include "protocol/isa.h"

namespace {

using tandem::protocol::Seconds;

// JCS of `input` without its top-level "signatures" member (input already accepted).
std::string UnsignedCanonical(std::string_view input) {
  auto tree = tandem::protocol::internal::ParseJson(input, {tandem::protocol::kMaxIsaBytes, 16});
  if (!tree) std::abort();
  tandem::protocol::internal::JsonNode without;
  without.kind = tandem::protocol::internal::JsonKind::kObject;
  for (std::size_t i = 0; i < tree->names.size(); ++i) {
    if (tree->names[i] == "signatures") continue;
    without.names.push_back(tree->names[i]);
    without.items.push_back(tree->items[i]);
  }
  std::string out;
  if (!tandem::protocol::internal::WriteCanonical(without, out)) std::abort();
  return out;
}

}  // namespace

// A 16 MiB quarantine instead of ASan's 256 MiB: a freed block stays poisoned across many whole
// executions, so a use after free is still caught, but the allocator recycles warm memory
// instead of faulting in cold pages on every run (docs/fuzzing.md, "Speed"). ASAN_OPTIONS
// given at run time still wins.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=16"; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto isa = tandem::protocol::ParseIsa(input);
  if (!isa) {
    if (isa.error().code != tandem::Code::kInvalidArgument) std::abort();
    return 0;
  }

  auto encoded = tandem::protocol::EncodeIsa(*isa);
  if (!encoded) std::abort();
  auto again = tandem::protocol::ParseIsa(*encoded);
  if (!again) std::abort();
  auto reencoded = tandem::protocol::EncodeIsa(*again);
  if (!reencoded || *reencoded != *encoded) std::abort();

  auto pretty = tandem::protocol::FormatIsa(*isa);
  if (!pretty) std::abort();
  auto from_pretty = tandem::protocol::ParseIsa(*pretty);
  if (!from_pretty) std::abort();
  auto pretty_encoded = tandem::protocol::EncodeIsa(*from_pretty);
  if (!pretty_encoded || *pretty_encoded != *encoded) std::abort();

  auto signing = tandem::protocol::IsaSigningBytes(*isa);
  if (!signing) std::abort();
  std::string expected(tandem::protocol::kIsaSignatureContext);
  expected.push_back('\0');
  expected += UnsignedCanonical(input);
  if (*signing != expected) std::abort();

  // A round trip keeps what the parties sign: the re-read document's signing bytes are the
  // same, and (its encoding being equal) so are its keys, signatures and dates, so it verifies
  // exactly when the original does. Verifying it a second time would only repeat the Ed25519
  // work.
  auto again_signing = tandem::protocol::IsaSigningBytes(*again);
  if (!again_signing || *again_signing != *signing) std::abort();

  // Signatures and dates: any outcome but a crash.
  const Seconds now{std::chrono::seconds(1795356000)};  // 2026-11-22T14:00:00Z
  (void)tandem::protocol::VerifyIsa(*isa, now);
  return 0;
}
