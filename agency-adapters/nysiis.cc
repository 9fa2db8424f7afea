// The NYSIIS phonetic code of a surname (normalise.h), as described by R. L. Taft, "Name
// Search Techniques" (1970): rewrite the start and the end of the name, then rewrite each
// letter in its context, skipping repeats, then tidy the end; keep six letters.
#include <array>
#include <string>
#include <string_view>

#include "agency-adapters/normalise.h"

namespace tandem::adapters {
namespace {

struct Rewrite {
  std::string_view from;
  std::string_view to;  // same length as `from` in the letter rules
};

// Step 1: the start of the name (first match wins).
constexpr std::array<Rewrite, 6> kStart = {{
    {"MAC", "MCC"},
    {"KN", "NN"},
    {"K", "C"},
    {"PH", "FF"},
    {"PF", "FF"},
    {"SCH", "SSS"},
}};

// Step 2: the end of the name.
constexpr std::array<Rewrite, 7> kEnd = {{
    {"EE", "Y"},
    {"IE", "Y"},
    {"DT", "D"},
    {"RT", "D"},
    {"RD", "D"},
    {"NT", "D"},
    {"ND", "D"},
}};

// Step 4: each letter after the first, in order of precedence. The replacement overwrites
// the letters matched, so later positions see what earlier rules wrote.
constexpr std::array<Rewrite, 13> kLetters = {{
    {"EV", "AF"},
    {"A", "A"},
    {"E", "A"},
    {"I", "A"},
    {"O", "A"},
    {"U", "A"},
    {"Q", "G"},
    {"Z", "S"},
    {"M", "N"},
    {"KN", "NN"},
    {"K", "C"},
    {"SCH", "SSS"},
    {"PH", "FF"},
}};

constexpr std::size_t kMaxLength = 6;

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string SurnamePhoneticCode(std::string_view canonical_surname) {
  std::string name;
  for (char c : canonical_surname) {
    if (c >= 'a' && c <= 'z') name.push_back(static_cast<char>(c - 'a' + 'A'));
    if (c >= 'A' && c <= 'Z') name.push_back(c);
  }
  if (name.empty()) return {};

  for (const auto& r : kStart) {
    if (StartsWith(name, r.from)) {
      name.replace(0, r.from.size(), r.to);
      break;
    }
  }
  for (const auto& r : kEnd) {
    if (name.size() > r.from.size() && EndsWith(name, r.from)) {
      name.replace(name.size() - r.from.size(), r.from.size(), r.to);
      break;
    }
  }

  std::string key(1, name[0]);
  for (std::size_t i = 1; i < name.size(); ++i) {
    const std::string_view rest = std::string_view(name).substr(i);
    bool rewritten = false;
    for (const auto& r : kLetters) {
      if (StartsWith(rest, r.from)) {
        name.replace(i, r.to.size(), r.to);
        rewritten = true;
        break;
      }
    }
    if (!rewritten) {
      const char prev = name[i - 1];
      const char next = i + 1 < name.size() ? name[i + 1] : ' ';
      // H after or before a consonant is silent; W after a vowel lengthens it.
      if ((name[i] == 'H' && (!IsVowel(prev) || !IsVowel(next))) ||
          (name[i] == 'W' && IsVowel(prev))) {
        name[i] = prev;
      }
    }
    if (name[i] != key.back()) key.push_back(name[i]);
  }

  if (key.size() > 1 && key.back() == 'S') key.pop_back();
  if (key.size() > 2 && EndsWith(key, "AY")) {
    key.erase(key.size() - 2, 1);
  } else if (key.size() > 1 && key.back() == 'A') {
    key.pop_back();
  }
  if (key.size() > kMaxLength) key.resize(kMaxLength);
  return key;
}

}  // namespace tandem::adapters
