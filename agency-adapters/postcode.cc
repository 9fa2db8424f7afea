// UK postcodes and postcode districts (normalise.h).
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "agency-adapters/normalise.h"

namespace tandem::adapters {
namespace {

// The six shapes of an outward code. Each character is a class: '1' a letter allowed first,
// '2' a letter allowed second, '3' the letter of A9A, '4' the letter of AA9A, 'd' a digit.
constexpr std::array<std::string_view, 6> kOutwardShapes = {"1d",  "1dd",  "1d3",
                                                            "12d", "12dd", "12d4"};

struct LetterClass {
  char name;
  std::string_view letters;
};
constexpr std::array<LetterClass, 5> kLetterClasses = {{
    {'1', "ABCDEFGHIJKLMNOPRSTUWYZ"},  // not Q V X
    {'2', "ABCDEFGHKLMNOPQRSTUVWXY"},  // not I J Z
    {'3', "ABCDEFGHJKPSTUW"},
    {'4', "ABEHMNPRVWXY"},
    {'i', "ABDEFGHJLNPQRSTUWXYZ"},  // inward letters: not C I K M O V
}};

bool InClass(char c, char class_name) {
  if (class_name == 'd') return c >= '0' && c <= '9';
  for (const auto& lc : kLetterClasses) {
    if (lc.name == class_name) return lc.letters.find(c) != std::string_view::npos;
  }
  return false;
}

bool Matches(std::string_view text, std::string_view shape) {
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!InClass(text[i], shape[i])) return false;
  }
  return true;
}

bool IsOutwardCode(std::string_view text) {
  for (std::string_view shape : kOutwardShapes) {
    if (Matches(text, shape)) return true;
  }
  return false;
}

// Upper case with every space and tab removed; nullopt when a character is not ASCII.
std::optional<std::string> Compact(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

}  // namespace

Result<Postcode> NormalisePostcode(std::string_view text) {
  const auto compact = Compact(text);
  if (!compact || compact->size() < 5 || compact->size() > 7) {
    return Fail(Code::kInvalidArgument, "is not a UK postcode");
  }
  const std::string_view outward = std::string_view(*compact).substr(0, compact->size() - 3);
  const std::string_view inward = std::string_view(*compact).substr(compact->size() - 3);
  const bool valid =
      (outward == "GIR" && inward == "0AA") || (IsOutwardCode(outward) && Matches(inward, "dii"));
  if (!valid) return Fail(Code::kInvalidArgument, "is not a UK postcode");
  return Postcode{std::string(outward) + " " + std::string(inward), std::string(outward)};
}

Result<std::string> NormalisePostcodeDistrict(std::string_view text) {
  const auto compact = Compact(text);
  if (compact && IsOutwardCode(*compact)) return *compact;
  if (compact && NormalisePostcode(*compact)) {
    return Fail(Code::kInvalidArgument,
                "is a full postcode; the column holds the district (outward code) only");
  }
  return Fail(Code::kInvalidArgument, "is not a UK postcode district (outward code)");
}

}  // namespace tandem::adapters
