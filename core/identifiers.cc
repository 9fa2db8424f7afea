#include "core/identifiers.h"

#include <algorithm>
#include <cstdint>

namespace tandem::core {
namespace {

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<char> NhsCheckDigit(std::string_view nine_digits) {
  if (nine_digits.size() != 9 || !AllDigits(nine_digits)) return std::nullopt;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (nine_digits[i] - '0') * (10 - i);
  const int check = 11 - sum % 11;
  if (check == 10) return std::nullopt;
  return static_cast<char>('0' + (check == 11 ? 0 : check));
}

bool IsValidNhsNumber(std::string_view digits) {
  if (digits.size() != 10) return false;
  const auto check = NhsCheckDigit(digits.substr(0, 9));
  return check.has_value() && *check == digits[9];
}

std::optional<char> PncCheckLetter(std::string_view year, std::string_view serial) {
  if (year.size() != 2 || serial.empty() || serial.size() > 7) return std::nullopt;
  if (!AllDigits(year) || !AllDigits(serial)) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : year) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  std::uint64_t serial_value = 0;
  for (char c : serial) serial_value = serial_value * 10 + static_cast<std::uint64_t>(c - '0');
  value = value * 10'000'000 + serial_value;
  static constexpr std::string_view kLetters = "ZABCDEFGHJKLMNPQRTUVWXY";
  return kLetters[value % 23];
}

}  // namespace tandem::core
