// NHS numbers, PNC IDs and National Insurance numbers (normalise.h).
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "agency-adapters/normalise.h"
#include "core/identifiers.h"

namespace tandem::adapters {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// `text` without the characters in `drop`, upper case.
std::string Strip(std::string_view text, std::string_view drop) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (drop.find(c) == std::string_view::npos) out.push_back(Upper(c));
  }
  return out;
}

// National Insurance number rules (HMRC): letters never used in each prefix position, and
// prefixes never issued.
constexpr std::string_view kNiFirstLetterNotUsed = "DFIQUV";
constexpr std::string_view kNiSecondLetterNotUsed = "DFIOQUV";
constexpr std::array<std::string_view, 7> kNiPrefixesNotIssued = {"BG", "GB", "KN", "NK",
                                                                  "NT", "TN", "ZZ"};
constexpr std::string_view kNiSuffixes = "ABCD";

}  // namespace

Result<std::string> NormaliseNhsNumber(std::string_view text) {
  const std::string digits = Strip(text, " -\t");
  if (digits.size() != 10 || !std::all_of(digits.begin(), digits.end(), IsDigit)) {
    return Fail(Code::kInvalidArgument, "is not an NHS number: it must have ten digits");
  }
  if (!core::IsValidNhsNumber(digits)) {
    return Fail(Code::kInvalidArgument, "is not an NHS number: the check digit is wrong");
  }
  return digits;
}

Result<std::string> NormalisePncId(std::string_view text) {
  static constexpr const char* kShape = "is not a PNC ID in the form YY/NNNNNNNL";
  const std::string compact = Strip(text, " \t");
  const std::size_t slash = compact.find('/');
  if (slash != 2 || compact.size() < 5 || compact.size() > 11) {
    return Fail(Code::kInvalidArgument, kShape);
  }
  const std::string_view year = std::string_view(compact).substr(0, 2);
  std::string_view serial = std::string_view(compact).substr(3, compact.size() - 4);
  const char letter = compact.back();
  if (!std::all_of(year.begin(), year.end(), IsDigit) ||
      !std::all_of(serial.begin(), serial.end(), IsDigit) || !IsUpper(letter)) {
    return Fail(Code::kInvalidArgument, kShape);
  }
  while (serial.size() > 1 && serial.front() == '0') serial.remove_prefix(1);
  if (serial == "0") {
    return Fail(Code::kInvalidArgument, "is not a PNC ID: the serial number is zero");
  }
  const auto expected = core::PncCheckLetter(year, serial);
  if (!expected || *expected != letter) {
    return Fail(Code::kInvalidArgument,
                "is not a PNC ID: the check letter does not match the year and serial");
  }
  return std::string(year) + "/" + std::string(serial) + letter;
}

Result<std::string> NormaliseNiNumber(std::string_view text) {
  const std::string ni = Strip(text, " \t");
  const bool shape = ni.size() == 9 && IsUpper(ni[0]) && IsUpper(ni[1]) &&
                     std::all_of(ni.begin() + 2, ni.begin() + 8, IsDigit) && IsUpper(ni[8]);
  if (!shape) {
    return Fail(Code::kInvalidArgument, "is not a National Insurance number in the form AB123456C");
  }
  if (kNiFirstLetterNotUsed.find(ni[0]) != std::string_view::npos ||
      kNiSecondLetterNotUsed.find(ni[1]) != std::string_view::npos ||
      std::find(kNiPrefixesNotIssued.begin(), kNiPrefixesNotIssued.end(),
                std::string_view(ni).substr(0, 2)) != kNiPrefixesNotIssued.end()) {
    return Fail(Code::kInvalidArgument,
                "is not a National Insurance number: its two-letter prefix is never issued");
  }
  if (kNiSuffixes.find(ni[8]) == std::string_view::npos) {
    return Fail(Code::kInvalidArgument,
                "is not a National Insurance number: the last letter must be A, B, C or D");
  }
  return ni;
}

}  // namespace tandem::adapters
