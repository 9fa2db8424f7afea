#include "node/store/bounded_file.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace tandem::node::store {

Result<std::string> ReadBoundedFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    const bool missing =
        std::filesystem::symlink_status(path, ec).type() == std::filesystem::file_type::not_found;
    if (missing) return Fail(Code::kNotFound, "cannot open " + path + ": there is no such file");
    return Fail(Code::kUnavailable, "cannot open " + path);
  }
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

}  // namespace tandem::node::store
