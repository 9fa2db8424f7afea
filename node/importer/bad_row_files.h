// Files that receive the bad rows of an import: the reject file of --accept-good-rows (CSV:
// file, line, problems, raw_row — the raw row exactly as in the export), and the full problem
// report of --report (one line per problem, as DescribeRowError writes it). Both hold
// identifiers, so both are written atomically, mode 0600, and never inside a data directory.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "core/result.h"
#include "node/importer/importer.h"
#include "node/store/atomic_file.h"

namespace tandem::node::importer {

// kInvalidArgument when `file` is inside `data_dir` (or is the directory itself).
Status RefuseInsideDataDir(const std::filesystem::path& file, const std::filesystem::path& data_dir,
                           std::string_view option);

class BadRowFile {
 public:
  enum class Format {
    kRejects,  // CSV with the raw rows
    kReport,   // text, one problem per line
  };

  // Starts the file (a temporary beside `path` until Commit). kUnavailable when it cannot be
  // created.
  static Result<std::unique_ptr<BadRowFile>> Create(const std::filesystem::path& path,
                                                    Format format);

  Status Add(const BadRow& row);
  // Makes the file appear at its path with everything added so far.
  Status Commit();

  std::uint64_t rows() const { return rows_; }

 private:
  BadRowFile(std::unique_ptr<store::AtomicFileWriter> writer, Format format)
      : writer_(std::move(writer)), format_(format) {}

  std::unique_ptr<store::AtomicFileWriter> writer_;
  Format format_;
  std::uint64_t rows_ = 0;
};

// `value` as one RFC 4180 CSV field (quoted when it holds a comma, quote, CR or LF).
std::string CsvField(std::string_view value);

}  // namespace tandem::node::importer
