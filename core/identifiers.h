// Check-digit arithmetic of the UK identifiers agencies hold. Shared by the synthetic
// generator (to make valid numbers) and the adapters (to refuse invalid ones).
#pragma once

#include <optional>
#include <string_view>

namespace tandem::core {

// The NHS number modulus-11 check digit for the first nine digits (ASCII '0'-'9').
// nullopt when `nine_digits` is not nine digits or when no check digit exists (remainder 10:
// such numbers are never issued).
std::optional<char> NhsCheckDigit(std::string_view nine_digits);

// True when `digits` is ten ASCII digits whose last is the check digit of the first nine.
bool IsValidNhsNumber(std::string_view digits);

// The Police National Computer check letter for a two-digit year and a serial of up to seven
// digits: (year * 10^7 + serial) mod 23 indexes "ZABCDEFGHJKLMNPQRTUVWXY".
// nullopt when `year` or `serial` is not all digits or too long.
std::optional<char> PncCheckLetter(std::string_view year, std::string_view serial);

}  // namespace tandem::core
