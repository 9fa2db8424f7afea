#include "core/check.h"

#include <cstdio>
#include <cstdlib>

namespace tandem::internal {

void CheckFailed(const char* expr, const char* file, int line) {
  (void)std::fprintf(stderr, "tandem: invariant broken at %s:%d: %s\n", file, line, expr);
  std::abort();
}

}  // namespace tandem::internal
