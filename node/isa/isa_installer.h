// The ISA a node works under: isa.json in its data directory. Install puts a new one in place
// only when it is fully signed, in force now, and newer than the installed one (the same ISA id
// with a higher version, or the first install); the file is replaced atomically, so a reader
// sees the old document or the new one, and a refused install leaves the file untouched. Load
// reads the installed document and checks its signatures (not its dates: the caller decides
// what an expired ISA means at the time of use).
//
// Installs in one data directory are serialised by an exclusive lock on isa.json.lock, across
// threads and processes. Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "protocol/isa.h"

namespace tandem::node::isa {

inline constexpr char kIsaFileName[] = "isa.json";

struct InstalledIsa {
  protocol::Isa isa;
  std::optional<std::int64_t> replaced_version;  // the version it replaced, if any
};

class IsaInstaller {
 public:
  // Installs the ISA in `json` into `data_dir` (which must exist). Errors: kInvalidArgument for a
  // malformed document, a different ISA id than the installed one, or a version not higher
  // than the installed one; kUnauthenticated when a party's signature is missing or bad;
  // kPermissionDenied when it is not in force at `now`; kCorruption when the installed file is
  // damaged (remove it by hand after checking); kUnavailable when the file cannot be written.
  static Result<InstalledIsa> Install(const std::filesystem::path& data_dir, std::string_view json,
                                      protocol::Seconds now);

  // The installed ISA. kNotFound when there is none; kCorruption when the file does not parse
  // or its signatures do not verify; kUnavailable when it cannot be read.
  static Result<protocol::Isa> Load(const std::filesystem::path& data_dir);
};

}  // namespace tandem::node::isa
