// The importer: reads one or more export files of one agency through the agency adapters and
// writes their records into the store in ONE transaction. Strict by default: if any row of any
// file is bad, every bad row is reported and nothing is imported. With accept_good_rows the
// good rows are imported and the bad ones handed to the caller (for a reject file).
// Re-importing the same export changes no record ("no changes"); a newer export updates
// records by their reference. Police occurrences must name a nominal that is in the store or
// in the same import. Not thread-safe (it drives one Store).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "agency-adapters/record.h"
#include "core/agency.h"
#include "core/result.h"
#include "node/store/store.h"
#include "protocol/timestamp.h"

namespace tandem::node::importer {

// One bad row: where it is, every problem found in it, and the row as it was in the file.
struct BadRow {
  std::filesystem::path file;
  std::size_t line = 0;
  std::vector<adapters::RowError> errors;
  std::string raw;
};

struct ImportRequest {
  core::AgencyKind agency = core::AgencyKind::kPolice;
  std::vector<std::filesystem::path> files;
  // Import the good rows even when some are bad (the bad ones go to `on_bad_row`).
  bool accept_good_rows = false;
  // Each file is the whole of its export kind: the records of that kind that the store holds
  // and the file does not are deleted, and with a police nominal the occurrences that name it.
  // One file per export kind; not with accept_good_rows (a bad row's record would be deleted).
  bool full_export = false;
  // Called for every bad row, in file order (files in import order), as it is found.
  // An error from it stops the import (nothing is imported).
  std::function<Status(const BadRow&)> on_bad_row;
  // Called with bytes read so far and the total size of the files, now and then.
  std::function<void(std::uint64_t done, std::uint64_t total)> on_progress;
  // Called just before the transaction commits, when the import is going ahead (the place to
  // make a reject file durable). An error from it rolls the import back.
  std::function<Status()> before_commit;
  // The import time; unset = the system clock.
  std::function<protocol::Seconds()> now;
};

struct FileReport {
  std::filesystem::path file;
  adapters::ExportKind kind = adapters::ExportKind::kPoliceNominals;
  std::uint64_t rows = 0;  // data rows read
  store::ImportCounts counts;
  std::int64_t deleted = 0;              // full export: records of the kind the file left out
  std::int64_t deleted_occurrences = 0;  // full export of nominals: occurrences naming those
  std::string sha256_hex;
};

struct ImportReport {
  enum class Outcome {
    kImported,   // at least one record inserted or updated
    kNoChanges,  // committed, but every good row matched the store
    kRefused,    // strict mode and bad rows: rolled back, nothing imported
  };
  Outcome outcome = Outcome::kNoChanges;
  std::vector<FileReport> files;  // in the order they were imported
  store::ImportCounts total;
  std::uint64_t rows = 0;
  std::uint64_t bad_rows = 0;  // rows with at least one problem
};

// Runs the import. Files are imported nominals-before-occurrences whatever their order on the
// command line. Returns the report also when the import was refused for bad rows.
// Errors (nothing imported in every case): kInvalidArgument when no file is given, a file is
// not an export of `agency` (the message names the file and the expected headers) or is
// unreadable past some line (names the file and line); kNotFound / kPermissionDenied /
// kUnavailable for a file that cannot be read; errors of the store and of the callbacks.
Result<ImportReport> RunImport(store::Store& store, const ImportRequest& request);

// "police_nominals.csv line 14, column dob: '31/02/1985' is not a date" — one line per
// problem, naming the file by its file name only.
std::string DescribeRowError(const std::filesystem::path& file, const adapters::RowError& error);

}  // namespace tandem::node::importer
