// Reading an input file of bounded size for a command: a file over the limit is refused after
// reading one byte past it, never read whole, so a huge or endless input (a device, a pipe)
// cannot exhaust memory. Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace tandem::node::cli {

// The whole of `path`. Errors: kUnavailable (cannot be opened or read), kInvalidArgument
// ("PATH is over the limit of N bytes").
Result<std::string> ReadBoundedFile(const std::string& path, std::size_t max_bytes);

}  // namespace tandem::node::cli
