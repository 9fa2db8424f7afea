// Synthetic partnership generator throughput: people per second for writing all eight files,
// against a baseline measured in the same run: writing the same number of bytes, row by row,
// with plain buffered std::ofstream writes to the same directory. The ratio says how much the
// generation itself costs over just putting the bytes on disk.
//
// Usage: synth_bench [people] [runs]   (defaults 100000 and 3; the median run is reported)
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "bench/thread_cpu_clock.h"
#include "core/synth/generator.h"

namespace {

using tandem::bench::Median;

namespace fs = std::filesystem;
namespace synth = tandem::core::synth;
using Clock = std::chrono::steady_clock;

struct Run {
  double seconds = 0;
  std::uint64_t bytes = 0;
  std::uint64_t rows = 0;
};

std::array<fs::path, synth::kOutputFileCount> Paths(const fs::path& dir) {
  std::array<fs::path, synth::kOutputFileCount> paths;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    paths[i] = dir / std::string(synth::OutputFileName(static_cast<synth::OutputFile>(i)));
  }
  return paths;
}

std::optional<Run> RunGenerator(const fs::path& dir, std::uint64_t people) {
  const auto paths = Paths(dir);
  const auto start = Clock::now();
  std::array<std::ofstream, synth::kOutputFileCount> files;
  for (std::size_t i = 0; i < files.size(); ++i) files[i].open(paths[i], std::ios::binary);
  synth::Sinks sinks;
  sinks.police_nominals = &files[0];
  sinks.police_occurrences = &files[1];
  sinks.probation_cases = &files[2];
  sinks.nhs_mental_health = &files[3];
  sinks.housing_tenancies = &files[4];
  sinks.treatment_episodes = &files[5];
  sinks.idva_cases = &files[6];
  sinks.truth = &files[7];
  synth::Options options;
  options.people = people;
  auto summary = synth::Generate(options, sinks);
  for (auto& f : files) f.close();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!summary) {
    std::cerr << "synth_bench: " << summary.error().message << "\n";
    return std::nullopt;
  }
  Run run;
  run.seconds = seconds;
  for (const auto& p : paths) run.bytes += fs::file_size(p);
  for (std::uint64_t r : summary->rows) run.rows += r;
  return run;
}

// The same bytes in the same number of rows, spread over eight files, with no generation.
Run RunBaseline(const fs::path& dir, const Run& target) {
  const auto paths = Paths(dir);
  const std::uint64_t row_bytes = std::max<std::uint64_t>(1, target.bytes / target.rows);
  const std::string row = std::string(row_bytes - 1, 'x') + "\n";
  const auto start = Clock::now();
  std::array<std::ofstream, synth::kOutputFileCount> files;
  for (std::size_t i = 0; i < files.size(); ++i) files[i].open(paths[i], std::ios::binary);
  for (std::uint64_t r = 0; r < target.rows; ++r) {
    files[r % files.size()].write(row.data(), static_cast<std::streamsize>(row.size()));
  }
  for (auto& f : files) f.close();
  Run run;
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.rows = target.rows;
  run.bytes = row.size() * target.rows;
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t people = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100'000;
  const long runs = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 3;
  if (people == 0 || runs < 1) {
    std::cerr << "usage: synth_bench [people >= 1] [runs >= 1]\n";
    return 2;
  }
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec) / "tandem_synth_bench";
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "synth_bench: cannot create " << dir << ": " << ec.message() << "\n";
    return 1;
  }
  std::vector<double> generator_seconds;
  std::vector<double> baseline_seconds;
  Run generated;
  for (long i = 0; i < runs; ++i) {
    auto run = RunGenerator(dir, people);
    if (!run) return 1;
    generated = *run;
    generator_seconds.push_back(generated.seconds);
    baseline_seconds.push_back(RunBaseline(dir, generated).seconds);
  }
  fs::remove_all(dir, ec);

  const double gen = Median(generator_seconds);
  const double base = Median(baseline_seconds);
  const double mb = static_cast<double>(generated.bytes) / 1e6;
  std::printf("synth_bench: %llu people, %llu rows, %.1f MB in eight files; median of %d runs\n",
              static_cast<unsigned long long>(people),
              static_cast<unsigned long long>(generated.rows), mb, static_cast<int>(runs));
  std::printf("  generator  %8.3f s  %10.0f people/s  %7.1f MB/s\n", gen,
              static_cast<double>(people) / gen, mb / gen);
  std::printf(
      "  baseline   %8.3f s  (the same bytes and rows, plain buffered ofstream writes)"
      "  %7.1f MB/s\n",
      base, mb / base);
  std::printf("  ratio      %8.1fx the baseline's time\n", gen / base);
  return 0;
}
