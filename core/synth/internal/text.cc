#include "core/synth/internal/text.h"

#include <array>

namespace tandem::core::synth::internal {
namespace {

struct Letter {
  std::string_view lower;  // UTF-8, two bytes
  std::string_view upper;
  char ascii;  // lower-case ASCII letter it folds to
};

constexpr std::array<Letter, 30> kLetters = {{
    {"á", "Á", 'a'}, {"à", "À", 'a'}, {"â", "Â", 'a'}, {"ä", "Ä", 'a'}, {"ą", "Ą", 'a'},
    {"ć", "Ć", 'c'}, {"ç", "Ç", 'c'}, {"é", "É", 'e'}, {"è", "È", 'e'}, {"ê", "Ê", 'e'},
    {"ë", "Ë", 'e'}, {"ę", "Ę", 'e'}, {"í", "Í", 'i'}, {"ì", "Ì", 'i'}, {"î", "Î", 'i'},
    {"ï", "Ï", 'i'}, {"ł", "Ł", 'l'}, {"ń", "Ń", 'n'}, {"ñ", "Ñ", 'n'}, {"ó", "Ó", 'o'},
    {"ò", "Ò", 'o'}, {"ô", "Ô", 'o'}, {"ö", "Ö", 'o'}, {"ś", "Ś", 's'}, {"ú", "Ú", 'u'},
    {"ù", "Ù", 'u'}, {"û", "Û", 'u'}, {"ü", "Ü", 'u'}, {"ź", "Ź", 'z'}, {"ż", "Ż", 'z'},
}};

enum class Form { kLower, kUpper };

// The table entry starting at text[i], and whether it matched its lower or upper form.
const Letter* MatchLetter(std::string_view text, std::size_t i, Form* form) {
  if (i + 1 >= text.size()) return nullptr;
  const std::string_view two = text.substr(i, 2);
  for (const Letter& letter : kLetters) {
    if (two == letter.lower) {
      *form = Form::kLower;
      return &letter;
    }
    if (two == letter.upper) {
      *form = Form::kUpper;
      return &letter;
    }
  }
  return nullptr;
}

char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

template <class AsciiMap, class LetterMap>
std::string MapLetters(std::string_view text, AsciiMap ascii, LetterMap accented) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out.push_back(ascii(text[i]));
      ++i;
      continue;
    }
    Form form = Form::kLower;
    if (const Letter* letter = MatchLetter(text, i, &form)) {
      accented(out, *letter, form);
      i += 2;
    } else {
      out.push_back(text[i]);
      ++i;
    }
  }
  return out;
}

}  // namespace

std::string FoldAccents(std::string_view text) {
  return MapLetters(
      text, [](char c) { return c; },
      [](std::string& out, const Letter& letter, Form form) {
        out.push_back(form == Form::kUpper ? AsciiUpper(letter.ascii) : letter.ascii);
      });
}

std::string ToUpper(std::string_view text) {
  return MapLetters(text, AsciiUpper,
                    [](std::string& out, const Letter& letter, Form) { out.append(letter.upper); });
}

std::string ToLower(std::string_view text) {
  return MapLetters(text, AsciiLower,
                    [](std::string& out, const Letter& letter, Form) { out.append(letter.lower); });
}

std::string Capitalise(std::string_view text) {
  std::string out(text);
  if (!out.empty()) out[0] = AsciiUpper(out[0]);
  return out;
}

char InitialOf(std::string_view text) {
  for (char c : FoldAccents(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return AsciiUpper(c);
  }
  return 0;
}

}  // namespace tandem::core::synth::internal
