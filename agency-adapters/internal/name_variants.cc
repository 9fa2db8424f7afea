#include "agency-adapters/internal/name_variants.h"

#include <algorithm>

#include "core/nicknames.h"

namespace tandem::adapters::internal {
namespace {

bool SameVariant(const NameVariant& a, const NameVariant& b) {
  return a.forename == b.forename && a.surname == b.surname && a.dob == b.dob;
}

bool SameInitials(const InitialsVariant& a, const InitialsVariant& b) {
  return a.first == b.first && a.surname == b.surname && a.dob == b.dob;
}

template <class T, class Same>
void AddDistinct(std::vector<T>& out, const T& item, Same same) {
  if (std::none_of(out.begin(), out.end(), [&](const T& x) { return same(x, item); })) {
    out.push_back(item);
  }
}

char FirstLetter(std::string_view text) { return text.empty() ? '\0' : text.front(); }

// Every first initial the name could be written with: its own, and its nicknames'.
std::vector<char> FirstInitials(std::string_view canonical, std::string_view as_given,
                                char given_initial) {
  std::vector<char> out;
  for (char c : {given_initial, FirstLetter(as_given), FirstLetter(canonical)}) {
    if (c != 0 && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  for (char c : NicknameInitials(canonical)) {
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<NameVariant> NameVariantsOf(const Identity& identity) {
  std::vector<NameVariant> out;
  AddDistinct(out, NameVariant{identity.forename, identity.surname, identity.dob}, SameVariant);
  if (!identity.forename_as_given.empty()) {
    AddDistinct(out, NameVariant{identity.forename_as_given, identity.surname, identity.dob},
                SameVariant);
  }
  for (const Identity::Name& alias : identity.aliases) {
    AddDistinct(out,
                NameVariant{alias.forename, alias.surname, alias.dob ? alias.dob : identity.dob},
                SameVariant);
  }
  return out;
}

std::vector<char> NicknameInitials(std::string_view canonical_forename) {
  std::vector<char> out;
  if (canonical_forename.empty()) return out;
  for (const core::Nickname& n : core::Nicknames()) {
    if (n.canonical != canonical_forename || n.nickname.empty()) continue;
    const char c = n.nickname.front();
    if (c != canonical_forename.front() && std::find(out.begin(), out.end(), c) == out.end()) {
      out.push_back(c);
    }
  }
  return out;
}

std::vector<InitialsVariant> InitialsVariantsOf(const Identity& identity) {
  std::vector<InitialsVariant> out;
  std::vector<char> surnames;
  for (char c : {identity.surname_initial, FirstLetter(identity.surname)}) {
    if (c != 0 && std::find(surnames.begin(), surnames.end(), c) == surnames.end()) {
      surnames.push_back(c);
    }
  }
  for (char first :
       FirstInitials(identity.forename, identity.forename_as_given, identity.first_initial)) {
    for (char surname : surnames) {
      AddDistinct(out, InitialsVariant{first, surname, identity.dob}, SameInitials);
    }
  }
  for (const Identity::Name& alias : identity.aliases) {
    const char surname = FirstLetter(alias.surname);
    if (surname == 0) continue;
    for (char first : FirstInitials(alias.forename, {}, 0)) {
      AddDistinct(out, InitialsVariant{first, surname, alias.dob ? alias.dob : identity.dob},
                  SameInitials);
    }
  }
  return out;
}

}  // namespace tandem::adapters::internal
