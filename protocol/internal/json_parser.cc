// Strict JSON parser: RFC 8259 grammar with the I-JSON restrictions RFC 8785 relies on.
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "protocol/internal/json_tree.h"

namespace tandem::protocol::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class Parser {
 public:
  Parser(std::string_view text, const ParseLimits& limits) : text_(text), limits_(limits) {}

  Result<JsonNode> ParseDocument() {
    SkipWhitespace();
    JsonNode root;
    if (auto st = ParseValue(root, 0); !st) return tl::unexpected(st.error());
    SkipWhitespace();
    if (pos_ != text_.size()) return Error("unexpected data after the JSON value");
    return root;
  }

 private:
  tl::unexpected<tandem::Error> Error(std::string_view what) const {
    return Fail(Code::kInvalidArgument,
                "JSON at byte " + std::to_string(pos_) + ": " + std::string(what));
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  void SkipWhitespace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) {
      ++pos_;
    }
  }

  bool ConsumeLiteral(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  Status ParseValue(JsonNode& node, int depth) {
    if (AtEnd()) return Error("unexpected end of input, expected a value");
    switch (Peek()) {
      case '{':
        return ParseObject(node, depth + 1);
      case '[':
        return ParseArray(node, depth + 1);
      case '"':
        node.kind = JsonKind::kString;
        return ParseString(node.string);
      case 't':
      case 'f':
      case 'n':
        return ParseLiteral(node);
      default:
        if (Peek() == '-' || IsDigit(Peek())) return ParseNumber(node);
        return Error("unexpected character, expected a value");
    }
  }

  Status ParseLiteral(JsonNode& node) {
    if (ConsumeLiteral("true")) {
      node.kind = JsonKind::kBool;
      node.boolean = true;
    } else if (ConsumeLiteral("false")) {
      node.kind = JsonKind::kBool;
      node.boolean = false;
    } else if (ConsumeLiteral("null")) {
      node.kind = JsonKind::kNull;
    } else {
      return Error("unknown literal (expected true, false or null)");
    }
    return Ok();
  }

  Status ParseObject(JsonNode& node, int depth) {
    if (depth > limits_.max_depth) {
      return Error("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    node.kind = JsonKind::kObject;
    ++pos_;  // '{'
    SkipWhitespace();
    if (!AtEnd() && Peek() == '}') {
      ++pos_;
      return Ok();
    }
    std::unordered_set<std::string> seen;
    while (true) {
      SkipWhitespace();
      if (AtEnd() || Peek() != '"') return Error("expected a member name in double quotes");
      const std::size_t name_pos = pos_;
      std::string name;
      if (auto st = ParseString(name); !st) return st;
      if (!seen.insert(name).second) {
        pos_ = name_pos;
        return Error("duplicate member name \"" + name + "\"");
      }
      SkipWhitespace();
      if (AtEnd() || Peek() != ':') return Error("expected ':' after a member name");
      ++pos_;
      SkipWhitespace();
      JsonNode value;
      if (auto st = ParseValue(value, depth); !st) return st;
      node.names.push_back(std::move(name));
      node.items.push_back(std::move(value));
      SkipWhitespace();
      if (AtEnd()) return Error("unexpected end of input inside an object");
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == '}') {
        ++pos_;
        return Ok();
      }
      return Error("expected ',' or '}' in an object");
    }
  }

  Status ParseArray(JsonNode& node, int depth) {
    if (depth > limits_.max_depth) {
      return Error("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    node.kind = JsonKind::kArray;
    ++pos_;  // '['
    SkipWhitespace();
    if (!AtEnd() && Peek() == ']') {
      ++pos_;
      return Ok();
    }
    while (true) {
      SkipWhitespace();
      JsonNode value;
      if (auto st = ParseValue(value, depth); !st) return st;
      node.items.push_back(std::move(value));
      SkipWhitespace();
      if (AtEnd()) return Error("unexpected end of input inside an array");
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == ']') {
        ++pos_;
        return Ok();
      }
      return Error("expected ',' or ']' in an array");
    }
  }

  // Reads four hex digits after "\u".
  Result<std::uint32_t> ParseHex4() {
    if (text_.size() - pos_ < 4) return Error("truncated \\u escape");
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = HexValue(text_[pos_ + i]);
      if (digit < 0) return Error("\\u escape needs four hex digits");
      value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    pos_ += 4;
    return value;
  }

  Status ParseEscape(std::string& out) {
    ++pos_;  // '\'
    if (AtEnd()) return Error("unexpected end of input in an escape");
    const char c = Peek();
    ++pos_;
    switch (c) {
      case '"':
        out.push_back('"');
        return Ok();
      case '\\':
        out.push_back('\\');
        return Ok();
      case '/':
        out.push_back('/');
        return Ok();
      case 'b':
        out.push_back('\b');
        return Ok();
      case 'f':
        out.push_back('\f');
        return Ok();
      case 'n':
        out.push_back('\n');
        return Ok();
      case 'r':
        out.push_back('\r');
        return Ok();
      case 't':
        out.push_back('\t');
        return Ok();
      case 'u':
        break;
      default:
        --pos_;
        return Error("invalid escape character");
    }
    auto unit = ParseHex4();
    if (!unit) return tl::unexpected(unit.error());
    std::uint32_t cp = *unit;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return Error("lone low surrogate in \\u escape");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u") return Error("high surrogate not followed by a low one");
      pos_ += 2;
      auto low = ParseHex4();
      if (!low) return tl::unexpected(low.error());
      if (*low < 0xDC00 || *low > 0xDFFF) return Error("high surrogate not followed by a low one");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
    }
    AppendUtf8(cp, out);
    return Ok();
  }

  // Copies one UTF-8 encoded character from the input, validating it strictly (no overlong
  // forms, no surrogates, nothing above U+10FFFF).
  Status CopyUtf8(std::string& out) {
    const auto lead = static_cast<unsigned char>(Peek());
    int length = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if (lead < 0x80) {
      length = 1;
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      cp = lead & 0x1F;
      min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      cp = lead & 0x0F;
      min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      cp = lead & 0x07;
      min = 0x10000;
    } else {
      return Error("invalid UTF-8 lead byte");
    }
    if (text_.size() - pos_ < static_cast<std::size_t>(length)) return Error("truncated UTF-8");
    for (int i = 1; i < length; ++i) {
      const auto byte = static_cast<unsigned char>(text_[pos_ + i]);
      if ((byte & 0xC0) != 0x80) return Error("invalid UTF-8 continuation byte");
      cp = (cp << 6) | (byte & 0x3F);
    }
    if (cp < min) return Error("overlong UTF-8 encoding");
    if (cp >= 0xD800 && cp <= 0xDFFF) return Error("UTF-8 encoded surrogate");
    if (cp > 0x10FFFF) return Error("UTF-8 code point above U+10FFFF");
    out.append(text_.substr(pos_, static_cast<std::size_t>(length)));
    pos_ += static_cast<std::size_t>(length);
    return Ok();
  }

  Status ParseString(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      if (AtEnd()) return Error("unterminated string");
      const char c = Peek();
      if (c == '"') {
        ++pos_;
        return Ok();
      }
      if (c == '\\') {
        if (auto st = ParseEscape(out); !st) return st;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        return Error("control character in a string must be escaped");
      } else {
        if (auto st = CopyUtf8(out); !st) return st;
      }
    }
  }

  Status ParseNumber(JsonNode& node) {
    const std::size_t start = pos_;
    if (Peek() == '-') ++pos_;
    if (AtEnd() || !IsDigit(Peek())) return Error("number needs a digit");
    // Decimal exponent of the first significant digit, to tell overflow from underflow.
    long magnitude = 0;
    bool seen_nonzero = false;
    if (Peek() == '0') {
      ++pos_;
    } else {
      while (!AtEnd() && IsDigit(Peek())) {
        seen_nonzero = true;
        ++magnitude;
        ++pos_;
      }
    }
    if (!AtEnd() && Peek() == '.') {
      ++pos_;
      if (AtEnd() || !IsDigit(Peek())) return Error("number needs a digit after '.'");
      while (!AtEnd() && IsDigit(Peek())) {
        if (!seen_nonzero) {
          if (Peek() == '0') {
            --magnitude;
          } else {
            seen_nonzero = true;
          }
        }
        ++pos_;
      }
    }
    long exponent = 0;
    if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
      ++pos_;
      bool negative = false;
      if (!AtEnd() && (Peek() == '+' || Peek() == '-')) {
        negative = Peek() == '-';
        ++pos_;
      }
      if (AtEnd() || !IsDigit(Peek())) return Error("number needs a digit in its exponent");
      while (!AtEnd() && IsDigit(Peek())) {
        if (exponent < 100000) exponent = exponent * 10 + (Peek() - '0');
        ++pos_;
      }
      if (negative) exponent = -exponent;
    }
    const std::string_view literal = text_.substr(start, pos_ - start);
    double value = 0;
    const auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
    if (ec == std::errc::result_out_of_range) {
      if (seen_nonzero && magnitude + exponent > 0) {
        pos_ = start;
        return Error("number is too large for an IEEE 754 double (I-JSON)");
      }
      value = 0;  // underflow: the nearest double is zero, as ECMAScript parses it
    } else if (ec != std::errc() || end != literal.data() + literal.size()) {
      pos_ = start;
      return Error("malformed number");
    }
    node.kind = JsonKind::kNumber;
    node.number = value;
    return Ok();
  }

  std::string_view text_;
  ParseLimits limits_;
  std::size_t pos_ = 0;
};

}  // namespace

const JsonNode* JsonNode::Find(std::string_view name) const {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return &items[i];
  }
  return nullptr;
}

Result<JsonNode> ParseJson(std::string_view text, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Fail(Code::kInvalidArgument, "JSON text is " + std::to_string(text.size()) +
                                            " bytes, over the limit of " +
                                            std::to_string(limits.max_bytes));
  }
  return Parser(text, limits).ParseDocument();
}

}  // namespace tandem::protocol::internal
