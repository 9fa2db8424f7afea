// The parsed form of a JSON text inside the protocol module: a small tree that keeps member
// order as written (the canonical writer sorts), so the parser can refuse duplicate names.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace tandem::protocol::internal {

enum class JsonKind { kNull, kBool, kNumber, kString, kArray, kObject };

struct JsonNode {
  JsonKind kind = JsonKind::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;              // kString: UTF-8, escapes resolved
  std::vector<JsonNode> items;     // kArray elements, or kObject member values
  std::vector<std::string> names;  // kObject member names, parallel to items

  // The member named `name`, or nullptr (kObject only).
  const JsonNode* Find(std::string_view name) const;

  static JsonNode String(std::string value) {
    JsonNode node;
    node.kind = JsonKind::kString;
    node.string = std::move(value);
    return node;
  }
  static JsonNode Number(double value) {
    JsonNode node;
    node.kind = JsonKind::kNumber;
    node.number = value;
    return node;
  }
};

struct ParseLimits {
  std::size_t max_bytes = std::size_t{1} << 20;
  int max_depth = 64;
};

// Strict RFC 8259 + I-JSON (RFC 7493) parse of the whole of `text`: one value, optional
// surrounding whitespace, nothing after it. kInvalidArgument, naming the byte offset, for
// syntax errors, invalid UTF-8, lone surrogates, duplicate member names, numbers that overflow
// a double, and texts over the limits.
Result<JsonNode> ParseJson(std::string_view text, const ParseLimits& limits);

// Appends the RFC 8785 canonical form of `node` to `out`. kInvalidArgument only for a number
// that is not finite (the parser never yields one).
Status WriteCanonical(const JsonNode& node, std::string& out);

// ECMAScript Number.prototype.toString of a finite double (RFC 8785 section 3.2.2.3).
// kInvalidArgument for NaN and infinities.
Result<std::string> FormatEcmaNumber(double value);

}  // namespace tandem::protocol::internal
