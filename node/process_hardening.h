// Process-wide protections for a program that holds store keys and identifiers in memory:
// no core dumps (RLIMIT_CORE 0) and not dumpable (PR_SET_DUMPABLE 0, which also keeps other
// processes of the same user from attaching with ptrace or reading /proc/PID/mem).
// Call once, early in main, before any secret is read. Thread-safe (process-wide settings).
#pragma once

#include "core/result.h"

namespace tandem::node {

// kInternal naming the setting that could not be applied; the process may go on (the caller
// decides), but it should say so.
Status HardenProcess();

}  // namespace tandem::node
