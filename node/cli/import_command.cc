// `tandem import`: imports agency export files into the node's encrypted store in one
// transaction (node/importer/importer.h), strict unless --accept-good-rows is given.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/agency.h"
#include "node/cli/commands.h"
#include "node/cli/progress_bar.h"
#include "node/cli/store_options.h"
#include "node/importer/bad_row_files.h"
#include "node/importer/importer.h"
#include "node/store/data_dir.h"

namespace tandem::node::cli {
namespace {

constexpr const char* kName = "import";
// Problems printed to stderr before the rest are only counted (all of them go to --report).
constexpr std::size_t kPrintedProblems = 50;

// Exit codes, documented in --help.
constexpr int kExitRefused = 1;
constexpr int kExitError = 2;

struct ImportArgs {
  StoreOptions store;
  std::string agency;
  std::vector<std::string> files;
  bool accept_good_rows = false;
  bool full_export = false;
  std::string rejects;
  std::string report;
};

// Collects the first problems for stderr and counts the rest.
class ProblemPrinter {
 public:
  void Add(const importer::BadRow& row) {
    for (const auto& error : row.errors) {
      ++problems_;
      if (lines_.size() < kPrintedProblems)
        lines_.push_back(importer::DescribeRowError(row.file, error));
    }
  }
  void Print(bool has_report) const {
    for (const auto& line : lines_) std::cerr << "  " << line << "\n";
    if (problems_ > lines_.size()) {
      std::cerr << "  ... and " << problems_ - lines_.size() << " more problems"
                << (has_report ? " (all of them are in the --report file)"
                               : "; write them all with --report FILE")
                << "\n";
    }
  }

 private:
  std::vector<std::string> lines_;
  std::uint64_t problems_ = 0;
};

std::string Padded(std::string text, std::size_t width) {
  if (text.size() < width) text.resize(width, ' ');
  return text;
}

void PrintSummary(const importer::ImportReport& report, const ImportArgs& args, bool created) {
  if (created) {
    std::cout << "Created a new encrypted store in " << args.store.data_dir << ".\n";
  }
  if (report.outcome == importer::ImportReport::Outcome::kNoChanges) {
    std::cout << "No changes: all " << report.total.unchanged << " rows match the store already";
    if (report.total.rejected > 0) std::cout << " (" << report.total.rejected << " rejected)";
    std::cout << ".\n";
    return;
  }
  std::cout << "Imported " << report.files.size() << (report.files.size() == 1 ? " file" : " files")
            << " for " << args.agency << " in one transaction:\n";
  for (const auto& file : report.files) {
    std::cout << "  " << Padded(std::string(adapters::ExportKindName(file.kind)), 20) << file.rows
              << " rows: " << file.counts.inserted << " inserted, " << file.counts.updated
              << " updated, " << file.counts.unchanged << " unchanged, ";
    if (args.full_export) std::cout << file.deleted << " deleted, ";
    std::cout << file.counts.rejected << " rejected\n";
    if (file.deleted_occurrences > 0) {
      std::cout << "  and " << file.deleted_occurrences
                << " police occurrences of the deleted nominals deleted\n";
    }
  }
}

void RunImportCommand(const ImportArgs& args, CommandContext& ctx) {
  const auto fail = [&ctx](int code, std::string_view message) {
    PrintError(kName, message);
    ctx.exit_code = code;
  };
  const auto agency = core::ParseAgencyKind(args.agency);
  if (!agency) return fail(kExitError, "unknown agency kind '" + args.agency + "'");
  if (args.accept_good_rows != !args.rejects.empty()) {
    return fail(kExitError, "--accept-good-rows and --rejects FILE go together");
  }
  for (const auto& [path, option] :
       {std::pair{args.rejects, "--rejects"}, std::pair{args.report, "--report"}}) {
    if (path.empty()) continue;
    if (auto outside = importer::RefuseInsideDataDir(path, args.store.data_dir, option); !outside) {
      return fail(kExitError, outside.error().message);
    }
    for (const auto& input : args.files) {
      std::error_code ec;
      if (std::filesystem::equivalent(path, input, ec)) {
        return fail(kExitError, std::string(option) + " would overwrite the export " + input);
      }
    }
  }

  std::unique_ptr<importer::BadRowFile> rejects;
  std::unique_ptr<importer::BadRowFile> report_file;
  if (!args.rejects.empty()) {
    auto created =
        importer::BadRowFile::Create(args.rejects, importer::BadRowFile::Format::kRejects);
    if (!created) return fail(kExitError, created.error().message);
    rejects = std::move(*created);
  }
  if (!args.report.empty()) {
    auto created = importer::BadRowFile::Create(args.report, importer::BadRowFile::Format::kReport);
    if (!created) return fail(kExitError, created.error().message);
    report_file = std::move(*created);
  }

  store::DataDirOptions dir_options;
  dir_options.create_if_missing = true;
  auto opened = store::OpenDataDir(args.store.data_dir, ToKeyOptions(args.store), dir_options);
  if (!opened) return fail(kExitError, opened.error().message);

  ProgressBar progress;
  ProblemPrinter printer;
  importer::ImportRequest request;
  request.agency = *agency;
  request.files.assign(args.files.begin(), args.files.end());
  request.accept_good_rows = args.accept_good_rows;
  request.full_export = args.full_export;
  request.on_bad_row = [&](const importer::BadRow& row) -> Status {
    printer.Add(row);
    if (rejects) {
      if (auto added = rejects->Add(row); !added) return added;
    }
    if (report_file) return report_file->Add(row);
    return Ok();
  };
  request.on_progress = [&progress](std::uint64_t done, std::uint64_t total) {
    progress.Update(done, total);
  };
  request.before_commit = [&]() -> Status {
    if (rejects) return rejects->Commit();
    return Ok();
  };

  auto result = importer::RunImport(*opened->store, request);
  progress.Clear();
  if (report_file && result) {
    if (auto written = report_file->Commit(); !written) {
      PrintError(kName, "could not write the report: " + written.error().message);
    }
  }
  if (!result) return fail(kExitError, result.error().message + "; nothing was imported");

  if (result->outcome == importer::ImportReport::Outcome::kRefused) {
    PrintError(kName, "refused: " + std::to_string(result->bad_rows) +
                          (result->bad_rows == 1 ? " bad row" : " bad rows") +
                          "; nothing was imported");
    printer.Print(report_file != nullptr);
    std::cerr << "Fix the export, or import the good rows and set the bad ones aside with "
                 "--accept-good-rows --rejects FILE.\n";
    ctx.exit_code = kExitRefused;
    return;
  }
  if (result->bad_rows > 0) {
    std::cerr << "tandem import: " << result->bad_rows
              << (result->bad_rows == 1 ? " bad row was" : " bad rows were") << " set aside in "
              << args.rejects << ":\n";
    printer.Print(report_file != nullptr);
  }
  PrintSummary(*result, args, opened->created);
}

}  // namespace

void AddImportCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<ImportArgs>();
  std::vector<std::string> agencies;
  agencies.reserve(core::kAllAgencyKinds.size());
  for (const auto kind : core::kAllAgencyKinds) agencies.emplace_back(core::AgencyName(kind));

  CLI::App* command = app.add_subcommand(
      kName,
      "Import agency export files (CSV) into the node's encrypted store, in one transaction");
  command->footer(
      "Strict by default: if any row of any file is bad, every bad row is reported (line, "
      "column, value, reason) and nothing is imported. Re-importing an export changes nothing; "
      "a newer export updates records by their reference; records it leaves out are kept, "
      "unless --full-export says each file is the whole of its kind. The store is created on "
      "first use.\n"
      "The passphrase comes from TANDEM_STORE_PASSPHRASE or a prompt; never the command line.\n"
      "Exit status: 0 imported (or no changes), 1 refused because of bad rows, 2 error "
      "(nothing imported).");
  AddStoreOptions(command, args->store);
  command->add_option("--agency", args->agency, "The kind of agency the exports come from")
      ->required()
      ->check(CLI::IsMember(agencies));
  command
      ->add_flag("--accept-good-rows", args->accept_good_rows,
                 "Import the good rows even when some rows are bad; the bad rows go to --rejects")
      ->needs(command->add_option(
          "--rejects", args->rejects,
          "With --accept-good-rows: write the bad rows, their reasons and the raw rows to this "
          "CSV file (not inside the data directory: it holds identifiers)"));
  command
      ->add_flag("--full-export", args->full_export,
                 "Each file is the whole of its export kind: delete the records of that kind "
                 "it leaves out (with a police nominal, the occurrences naming it); one file "
                 "per kind")
      ->excludes("--accept-good-rows");
  command->add_option("--report", args->report,
                      "Write every problem found (one per line) to this file; stderr shows the "
                      "first " +
                          std::to_string(kPrintedProblems));
  command->add_option("files", args->files, "The export files (several = one transaction)")
      ->required()
      ->check(CLI::ExistingFile);
  command->callback([args, &ctx] { RunImportCommand(*args, ctx); });
}

}  // namespace tandem::node::cli
