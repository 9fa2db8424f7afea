// The ways a name is written wrongly or differently, each producing a valid name: a keying
// typo, O'Brien as OBrien, McDonald as MacDonald, de la Cruz as Delacruz, Smith-Jones as
// Jones. Pure functions of their input and the random stream; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/synth/internal/rng.h"

namespace tandem::core::synth::internal {

// One keying error inside a word, never on its first letter and never touching apostrophes,
// hyphens, spaces or accented letters: adjacent transposition, a dropped letter (words of four
// letters or more), a doubled letter, or a neighbouring key on a QWERTY keyboard (case kept).
// Returns the name unchanged when it has no letter that can be edited.
std::string Typo(std::string_view name, Rng& rng);

// "O'Brien" -> "OBrien" or "O Brien"; nullopt when the name has no apostrophe.
std::optional<std::string> ApostropheVariant(std::string_view name, Rng& rng);

// "McDonald" -> "MacDonald", "Mcdonald" or "Mc Donald"; "MacDonald" -> "McDonald" or
// "Macdonald"; nullopt for other names.
std::optional<std::string> McMacVariant(std::string_view name, Rng& rng);

// "Smith-Jones" -> "Smith Jones", "Jones" or "Smith"; "de la Cruz" -> "De La Cruz",
// "Delacruz", "De la Cruz" or "Cruz"; nullopt for names without a hyphen or a particle.
std::optional<std::string> CompoundVariant(std::string_view name, Rng& rng);

}  // namespace tandem::core::synth::internal
