// Install = parse + verify + version rule + atomic replace, under a file lock.
#include "node/isa/isa_installer.h"

#include <string>
#include <utility>

#include "node/isa/isa_file.h"
#include "node/store/atomic_file.h"
#include "node/store/file_lock.h"

namespace tandem::node::isa {
namespace {

std::string Describe(const protocol::Isa& isa) {
  return "ISA '" + isa.id.value() + "' version " + std::to_string(isa.version);
}

}  // namespace

Result<protocol::Isa> IsaInstaller::Load(const std::filesystem::path& data_dir) {
  auto isa = ReadIsaFile(data_dir / kIsaFileName);
  if (!isa) {
    if (isa.error().code == Code::kNotFound) {
      return Fail(Code::kNotFound, "no ISA is installed in " + data_dir.string() +
                                       " (install one with 'tandem isa install')");
    }
    if (isa.error().code == Code::kInvalidArgument) {
      return Fail(Code::kCorruption, "the installed ISA is damaged: " + isa.error().message);
    }
    return tl::unexpected(isa.error());
  }
  if (auto st = protocol::VerifyIsaSignatures(*isa); !st) {
    return Fail(Code::kCorruption, "the installed ISA " + (data_dir / kIsaFileName).string() +
                                       " is damaged: " + st.error().message);
  }
  return isa;
}

Result<InstalledIsa> IsaInstaller::Install(const std::filesystem::path& data_dir,
                                           std::string_view json, protocol::Seconds now) {
  auto isa = protocol::ParseIsa(json);
  if (!isa) return tl::unexpected(isa.error());
  if (auto st = protocol::VerifyIsa(*isa, now); !st) return tl::unexpected(st.error());

  auto lock = store::FileLock::Acquire(data_dir / (std::string(kIsaFileName) + ".lock"));
  if (!lock) return tl::unexpected(lock.error());

  std::optional<std::int64_t> replaced;
  auto installed = Load(data_dir);
  if (installed) {
    if (!(installed->id == isa->id)) {
      return Fail(Code::kInvalidArgument, "refusing " + Describe(*isa) +
                                              ": this node works under " + Describe(*installed) +
                                              ", and only a newer version of it can replace it");
    }
    if (isa->version <= installed->version) {
      return Fail(Code::kInvalidArgument,
                  "refusing " + Describe(*isa) + ": version " + std::to_string(installed->version) +
                      " is installed, and only a higher version can replace it");
    }
    replaced = installed->version;
  } else if (installed.error().code != Code::kNotFound) {
    return tl::unexpected(installed.error());
  }

  auto text = protocol::FormatIsa(*isa);
  if (!text) return tl::unexpected(text.error());
  if (auto st = store::WriteFileAtomically(data_dir / kIsaFileName, *text, 0600); !st) {
    return tl::unexpected(st.error());
  }
  return InstalledIsa{*std::move(isa), replaced};
}

}  // namespace tandem::node::isa
