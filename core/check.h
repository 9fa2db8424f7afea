// TANDEM_CHECK: for broken invariants only (a bug in Tandem), never for bad input.
// It aborts with the file and line; input errors are returned as Error values instead.
#pragma once

namespace tandem::internal {
[[noreturn]] void CheckFailed(const char* expr, const char* file, int line);
}  // namespace tandem::internal

#define TANDEM_CHECK(cond)                                                   \
  do {                                                                       \
    if (!(cond)) ::tandem::internal::CheckFailed(#cond, __FILE__, __LINE__); \
  } while (false)
