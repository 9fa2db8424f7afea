// Indented JSON writer; leaves reuse the canonical writer so escapes and numbers match JCS.
#include "protocol/internal/isa_pretty_writer.h"

#include <string>

namespace tandem::protocol::internal {
namespace {

constexpr std::size_t kInlineWidth = 72;

bool IsScalar(const JsonNode& node) {
  return node.kind != JsonKind::kArray && node.kind != JsonKind::kObject;
}

Status Write(const JsonNode& node, int depth, std::string& out) {
  const std::string indent(static_cast<std::size_t>(2 * (depth + 1)), ' ');
  const std::string closing(static_cast<std::size_t>(2 * depth), ' ');
  if (IsScalar(node)) return WriteCanonical(node, out);
  if (node.items.empty()) {
    out += node.kind == JsonKind::kArray ? "[]" : "{}";
    return Ok();
  }
  if (node.kind == JsonKind::kArray) {
    bool all_scalar = true;
    for (const auto& item : node.items) all_scalar = all_scalar && IsScalar(item);
    if (all_scalar) {
      std::string line = "[";
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i > 0) line += ", ";
        if (auto st = WriteCanonical(node.items[i], line); !st) return st;
      }
      line += "]";
      if (line.size() <= kInlineWidth) {
        out += line;
        return Ok();
      }
    }
    out += "[\n";
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      out += indent;
      if (auto st = Write(node.items[i], depth + 1, out); !st) return st;
      out += i + 1 < node.items.size() ? ",\n" : "\n";
    }
    out += closing + "]";
    return Ok();
  }
  out += "{\n";
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    out += indent;
    JsonNode name;
    name.kind = JsonKind::kString;
    name.string = node.names[i];
    if (auto st = WriteCanonical(name, out); !st) return st;
    out += ": ";
    if (auto st = Write(node.items[i], depth + 1, out); !st) return st;
    out += i + 1 < node.items.size() ? ",\n" : "\n";
  }
  out += closing + "}";
  return Ok();
}

}  // namespace

Status WriteIsaPretty(const JsonNode& node, std::string& out) { return Write(node, 0, out); }

}  // namespace tandem::protocol::internal
