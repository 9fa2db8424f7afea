// libFuzzer target for the export reader: any bytes, read as any agency's export, must give
// records, row errors or an Error, never a crash, a hang or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "agency-adapters/export_reader.h"
#include "core/agency.h"

// A 16 MiB quarantine instead of ASan's 256 MiB: a freed block stays poisoned across many whole
// executions, so a use after free is still caught, but the allocator recycles warm memory
// instead of faulting in cold pages on every run (docs/fuzzing.md, "Speed"). ASAN_OPTIONS
// given at run time still wins.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=16"; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using tandem::core::kAllAgencyKinds;
  if (size == 0) return 0;
  // The first byte picks the agency; the rest is the file.
  const auto agency = kAllAgencyKinds[data[0] % kAllAgencyKinds.size()];
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  auto reader = tandem::adapters::ExportReader::Open(agency, in);
  if (!reader) return 0;
  for (;;) {
    auto row = (*reader)->Next();
    if (!row || !*row) break;
  }
  return 0;
}
