#include "node/audit/verify.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <string>

#include "node/audit/entry.h"
#include "node/audit/internal/database.h"
#include "node/audit/internal/frontier.h"
#include "node/audit/internal/stored_tree.h"
#include "protocol/timestamp.h"

namespace tandem::node::audit {
namespace {

using store::internal::Statement;

std::string Range(int level, std::uint64_t index) {
  if (level == 0) return "entry " + std::to_string(index);
  const std::uint64_t width = std::uint64_t{1} << level;
  return "entries [" + std::to_string(index * width) + ", " + std::to_string((index + 1) * width) +
         ")";
}

std::string TimeText(protocol::Seconds at) {
  auto text = protocol::FormatTimestamp(at);
  return text ? *text : "(bad time)";
}

class Problems {
 public:
  Problems(VerifyReport& report, std::size_t max) : report_(report), max_(max) {}
  void Add(std::string problem) {
    ++report_.problem_count;
    if (report_.problems.size() < max_) report_.problems.push_back(std::move(problem));
  }

 private:
  VerifyReport& report_;
  std::size_t max_;
};

// Walks the stored hashes of one level in index order, alongside the recomputed tree.
class LevelCursor {
 public:
  static Result<LevelCursor> Make(sqlite3* db, int level) {
    auto stmt = Statement::Prepare(db, "SELECT idx, hash FROM nodes WHERE level = ?1 ORDER BY idx");
    if (!stmt) return tl::unexpected(stmt.error());
    stmt->Bind(1, static_cast<std::int64_t>(level));
    LevelCursor cursor(level, std::move(*stmt));
    if (auto first = cursor.Advance(); !first) return tl::unexpected(first.error());
    return cursor;
  }

  // Compares the stored hash of `index` with `expected`, reporting extra, missing and
  // differing hashes.
  Status Check(std::uint64_t index, const crypto::MerkleHash& expected, Problems& problems) {
    while (has_row_ && row_index_ < index) {
      problems.Add(Range(level_, row_index_) + ": a stored hash that the tree does not have");
      if (auto next = Advance(); !next) return next;
    }
    if (!has_row_ || row_index_ > index) {
      problems.Add(Range(level_, index) + ": stored " +
                   (level_ == 0 ? "leaf hash" : "interior hash") + " is missing");
      return Ok();
    }
    if (row_hash_ != expected) {
      problems.Add(Range(level_, index) + ": stored " +
                   (level_ == 0 ? "leaf hash does not match the entry's bytes"
                                : "interior hash does not match the entries under it"));
    }
    return Advance();
  }

  // Reports stored hashes beyond the recomputed tree.
  Status Finish(Problems& problems) {
    while (has_row_) {
      problems.Add(Range(level_, row_index_) + ": a stored hash beyond the end of the log");
      if (auto next = Advance(); !next) return next;
    }
    return Ok();
  }

 private:
  LevelCursor(int level, Statement stmt) : level_(level), stmt_(std::move(stmt)) {}

  Status Advance() {
    auto row = stmt_.Step("reading stored tree hashes");
    if (!row) return tl::unexpected(row.error());
    has_row_ = *row;
    if (has_row_) {
      row_index_ = static_cast<std::uint64_t>(stmt_.ColumnInt(0));
      const auto blob = stmt_.ColumnBlob(1);
      row_hash_.fill(0);
      std::copy_n(blob.begin(), std::min(blob.size(), row_hash_.size()), row_hash_.begin());
      if (blob.size() != row_hash_.size()) row_hash_[0] ^= 0xFF;  // never matches
    }
    return Ok();
  }

  int level_;
  Statement stmt_;
  bool has_row_ = false;
  std::uint64_t row_index_ = 0;
  crypto::MerkleHash row_hash_{};
};

Result<std::string> Meta(sqlite3* db, const char* name) {
  auto stmt = Statement::Prepare(db, "SELECT value FROM meta WHERE name = ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, std::string_view(name));
  auto row = stmt->Step("reading the audit log's owner");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::string();
  return std::string(stmt->ColumnText(0));
}

struct StoredCheckpoint {
  SignedCheckpoint checkpoint;
  bool trusted = false;  // from VerifyOptions, not from the database
};

}  // namespace

Result<VerifyReport> VerifyLog(const std::filesystem::path& path, const crypto::SecretBytes* key,
                               const VerifyOptions& options) {
  auto opened = internal::OpenAuditDatabase(path, key, /*create_if_missing=*/false);
  if (!opened) return tl::unexpected(opened.error());
  sqlite3* db = opened->get();
  if (auto begun = store::internal::Exec(db, "BEGIN", "starting to read the audit log"); !begun) {
    return tl::unexpected(begun.error());
  }

  VerifyReport report;
  Problems problems(report, options.max_problems);

  auto node_text = Meta(db, "node_id");
  if (!node_text) return tl::unexpected(node_text.error());
  auto key_text = Meta(db, "node_key");
  if (!key_text) return tl::unexpected(key_text.error());
  report.node = *node_text;
  auto node = protocol::NodeId::Create(*node_text);
  if (!node) {
    problems.Add("the log does not record which node it belongs to");
    return report;
  }
  std::optional<crypto::VerifyingKey> node_key = options.node_key;
  auto stored_key = crypto::VerifyingKey::FromHex(*key_text);
  if (!node_key) {
    report.key_from_log = true;
    if (!stored_key) {
      problems.Add("the identity key recorded in the log is malformed");
    } else {
      node_key = *stored_key;
    }
  } else if (!stored_key || !(*stored_key == *node_key)) {
    problems.Add("the identity key recorded in the log is not the node's identity key");
  }

  // Checkpoints, stored and trusted, in size order.
  std::vector<StoredCheckpoint> checkpoints;
  {
    auto stmt = Statement::Prepare(
        db, "SELECT tree_size, at, root, sig FROM checkpoints ORDER BY tree_size");
    if (!stmt) return tl::unexpected(stmt.error());
    for (;;) {
      auto row = stmt->Step("reading checkpoints");
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      SignedCheckpoint checkpoint{*node,
                                  static_cast<std::uint64_t>(stmt->ColumnInt(0)),
                                  {},
                                  protocol::Seconds{std::chrono::seconds(stmt->ColumnInt(1))},
                                  {}};
      const auto root = stmt->ColumnBlob(2);
      const auto sig = stmt->ColumnBlob(3);
      if (root.size() != checkpoint.root.size() || sig.size() != checkpoint.sig.size()) {
        problems.Add("checkpoint at size " + std::to_string(checkpoint.tree_size) +
                     ": malformed root or signature");
        continue;
      }
      std::copy(root.begin(), root.end(), checkpoint.root.begin());
      std::copy(sig.begin(), sig.end(), checkpoint.sig.begin());
      checkpoints.push_back({checkpoint, false});
    }
  }
  report.checkpoints = checkpoints.size();
  for (const auto& checkpoint : options.trusted_checkpoints)
    checkpoints.push_back({checkpoint, true});
  std::stable_sort(checkpoints.begin(), checkpoints.end(), [](const auto& a, const auto& b) {
    return a.checkpoint.tree_size < b.checkpoint.tree_size;
  });

  auto describe = [](const StoredCheckpoint& c) {
    return std::string(c.trusted ? "trusted checkpoint" : "checkpoint") + " at size " +
           std::to_string(c.checkpoint.tree_size) + " (" + TimeText(c.checkpoint.at) + ")";
  };
  std::optional<protocol::Seconds> previous_at;
  for (const auto& c : checkpoints) {
    if (node_key && !VerifyCheckpoint(c.checkpoint, *node_key)) {
      problems.Add(describe(c) + ": the signature does not verify");
    }
    if (c.trusted && !(c.checkpoint.node == *node)) {
      problems.Add(describe(c) + ": belongs to node " + c.checkpoint.node.value());
    }
    if (!c.trusted) {
      if (previous_at && c.checkpoint.at < *previous_at) {
        problems.Add(describe(c) + ": signed earlier than a checkpoint of a smaller tree");
      }
      previous_at = c.checkpoint.at;
      report.last_checkpoint = c.checkpoint;
    }
  }

  // Recompute the tree from the entries, comparing every stored hash and checkpoint root.
  std::vector<std::optional<LevelCursor>> cursors(64);
  auto cursor_for = [&](int level) -> Result<LevelCursor*> {
    if (!cursors[level]) {
      auto made = LevelCursor::Make(db, level);
      if (!made) return tl::unexpected(made.error());
      cursors[level].emplace(std::move(*made));
    }
    return &*cursors[level];
  };
  internal::Frontier frontier;
  std::size_t next_checkpoint = 0;
  auto check_roots = [&] {
    while (next_checkpoint < checkpoints.size() &&
           checkpoints[next_checkpoint].checkpoint.tree_size <= frontier.size()) {
      const auto& c = checkpoints[next_checkpoint++];
      if (c.checkpoint.tree_size == frontier.size() && c.checkpoint.root != frontier.Root()) {
        problems.Add(describe(c) + ": its root is not the root of the stored entries " +
                     (c.trusted ? "(the log was rewritten)" : ""));
      }
    }
  };
  {
    auto entries = Statement::Prepare(db, "SELECT idx, data FROM entries ORDER BY idx");
    if (!entries) return tl::unexpected(entries.error());
    Status tree_status;
    for (;;) {
      check_roots();
      auto row = entries->Step("reading audit entries");
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      const auto index = static_cast<std::uint64_t>(entries->ColumnInt(0));
      if (index != frontier.size()) {
        problems.Add("entry " + std::to_string(frontier.size()) +
                     ": missing (the next stored "
                     "entry is " +
                     std::to_string(index) + ")");
      }
      const auto blob = entries->ColumnBlob(1);
      const std::string_view data(reinterpret_cast<const char*>(blob.data()), blob.size());
      if (auto decoded = DecodeEntry(data); !decoded) {
        problems.Add("entry " + std::to_string(frontier.size()) + ": " + decoded.error().message);
      }
      frontier.Append(crypto::HashMerkleLeaf(blob),
                      [&](int level, std::uint64_t idx, const crypto::MerkleHash& hash) {
                        if (!tree_status) return;
                        auto cursor = cursor_for(level);
                        if (!cursor) {
                          tree_status = tl::unexpected(cursor.error());
                          return;
                        }
                        tree_status = (*cursor)->Check(idx, hash, problems);
                      });
      if (!tree_status) return tl::unexpected(tree_status.error());
    }
    report.entries = frontier.size();
    for (int level = 0; level < 64; ++level) {
      auto cursor = cursor_for(level);
      if (!cursor) return tl::unexpected(cursor.error());
      if (auto done = (*cursor)->Finish(problems); !done) return tl::unexpected(done.error());
      if ((std::uint64_t{1} << level) > frontier.size() && level > 0) break;
    }
  }
  for (; next_checkpoint < checkpoints.size(); ++next_checkpoint) {
    const auto& c = checkpoints[next_checkpoint];
    problems.Add(describe(c) + ": covers more entries than the log holds (" +
                 std::to_string(frontier.size()) + "): entries were removed or the log was " +
                 "rolled back");
  }

  // The stored tree must serve valid consistency proofs between consecutive checkpoints.
  if (report.ok()) {
    auto select = Statement::Prepare(db, "SELECT hash FROM nodes WHERE level = ?1 AND idx = ?2");
    if (!select) return tl::unexpected(select.error());
    internal::StoredTree tree(*select, frontier.size());
    const SignedCheckpoint* previous = nullptr;
    for (const auto& c : checkpoints) {
      if (c.trusted) continue;
      if (previous != nullptr) {
        auto proof = crypto::ConsistencyProof(tree, previous->tree_size, c.checkpoint.tree_size);
        if (!proof || !crypto::VerifyConsistency(previous->tree_size, c.checkpoint.tree_size,
                                                 *proof, previous->root, c.checkpoint.root)) {
          problems.Add(describe(c) + ": the stored tree gives no valid consistency proof from " +
                       "size " + std::to_string(previous->tree_size));
        }
      }
      previous = &c.checkpoint;
    }
  }

  // Co-signatures.
  {
    auto stmt = Statement::Prepare(
        db, "SELECT tree_size, witness, witness_key, sig FROM cosignatures ORDER BY tree_size");
    if (!stmt) return tl::unexpected(stmt.error());
    for (;;) {
      auto row = stmt->Step("reading co-signatures");
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      ++report.cosignatures;
      const auto size = static_cast<std::uint64_t>(stmt->ColumnInt(0));
      const std::string witness_text(stmt->ColumnText(1));
      const std::string where =
          "co-signature by " + witness_text + " of the checkpoint at size " + std::to_string(size);
      const auto it = std::find_if(checkpoints.begin(), checkpoints.end(), [&](const auto& c) {
        return !c.trusted && c.checkpoint.tree_size == size;
      });
      auto witness = protocol::NodeId::Create(witness_text);
      auto stored_witness_key = crypto::VerifyingKey::FromBytes(stmt->ColumnBlob(2));
      const auto sig_blob = stmt->ColumnBlob(3);
      if (it == checkpoints.end()) {
        problems.Add(where + ": there is no such checkpoint");
        continue;
      }
      if (!witness || !stored_witness_key || sig_blob.size() != crypto::kEd25519SignatureSize) {
        problems.Add(where + ": malformed");
        continue;
      }
      crypto::VerifyingKey witness_key = *stored_witness_key;
      if (const auto known = options.witness_keys.find(witness_text);
          known != options.witness_keys.end()) {
        if (!(known->second == witness_key)) {
          problems.Add(where + ": made with a key that is not the witness's key");
        }
        witness_key = known->second;
      }
      Cosignature cosignature{*witness, it->checkpoint, {}};
      std::copy(sig_blob.begin(), sig_blob.end(), cosignature.sig.begin());
      if (!VerifyCosignature(cosignature, witness_key)) {
        problems.Add(where + ": the signature does not verify");
      }
    }
  }
  (void)store::internal::Exec(db, "COMMIT", "finishing reading the audit log");
  return report;
}

}  // namespace tandem::node::audit
