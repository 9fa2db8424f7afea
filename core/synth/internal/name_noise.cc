#include "core/synth/internal/name_noise.h"

#include <array>
#include <vector>

#include "core/synth/internal/text.h"

namespace tandem::core::synth::internal {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Neighbouring keys on a UK QWERTY keyboard, for 'a'..'z'.
constexpr std::array<std::string_view, 26> kNeighbours = {
    "qwsz",   "vghn",  "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko",
    "huikmn", "jiolm", "kop",  "njk",    "bhjm", "iklp",   "ol",     "wa",     "edft",
    "awedxz", "rfgy",  "yhji", "cfgb",   "qase", "zsdc",   "tghu",   "asx",
};

// Positions of editable letters: ASCII letters whose previous byte is also an ASCII letter
// (so a word's first letter, and anything next to punctuation, stays).
std::vector<std::size_t> EditablePositions(std::string_view name) {
  std::vector<std::size_t> positions;
  for (std::size_t i = 1; i < name.size(); ++i) {
    if (IsAsciiLetter(name[i]) && IsAsciiLetter(name[i - 1])) positions.push_back(i);
  }
  return positions;
}

// Length of the run of ASCII letters containing position i.
std::size_t WordLength(std::string_view name, std::size_t i) {
  std::size_t begin = i;
  while (begin > 0 && IsAsciiLetter(name[begin - 1])) --begin;
  std::size_t end = i;
  while (end < name.size() && IsAsciiLetter(name[end])) ++end;
  return end - begin;
}

char KeyNeighbour(char c, Rng& rng) {
  const bool upper = IsUpper(c);
  const char lower = upper ? static_cast<char>(c - 'A' + 'a') : c;
  const std::string_view options = kNeighbours[static_cast<std::size_t>(lower - 'a')];
  const char picked = options[rng.Below(options.size())];
  return upper ? static_cast<char>(picked - 'a' + 'A') : picked;
}

enum class Edit { kTranspose, kDrop, kDouble, kNeighbour };

}  // namespace

std::string Typo(std::string_view name, Rng& rng) {
  const std::vector<std::size_t> positions = EditablePositions(name);
  std::string out(name);
  if (positions.empty()) return out;
  const std::size_t i = positions[rng.Below(positions.size())];
  static constexpr std::array<std::uint32_t, 4> kEditWeights = {30, 25, 15, 30};
  auto edit = static_cast<Edit>(rng.Weighted(kEditWeights));
  const bool can_transpose =
      i + 1 < out.size() && IsAsciiLetter(out[i + 1]) && out[i] != out[i + 1];
  if (edit == Edit::kTranspose && !can_transpose) edit = Edit::kNeighbour;
  if (edit == Edit::kDrop && WordLength(out, i) < 4) edit = Edit::kNeighbour;
  switch (edit) {
    case Edit::kTranspose:
      std::swap(out[i], out[i + 1]);
      break;
    case Edit::kDrop:
      out.erase(i, 1);
      break;
    case Edit::kDouble:
      out.insert(i, 1, out[i]);
      break;
    case Edit::kNeighbour:
      out[i] = KeyNeighbour(out[i], rng);
      break;
  }
  return out;
}

std::optional<std::string> ApostropheVariant(std::string_view name, Rng& rng) {
  const std::size_t at = name.find('\'');
  if (at == std::string_view::npos) return std::nullopt;
  std::string out(name);
  if (rng.Chance(0.7)) {
    out.erase(at, 1);  // OBrien
  } else {
    out[at] = ' ';  // O Brien
  }
  return out;
}

std::optional<std::string> McMacVariant(std::string_view name, Rng& rng) {
  const auto lower_rest = [](std::string_view prefix, std::string_view rest) {
    std::string out(prefix);
    out.append(ToLower(rest));
    return out;
  };
  if (name.size() > 3 && name.substr(0, 2) == "Mc" && IsUpper(name[2])) {
    const std::string_view rest = name.substr(2);
    const double roll = rng.Unit();
    if (roll < 0.5) return "Mac" + std::string(rest);  // MacDonald
    if (roll < 0.85) return lower_rest("Mc", rest);    // Mcdonald
    return "Mc " + std::string(rest);                  // Mc Donald
  }
  if (name.size() > 4 && name.substr(0, 3) == "Mac" && IsUpper(name[3])) {
    const std::string_view rest = name.substr(3);
    if (rng.Chance(0.5)) return "Mc" + std::string(rest);  // McDonald
    return lower_rest("Mac", rest);                        // Macdonald
  }
  return std::nullopt;
}

std::optional<std::string> CompoundVariant(std::string_view name, Rng& rng) {
  if (const std::size_t hyphen = name.find('-'); hyphen != std::string_view::npos) {
    const std::string_view first = name.substr(0, hyphen);
    const std::string_view second = name.substr(hyphen + 1);
    const double roll = rng.Unit();
    if (roll < 0.45) return std::string(first) + " " + std::string(second);
    if (roll < 0.75) return std::string(second);
    return std::string(first);
  }
  // Particles: lower-case words before the last word ("de la Cruz", "van der Berg").
  const std::size_t last_space = name.rfind(' ');
  if (last_space == std::string_view::npos || name.empty() || IsUpper(name[0])) {
    return std::nullopt;
  }
  const std::string_view particles = name.substr(0, last_space);
  const std::string_view last = name.substr(last_space + 1);
  const double roll = rng.Unit();
  if (roll < 0.20) return std::string(last);  // Cruz
  std::string out;
  bool word_start = true;
  const bool joined = roll < 0.50;      // Delacruz
  const bool title_all = roll >= 0.80;  // De La Cruz (else De la Cruz)
  for (char c : particles) {
    if (c == ' ') {
      if (!joined) out.push_back(' ');
      word_start = true;
      continue;
    }
    const bool capital = word_start && (out.empty() || title_all);
    out.push_back(capital && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    word_start = false;
  }
  if (joined) {
    out.append(ToLower(last));
  } else {
    out.push_back(' ');
    out.append(last);
  }
  return out;
}

}  // namespace tandem::core::synth::internal
