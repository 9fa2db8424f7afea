// `tandem synth`: writes a synthetic partnership (seven agency exports and truth.csv) into a
// directory. Each file is written under a temporary name and renamed once complete, so a
// crash never leaves a half-written file under its final name.
#include <array>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <system_error>

#include "core/agency.h"
#include "core/synth/generator.h"
#include "node/cli/commands.h"
#include "node/cli/number_format.h"

namespace tandem::node::cli {
namespace {

namespace fs = std::filesystem;
namespace synth = core::synth;

struct SynthArgs {
  std::int64_t people = 1000;
  std::uint64_t seed = 1;
  std::string out;
  std::string reference_date;
};

constexpr std::string_view kPartialSuffix = ".partial";

Result<core::Date> ParseReferenceDate(const std::string& text) {
  static const std::regex kIso(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch m;
  if (!std::regex_match(text, m, kIso)) {
    return Fail(Code::kInvalidArgument,
                "--reference-date '" + text + "' is not a date of the form YYYY-MM-DD");
  }
  auto date = core::Date::FromYmd(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
  if (!date) {
    return Fail(Code::kInvalidArgument,
                "--reference-date '" + text + "' is not a date: " + date.error().message);
  }
  return *date;
}

Result<synth::Options> ToOptions(const SynthArgs& args) {
  if (args.people < 1 || static_cast<std::uint64_t>(args.people) > synth::kMaxPeople) {
    return Fail(Code::kInvalidArgument, "--people must be between 1 and " +
                                            Grouped(synth::kMaxPeople) + ", not " +
                                            std::to_string(args.people));
  }
  synth::Options options;
  options.people = static_cast<std::uint64_t>(args.people);
  options.seed = args.seed;
  if (!args.reference_date.empty()) {
    auto date = ParseReferenceDate(args.reference_date);
    if (!date) return tl::unexpected(date.error());
    options.reference_date = *date;
  }
  return options;
}

// The eight files being written: open streams on temporary names until Commit.
class OutputFiles {
 public:
  static Result<std::unique_ptr<OutputFiles>> Open(const fs::path& dir) {
    auto files = std::unique_ptr<OutputFiles>(new OutputFiles(dir));
    for (std::size_t i = 0; i < synth::kOutputFileCount; ++i) {
      const fs::path path = files->PartialPath(i);
      files->streams_[i].open(path, std::ios::binary | std::ios::trunc);
      if (!files->streams_[i]) {
        const std::string reason = std::generic_category().message(errno);
        return Fail(Code::kUnavailable, "cannot write " + path.string() + ": " + reason);
      }
    }
    return files;
  }

  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;

  ~OutputFiles() {
    if (committed_) return;
    for (std::size_t i = 0; i < synth::kOutputFileCount; ++i) {
      streams_[i].close();
      std::error_code ec;
      fs::remove(PartialPath(i), ec);  // best effort: nothing useful to do on failure
    }
  }

  synth::Sinks Sinks() {
    synth::Sinks sinks;
    sinks.police_nominals = &streams_[0];
    sinks.police_occurrences = &streams_[1];
    sinks.probation_cases = &streams_[2];
    sinks.nhs_mental_health = &streams_[3];
    sinks.housing_tenancies = &streams_[4];
    sinks.treatment_episodes = &streams_[5];
    sinks.idva_cases = &streams_[6];
    sinks.truth = &streams_[7];
    return sinks;
  }

  // Closes every file and renames it to its final name.
  Status Commit() {
    for (std::size_t i = 0; i < synth::kOutputFileCount; ++i) {
      streams_[i].close();
      if (!streams_[i]) {
        return Fail(Code::kUnavailable, "cannot finish " + PartialPath(i).string());
      }
    }
    // Refuse before renaming anything, so a failure never leaves a half-replaced set.
    for (std::size_t i = 0; i < synth::kOutputFileCount; ++i) {
      std::error_code ec;
      const auto status = fs::symlink_status(FinalPath(i), ec);
      if (fs::exists(status) && !fs::is_regular_file(status)) {
        return Fail(Code::kInvalidArgument, FinalPath(i).string() +
                                                " exists and is not a regular file; nothing was "
                                                "replaced");
      }
    }
    for (std::size_t i = 0; i < synth::kOutputFileCount; ++i) {
      std::error_code ec;
      fs::rename(PartialPath(i), FinalPath(i), ec);
      if (ec) {
        return Fail(Code::kUnavailable, "cannot rename " + PartialPath(i).string() + " to " +
                                            FinalPath(i).string() + ": " + ec.message());
      }
    }
    committed_ = true;
    return Ok();
  }

 private:
  explicit OutputFiles(fs::path dir) : dir_(std::move(dir)) {}

  fs::path FinalPath(std::size_t i) const {
    return dir_ / std::string(synth::OutputFileName(static_cast<synth::OutputFile>(i)));
  }
  fs::path PartialPath(std::size_t i) const {
    return dir_ / (std::string(synth::OutputFileName(static_cast<synth::OutputFile>(i))) +
                   std::string(kPartialSuffix));
  }

  fs::path dir_;
  std::array<std::ofstream, synth::kOutputFileCount> streams_;
  bool committed_ = false;
};

Status PrepareDirectory(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    return Fail(Code::kInvalidArgument, dir.string() + " exists and is not a directory");
  }
  fs::create_directories(dir, ec);
  if (ec) {
    return Fail(Code::kUnavailable,
                "cannot create output directory " + dir.string() + ": " + ec.message());
  }
  return Ok();
}

void PrintSummary(const synth::Options& options, const fs::path& dir, const synth::Summary& s) {
  std::cout << "Wrote " << Grouped(s.people) << " people (seed " << options.seed
            << ", reference date " << options.reference_date.ToIso() << ") to " << dir.string()
            << "\n\nRows per file:\n";
  for (std::size_t i = 0; i < synth::kOutputFileCount; ++i) {
    const auto name = synth::OutputFileName(static_cast<synth::OutputFile>(i));
    std::printf("  %-24s %12s\n", std::string(name).c_str(), Grouped(s.rows[i]).c_str());
  }
  std::cout.flush();
  std::printf("\nPeople by how many agencies know them:\n");
  for (std::size_t k = 1; k < s.people_by_agency_count.size(); ++k) {
    const double share =
        100.0 * static_cast<double>(s.people_by_agency_count[k]) / static_cast<double>(s.people);
    std::printf("  %zu agenc%-3s %12s  %5.1f%%\n", k, k == 1 ? "y" : "ies",
                Grouped(s.people_by_agency_count[k]).c_str(), share);
  }
  std::printf("\nPeople known to each agency:\n");
  for (core::AgencyKind kind : core::kAllAgencyKinds) {
    std::printf("  %-24s %12s\n", std::string(core::AgencyName(kind)).c_str(),
                Grouped(s.people_by_agency[static_cast<std::size_t>(kind)]).c_str());
  }
  std::printf(
      "\nDomestic abuse perpetrators %s (serial, two or more victims: %s); high harm cohort "
      "%s;\nperpetrators known to victim advocacy but never to police %s; extra records of one "
      "person\nwithin one agency %s.\n",
      Grouped(s.da_perpetrators).c_str(), Grouped(s.serial_perpetrators).c_str(),
      Grouped(s.high_harm_cohort).c_str(), Grouped(s.idva_perpetrators_unknown_to_police).c_str(),
      Grouped(s.duplicate_records).c_str());
}

int RunSynth(const SynthArgs& args) {
  auto options = ToOptions(args);
  if (!options) {
    std::cerr << "tandem synth: " << options.error().message << "\n";
    return 2;
  }
  const fs::path dir(args.out);
  if (auto status = PrepareDirectory(dir); !status) {
    std::cerr << "tandem synth: " << status.error().message << "\n";
    return 1;
  }
  auto files = OutputFiles::Open(dir);
  if (!files) {
    std::cerr << "tandem synth: " << files.error().message << "\n";
    return 1;
  }
  auto summary = synth::Generate(*options, (*files)->Sinks());
  if (!summary) {
    std::cerr << "tandem synth: " << summary.error().message << "\n";
    return 1;
  }
  if (auto status = (*files)->Commit(); !status) {
    std::cerr << "tandem synth: " << status.error().message << "\n";
    return 1;
  }
  PrintSummary(*options, dir, *summary);
  return 0;
}

}  // namespace

void AddSynthCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<SynthArgs>();
  CLI::App* cmd = app.add_subcommand(
      "synth",
      "Generate a synthetic partnership: the seven agency exports of docs/agency-exports.md, "
      "with realistic noise, and truth.csv, the ground truth of who is who");
  cmd->add_option("--people", args->people, "How many people (1 to 1,000,000)")
      ->capture_default_str();
  cmd->add_option("--seed", args->seed,
                  "Random seed: the same seed and options give byte-identical files")
      ->capture_default_str();
  cmd->add_option("--out", args->out,
                  "Directory to write into (created if missing; existing files of the same "
                  "names are replaced)")
      ->required();
  cmd->add_option("--reference-date", args->reference_date,
                  "\"Today\" of the synthetic world, YYYY-MM-DD (default 2026-11-01); police "
                  "data start on 1 January eight years earlier");
  cmd->footer(
      "Files written: police_nominals.csv, police_occurrences.csv, probation_cases.csv,\n"
      "nhs_mental_health.csv, housing_tenancies.csv, treatment_episodes.csv, idva_cases.csv,\n"
      "truth.csv (agency,record_id,person_id: for measuring linkage only, never imported).\n"
      "Each is written as NAME.partial and renamed when complete.\n\n"
      "Example:\n"
      "  tandem synth --people 100000 --seed 1 --out /tmp/partnership\n\n"
      "What is generated and every noise rate: docs/synthetic-data.md.");
  cmd->callback([&ctx, args] { ctx.exit_code = RunSynth(*args); });
}

}  // namespace tandem::node::cli
