#include "core/counted.h"

namespace tandem::core {

std::string Counted(std::int64_t n, std::string_view one, std::string_view many) {
  std::string text = std::to_string(n) + " ";
  if (n == 1) return text + std::string(one);
  return many.empty() ? text + std::string(one) + "s" : text + std::string(many);
}

}  // namespace tandem::core
