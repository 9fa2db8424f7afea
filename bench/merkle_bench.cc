// Audit-log Merkle tree (RFC 9162) in memory, against raw SHA-256 measured in the same run.
//
// Baseline: libsodium crypto_hash_sha256 on 65-byte inputs (the size of a node hash input,
// 0x01 || left || right), timed here. Figures:
// - appends/s of leaf hashing + tree update up to N entries (64-byte entries), and the ratio
//   to two raw hashes per append (one leaf hash plus, amortised, one node hash);
// - inclusion-proof generation at N entries for random leaves of the full tree and of random
//   earlier tree sizes (earlier sizes need the right edge rehashed): p50/p99/max, target p99
//   under 1 ms, and the ratio of p50 to log2(N) raw hashes (what a proof costs if every element
//   were hashed once);
// - consistency-proof generation between random sizes, and verification of both kinds of
//   proof, each against log2(N) raw hashes.
//
// Times are thread CPU time.
//
// Usage: merkle_bench [entries] [proofs]   (defaults 10000000 and 20000)
#include <sodium.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <vector>

#include "bench/percentiles.h"
#include "bench/thread_cpu_clock.h"
#include "crypto/merkle.h"

namespace {

using tandem::crypto::ConsistencyProof;
using tandem::crypto::HashMerkleLeaf;
using tandem::crypto::InclusionProof;
using tandem::crypto::InMemoryMerkleTree;
using tandem::crypto::MerkleHash;
using tandem::crypto::MerkleRootAt;
using tandem::crypto::VerifyConsistency;
using tandem::crypto::VerifyInclusion;
using Clock = tandem::bench::ThreadCpuClock;
using tandem::bench::Percentiles;
using tandem::bench::Report;
using tandem::bench::Seconds;
using tandem::bench::Summarise;

double Micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

// Nanoseconds per raw crypto_hash_sha256 of 65 bytes (median of 15 rounds of 20000 calls).
double RawHashNanos() {
  std::array<std::uint8_t, 65> input{};
  std::array<std::uint8_t, 32> out{};
  std::vector<double> rounds;
  for (int r = 0; r < 15; ++r) {
    constexpr int kCalls = 20000;
    const auto start = Clock::now();
    for (int i = 0; i < kCalls; ++i) {
      crypto_hash_sha256(out.data(), input.data(), input.size());
      input[1 + (i & 31)] ^= out[0];  // chain, so the calls cannot be elided
    }
    rounds.push_back(Seconds(Clock::now() - start) * 1e9 / kCalls);
  }
  std::sort(rounds.begin(), rounds.end());
  return rounds[rounds.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  const std::uint64_t entries = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  const int proofs = argc > 2 ? std::atoi(argv[2]) : 20000;
  if (entries < 2 || proofs < 1) {
    std::fprintf(stderr, "usage: merkle_bench [entries >= 2] [proofs >= 1]\n");
    return 2;
  }

  const double raw_ns = RawHashNanos();
  const int height = std::bit_width(entries - 1);  // ceil(log2(entries))
  const double path_baseline_us = raw_ns * height / 1000;
  std::printf("baseline: raw crypto_hash_sha256(65 bytes) %.1f ns; log2(N) = %d hashes = %.2f us\n",
              raw_ns, height, path_baseline_us);

  // Appends.
  InMemoryMerkleTree tree;
  std::array<std::uint8_t, 64> entry{};
  const auto append_start = Clock::now();
  for (std::uint64_t i = 0; i < entries; ++i) {
    for (int b = 0; b < 8; ++b) entry[b] = static_cast<std::uint8_t>(i >> (8 * b));
    tree.Append(entry);
  }
  const double append_s = Seconds(Clock::now() - append_start);
  const double appends_per_s = entries / append_s;
  std::printf(
      "appends: %llu entries of 64 bytes in %.2f s = %.0f appends/s; %.0f ns/append = %.2fx two "
      "raw hashes\n",
      static_cast<unsigned long long>(entries), append_s, appends_per_s, 1e9 / appends_per_s,
      (1e9 / appends_per_s) / (2 * raw_ns));

  std::mt19937_64 rng(20261122);
  MerkleHash full_root = tree.Root();

  // Inclusion proofs in the full tree.
  std::vector<double> generate_full, verify_full, generate_old, generate_consistency,
      verify_consistency;
  for (int p = 0; p < proofs; ++p) {
    const std::uint64_t index = rng() % entries;
    const auto start = Clock::now();
    auto proof = InclusionProof(tree, index, entries);
    const auto mid = Clock::now();
    if (!proof) return 1;
    const MerkleHash leaf = tree.CompleteSubtreeHash(index, index + 1).value();
    const auto verify_start = Clock::now();
    const bool ok = VerifyInclusion(leaf, index, entries, *proof, full_root).has_value();
    const auto end = Clock::now();
    if (!ok) {
      std::fprintf(stderr, "inclusion proof %llu failed to verify\n",
                   static_cast<unsigned long long>(index));
      return 1;
    }
    generate_full.push_back(Micros(mid - start));
    verify_full.push_back(Micros(end - verify_start));
  }

  // Inclusion proofs in random earlier tree sizes (as for an older checkpoint).
  for (int p = 0; p < proofs; ++p) {
    const std::uint64_t size = 1 + rng() % entries;
    const std::uint64_t index = rng() % size;
    const auto start = Clock::now();
    auto proof = InclusionProof(tree, index, size);
    generate_old.push_back(Micros(Clock::now() - start));
    if (!proof) return 1;
  }

  // Consistency proofs between random sizes; verification against their roots.
  for (int p = 0; p < proofs / 10; ++p) {
    std::uint64_t a = 1 + rng() % entries;
    std::uint64_t b = 1 + rng() % entries;
    if (a > b) std::swap(a, b);
    const auto start = Clock::now();
    auto proof = ConsistencyProof(tree, a, b);
    generate_consistency.push_back(Micros(Clock::now() - start));
    if (!proof) return 1;
    const MerkleHash root_a = MerkleRootAt(tree, a).value();
    const MerkleHash root_b = MerkleRootAt(tree, b).value();
    const auto verify_start = Clock::now();
    const bool ok = VerifyConsistency(a, b, *proof, root_a, root_b).has_value();
    verify_consistency.push_back(Micros(Clock::now() - verify_start));
    if (!ok) {
      std::fprintf(stderr, "consistency proof %llu -> %llu failed to verify\n",
                   static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
      return 1;
    }
  }

  std::printf("proofs at N = %llu (baseline = log2(N) raw hashes = %.2f us):\n",
              static_cast<unsigned long long>(entries), path_baseline_us);
  const Percentiles full = Summarise(generate_full);
  Report("inclusion proof, full tree", full, path_baseline_us);
  const Percentiles old = Summarise(generate_old);
  Report("inclusion proof, random earlier size", old, path_baseline_us);
  Report("consistency proof, random sizes", Summarise(generate_consistency), path_baseline_us);
  Report("verify inclusion", Summarise(verify_full), path_baseline_us);
  Report("verify consistency", Summarise(verify_consistency), path_baseline_us);
  const double worst_p99 = std::max(full.p99, old.p99);
  std::printf("inclusion-proof generation p99 %.2f us: %s the 1 ms target\n", worst_p99,
              worst_p99 < 1000 ? "within" : "OVER");
  return worst_p99 < 1000 ? 0 : 1;
}
