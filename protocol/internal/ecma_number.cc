// ECMAScript Number.prototype.toString (ECMA-262 Number::toString, radix 10) for finite doubles:
// the shortest digits that round-trip, laid out as ECMAScript does.
#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include "protocol/internal/json_tree.h"

namespace tandem::protocol::internal {

Result<std::string> FormatEcmaNumber(double value) {
  if (!std::isfinite(value)) {
    return Fail(Code::kInvalidArgument, "NaN and Infinity have no JSON form");
  }
  if (value == 0) return std::string("0");  // also -0
  std::string out;
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // Shortest round-trip scientific form "d[.ddd]e[+-]xx": digits s (k of them) and the
  // decimal point position n with value = 0.s * 10^n.
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::scientific);
  const std::string sci(buffer.data(), result.ptr);
  const std::size_t e_pos = sci.find('e');
  std::string digits;
  for (std::size_t i = 0; i < e_pos; ++i) {
    if (sci[i] != '.') digits.push_back(sci[i]);
  }
  const int k = static_cast<int>(digits.size());
  // to_chars writes the exponent as [+-]dd[d]; from_chars takes no '+'.
  const std::size_t exp_start = sci[e_pos + 1] == '+' ? e_pos + 2 : e_pos + 1;
  int exponent = 0;
  std::from_chars(sci.data() + exp_start, sci.data() + sci.size(), exponent);
  const int n = exponent + 1;

  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    const int e = n - 1;
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    out.push_back(e < 0 ? '-' : '+');
    out += std::to_string(std::abs(e));
  }
  return out;
}

}  // namespace tandem::protocol::internal
