// Names: words, canonical surname, forenames and nicknames (normalise.h).
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "agency-adapters/internal/name_fold.h"
#include "agency-adapters/normalise.h"
#include "core/nicknames.h"

namespace tandem::adapters {
namespace {

// Whole surname parts written another way everywhere.
struct PartRewrite {
  std::string_view from;
  std::string_view to;
};
constexpr std::array<PartRewrite, 2> kWholePartRewrites = {{
    {"mac", "mc"},
    {"saint", "st"},
}};

// Part prefixes written another way when the part is at least `min_length` letters long:
// "macdonald" → "mcdonald", while "mack" and "macey" keep their "mac".
struct PrefixRewrite {
  std::string_view from;
  std::string_view to;
  std::size_t min_length;
};
constexpr std::array<PrefixRewrite, 1> kPrefixRewrites = {{
    {"mac", "mc", 6},
}};

void AppendSurnamePart(std::string_view part, std::string& out) {
  for (const auto& rewrite : kWholePartRewrites) {
    if (part == rewrite.from) {
      out.append(rewrite.to);
      return;
    }
  }
  for (const auto& rewrite : kPrefixRewrites) {
    if (part.size() >= rewrite.min_length && part.substr(0, rewrite.from.size()) == rewrite.from) {
      out.append(rewrite.to);
      out.append(part.substr(rewrite.from.size()));
      return;
    }
  }
  out.append(part);
}

// Calls `f` for each non-empty part of a folded word split at hyphens.
template <class F>
void ForEachPart(std::string_view word, F&& f) {
  std::size_t start = 0;
  while (start <= word.size()) {
    const std::size_t dash = word.find('-', start);
    const std::size_t stop = dash == std::string_view::npos ? word.size() : dash;
    if (stop > start) f(word.substr(start, stop - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
}

// Calls `f` for each word of folded text (runs of letters and hyphens), hyphens at either
// end removed and runs of hyphens collapsed.
template <class F>
void ForEachFoldedWord(std::string_view folded, F&& f) {
  std::string word;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    const char c = i < folded.size() ? folded[i] : ' ';
    if (c == ' ') {
      while (!word.empty() && word.back() == '-') word.pop_back();
      if (!word.empty()) f(std::string_view(word));
      word.clear();
    } else if (c == '-') {
      if (!word.empty() && word.back() != '-') word.push_back('-');
    } else {
      word.push_back(c);
    }
  }
}

}  // namespace

std::vector<std::string> NameWords(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  internal::AppendNameFold(text, folded);
  std::vector<std::string> words;
  ForEachFoldedWord(folded, [&](std::string_view w) { words.emplace_back(w); });
  return words;
}

std::string NormaliseSurname(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  internal::AppendNameFold(text, folded);
  std::string surname;
  surname.reserve(folded.size());
  ForEachFoldedWord(folded, [&](std::string_view word) {
    ForEachPart(word, [&](std::string_view part) { AppendSurnamePart(part, surname); });
  });
  return surname;
}

std::string ResolveNickname(std::string_view forename_word) {
  if (const auto canonical = core::CanonicalForename(forename_word)) {
    return std::string(*canonical);
  }
  return std::string(forename_word);
}

Forenames NormaliseForenames(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  internal::AppendNameFold(text, folded);
  Forenames result;
  ForEachFoldedWord(folded, [&](std::string_view word) {
    ForEachPart(word, [&](std::string_view part) {
      if (result.forename_as_given.empty()) {
        result.forename_as_given = std::string(part);
      } else {
        if (!result.middle_names.empty()) result.middle_names.push_back(' ');
        result.middle_names.append(part);
      }
    });
  });
  result.forename = ResolveNickname(result.forename_as_given);
  return result;
}

}  // namespace tandem::adapters
