// RFC 8785 JSON Canonicalization Scheme (JCS): one byte string per JSON value, so that what is
// signed does not depend on member order, whitespace, escapes or number spelling.
//
// Canonicalize parses strictly (RFC 8259 grammar, I-JSON rules): valid UTF-8 only, no lone
// surrogates in escapes, no duplicate member names, numbers must fit an IEEE 754 double (those
// that overflow are refused; those that underflow become 0, as in ECMAScript). Inputs over
// `limits.max_bytes` or nested deeper than `limits.max_depth` are refused. Every refusal is
// kInvalidArgument with the byte offset and the reason. Stateless and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::protocol {

struct JsonLimits {
  std::size_t max_bytes = std::size_t{1} << 20;  // 1 MiB
  int max_depth = 64;                            // nested arrays and objects
};

// The canonical form of the JSON text `json` (UTF-8, no BOM).
Result<std::string> Canonicalize(std::string_view json, const JsonLimits& limits = {});

// True when `json` is already exactly its own canonical form.
bool IsCanonical(std::string_view json, const JsonLimits& limits = {});

// Appends `utf8` (valid UTF-8) to `out` as a JCS string literal: quotes, the two-character
// escapes, \u00xx for other control characters, everything else as is. For encoders that
// write canonical JSON directly (their member names already in JCS order).
void AppendCanonicalJsonString(std::string& out, std::string_view utf8);

// ECMAScript Number.prototype.toString of `value`, the form JCS writes numbers in
// (e.g. 1e+30, 4.5, 0.002, 1e-27, -0 → "0"). kInvalidArgument for NaN and infinities.
Result<std::string> FormatJsonNumber(double value);

}  // namespace tandem::protocol
