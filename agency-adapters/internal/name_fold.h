// Folding of Unicode name text to the small ASCII alphabet names are compared in. Uses ICU
// (NFKD, character properties, and a Latin transliterator for other scripts); the ICU
// objects are created once and shared (the transliterator once per thread). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace tandem::adapters::internal {

// Appends to `out` the fold of UTF-8 `text`: letters as a-z (accents removed, ł→l, ß→ss, ...,
// other scripts transliterated), dashes as '-', apostrophes dropped, everything else
// (punctuation, digits, spaces, symbols) as ' '. Invalid UTF-8 folds to spaces. ASCII input
// takes a fast path that does not touch ICU.
void AppendNameFold(std::string_view text, std::string& out);

}  // namespace tandem::adapters::internal
