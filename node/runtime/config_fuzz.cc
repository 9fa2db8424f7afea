// libFuzzer target: any bytes as a node configuration file. The parser must refuse with an
// error naming the key or the line, never crash or throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "node/runtime/config.h"

// A 16 MiB quarantine instead of ASan's 256 MiB: a freed block stays poisoned across many whole
// executions, so a use after free is still caught, but the allocator recycles warm memory
// instead of faulting in cold pages on every run (docs/fuzzing.md, "Speed"). ASAN_OPTIONS
// given at run time still wins.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=16"; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)tandem::node::runtime::ParseNodeConfig(text, "/fuzz");
  return 0;
}
