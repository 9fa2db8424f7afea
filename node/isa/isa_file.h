// Reading an ISA document from a file: read bounded by protocol::kMaxIsaBytes and parsed, not
// verified (the caller decides which signatures and dates it needs). The one reader of ISA
// files for the node and the command line. Thread-safe.
#pragma once

#include <filesystem>

#include "core/result.h"
#include "protocol/isa.h"

namespace tandem::node::isa {

// Errors: kNotFound (no such file), kUnavailable (cannot be read), kInvalidArgument (over the
// limit, or "PATH: <why it is not an ISA>").
Result<protocol::Isa> ReadIsaFile(const std::filesystem::path& path);

}  // namespace tandem::node::isa
