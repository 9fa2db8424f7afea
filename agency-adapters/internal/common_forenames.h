// Common forenames of people in England and Wales, as data: used only to tell whether a
// single word in a name as told ("Paul", "smithy") is more likely a forename or a surname.
#pragma once

#include <span>
#include <string_view>

namespace tandem::adapters::internal {

// The whole list: lower-case ASCII, sorted, each name once.
std::span<const std::string_view> CommonForenames();

// True when `word` (lower-case ASCII) is in the list.
bool IsCommonForename(std::string_view word);

}  // namespace tandem::adapters::internal
