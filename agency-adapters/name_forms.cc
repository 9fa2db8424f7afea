// The written forms of whole names: housing's `SURNAME, Forename`, police aliases and the
// perpetrator names victims give (normalise.h).
#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "agency-adapters/internal/common_forenames.h"
#include "agency-adapters/internal/date_formats.h"
#include "agency-adapters/normalise.h"
#include "core/nicknames.h"

namespace tandem::adapters {
namespace {

// Words that belong to the surname that follows them ("Juan de la Cruz", "Piet van der
// Berg", "Danny O Brien"). Sorted for binary search.
constexpr std::array<std::string_view, 22> kParticles = {
    "al",  "da", "das", "de", "del", "della", "den", "der", "des", "di",  "do",
    "dos", "du", "el",  "la", "le",  "mac",   "mc",  "o",   "st",  "van", "von",
};

// Titles dropped from names as told. Sorted.
constexpr std::array<std::string_view, 7> kTitles = {"dr", "miss", "mr", "mrs", "ms", "mx", "sir"};

bool Contains(std::span<const std::string_view> sorted, std::string_view word) {
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

std::string Join(const std::vector<std::string>& words, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    if (!out.empty()) out.push_back(' ');
    out.append(words[i]);
  }
  return out;
}

void SetForenames(std::string_view text, PersonName& name) {
  Forenames f = NormaliseForenames(text);
  name.forename_as_given = std::move(f.forename_as_given);
  name.forename = std::move(f.forename);
  name.middle_names = std::move(f.middle_names);
}

// Forename, middle names and surname from two words or more: the first word is the forename,
// the last the surname together with any particles before it, the rest middle names.
PersonName FromWords(const std::vector<std::string>& words) {
  PersonName name;
  std::size_t surname_begin = words.size() - 1;
  while (surname_begin > 1 && Contains(kParticles, words[surname_begin - 1])) --surname_begin;
  name.surname = NormaliseSurname(Join(words, surname_begin, words.size()));
  SetForenames(Join(words, 0, surname_begin), name);
  return name;
}

bool IsKnownForename(std::string_view word) {
  if (core::CanonicalForename(word) || internal::IsCommonForename(word)) return true;
  const auto table = core::Nicknames();
  return std::any_of(table.begin(), table.end(),
                     [&](const core::Nickname& n) { return n.canonical == word; });
}

// Removes text in brackets or double quotes (straight or curly): a nickname in the middle of
// a name as told ("Dave (Smithy) Smith").
std::string DropAsides(std::string_view text) {
  static constexpr std::string_view kOpenCurly = "\xE2\x80\x9C";
  static constexpr std::string_view kCloseCurly = "\xE2\x80\x9D";
  std::string out;
  char closing = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = text.substr(i);
    if (closing != 0) {
      if (closing == 'c' && rest.substr(0, kCloseCurly.size()) == kCloseCurly) {
        closing = 0;
        i += kCloseCurly.size() - 1;
      } else if (text[i] == closing) {
        closing = 0;
      }
      continue;
    }
    if (text[i] == '(') {
      closing = ')';
    } else if (text[i] == '[') {
      closing = ']';
    } else if (text[i] == '"') {
      closing = '"';
    } else if (rest.substr(0, kOpenCurly.size()) == kOpenCurly) {
      closing = 'c';
      i += kOpenCurly.size() - 1;
    } else {
      out.push_back(text[i]);
      continue;
    }
    out.push_back(' ');
  }
  return out;
}

// A one-letter forename or surname is only an initial.
void KeepInitialsOnly(PersonName& name) {
  if (name.forename_as_given.size() == 1) {
    name.first_initial = name.forename_as_given[0];
    name.forename_as_given.clear();
    name.forename.clear();
  }
  if (name.surname.size() == 1) {
    name.surname_initial = name.surname[0];
    name.surname.clear();
  }
}

}  // namespace

Result<PersonName> ParseSurnameCommaForenames(std::string_view text) {
  const std::size_t comma = text.find(',');
  if (comma == std::string_view::npos) {
    return Fail(Code::kInvalidArgument, "is not a name in the form SURNAME, Forename Middle");
  }
  if (text.find(',', comma + 1) != std::string_view::npos) {
    return Fail(Code::kInvalidArgument,
                "has more than one comma; expected SURNAME, Forename Middle");
  }
  PersonName name;
  name.surname = NormaliseSurname(text.substr(0, comma));
  if (name.surname.empty()) {
    return Fail(Code::kInvalidArgument,
                "has no surname before the comma; expected SURNAME, Forename Middle");
  }
  SetForenames(text.substr(comma + 1), name);
  if (name.forename.empty()) {
    return Fail(Code::kInvalidArgument,
                "has no forename after the comma; expected SURNAME, Forename Middle");
  }
  return name;
}

Result<Alias> ParseAlias(std::string_view text) {
  Alias alias;
  std::string_view name_part = text;
  const std::size_t at = text.find('@');
  if (at != std::string_view::npos) {
    name_part = text.substr(0, at);
    std::string_view date_part = text.substr(at + 1);
    while (!date_part.empty() && date_part.front() == ' ') date_part.remove_prefix(1);
    while (!date_part.empty() && date_part.back() == ' ') date_part.remove_suffix(1);
    auto dob = internal::ParseDate(date_part, internal::DateFormat::kIso);
    if (!dob) {
      return Fail(Code::kInvalidArgument,
                  "is not an alias: after '@' the part " + dob.error().message);
    }
    alias.dob = *dob;
  }
  const std::vector<std::string> words = NameWords(name_part);
  if (words.size() < 2) {
    return Fail(Code::kInvalidArgument,
                "is not an alias in the form Forename Surname or Forename Surname@YYYY-MM-DD");
  }
  alias.name = FromWords(words);
  return alias;
}

PersonName ParseDescribedName(std::string_view text) {
  const std::string plain = DropAsides(text);
  const std::string_view view = plain;
  const std::size_t comma = view.find(',');
  const auto without_titles = [](std::vector<std::string> words) {
    std::erase_if(words, [](const std::string& w) { return Contains(kTitles, w); });
    return words;
  };
  PersonName name;
  if (comma != std::string_view::npos) {
    const auto surname_words = without_titles(NameWords(view.substr(0, comma)));
    name.surname = NormaliseSurname(Join(surname_words, 0, surname_words.size()));
    const auto forename_words = without_titles(NameWords(view.substr(comma + 1)));
    SetForenames(Join(forename_words, 0, forename_words.size()), name);
  } else {
    const auto words = without_titles(NameWords(view));
    if (words.size() == 1) {
      if (IsKnownForename(words[0])) {
        SetForenames(words[0], name);
      } else {
        name.surname = NormaliseSurname(words[0]);
      }
    } else if (words.size() >= 2) {
      name = FromWords(words);
    }
  }
  KeepInitialsOnly(name);
  return name;
}

}  // namespace tandem::adapters
