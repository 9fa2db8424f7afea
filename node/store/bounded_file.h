// Reading a file of bounded size: a file over the limit is refused after reading one byte past
// it, never read whole, so a huge or endless input (a device, a pipe) cannot exhaust memory.
// Used for the files a command is given and for the ISA a node reads. Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace tandem::node::store {

// The whole of `path`. Errors: kNotFound ("cannot open PATH: there is no such file"),
// kUnavailable (cannot be opened or read), kInvalidArgument ("PATH is over the limit of N
// bytes").
Result<std::string> ReadBoundedFile(const std::string& path, std::size_t max_bytes);

}  // namespace tandem::node::store
