// An input stream buffer over a file that computes the file's SHA-256 and counts the bytes it
// has read as the importer streams through it, so the file is read from disk once.
// Not thread-safe.
#pragma once

#include <sodium.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <streambuf>
#include <vector>

#include "core/result.h"

namespace tandem::node::importer::internal {

class HashingFileBuf : public std::streambuf {
 public:
  // kNotFound / kPermissionDenied / kUnavailable when the file cannot be opened for reading;
  // kInvalidArgument when it is not a regular file.
  static Result<std::unique_ptr<HashingFileBuf>> Open(const std::filesystem::path& path);

  ~HashingFileBuf() override;
  HashingFileBuf(const HashingFileBuf&) = delete;
  HashingFileBuf& operator=(const HashingFileBuf&) = delete;

  std::uint64_t size() const { return size_; }
  std::uint64_t bytes_read() const { return bytes_read_; }

  // Reads whatever the consumer left unread, then returns the SHA-256 of the whole file.
  // Call once, after the consumer is done. kUnavailable on a read error.
  Result<std::array<std::uint8_t, 32>> FinishDigest();

 protected:
  int_type underflow() override;

 private:
  HashingFileBuf(int fd, std::uint64_t size);
  // Reads the next chunk into the buffer and the hash; false at end of file or on error.
  bool ReadChunk();

  int fd_;
  std::uint64_t size_;
  std::uint64_t bytes_read_ = 0;
  bool read_error_ = false;
  std::vector<char> buffer_;
  crypto_hash_sha256_state sha_{};
};

}  // namespace tandem::node::importer::internal
