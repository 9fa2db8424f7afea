#include "node/importer/record_recipients.h"

#include <algorithm>
#include <map>
#include <system_error>

#include "crypto/hex.h"

namespace tandem::node::importer {

Result<std::set<std::string>> RecordTokensHex(store::Store& store, std::string_view export_kind,
                                              std::string_view ref) {
  auto tokens = store.TokensOfRecord(export_kind, ref);
  if (!tokens) return tl::unexpected(tokens.error());
  std::set<std::string> hex;
  for (const store::TokenBytes& token : *tokens) hex.insert(crypto::EncodeHex(token));
  return hex;
}

Result<std::optional<std::vector<audit::StoredEntry>>> EntriesNaming(
    const AuditLogFile& log, const std::set<std::string>& tokens_hex) {
  std::error_code ec;
  if (log.path.empty() || !std::filesystem::exists(log.path, ec)) return std::nullopt;
  std::vector<audit::StoredEntry> found;
  if (tokens_hex.empty()) return found;
  audit::EntryFilter naming;
  naming.subject_tokens = tokens_hex;
  auto read = audit::ForEachEntry(log.path, log.key, naming, [&](const audit::StoredEntry& row) {
    found.push_back(row);
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return found;
}

std::vector<Recipient> RecipientsIn(std::span<const audit::StoredEntry> entries) {
  std::map<std::string, Recipient> by_node;
  for (const audit::StoredEntry& row : entries) {
    const audit::AuditEntry& e = row.entry;
    const bool told = (e.kind == "exchange-in" && e.outcome == "ok") || e.kind == "exchange-out";
    if (!told || e.recipient.empty()) continue;
    Recipient& recipient = by_node[e.recipient];
    recipient.node = e.recipient;
    ++recipient.exchanges;
    recipient.last = std::max(recipient.last, e.at);
  }
  std::vector<Recipient> out;
  out.reserve(by_node.size());
  for (auto& [node, recipient] : by_node) out.push_back(std::move(recipient));
  return out;
}

Result<std::optional<std::vector<Recipient>>> RecipientsOfRecord(store::Store& store,
                                                                 const AuditLogFile& log,
                                                                 std::string_view export_kind,
                                                                 std::string_view ref) {
  auto tokens = RecordTokensHex(store, export_kind, ref);
  if (!tokens) return tl::unexpected(tokens.error());
  auto entries = EntriesNaming(log, *tokens);
  if (!entries) return tl::unexpected(entries.error());
  if (!entries->has_value()) return std::nullopt;
  return RecipientsIn(**entries);
}

}  // namespace tandem::node::importer
