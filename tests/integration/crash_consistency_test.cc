// Crash consistency of `tandem import`: the real command is killed with SIGKILL at a random
// moment of a police import (nominals and occurrences, one transaction), then the store must
// open and pass `tandem store check`, hold either all of the import (with its audit entries
// queued for the node) or none of it, keep the
// records of an earlier police import untouched, hold no stray file, and take the same import
// again.
// A second test kills the import of a newer export (changed and added rows) and requires the
// store to hold exactly the old or exactly the new content, record by record; a third does the
// same for a full export (--full-export) that deletes records. Two more kill `tandem store
// erase` and `tandem store restrict` of one nominal: the store holds the record and no entry,
// or the change and its entry.
//
// Environment (see docs/crash-consistency.md):
//   TANDEM_CRASH_TRIALS  kills per test (default 4)
//   TANDEM_CRASH_PEOPLE  size of the synthetic partnership (default 600)
//   TANDEM_CRASH_SEED    seed of the kill delays (default 20261122), printed on failure
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "../node/temp_dir.h"
#include "node/audit/entry.h"
#include "node/store/data_dir.h"
#include "tandem_process.h"

namespace tandem {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testing::Ending;
using testing::KillAfter;
using testing::ReadWholeFile;
using testing::RunTandem;
using testing::StartTandem;
using testing::TempDir;
using testing::WriteWholeFile;

constexpr int kEarlierNominals = 3;
constexpr char kNominals[] = "police_nominals";
constexpr char kOccurrences[] = "police_occurrences";
// Content's key for the audit entries queued in the store's outbox (kind, processing, digest).
constexpr char kQueuedAudit[] = "audit_outbox";
// Kill delays are drawn from [0, kWindow × the measured import time]: past 1 the import has
// usually committed, so kills land before, during and after the commit.
constexpr double kWindow = 1.15;
// Nominals appended to the newer export.
constexpr int kAddedNominals = 40;

// What a store holds, record by record: per export kind, every record's reference, person,
// fields, identity and import bookkeeping, in reference order; and the audit entries its
// imports queued, in order. Equal contents are equal stores.
using Content = std::map<std::string, std::vector<std::string>>;

Content ReadContent(const fs::path& data_dir, const fs::path& key_file) {
  node::store::KeyOptions key;
  key.key_file = key_file;
  auto opened = node::store::OpenDataDir(data_dir, key, {});
  EXPECT_TRUE(opened) << opened.error().message;
  Content content;
  if (!opened) return content;
  for (const char* kind : {kNominals, kOccurrences}) {
    auto& rows = content[kind];
    const auto visited =
        opened->store->ForEachRecord(kind, [&rows](const node::store::StoredRecord& r) {
          rows.push_back(r.ref + '\x1f' + r.person_ref + '\x1f' + r.fields + '\x1f' + r.identity +
                         '\x1f' + std::to_string(r.first_import) + '\x1f' +
                         std::to_string(r.last_import));
          return Ok();
        });
    EXPECT_TRUE(visited) << visited.error().message;
  }
  auto queued = opened->store->QueuedAuditEntries(1000);
  EXPECT_TRUE(queued) << queued.error().message;
  if (!queued) return content;
  for (const auto& row : *queued) {
    auto entry = node::audit::DecodeEntry(row.entry);
    EXPECT_TRUE(entry) << entry.error().message;
    if (entry) {
      content[kQueuedAudit].push_back(entry->kind + '\x1f' + entry->processing + '\x1f' +
                                      entry->request_sha256);
    }
  }
  return content;
}

// `content` without the queued audit entries: an import run twice queues an entry each time.
Content RecordsOnly(Content content) {
  content.erase(kQueuedAudit);
  return content;
}

// How many records of `actual` equal those of `expected` (same kind and position).
std::size_t SameRecords(const Content& actual, const Content& expected) {
  std::size_t same = 0;
  for (const auto& [kind, rows] : actual) {
    const auto other = expected.find(kind);
    if (other == expected.end()) continue;
    std::set<std::string> wanted(other->second.begin(), other->second.end());
    for (const auto& row : rows) same += wanted.count(row);
  }
  return same;
}

// Records of one kind; 0 when the store could not be read.
std::size_t Records(const Content& content, const std::string& kind) {
  const auto at = content.find(kind);
  return at == content.end() ? 0 : at->second.size();
}

std::size_t Records(const Content& content) {
  return Records(content, kNominals) + Records(content, kOccurrences);
}

// `tandem store summary` per export kind: records and imports.
struct KindCounts {
  std::int64_t records = 0;
  std::int64_t imports = 0;
  bool operator==(const KindCounts&) const = default;
};

std::map<std::string, KindCounts> ParseSummary(const std::string& out) {
  std::map<std::string, KindCounts> counts;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string kind;
    KindCounts c;
    if (words >> kind >> c.records >> c.imports) counts[kind] = c;
  }
  return counts;
}

// The files a data directory may hold: the database, its log and index, the key parameters
// and the (empty) lock file of its openers.
std::vector<std::string> StrayFiles(const fs::path& data_dir) {
  static const std::set<std::string> kAllowed = {"store.db", "store.db-wal", "store.db-shm",
                                                 "store-key.json", "store.lock"};
  std::vector<std::string> stray;
  for (const auto& entry : fs::directory_iterator(data_dir)) {
    const auto name = entry.path().filename().string();
    if (!kAllowed.contains(name) || !entry.is_regular_file()) stray.push_back(name);
  }
  return stray;
}

// A newer police export: every 9th nominal gets other warning markers, every 5th occurrence
// another outcome, and kAddedNominals nominals (copies under new references) are appended.
void WriteNewerExport(const fs::path& from, const fs::path& to) {
  for (const char* name : {"police_nominals.csv", "police_occurrences.csv"}) {
    const bool nominals = std::string_view(name) == "police_nominals.csv";
    std::istringstream lines(ReadWholeFile(from / name));
    std::string out;
    std::string line;
    std::vector<std::string> copies;
    std::set<std::string> refs;  // references already in the file, which new ones must avoid
    for (std::string row; std::getline(lines, row);) refs.insert(row.substr(0, row.find(',')));
    lines.clear();
    lines.seekg(0);
    int next_ref = 9900000;
    for (int n = 0; std::getline(lines, line); ++n) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const auto last = line.rfind(',');
      const bool simple = n > 0 && last != std::string::npos && line.back() != '"';
      if (simple && nominals && n % 9 == 0) {
        line = line.substr(0, last + 1) + (line.substr(last + 1) == "ST" ? "VI" : "ST");
      } else if (simple && !nominals && n % 5 == 0) {
        line = line.substr(0, last + 1) + (line.substr(last + 1) == "NFA" ? "CHARGED" : "NFA");
      }
      if (nominals && n > 0 && static_cast<int>(copies.size()) < kAddedNominals &&
          line.size() > 8 && line[0] == 'N') {
        while (refs.contains("N" + std::to_string(next_ref))) ++next_ref;
        copies.push_back("N" + std::to_string(next_ref++) + line.substr(8));
      }
      out += line + "\n";
    }
    for (const auto& copy : copies) out += copy + "\n";
    WriteWholeFile(to / name, out);
  }
}

// A full police nominals export that leaves out every 7th nominal of `from`'s (and, being
// full, the earlier nominals the store holds): importing it with --full-export deletes them and
// the occurrences that name them.
void WriteShorterNominals(const fs::path& from, const fs::path& to) {
  std::istringstream lines(ReadWholeFile(from / "police_nominals.csv"));
  std::string out;
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    if (n > 0 && n % 7 == 0 && !line.empty() && line[0] == 'N') continue;
    out += line + "\n";
  }
  WriteWholeFile(to / "police_nominals.csv", out);
}

// The command a trial runs (and kills) on a data directory.
struct TrialCommand {
  std::function<std::vector<std::string>(const fs::path& data_dir)> args;
  // Whether the command may run again on the store it changed (an import may; an erasure of a
  // record no longer there may not).
  bool repeatable = true;
  // What its output says when it has done its work.
  std::string says;
};

class CrashConsistencyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    key_ = *dir_ / "store.key";
    WriteWholeFile(key_, std::string(64, 'e'));
    ::chmod(key_.c_str(), 0600);
    const auto exports = *dir_ / "exports";
    const auto newer = *dir_ / "newer";
    fs::create_directories(newer);
    people_ = testing::EnvNumber("TANDEM_CRASH_PEOPLE", 600);
    const auto synth = RunTandem(
        {"synth", "--people", std::to_string(people_), "--seed", "29", "--out", exports.string()},
        {}, dir_->path());
    ASSERT_EQ(synth.exit_code, 0) << synth.err;
    WriteNewerExport(exports, newer);
    old_files_ = {(exports / "police_nominals.csv").string(),
                  (exports / "police_occurrences.csv").string()};
    new_files_ = {(newer / "police_nominals.csv").string(),
                  (newer / "police_occurrences.csv").string()};
    const auto shorter = *dir_ / "shorter";
    fs::create_directories(shorter);
    WriteShorterNominals(exports, shorter);
    full_files_ = {(shorter / "police_nominals.csv").string(), "--full-export"};

    // The three states a trial may start from or end in, each made by the real command.
    // An earlier police export of three nominals the later imports do not name.
    const auto earlier_file = dir_->path() / "earlier_police_nominals.csv";
    std::string earlier_rows =
        "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
        "warning_markers\n";
    for (int n = 1; n <= kEarlierNominals; ++n) {
      earlier_rows += "N900000" + std::to_string(n) + ",Earlier,Person,,1970-01-0" +
                      std::to_string(n) + ",M,,,BH14 9QT,,\n";
    }
    WriteWholeFile(earlier_file, earlier_rows);
    const auto earlier =
        RunTandem(Import(*dir_ / "earlier", "police", {earlier_file.string()}), {}, dir_->path());
    ASSERT_EQ(earlier.exit_code, 0) << earlier.err;
    first_import_ = TimedRun(*dir_ / "earlier", *dir_ / "police-old", PoliceImport(old_files_));
    update_import_ = TimedRun(*dir_ / "police-old", *dir_ / "police-new", PoliceImport(new_files_));
    full_import_ = TimedRun(*dir_ / "police-old", *dir_ / "police-full", PoliceImport(full_files_));
    earlier_ = ReadContent(*dir_ / "earlier", key_);
    police_old_ = ReadContent(*dir_ / "police-old", key_);
    police_new_ = ReadContent(*dir_ / "police-new", key_);
    police_full_ = ReadContent(*dir_ / "police-full", key_);
    // The nominal the erasure and the restriction name: the one the first occurrence names.
    const std::string& occurrence = police_old_.at(kOccurrences).front();
    const auto person = occurrence.find('\x1f') + 1;
    named_nominal_ = occurrence.substr(person, occurrence.find('\x1f', person) - person);
    erase_ = TimedRun(*dir_ / "police-old", *dir_ / "police-erased", OnRecord("erase"));
    restrict_ = TimedRun(*dir_ / "police-old", *dir_ / "police-restricted", OnRecord("restrict"));
    police_erased_ = ReadContent(*dir_ / "police-erased", key_);
    police_restricted_ = ReadContent(*dir_ / "police-restricted", key_);
    std::cout << "[ crash    ] " << people_ << " people; police import "
              << Records(police_old_) - Records(earlier_) << " records in " << Millis(first_import_)
              << " ms; newer export import " << Millis(update_import_) << " ms\n";
  }

  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::vector<std::string> Import(const fs::path& data_dir, const std::string& agency,
                                         const std::vector<std::string>& files) {
    std::vector<std::string> args = {
        "import", "--data-dir", data_dir.string(), "--key-file", key_.string(), "--agency", agency};
    args.insert(args.end(), files.begin(), files.end());
    return args;
  }

  static TrialCommand PoliceImport(const std::vector<std::string>& files) {
    return {[files](const fs::path& data_dir) { return Import(data_dir, "police", files); }, true,
            "inserted"};
  }

  // `tandem store erase` or `restrict` of named_nominal_.
  static TrialCommand OnRecord(const std::string& change) {
    return {
        [change](const fs::path& data_dir) {
          return std::vector<std::string>{
              "store",    change,    "--data-dir", data_dir.string(), "--key-file", key_.string(),
              "--export", kNominals, "--ref",      named_nominal_,    "--request",  "DSR-2026-60"};
        },
        false, change == "erase" ? "Erased 1 police_nominals record" : "Restricted the processing"};
  }

  // Runs `command` on a copy of `start` named `end`, twice from scratch, and returns the
  // shorter time: the first run also pays for cold caches, which would put kills too late.
  static Clock::duration TimedRun(const fs::path& start, const fs::path& end,
                                  const TrialCommand& command) {
    Clock::duration shortest = Clock::duration::max();
    for (int round = 0; round < 2; ++round) {
      fs::remove_all(end);
      fs::copy(start, end, fs::copy_options::recursive);
      const auto started = Clock::now();
      const auto done = RunTandem(command.args(end), {}, dir_->path());
      shortest = std::min(shortest, Clock::now() - started);
      EXPECT_EQ(done.exit_code, 0) << done.out << done.err;
      EXPECT_NE(done.out.find(command.says), std::string::npos) << done.out;
    }
    return shortest;
  }

  static std::int64_t Millis(Clock::duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  }

  struct Tally {
    int rolled_back = 0;  // killed, and the store holds none of the change
    int committed = 0;    // killed after the commit: the store holds all of it
    int finished = 0;     // the command ended before the kill
    std::vector<std::int64_t> delays_ms;
  };

  // Kills `command` on copies of `start` and checks each store after the kill. `before` and
  // `after` (the contents of `start` and `end`, the store the whole command makes) are the only
  // contents a store may hold after a kill.
  void RunTrials(const std::string& name, const fs::path& start, const fs::path& end,
                 const TrialCommand& command, Clock::duration run_time, const Content& before,
                 const Content& after) {
    const std::uint64_t trials = testing::EnvNumber("TANDEM_CRASH_TRIALS", 4);
    const std::uint64_t seed = testing::EnvNumber("TANDEM_CRASH_SEED", 20261122);
    std::mt19937_64 random(seed);
    const auto before_summary = Summary(start);
    const auto after_summary = Summary(end);
    ASSERT_NE(Records(before), Records(after));
    Tally tally;
    const auto began = Clock::now();
    const auto data_dir = *dir_ / ("trial-" + name);
    for (std::uint64_t trial = 0; trial < trials; ++trial) {
      // Stratified over the window, so the start, the middle and the commit are all hit.
      const auto delay = testing::KillDelay(random, trial, trials, kWindow, run_time);
      SCOPED_TRACE("replay: TANDEM_CRASH_SEED=" + std::to_string(seed) +
                   " TANDEM_CRASH_TRIALS=" + std::to_string(trials) +
                   " TANDEM_CRASH_PEOPLE=" + std::to_string(people_) + " (" + name + " trial " +
                   std::to_string(trial) + ", kill after " + std::to_string(Millis(delay)) +
                   " ms of " + std::to_string(Millis(run_time)) + " ms)");
      fs::remove_all(data_dir);
      fs::copy(start, data_dir, fs::copy_options::recursive);

      const auto started = Clock::now();
      const pid_t child = StartTandem(command.args(data_dir), {}, dir_->path(), "child");
      ASSERT_GT(child, 0);
      const Ending ending = KillAfter(child, started, delay);
      if (!ending.killed) {
        ASSERT_EQ(ending.exit_code, 0) << ReadWholeFile(dir_->path() / "child.stderr");
      }
      tally.delays_ms.push_back(Millis(delay));

      // (5) Nothing but the store's own files, right after the kill and before any open.
      EXPECT_EQ(StrayFiles(data_dir), std::vector<std::string>{});
      // (1) The store opens and every page authenticates.
      const auto check = RunTandem(Args("check", data_dir), {}, dir_->path());
      ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
      // (2) The import's records are all there or none; (3) the earlier records are untouched
      // (both `before` and `after` hold them, record by record).
      const auto summary = Summary(data_dir);
      const auto content = ReadContent(data_dir, key_);
      const bool is_before = content == before;
      const bool is_after = content == after;
      EXPECT_TRUE(is_before || is_after)
          << Records(content) << " records, of which " << SameRecords(content, before)
          << " as before the import (" << Records(before) << ") and " << SameRecords(content, after)
          << " as after it (" << Records(after) << ")";
      // Record counts and the import log agree with the content: all of the import or none.
      EXPECT_EQ(summary, is_after ? after_summary : before_summary);
      if (ending.killed) {
        ++(is_after ? tally.committed : tally.rolled_back);
      } else {
        ++tally.finished;
        EXPECT_TRUE(is_after) << "the command reported success but its change is not in the store";
      }
      EXPECT_EQ(StrayFiles(data_dir), std::vector<std::string>{});

      // (4) The same command again succeeds and leaves the full content (a command that cannot
      // repeat, only where it left nothing).
      if (!command.repeatable && is_after) continue;
      const auto again = RunTandem(command.args(data_dir), {}, dir_->path());
      ASSERT_EQ(again.exit_code, 0) << again.err;
      const auto redone = ReadContent(data_dir, key_);
      // Record bookkeeping (import ids) is the same whether the import ran once or twice.
      EXPECT_EQ(RecordsOnly(redone), RecordsOnly(after))
          << SameRecords(redone, after) << " of " << Records(after);
      EXPECT_EQ(StrayFiles(data_dir), std::vector<std::string>{});
      if (HasFatalFailure()) return;
    }
    fs::remove_all(data_dir);
    const double seconds = std::chrono::duration<double>(Clock::now() - began).count();
    std::cout << "[ crash    ] " << name << ": " << trials << " trials (seed " << seed
              << "), command " << Millis(run_time) << " ms, kills from "
              << (tally.delays_ms.empty() ? 0 : tally.delays_ms.front()) << " to "
              << (tally.delays_ms.empty() ? 0 : tally.delays_ms.back())
              << " ms: " << tally.rolled_back << " killed before commit (nothing), "
              << tally.committed << " killed after commit (all), " << tally.finished
              << " finished before the kill; " << seconds << " s\n";
    EXPECT_EQ(tally.rolled_back + tally.committed + tally.finished, static_cast<int>(trials));
  }

  static std::vector<std::string> Args(const std::string& what, const fs::path& data_dir) {
    return {"store", what, "--data-dir", data_dir.string(), "--key-file", key_.string()};
  }

  static std::map<std::string, KindCounts> Summary(const fs::path& data_dir) {
    const auto summary = RunTandem(Args("summary", data_dir), {}, dir_->path());
    EXPECT_EQ(summary.exit_code, 0) << summary.err;
    return ParseSummary(summary.out);
  }

  static TempDir* dir_;
  static fs::path key_;
  static std::string named_nominal_;
  static Clock::duration erase_;
  static Clock::duration restrict_;
  static Content police_erased_;
  static Content police_restricted_;
  static std::uint64_t people_;
  static std::vector<std::string> old_files_;
  static std::vector<std::string> new_files_;
  static std::vector<std::string> full_files_;  // the shorter nominals and --full-export
  static Clock::duration first_import_;
  static Clock::duration update_import_;
  static Clock::duration full_import_;
  static Content earlier_;
  static Content police_old_;
  static Content police_new_;
  static Content police_full_;
};

TempDir* CrashConsistencyTest::dir_ = nullptr;
fs::path CrashConsistencyTest::key_;
std::string CrashConsistencyTest::named_nominal_;
Clock::duration CrashConsistencyTest::erase_{};
Clock::duration CrashConsistencyTest::restrict_{};
Content CrashConsistencyTest::police_erased_;
Content CrashConsistencyTest::police_restricted_;
std::uint64_t CrashConsistencyTest::people_ = 0;
std::vector<std::string> CrashConsistencyTest::old_files_;
std::vector<std::string> CrashConsistencyTest::new_files_;
std::vector<std::string> CrashConsistencyTest::full_files_;
Clock::duration CrashConsistencyTest::first_import_{};
Clock::duration CrashConsistencyTest::update_import_{};
Clock::duration CrashConsistencyTest::full_import_{};
Content CrashConsistencyTest::earlier_;
Content CrashConsistencyTest::police_old_;
Content CrashConsistencyTest::police_new_;
Content CrashConsistencyTest::police_full_;

TEST_F(CrashConsistencyTest, KilledImportLeavesAllOrNothingAndAnIntactStore) {
  ASSERT_GT(Records(police_old_, kNominals), 0u);
  ASSERT_GT(Records(police_old_, kOccurrences), 0u);
  ASSERT_EQ(Records(earlier_, kNominals), static_cast<std::size_t>(kEarlierNominals));
  ASSERT_EQ(Records(earlier_, kOccurrences), 0u);
  for (const std::string& row : earlier_.at(kNominals)) {
    const auto& after = police_old_.at(kNominals);
    EXPECT_NE(std::find(after.begin(), after.end(), row), after.end()) << "kept by the import";
  }
  RunTrials("first-import", *dir_ / "earlier", *dir_ / "police-old", PoliceImport(old_files_),
            first_import_, earlier_, police_old_);
}

TEST_F(CrashConsistencyTest, KilledUpdateLeavesExactlyTheOldOrTheNewContent) {
  // The newer export changes records and adds some: old and new differ in both ways.
  ASSERT_EQ(Records(police_new_, kNominals), Records(police_old_, kNominals) + kAddedNominals);
  ASSERT_LT(SameRecords(police_new_, police_old_),
            Records(police_old_, kNominals) + Records(police_old_, kOccurrences));
  RunTrials("update", *dir_ / "police-old", *dir_ / "police-new", PoliceImport(new_files_),
            update_import_, police_old_, police_new_);
}

TEST_F(CrashConsistencyTest, KilledFullExportLeavesExactlyTheOldOrTheErasedContent) {
  // The full export keeps only its own nominals: every 7th and the three earlier ones go, and
  // occurrences with them.
  const std::string shorter = ReadWholeFile(*dir_ / "shorter" / "police_nominals.csv");
  const auto kept = static_cast<std::size_t>(std::count(shorter.begin(), shorter.end(), '\n')) - 1;
  ASSERT_EQ(Records(police_full_, kNominals), kept);
  ASSERT_LT(kept + kEarlierNominals, Records(police_old_, kNominals));
  ASSERT_LT(Records(police_full_, kOccurrences), Records(police_old_, kOccurrences));
  RunTrials("full-export", *dir_ / "police-old", *dir_ / "police-full", PoliceImport(full_files_),
            full_import_, police_old_, police_full_);
}

TEST_F(CrashConsistencyTest, KilledEraseLeavesTheRecordOrItsErasureAndItsEntry) {
  // The erasure takes the nominal and the occurrences naming it, and queues its entry.
  ASSERT_EQ(Records(police_erased_, kNominals) + 1, Records(police_old_, kNominals));
  ASSERT_LT(Records(police_erased_, kOccurrences), Records(police_old_, kOccurrences));
  ASSERT_EQ(police_erased_.at(kQueuedAudit).size(), police_old_.at(kQueuedAudit).size() + 1);
  RunTrials("erase", *dir_ / "police-old", *dir_ / "police-erased", OnRecord("erase"), erase_,
            police_old_, police_erased_);
}

TEST_F(CrashConsistencyTest, KilledRestrictLeavesTheRecordInUseOrItsRestrictionAndItsEntry) {
  // A restricted record is left out of the records the node reads (ForEachRecord), as are the
  // occurrences naming it; the restriction queues its entry.
  ASSERT_EQ(Records(police_restricted_, kNominals) + 1, Records(police_old_, kNominals));
  ASSERT_LT(Records(police_restricted_, kOccurrences), Records(police_old_, kOccurrences));
  ASSERT_EQ(police_restricted_.at(kQueuedAudit).size(), police_old_.at(kQueuedAudit).size() + 1);
  RunTrials("restrict", *dir_ / "police-old", *dir_ / "police-restricted", OnRecord("restrict"),
            restrict_, police_old_, police_restricted_);
}

}  // namespace
}  // namespace tandem
