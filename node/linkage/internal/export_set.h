// The six person exports `tandem link` reads from one directory, read strictly through the
// agency adapters: every bad row of every file is collected, and records are handed on only
// while no bad row has been seen (so that nothing is linked from a refused set). Not
// thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "agency-adapters/record.h"
#include "core/agency.h"
#include "core/result.h"

namespace tandem::node::linkage::internal {

struct PersonExport {
  core::AgencyKind agency;
  adapters::ExportKind kind;
  std::string_view file_name;
};

// police_nominals.csv, probation_cases.csv, nhs_mental_health.csv, housing_tenancies.csv,
// treatment_episodes.csv, idva_cases.csv, in agency order.
std::span<const PersonExport> PersonExports();

// The bad rows found, as the adapters describe them (file, line, column, value, reason).
struct ExportProblems {
  std::uint64_t bad_rows = 0;
  std::uint64_t problems = 0;
  std::vector<std::string> first;  // the first problems, one line each
};

using RecordSink = std::function<Status(core::AgencyKind agency, const adapters::Record& record)>;
using ProgressSink = std::function<void(std::uint64_t bytes_done, std::uint64_t bytes_total)>;

// Reads every file of PersonExports() in `dir`. Calls `sink` for each valid record until the
// first bad row; bad rows go into `problems` (the caller refuses when there are any).
// Errors: kNotFound when `dir` or one of the files is missing (the message lists the six);
// kInvalidArgument when a file is not the export its name says (the adapter's message) or is
// unreadable past some line; kUnavailable when a file cannot be opened; errors of `sink`.
Status ReadPersonExports(const std::filesystem::path& dir, const RecordSink& sink,
                         const ProgressSink& progress, ExportProblems& problems);

}  // namespace tandem::node::linkage::internal
