// libFuzzer target: any bytes as a node configuration file. The parser must refuse with an
// error naming the key or the line, never crash or throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "node/runtime/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)tandem::node::runtime::ParseNodeConfig(text, "/fuzz");
  return 0;
}
