// Builds a node's token index from the records in its store: every stored record that is about
// a person (all exports but police occurrences) has its normalised identity read back, its
// match keys derived with the match-key table (agency-adapters/match_keys.h), each distinct key
// value tokenised once through the threshold OPRF (Tokeniser: blind, t partial evaluations
// with proofs, verify, combine, finalise; batched and spread over worker threads by
// TokenPipeline), and the rows (token, key type, record) written in one transaction that first
// empties the index, so a rebuild gives the same index however often it runs.
//
// Raw key values live only in secure memory inside the pipeline and are wiped once tokenised;
// nothing is logged. Errors: the store's, kCorruption for a stored identity that cannot be
// read back, the Tokeniser's (kUnauthenticated naming a holder whose proof failed and for whom
// no other holder could stand in). On error the index is left as it was.
// Thread-safety: one call at a time per Store.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "core/result.h"
#include "node/store/store.h"
#include "node/tokens/tokeniser.h"

namespace tandem::node::tokens {

struct IndexBuildOptions {
  unsigned threads = 2;           // tokenising workers
  std::size_t batch_size = 2048;  // key values per OPRF request (one proof per holder each)
  // Called now and then with the records read so far.
  std::function<void(std::uint64_t records)> on_progress;
};

struct IndexBuildReport {
  std::uint64_t records = 0;                      // person records read
  std::uint64_t records_without_keys = 0;         // records no key could be derived from
  std::uint64_t key_values = 0;                   // values derived over all records
  std::uint64_t distinct_values = 0;              // values tokenised (each once)
  std::uint64_t batches = 0;                      // OPRF requests
  std::uint64_t rows = 0;                         // rows in the index afterwards
  std::chrono::duration<double> tokenise_time{};  // reading, deriving and tokenising
  std::chrono::duration<double> write_time{};     // the index transaction
};

Result<IndexBuildReport> BuildTokenIndex(store::Store& store, const Tokeniser& tokeniser,
                                         const IndexBuildOptions& options = {});

}  // namespace tandem::node::tokens
