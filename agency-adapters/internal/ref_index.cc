#include "agency-adapters/internal/ref_index.h"

#include <cstring>
#include <functional>
#include <utility>

namespace tandem::adapters::internal {
namespace {

constexpr int kTagBits = 24;
constexpr std::uint64_t kTagMask = (std::uint64_t{1} << kTagBits) - 1;

std::uint64_t Tag(std::uint64_t hash) { return hash >> (64 - kTagBits); }

}  // namespace

std::uint64_t RefIndex::Hash(std::string_view ref) { return std::hash<std::string_view>{}(ref); }

std::string_view RefIndex::At(const Slot& slot) const {
  const char* s = arena_.data() + (slot.offset_and_tag >> kTagBits);
  return {s, std::strlen(s)};
}

std::optional<std::size_t> RefIndex::Insert(std::string_view ref, std::size_t line) {
  // Keep the load under one half so that probes stay short.
  if ((count_ + 1) * 2 > slots_.size()) Grow();
  const std::uint64_t hash = Hash(ref);
  const std::uint64_t tag = Tag(hash);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.line == 0) {
      slot = Slot{(std::uint64_t{arena_.size()} << kTagBits) | tag, line};
      arena_.append(ref);
      arena_.push_back('\0');
      ++count_;
      return std::nullopt;
    }
    if ((slot.offset_and_tag & kTagMask) == tag && At(slot) == ref) return slot.line;
  }
}

void RefIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.line == 0) continue;
    std::size_t i = Hash(At(slot)) & mask;
    while (slots_[i].line != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

}  // namespace tandem::adapters::internal
