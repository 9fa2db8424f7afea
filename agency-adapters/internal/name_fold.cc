#include "agency-adapters/internal/name_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <memory>

namespace tandem::adapters::internal {
namespace {

constexpr char kDrop = 0;

// What each ASCII character becomes: letters lower case, hyphen kept, apostrophes and the
// backtick (typed for an apostrophe) dropped, everything else a word break.
constexpr std::array<char, 128> MakeAsciiFold() {
  std::array<char, 128> table{};
  for (int c = 0; c < 128; ++c) table[c] = ' ';
  for (int c = 'a'; c <= 'z'; ++c) table[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<char>(c - 'A' + 'a');
  table['-'] = '-';
  table['\''] = kDrop;
  table['`'] = kDrop;
  return table;
}
constexpr std::array<char, 128> kAsciiFold = MakeAsciiFold();

// Lower-case letters that NFKD does not decompose into a base letter and marks, and marks
// people type for an apostrophe. Sorted by code point.
struct Special {
  UChar32 code_point;
  std::string_view ascii;  // empty: dropped
};
constexpr std::array<Special, 22> kSpecials = {{
    {0x00B7, ""},    // middle dot (Catalan l·l)
    {0x00DF, "ss"},  // ß
    {0x00E6, "ae"},  // æ
    {0x00F0, "d"},   // ð
    {0x00F8, "o"},   // ø
    {0x00FE, "th"},  // þ
    {0x0111, "d"},   // đ
    {0x0127, "h"},   // ħ
    {0x0131, "i"},   // dotless ı
    {0x0138, "k"},   // ĸ
    {0x0142, "l"},   // ł
    {0x014B, "ng"},  // ŋ
    {0x0153, "oe"},  // œ
    {0x0167, "t"},   // ŧ
    {0x0180, "b"},   // ƀ
    {0x02B9, ""},    // modifier prime
    {0x02BB, ""},    // turned comma (ʻokina)
    {0x02BC, ""},    // modifier apostrophe
    {0x2018, ""},    // left single quotation mark
    {0x2019, ""},    // right single quotation mark, the usual typeset apostrophe
    {0x201B, ""},    // reversed single quotation mark
    {0x2032, ""},    // prime
}};

const Special* FindSpecial(UChar32 c) {
  const auto it =
      std::lower_bound(kSpecials.begin(), kSpecials.end(), c,
                       [](const Special& s, UChar32 key) { return s.code_point < key; });
  return it != kSpecials.end() && it->code_point == c ? &*it : nullptr;
}

const icu::Normalizer2* Nfkd() {
  static const icu::Normalizer2* const nfkd = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKDInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfkd;
}

// Transliterators are not documented as safe to share between threads, so each thread that
// meets a non-Latin name builds one, once.
struct PerThreadTransliterator {
  PerThreadTransliterator() {
    UErrorCode status = U_ZERO_ERROR;
    translit.reset(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) translit.reset();
  }
  std::unique_ptr<icu::Transliterator> translit;
};

const icu::Transliterator* ToLatin() {
  thread_local const PerThreadTransliterator holder;
  // The analyzer of clang 14 runs a thread_local's destructor at the end of the function
  // that declares it; the object lives until the thread exits.
  return holder.translit.get();  // NOLINT(clang-analyzer-cplusplus.NewDelete)
}

bool IsMark(UChar32 c) {
  const auto type = static_cast<UCharCategory>(u_charType(c));
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
}

// Folds decomposed text; returns false (having written nothing) when it meets a letter that
// only transliteration can turn into ASCII and `may_defer` is set.
bool FoldDecomposed(const icu::UnicodeString& text, bool may_defer, std::string& out) {
  std::string folded;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 raw = text.char32At(i);
    i += U16_LENGTH(raw);
    if (IsMark(raw)) continue;
    const UChar32 c = u_foldCase(raw, U_FOLD_CASE_DEFAULT);
    if (c < 0x80) {
      const char f = kAsciiFold[static_cast<std::size_t>(c)];
      if (f != kDrop) folded.push_back(f);
      continue;
    }
    if (const Special* special = FindSpecial(c)) {
      folded.append(special->ascii);
      continue;
    }
    if (u_charType(c) == U_DASH_PUNCTUATION) {
      folded.push_back('-');
      continue;
    }
    if (u_isalpha(c)) {
      if (may_defer) return false;
      // No ASCII form even after transliteration: a word break rather than a wrong letter.
    }
    folded.push_back(' ');
  }
  out.append(folded);
  return true;
}

void AppendUnicodeFold(std::string_view text, std::string& out) {
  const icu::UnicodeString original = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::Normalizer2* nfkd = Nfkd();
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfkd ? nfkd->normalize(original, status) : original;
  if (U_FAILURE(status)) decomposed = original;
  if (FoldDecomposed(decomposed, /*may_defer=*/true, out)) return;

  const icu::Transliterator* to_latin = ToLatin();
  icu::UnicodeString latin = original;
  if (to_latin != nullptr) to_latin->transliterate(latin);
  status = U_ZERO_ERROR;
  icu::UnicodeString latin_decomposed = nfkd ? nfkd->normalize(latin, status) : latin;
  if (U_FAILURE(status)) latin_decomposed = latin;
  FoldDecomposed(latin_decomposed, /*may_defer=*/false, out);
}

}  // namespace

void AppendNameFold(std::string_view text, std::string& out) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) {
    AppendUnicodeFold(text, out);
    return;
  }
  for (char c : text) {
    const char f = kAsciiFold[static_cast<unsigned char>(c)];
    if (f != kDrop) out.push_back(f);
  }
}

}  // namespace tandem::adapters::internal
