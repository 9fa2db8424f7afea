#include "node/audit/export_rows.h"

#include <algorithm>

#include "crypto/hex.h"
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

}  // namespace

bool EntryFilter::Matches(const AuditEntry& entry) const {
  if (from && entry.at < *from) return false;
  if (to && entry.at >= *to) return false;
  if (!peer.empty() && entry.peer != peer) return false;
  if (!purpose.empty() && entry.purpose != purpose) return false;
  if (!kind.empty() && entry.kind != kind) return false;
  if (!subject_token.empty() && std::find(entry.subject_tokens.begin(), entry.subject_tokens.end(),
                                          subject_token) == entry.subject_tokens.end()) {
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
    auto entry = DecodeEntry({reinterpret_cast<const char*>(blob.data()), blob.size()});
    if (!entry) {
      return Fail(Code::kCorruption, "the audit log is damaged: entry " +
                                         std::to_string(stored.index) + ": " +
                                         entry.error().message + "; run `tandem audit verify`");
    }
    const auto hash = stmt->ColumnBlob(2);
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
