// Remembers every reference seen in one export file and the line it was on, to report a
// reference used twice. Open addressing over one string arena, 16 bytes a slot: a million
// references cost about 50 MB at the peak of a resize and no allocation per row.
// Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::adapters::internal {

class RefIndex {
 public:
  // Records `ref` as seen on `line` (>= 1) and returns nullopt, or, when `ref` was seen
  // before, returns the line where it was first seen and records nothing. `ref` must not
  // contain a NUL byte (the CSV reader refuses them).
  std::optional<std::size_t> Insert(std::string_view ref, std::size_t line);

  std::size_t size() const { return count_; }

 private:
  // The arena offset of the NUL-terminated reference in the high 40 bits, the top 24 bits
  // of its hash in the low 24 (most probes are settled without reading the arena).
  struct Slot {
    std::uint64_t offset_and_tag = 0;
    std::uint64_t line = 0;  // 0: empty slot
  };

  static std::uint64_t Hash(std::string_view ref);
  void Grow();
  std::string_view At(const Slot& slot) const;

  std::vector<Slot> slots_;
  std::string arena_;
  std::size_t count_ = 0;
};

}  // namespace tandem::adapters::internal
