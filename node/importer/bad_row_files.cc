#include "node/importer/bad_row_files.h"

#include <algorithm>
#include <string>
#include <system_error>

namespace tandem::node::importer {
namespace {

std::filesystem::path Resolved(const std::filesystem::path& path) {
  std::error_code ec;
  auto absolute = std::filesystem::absolute(path, ec);
  if (ec) return path;
  auto resolved = std::filesystem::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : resolved;
}

std::string Problems(const BadRow& row) {
  std::string text;
  for (const auto& error : row.errors) {
    if (!text.empty()) text += "; ";
    if (!error.column.empty()) text += error.column + ": ";
    if (!error.value.empty()) text += "'" + error.value + "' ";
    text += error.reason;
  }
  return text;
}

}  // namespace

Status RefuseInsideDataDir(const std::filesystem::path& file, const std::filesystem::path& data_dir,
                           std::string_view option) {
  const auto target = Resolved(file);
  auto dir = Resolved(data_dir);
  if (!dir.has_filename()) dir = dir.parent_path();  // "dir/" names the same folder as "dir"
  const auto mismatch = std::mismatch(dir.begin(), dir.end(), target.begin(), target.end());
  if (mismatch.first != dir.end()) return Ok();
  return Fail(Code::kInvalidArgument,
              std::string(option) + " " + file.string() +
                  " is inside the data directory; it holds identifiers in plain text, so "
                  "write it somewhere else");
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

Result<std::unique_ptr<BadRowFile>> BadRowFile::Create(const std::filesystem::path& path,
                                                       Format format) {
  auto writer = store::AtomicFileWriter::Create(path, 0600);
  if (!writer) return tl::unexpected(writer.error());
  std::unique_ptr<BadRowFile> file(new BadRowFile(std::move(*writer), format));
  if (format == Format::kRejects) {
    if (auto header = file->writer_->Write("file,line,problems,raw_row\n"); !header) {
      return tl::unexpected(header.error());
    }
  }
  return file;
}

Status BadRowFile::Add(const BadRow& row) {
  ++rows_;
  std::string text;
  if (format_ == Format::kRejects) {
    std::string_view raw = row.raw;
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.remove_suffix(1);
    text = CsvField(row.file.filename().string()) + "," + std::to_string(row.line) + "," +
           CsvField(Problems(row)) + "," + CsvField(raw) + "\n";
  } else {
    for (const auto& error : row.errors) text += DescribeRowError(row.file, error) + "\n";
  }
  return writer_->Write(text);
}

Status BadRowFile::Commit() { return writer_->Commit(); }

}  // namespace tandem::node::importer
