// libFuzzer target: any bytes as the body of every node-to-node message an endpoint decodes
// (oprf-evaluate requests and results, match queries). A decoder must refuse or accept with a
// clear error, never crash; what it accepts must encode back to something it accepts again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "node/endpoints/match_codec.h"
#include "node/endpoints/oprf_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace tandem::node::endpoints;
  if (auto request = DecodeOprfRequest(text)) {
    auto again = DecodeOprfRequest(EncodeOprfRequest(request->epoch, request->elements));
    if (!again || again->elements != request->elements) __builtin_trap();
  }
  if (auto partial = DecodePartialEvaluation(text)) {
    auto again = DecodePartialEvaluation(EncodePartialEvaluation(*partial));
    if (!again || again->evaluated != partial->evaluated || again->proof != partial->proof) {
      __builtin_trap();
    }
  }
  (void)DecodeMatchQuery(text);
  return 0;
}
