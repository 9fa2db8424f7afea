#include "node/isa/isa_file.h"

#include <string>

#include "node/store/bounded_file.h"

namespace tandem::node::isa {

Result<protocol::Isa> ReadIsaFile(const std::filesystem::path& path) {
  auto text = store::ReadBoundedFile(path.string(), protocol::kMaxIsaBytes);
  if (!text) return tl::unexpected(text.error());
  auto isa = protocol::ParseIsa(*text);
  if (!isa) return Fail(Code::kInvalidArgument, path.string() + ": " + isa.error().message);
  return isa;
}

}  // namespace tandem::node::isa
