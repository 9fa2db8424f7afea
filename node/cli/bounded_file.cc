#include "node/cli/bounded_file.h"

#include <array>
#include <fstream>

namespace tandem::node::cli {

Result<std::string> ReadBoundedFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Code::kUnavailable, "cannot open " + path);
  std::string text;
  std::array<char, 1 << 16> buffer{};
  while (text.size() <= max_bytes &&
         in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())).gcount() > 0) {
    text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Fail(Code::kUnavailable, "cannot read " + path);
  if (text.size() > max_bytes) {
    return Fail(Code::kInvalidArgument,
                path + " is over the limit of " + std::to_string(max_bytes) + " bytes");
  }
  return text;
}

}  // namespace tandem::node::cli
