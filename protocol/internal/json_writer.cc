// RFC 8785 serialisation of a parsed tree: sorted members, minimal escapes, ECMAScript numbers.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/canonical_json.h"
#include "protocol/internal/json_tree.h"

namespace tandem::protocol::internal {
namespace {

// UTF-16 code units of a valid UTF-8 string (the parser guarantees validity).
std::u16string ToUtf16(const std::string& utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = 0;
    int length = 1;
    if (lead < 0x80) {
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      cp = lead & 0x1F;
      length = 2;
    } else if ((lead & 0xF0) == 0xE0) {
      cp = lead & 0x0F;
      length = 3;
    } else {
      cp = lead & 0x07;
      length = 4;
    }
    for (int k = 1; k < length && i + static_cast<std::size_t>(k) < utf8.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    i += static_cast<std::size_t>(length);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

}  // namespace

Status WriteCanonical(const JsonNode& node, std::string& out) {
  switch (node.kind) {
    case JsonKind::kNull:
      out += "null";
      return Ok();
    case JsonKind::kBool:
      out += node.boolean ? "true" : "false";
      return Ok();
    case JsonKind::kNumber: {
      auto text = FormatEcmaNumber(node.number);
      if (!text) return tl::unexpected(text.error());
      out += *text;
      return Ok();
    }
    case JsonKind::kString:
      AppendCanonicalJsonString(out, node.string);
      return Ok();
    case JsonKind::kArray: {
      out.push_back('[');
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i > 0) out.push_back(',');
        if (auto st = WriteCanonical(node.items[i], out); !st) return st;
      }
      out.push_back(']');
      return Ok();
    }
    case JsonKind::kObject: {
      std::vector<std::u16string> keys;
      keys.reserve(node.names.size());
      for (const auto& name : node.names) keys.push_back(ToUtf16(name));
      std::vector<std::size_t> order(node.names.size());
      std::iota(order.begin(), order.end(), std::size_t{0});
      std::sort(order.begin(), order.end(),
                [&keys](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
      out.push_back('{');
      bool first = true;
      for (const std::size_t i : order) {
        if (!first) out.push_back(',');
        first = false;
        AppendCanonicalJsonString(out, node.names[i]);
        out.push_back(':');
        if (auto st = WriteCanonical(node.items[i], out); !st) return st;
      }
      out.push_back('}');
      return Ok();
    }
  }
  return Fail(Code::kInternal, "unknown JSON node kind");
}

}  // namespace tandem::protocol::internal

namespace tandem::protocol {

void AppendCanonicalJsonString(std::string& out, std::string_view utf8) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  out.push_back('"');
  for (const char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out.push_back(kHex[byte >> 4]);
          out.push_back(kHex[byte & 0x0F]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace tandem::protocol
