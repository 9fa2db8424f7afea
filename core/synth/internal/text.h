// Letter-level text helpers for UTF-8 names: case mapping and accent folding that know the
// accented letters the name lists use (é, ë, ł, ś, ó, ...), and leave everything else alone.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace tandem::core::synth::internal {

// "Zoë Wiśniewski" -> "Zoe Wisniewski": what a system without accents stores.
std::string FoldAccents(std::string_view text);

// Upper / lower case, accented letters included ("Zoë" -> "ZOË").
std::string ToUpper(std::string_view text);
std::string ToLower(std::string_view text);

// First letter upper case, the rest as given: "danny" -> "Danny".
std::string Capitalise(std::string_view text);

// The first ASCII letter after folding accents, upper case; 0 when there is none.
char InitialOf(std::string_view text);

}  // namespace tandem::core::synth::internal
