// Who a node told something about one person, from its own audit log: the recipients a
// controller must tell when it erases or restricts the person's data (UK GDPR Art. 19, DPA 2018
// s.48), and that a data subject may ask for (UK GDPR Art. 15(1)(c), DPA 2018 s.45(2)(c)). The
// log names people only by match tokens, so the entries are those naming one of the record's
// current tokens (docs/store.md, "Recipients"). Free functions; the store is the caller's
// (thread-compatible).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "node/audit/export_rows.h"
#include "node/store/store.h"
#include "protocol/timestamp.h"

namespace tandem::node::importer {

// A node's audit log (audit.db) and the key it is encrypted with (null: unencrypted).
struct AuditLogFile {
  std::filesystem::path path;
  const crypto::SecretBytes* key = nullptr;
};

// The tokens the store's index holds for the record, as lower-case hex.
Result<std::set<std::string>> RecordTokensHex(store::Store& store, std::string_view export_kind,
                                              std::string_view ref);

// The entries of the log naming one of `tokens_hex`, in log order; nullopt when there is no log
// (an empty path or no file). Errors of audit::ForEachEntry.
Result<std::optional<std::vector<audit::StoredEntry>>> EntriesNaming(
    const AuditLogFile& log, const std::set<std::string>& tokens_hex);

struct Recipient {
  std::string node;
  // Exchanges that told the node something about the person: this node's answers to its
  // requests (a match, fields disclosed) and this node's own requests naming the person.
  std::int64_t exchanges = 0;
  protocol::Seconds last;
};

// The recipients of `entries`, by node id: the answered requests (`exchange-in`, outcome `ok`)
// and the requests sent (`exchange-out`). Refused requests told the peer nothing and are left
// out, as are entries of other kinds.
std::vector<Recipient> RecipientsIn(std::span<const audit::StoredEntry> entries);

// RecordTokensHex, EntriesNaming and RecipientsIn together: nullopt when there is no log.
Result<std::optional<std::vector<Recipient>>> RecipientsOfRecord(store::Store& store,
                                                                 const AuditLogFile& log,
                                                                 std::string_view export_kind,
                                                                 std::string_view ref);

}  // namespace tandem::node::importer
