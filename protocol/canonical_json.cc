// Public face of the JCS parser and writer in internal/.
#include "protocol/canonical_json.h"

#include "protocol/internal/json_tree.h"

namespace tandem::protocol {

Result<std::string> Canonicalize(std::string_view json, const JsonLimits& limits) {
  auto tree = internal::ParseJson(json, {limits.max_bytes, limits.max_depth});
  if (!tree) return tl::unexpected(tree.error());
  std::string out;
  out.reserve(json.size());
  if (auto st = internal::WriteCanonical(*tree, out); !st) return tl::unexpected(st.error());
  return out;
}

bool IsCanonical(std::string_view json, const JsonLimits& limits) {
  auto canonical = Canonicalize(json, limits);
  return canonical && *canonical == json;
}

Result<std::string> FormatJsonNumber(double value) { return internal::FormatEcmaNumber(value); }

}  // namespace tandem::protocol
