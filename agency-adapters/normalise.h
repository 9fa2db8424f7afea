// Normalisation of the identifiers agencies hold, so that the same person written two ways
// gives the same text: names (accents, case, apostrophes, hyphens, particles, Mc/Mac,
// nicknames), a phonetic code for surnames, UK postcodes, NHS numbers, PNC IDs and National
// Insurance numbers. The rules, their reasons and their limits are in docs/normalisation.md.
//
// Every function is thread-safe and keeps no state between calls beyond cached ICU objects.
// Errors are kInvalidArgument with a reason written to follow the quoted value ("is not a UK
// postcode"); the value itself is never repeated in a message, so that messages can be logged
// without leaking an identifier.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace tandem::adapters {

// ---- Names ----------------------------------------------------------------------------------

// The words of a name in ASCII lower case: Unicode NFKD with combining marks removed, letters
// that NFKD leaves whole mapped by a table (ł→l, ø→o, ß→ss, æ→ae, þ→th, ...), other scripts
// transliterated to Latin, apostrophes dropped (O'Brien → obrien), hyphens kept inside a word
// (smith-jones), every other punctuation mark, digit and space separating words.
std::vector<std::string> NameWords(std::string_view text);

// The canonical surname: every word and hyphenated part joined with nothing between them, so
// that spacing and punctuation variants agree (O'Brien = OBrien = o brien → "obrien";
// Smith-Jones = Smith Jones → "smithjones"; de la Cruz = De La Cruz = DelaCruz → "delacruz";
// D'Souza → "dsouza"), with "mac" at the start of a part of six letters or more, and a part
// "mac" on its own, written "mc" (MacDonald = McDonald = Mac Donald → "mcdonald"), and a part
// "saint" before another part written "st". Empty when the text holds no letter.
std::string NormaliseSurname(std::string_view text);

// Forenames: the first word (hyphenated parts split, so Mary-Jane gives "mary" then "jane")
// is the forename, the rest are middle names, space separated.
struct Forenames {
  std::string forename_as_given;  // "danny"
  std::string forename;           // nickname resolved: "daniel"
  std::string middle_names;       // "james"
};
Forenames NormaliseForenames(std::string_view text);

// The canonical forename for an already normalised forename word: the nickname table of
// core/nicknames.h applied ("danny" → "daniel"), the word itself otherwise.
std::string ResolveNickname(std::string_view forename_word);

// A whole name after parsing one of the written forms below.
struct PersonName {
  std::string forename_as_given;
  std::string forename;
  std::string middle_names;
  std::string surname;
  char first_initial = 0;    // set when only an initial was given ("J Smith")
  char surname_initial = 0;  // set when only an initial was given ("Dave S")
};

// Housing's `SURNAME, Forename Middle` (any case). Errors: no comma, more than one comma, no
// surname or no forename.
Result<PersonName> ParseSurnameCommaForenames(std::string_view text);

// One police alias: `Forename Surname` or `Forename Surname@YYYY-MM-DD`. The first word is
// the forename, the last word the surname, together with the particles before it (de, la,
// van, der, ...); words between are middle names. Errors: fewer than two words, a date that
// is not YYYY-MM-DD or does not exist.
struct Alias {
  PersonName name;
  std::optional<core::Date> dob;
};
Result<Alias> ParseAlias(std::string_view text);

// A name as a victim told it ("Dave Smith", "David J Smith", "Smith, Dave", "smithy").
// Best effort and never an error; the rules, in order:
//   1. text in brackets or double quotes is dropped ("Dave (Smithy) Smith" → Dave Smith);
//   2. titles (mr, mrs, ms, miss, mx, dr) are dropped;
//   3. with a comma, the part before it is the surname, the part after the forenames;
//   4. otherwise one word is a forename when the nickname table knows it as a nickname or a
//      canonical forename ("dave") or it is a common forename ("paul"), else a surname
//      ("smithy" stays "smithy"); two words or more read as forename, middle names, surname
//      (with particles, as ParseAlias);
//   5. a forename or surname of one letter is kept as an initial only.
PersonName ParseDescribedName(std::string_view text);

// NYSIIS (New York State Identification and Intelligence System) code of a canonical
// surname, upper case, at most six letters ("smith" → "SNAT", "schmidt" → "SNAD").
// Empty for an empty surname.
std::string SurnamePhoneticCode(std::string_view canonical_surname);

// ---- Postcodes and UK identifiers -----------------------------------------------------------

struct Postcode {
  std::string postcode;  // "BH14 9QT"
  std::string district;  // "BH14" (the outward code)
};

// A UK postcode in any case and spacing ("bh149qt", " bh14  9qt ") → "BH14 9QT" and "BH14".
// The outward code must have one of the six shapes (A9, A99, AA9, AA99, A9A, AA9A) with the
// letters each position allows, and the inward code a digit and two letters other than
// C I K M O V. "GIR 0AA" is accepted. Errors: anything else.
Result<Postcode> NormalisePostcode(std::string_view text);

// A postcode district (outward code) alone, as treatment exports carry it: "bh14" → "BH14".
Result<std::string> NormalisePostcodeDistrict(std::string_view text);

// An NHS number with any spaces or dashes ("943 476 5919", "943-476-5919") → ten digits.
// Errors: not ten digits, or a wrong modulus-11 check digit.
Result<std::string> NormaliseNhsNumber(std::string_view text);

// A PNC ID `YY/NNNNNNNL` (year, serial of up to seven digits, check letter; any case, spaces
// around the parts tolerated). Canonical form: the serial without leading zeros, so
// "04/0881234t" and "04/881234T" both give "04/881234T". Errors: not that shape, a serial of
// zero, or a check letter that does not match core::PncCheckLetter.
Result<std::string> NormalisePncId(std::string_view text);

// A National Insurance number with any spaces ("ab 12 34 56 c") → "AB123456C". Errors: not
// two letters, six digits and a suffix A-D; a first letter D F I Q U V; a second letter
// D F I O Q U V; the prefixes BG GB KN NK NT TN ZZ, which are never issued.
Result<std::string> NormaliseNiNumber(std::string_view text);

}  // namespace tandem::adapters
