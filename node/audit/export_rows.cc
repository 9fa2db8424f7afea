#include "node/audit/export_rows.h"

#include <algorithm>
#include <span>
#include <string_view>

#include "crypto/hex.h"
#include "crypto/merkle.h"
#include "node/audit/internal/database.h"
#include "node/audit/internal/json.h"

namespace tandem::node::audit {
namespace {

using store::internal::Statement;

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out.push_back(' ');
    out += item;
  }
  return out;
}

// Whether the entry bytes `data` hold one of `tokens` anywhere: a canonical entry naming a
// token holds it as text, so one that holds none does not name any.
bool HoldsAny(std::span<const std::uint8_t> data, const std::set<std::string>& tokens) {
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  return std::ranges::any_of(
      tokens, [&](const std::string& t) { return text.find(t) != std::string_view::npos; });
}

bool SameHash(std::span<const std::uint8_t> stored, const crypto::MerkleHash& computed) {
  return stored.size() == computed.size() &&
         std::equal(stored.begin(), stored.end(), computed.begin());
}

}  // namespace

bool EntryFilter::Matches(const AuditEntry& entry) const {
  if (from && entry.at < *from) return false;
  if (to && entry.at >= *to) return false;
  if (!peer.empty() && entry.peer != peer) return false;
  if (!purpose.empty() && entry.purpose != purpose) return false;
  if (!kind.empty() && entry.kind != kind) return false;
  if (!subject_tokens.empty() &&
      std::ranges::none_of(entry.subject_tokens,
                           [&](const std::string& t) { return subject_tokens.contains(t); })) {
    return false;
  }
  return true;
}

Status ForEachEntry(const std::filesystem::path& path, const crypto::SecretBytes* key,
                    const EntryFilter& filter,
                    const std::function<Status(const StoredEntry&)>& visit) {
  auto db = internal::OpenAuditDatabase(path, key, /*create_if_missing=*/false);
  if (!db) return tl::unexpected(db.error());
  std::string sql =
      "SELECT e.idx, e.data, n.hash FROM entries e LEFT JOIN nodes n ON n.level = 0 AND "
      "n.idx = e.idx WHERE e.at >= ?1 AND e.at < ?2 ORDER BY e.idx";
  auto stmt = Statement::Prepare(db->get(), sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, filter.from ? filter.from->time_since_epoch().count() : INT64_MIN)
      .Bind(2, filter.to ? filter.to->time_since_epoch().count() : INT64_MAX);
  for (;;) {
    auto row = stmt->Step("reading audit entries");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    StoredEntry stored;
    stored.index = static_cast<std::uint64_t>(stmt->ColumnInt(0));
    const auto blob = stmt->ColumnBlob(1);
    const auto hash = stmt->ColumnBlob(2);
    if (!filter.subject_tokens.empty() && !HoldsAny(blob, filter.subject_tokens)) {
      if (!SameHash(hash, crypto::HashMerkleLeaf(blob))) {
        return Fail(Code::kCorruption, "the audit log is damaged: entry " +
                                           std::to_string(stored.index) +
                                           ": its bytes do not match its stored leaf hash; run "
                                           "`tandem audit verify`");
      }
      continue;
    }
    auto entry = DecodeEntry({reinterpret_cast<const char*>(blob.data()), blob.size()});
    if (!entry) {
      return Fail(Code::kCorruption, "the audit log is damaged: entry " +
                                         std::to_string(stored.index) + ": " +
                                         entry.error().message + "; run `tandem audit verify`");
    }
    if (hash.size() == stored.leaf_hash.size()) {
      std::copy(hash.begin(), hash.end(), stored.leaf_hash.begin());
    }
    stored.entry = std::move(*entry);
    if (!filter.Matches(stored.entry)) continue;
    if (auto visited = visit(stored); !visited) return visited;
  }
  return Ok();
}

void WriteCsvHeader(std::ostream& out) {
  out << "index,at,kind,actor,processing,purpose,isa_id,isa_version,isa_clause,recipient,peer,"
         "message_id,nonce,request_sha256,response_sha256,subject_tokens,fields,outcome,"
         "leaf_hash\r\n";
}

void WriteCsvRow(std::ostream& out, const StoredEntry& row) {
  const AuditEntry& e = row.entry;
  auto at = protocol::FormatTimestamp(e.at);
  out << row.index << ',' << (at ? *at : "") << ',' << CsvField(e.kind) << ',' << CsvField(e.actor)
      << ',' << CsvField(e.processing) << ',' << CsvField(e.purpose) << ',' << CsvField(e.isa_id)
      << ',' << e.isa_version << ',' << CsvField(e.isa_clause) << ',' << CsvField(e.recipient)
      << ',' << CsvField(e.peer) << ',' << CsvField(e.message_id) << ',' << CsvField(e.nonce) << ','
      << e.request_sha256 << ',' << e.response_sha256 << ',' << Joined(e.subject_tokens) << ','
      << CsvField(Joined(e.fields)) << ',' << CsvField(e.outcome) << ','
      << crypto::EncodeHex(row.leaf_hash) << "\r\n";
}

Result<std::string> EntryJson(const StoredEntry& row) {
  auto entry = EncodeEntry(row.entry);
  if (!entry) return entry;
  std::string out = R"({"entry":)";
  out += *entry;
  out += R"(,"index":)" + std::to_string(row.index) + R"(,"leaf_hash":")" +
         crypto::EncodeHex(row.leaf_hash) + R"("})";
  return out;
}

}  // namespace tandem::node::audit
