#include "node/tokens/token_index_builder.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "agency-adapters/match_keys.h"
#include "agency-adapters/record.h"
#include "node/tokens/identity_json.h"
#include "node/tokens/token_pipeline.h"

namespace tandem::node::tokens {
namespace {

using Clock = std::chrono::steady_clock;

// The exports whose rows are about a person (police occurrences name their nominal instead).
constexpr std::array<adapters::ExportKind, 6> kPersonExports = {
    adapters::ExportKind::kPoliceNominals,    adapters::ExportKind::kProbationCases,
    adapters::ExportKind::kNhsMentalHealth,   adapters::ExportKind::kHousingTenancies,
    adapters::ExportKind::kTreatmentEpisodes, adapters::ExportKind::kIdvaCases,
};

constexpr std::size_t kRowsPerWrite = 4096;

}  // namespace

Result<IndexBuildReport> BuildTokenIndex(store::Store& store, const Tokeniser& tokeniser,
                                         const IndexBuildOptions& options) {
  const auto started = Clock::now();
  const auto table = adapters::MatchKeyTable();
  auto pipeline = TokenPipeline::Start(tokeniser, options.threads, options.batch_size);
  if (!pipeline) return tl::unexpected(pipeline.error());

  IndexBuildReport report;
  std::vector<std::int64_t> record_ids;
  std::vector<std::uint32_t> offsets{0};
  std::vector<KeyEntry> entries;
  adapters::MatchKeyValues values;
  for (const adapters::ExportKind kind : kPersonExports) {
    const bool has_referral_date = kind == adapters::ExportKind::kIdvaCases;
    auto read = store.ForEachRecord(
        adapters::ExportKindName(kind),
        [&](const store::StoredRecord& record) -> Status {
          if (record.identity.empty()) return Ok();
          auto identity = ParseStoredIdentity(record.identity);
          if (!identity) return tl::unexpected(identity.error());
          adapters::MatchKeySource source;
          source.identity = &*identity;
          if (has_referral_date) {
            auto date = StoredReferralDate(record.fields);
            if (!date) return tl::unexpected(date.error());
            source.age_estimated_on = *date;
          }
          if (auto derived = adapters::DeriveMatchKeys(table, source, values); !derived) {
            return derived;
          }
          const std::size_t first = entries.size();
          Status added = (*pipeline)->Add(values, entries);
          values.Clear();  // the raw values are wiped as soon as they are queued
          if (!added) return added;
          ++report.records;
          if (entries.size() == first) ++report.records_without_keys;
          record_ids.push_back(record.id);
          offsets.push_back(static_cast<std::uint32_t>(entries.size()));
          if (options.on_progress && report.records % 10000 == 0) {
            options.on_progress(report.records);
          }
          return Ok();
        },
        // A restricted record keeps its tokens: the index is part of keeping the data, and
        // lookups do not see them (store::Restricted).
        store::Restricted::kIncluded);
    if (!read) return tl::unexpected(read.error());
  }
  auto tokens = (*pipeline)->Finish();
  if (!tokens) return tl::unexpected(tokens.error());
  report.key_values = (*pipeline)->values_seen();
  report.distinct_values = (*pipeline)->distinct_values();
  report.batches = (*pipeline)->batches();
  pipeline->reset();
  report.tokenise_time = Clock::now() - started;

  // Rows in token order: the index's B-tree is then filled front to back.
  struct Row {
    std::uint32_t value;
    std::uint32_t record;  // index into record_ids
    std::uint8_t key;
  };
  std::vector<Row> rows;
  rows.reserve(entries.size());
  for (std::uint32_t r = 0; r < record_ids.size(); ++r) {
    for (std::uint32_t e = offsets[r]; e < offsets[r + 1]; ++e) {
      rows.push_back({entries[e].value, r, entries[e].key});
    }
  }
  entries = {};
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    return (*tokens)[a.value].bytes < (*tokens)[b.value].bytes;
  });

  const auto write_started = Clock::now();
  auto transaction = store.Begin();
  if (!transaction) return tl::unexpected(transaction.error());
  if (auto cleared = store.ClearTokens(); !cleared) return tl::unexpected(cleared.error());
  std::vector<store::TokenEntry> chunk;
  chunk.reserve(kRowsPerWrite);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    chunk.push_back({&(*tokens)[row.value].bytes, table[row.key].name, record_ids[row.record]});
    if (chunk.size() == kRowsPerWrite || i + 1 == rows.size()) {
      if (auto added = store.AddTokens(chunk); !added) return tl::unexpected(added.error());
      chunk.clear();
    }
  }
  if (auto committed = transaction->Commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  report.write_time = Clock::now() - write_started;
  auto count = store.CountTokens();
  if (!count) return tl::unexpected(count.error());
  report.rows = static_cast<std::uint64_t>(*count);
  return report;
}

}  // namespace tandem::node::tokens
