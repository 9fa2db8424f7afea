// The node's stored audit log (node/audit/audit_log.h) against plain SQLCipher inserts
// measured in the same run.
//
// Baselines, on the same disk and with the same store key, one 4 KiB-page SQLCipher database in
// WAL mode:
// - one row per transaction with synchronous=FULL (every insert durable on its own: the fsync
//   bound without group commit);
// - one row per transaction with synchronous=OFF (no fsync at all: what the inserts cost).
// Figures:
// - durable appends/s of AuditLog::Append from 1, 16 and 64 threads (group commit: one
//   transaction and one fsync per batch), and with grouping turned off (max_batch = 1) from 16
//   threads; each as a ratio to the synchronous baseline; target >= 10,000/s;
// - inclusion- and consistency-proof generation read from the store at N entries (random
//   leaves of the full tree and of random earlier sizes), p50/p99/max, target p99 < 1 ms,
//   against one raw indexed point read of a stored hash times log2(N);
// - reading the N entries for those naming one person's tokens, as subject access, `store
//   erase` and `store restrict` do (node/importer/record_recipients.h), against a plain scan of
//   the same rows through SQLCipher (no target: it sets how long those commands take).
// Times are wall clock (durability is waiting for the disk, not CPU).
//
// Usage: audit_bench [proof_entries] [appends] [proofs]   (defaults 10000000, 40000, 20000)
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "bench/percentiles.h"
#include "crypto/merkle.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "node/audit/audit_log.h"
#include "node/audit/entry.h"
#include "node/importer/record_recipients.h"
#include "node/store/internal/raw_key.h"

namespace {

using tandem::bench::Percentiles;
using tandem::bench::Report;
using tandem::bench::Summarise;
using tandem::crypto::SecretBytes;
using tandem::node::audit::AuditEntry;
using tandem::node::audit::AuditLog;
using Wall = std::chrono::steady_clock;

double SecondsSince(Wall::time_point start) {
  return std::chrono::duration<double>(Wall::now() - start).count();
}

AuditEntry Entry(std::uint64_t i) {
  AuditEntry entry;
  entry.kind = "exchange-in";
  entry.actor = "probation";
  entry.processing = "consultation";
  entry.at = tandem::protocol::Seconds{std::chrono::seconds(1795356000 + i / 1000)};
  entry.purpose = "hhpp-referral-match";
  entry.isa_id = "surrey-hhpp";
  entry.isa_version = 3;
  entry.isa_clause = "4.2";
  entry.recipient = "police";
  entry.peer = "probation";
  entry.message_id = "0123456789abcdef0123456789abcdef";
  entry.nonce = "fedcba9876543210fedcba98" + std::to_string(10000000 + i % 10000000);
  entry.request_sha256 = std::string(64, 'a');
  entry.response_sha256 = std::string(64, 'b');
  entry.subject_tokens = {"5d41402abc4b2a76b9719d911017c592" + std::to_string(10000000 + i)};
  entry.fields = {"risk_level", "last_contact"};
  entry.outcome = "ok";
  return entry;
}

SecretBytes Key() {
  std::array<std::uint8_t, 32> bytes;
  bytes.fill(0x42);
  return *SecretBytes::Copy(bytes);
}

tandem::crypto::SigningKey Identity() {
  std::array<std::uint8_t, 32> bytes;
  bytes.fill(0x17);
  return *tandem::crypto::SigningKey::FromSeed(*SecretBytes::Copy(bytes));
}

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "audit_bench: %s failed\n", what);
    std::exit(1);
  }
}

// Inserts `rows` rows of `data`, one per transaction, into a fresh SQLCipher database.
double PlainInsertsPerSecond(const std::filesystem::path& path, const SecretBytes& key,
                             bool synchronous, int rows, const std::string& data) {
  sqlite3* db = nullptr;
  Check(sqlite3_open(path.c_str(), &db) == SQLITE_OK, "open baseline");
  auto raw = tandem::node::store::internal::SqlCipherRawKey(key);
  Check(raw && sqlite3_key(db, raw->data(), static_cast<int>(raw->size())) == SQLITE_OK, "key");
  const std::string setup = std::string(
                                "PRAGMA cipher_page_size = 4096; PRAGMA journal_mode = WAL;"
                                "PRAGMA synchronous = ") +
                            (synchronous ? "FULL" : "OFF") +
                            "; CREATE TABLE t (idx INTEGER PRIMARY KEY, data BLOB NOT NULL);";
  Check(sqlite3_exec(db, setup.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK, "setup");
  sqlite3_stmt* insert = nullptr;
  Check(sqlite3_prepare_v2(db, "INSERT INTO t (idx, data) VALUES (?1, ?2)", -1, &insert, nullptr) ==
            SQLITE_OK,
        "prepare");
  const auto start = Wall::now();
  for (int i = 0; i < rows; ++i) {
    Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK, "begin");
    sqlite3_bind_int64(insert, 1, i);
    sqlite3_bind_blob(insert, 2, data.data(), static_cast<int>(data.size()), SQLITE_STATIC);
    Check(sqlite3_step(insert) == SQLITE_DONE, "insert");
    sqlite3_reset(insert);
    Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK, "commit");
  }
  const double rate = rows / SecondsSince(start);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return rate;
}

// Seconds to read every row of the log's entries table with plain SQLite calls.
double PlainScanSeconds(const std::filesystem::path& path, const SecretBytes& key) {
  sqlite3* db = nullptr;
  Check(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK,
        "open scan baseline");
  auto raw = tandem::node::store::internal::SqlCipherRawKey(key);
  Check(raw && sqlite3_key(db, raw->data(), static_cast<int>(raw->size())) == SQLITE_OK, "key");
  Check(sqlite3_exec(db, "PRAGMA cipher_page_size = 4096", nullptr, nullptr, nullptr) == SQLITE_OK,
        "page size");
  sqlite3_stmt* scan = nullptr;
  Check(sqlite3_prepare_v2(db, "SELECT idx, data FROM entries ORDER BY idx", -1, &scan, nullptr) ==
            SQLITE_OK,
        "prepare scan");
  const auto start = Wall::now();
  std::uint64_t bytes = 0;
  while (sqlite3_step(scan) == SQLITE_ROW) bytes += sqlite3_column_bytes(scan, 1);
  const double seconds = SecondsSince(start);
  Check(bytes > 0, "scan");
  sqlite3_finalize(scan);
  sqlite3_close(db);
  return seconds;
}

// Appends `total` entries from `threads` threads; returns appends/s.
double AuditAppendsPerSecond(const std::filesystem::path& path, const SecretBytes& key, int threads,
                             int total, std::size_t max_batch) {
  const auto identity = Identity();
  AuditLog::Options options;
  options.max_batch = max_batch;
  auto log =
      AuditLog::Open(path, key, *tandem::protocol::NodeId::Create("police"), identity, options);
  Check(log.has_value(), "open audit log");
  std::atomic<int> next{0};
  const auto start = Wall::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int i = next++; i < total; i = next++)
        Check((*log)->Append(Entry(i)).has_value(), "append");
    });
  }
  for (auto& worker : workers) worker.join();
  const double rate = total / SecondsSince(start);
  Check((*log)->size() == static_cast<std::uint64_t>(total), "all appends durable");
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t proof_entries = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  const int appends = argc > 2 ? std::atoi(argv[2]) : 40000;
  const int proofs = argc > 3 ? std::atoi(argv[3]) : 20000;
  if (proof_entries < 2 || appends < 100 || proofs < 1) {
    std::fprintf(stderr, "usage: audit_bench [proof_entries >= 2] [appends >= 100] [proofs]\n");
    return 2;
  }
  Check(tandem::crypto::InitSodium().has_value(), "sodium");
  const auto dir =
      std::filesystem::temp_directory_path() / ("tandem-audit-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const SecretBytes key = Key();
  const std::string data = *tandem::node::audit::EncodeEntry(Entry(12345));
  std::printf("entry: %zu bytes of canonical JSON; SQLCipher 4 KiB pages, WAL\n", data.size());

  const double full = PlainInsertsPerSecond(dir / "full.db", key, true, 1500, data);
  const double off = PlainInsertsPerSecond(dir / "off.db", key, false, 20000, data);
  std::printf("baseline: one row per transaction, synchronous=FULL   %9.0f rows/s\n", full);
  std::printf("baseline: one row per transaction, synchronous=OFF    %9.0f rows/s\n", off);

  struct Run {
    int threads;
    std::size_t max_batch;
    int total;
  };
  const std::vector<Run> runs = {{1, 4096, std::min(appends, 1500)},
                                 {16, 1, std::min(appends, 3000)},
                                 {16, 4096, appends},
                                 {64, 4096, appends}};
  int n = 0;
  for (const Run& run : runs) {
    const auto path = dir / ("audit-" + std::to_string(n++) + ".db");
    const double rate = AuditAppendsPerSecond(path, key, run.threads, run.total, run.max_batch);
    std::printf(
        "audit log: %2d threads, %-20s %6d appends %9.0f durable appends/s = %6.2fx sync "
        "baseline, %.2fx unsynced%s\n",
        run.threads, run.max_batch == 1 ? "no group commit" : "group commit", run.total, rate,
        rate / full, rate / off,
        run.max_batch > 1 && run.threads >= 16 ? "  (target >= 10000)" : "");
  }

  // Proofs at proof_entries entries, read from the store.
  const auto identity = Identity();
  const auto big = dir / "big.db";
  AuditLog::Options options;
  options.background_checkpoints = false;
  auto log =
      AuditLog::Open(big, key, *tandem::protocol::NodeId::Create("police"), identity, options);
  Check(log.has_value(), "open big log");
  const auto build_start = Wall::now();
  std::vector<AuditEntry> batch;
  for (std::uint64_t i = 0; i < proof_entries;) {
    batch.clear();
    for (int b = 0; b < 20000 && i < proof_entries; ++b, ++i) batch.push_back(Entry(i));
    Check((*log)->AppendBatch(batch).has_value(), "append batch");
  }
  auto checkpoint = (*log)->Checkpoint();
  Check(checkpoint.has_value(), "checkpoint");
  std::error_code ec;
  std::printf("built %llu entries with AppendBatch(20000) in %.1f s; audit.db %.2f GB\n",
              static_cast<unsigned long long>(proof_entries), SecondsSince(build_start),
              (std::filesystem::file_size(big, ec) +
               std::filesystem::file_size(big.string() + "-wal", ec)) /
                  1e9);

  std::mt19937_64 rng(20261122);
  // Baseline: one stored hash read (a leaf hash of a random entry) through the same log.
  std::vector<double> point;
  for (int p = 0; p < proofs; ++p) {
    const auto index = rng() % proof_entries;
    const auto start = Wall::now();
    Check((*log)->LeafHash(index).has_value(), "leaf hash");
    point.push_back(SecondsSince(start) * 1e6);
  }
  const Percentiles point_p = Summarise(point);
  const int height = std::bit_width(proof_entries - 1);
  const double baseline_us = point_p.p50 * height;
  std::printf("baseline: one stored hash read p50 %.1f us; x log2(N) = %d reads = %.1f us\n",
              point_p.p50, height, baseline_us);

  std::vector<double> full_tree, earlier, consistency;
  for (int p = 0; p < proofs; ++p) {
    const std::uint64_t index = rng() % proof_entries;
    auto start = Wall::now();
    auto proof = (*log)->InclusionProof(index, proof_entries);
    full_tree.push_back(SecondsSince(start) * 1e6);
    Check(proof.has_value(), "inclusion proof");
    if (p < 200) {
      Check(tandem::crypto::VerifyInclusion(*(*log)->LeafHash(index), index, proof_entries, *proof,
                                            checkpoint->root)
                .has_value(),
            "inclusion proof verifies");
    }
    const std::uint64_t size = 1 + rng() % proof_entries;
    const std::uint64_t leaf = rng() % size;
    start = Wall::now();
    Check((*log)->InclusionProof(leaf, size).has_value(), "earlier inclusion proof");
    earlier.push_back(SecondsSince(start) * 1e6);
    const std::uint64_t first = 1 + rng() % proof_entries;
    start = Wall::now();
    Check((*log)->ConsistencyProof(first, proof_entries).has_value(), "consistency proof");
    consistency.push_back(SecondsSince(start) * 1e6);
  }
  std::printf("proofs at %llu entries (%d each, random):\n",
              static_cast<unsigned long long>(proof_entries), proofs);
  const Percentiles inclusion_p = Summarise(full_tree);
  Report("inclusion proof, full tree (target p99 < 1 ms)", inclusion_p, baseline_us);
  Report("inclusion proof, random earlier size", Summarise(earlier), baseline_us);
  Report("consistency proof, random first size", Summarise(consistency), baseline_us);
  log->reset();

  // One person named by 20 tokens, as a record's keys give them, spread over the log.
  std::set<std::string> tokens;
  for (std::uint64_t t = 0; t < 20; ++t) {
    tokens.insert(Entry(t * (proof_entries / 20)).subject_tokens.front());
  }
  const double plain = PlainScanSeconds(big, key);
  const auto read_start = Wall::now();
  auto naming = tandem::node::importer::EntriesNaming({.path = big, .key = &key}, tokens);
  const double by_tokens = SecondsSince(read_start);
  Check(naming.has_value() && naming->has_value() && (*naming)->size() == tokens.size(),
        "entries naming the tokens");
  std::printf(
      "reading %llu entries for one person's 20 tokens: %.2f s = %.2fx a plain scan of the rows "
      "(%.2f s); %zu found\n",
      static_cast<unsigned long long>(proof_entries), by_tokens, by_tokens / plain, plain,
      (*naming)->size());
  std::filesystem::remove_all(dir, ec);
  return 0;
}
