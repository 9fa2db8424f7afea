// One audit log entry: the record of one processing operation that the Data Protection Act
// 2018 s.62 requires (who, what processing, when, the justification — purpose and the ISA id,
// version and clause — and the recipient), plus exchange details for cross-checking with the
// peer's log. Identifiers of people never appear: subjects are named by hex OPRF tokens only,
// and `fields` names the fields disclosed, never their values.
//
// An entry is stored and hashed as its RFC 8785 canonical JSON (docs/audit-log.md, "Entry
// format"); EncodeEntry and DecodeEntry are the two directions. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "protocol/timestamp.h"

namespace tandem::node::audit {

struct AuditEntry {
  std::string kind;        // "exchange-in", "exchange-out", "oprf-partial", "disclosure", ...
  std::string actor;       // who: peer node id, or local role
  std::string processing;  // "consultation", "disclosure", "combination", ...
  protocol::Seconds at;
  std::string purpose, isa_id;
  std::int64_t isa_version = 0;
  std::string isa_clause;
  std::string recipient;
  std::string peer, message_id, nonce;  // for exchanges ("" otherwise)
  std::string request_sha256, response_sha256;
  std::vector<std::string> subject_tokens;  // hex, for the DPO filter
  std::vector<std::string> fields;          // field names disclosed (never values)
  std::string outcome;                      // "ok" or the error code

  bool operator==(const AuditEntry&) const = default;
};

// The version written in every entry's "v" member.
inline constexpr std::int64_t kEntryFormatVersion = 1;

// kInvalidArgument, naming the field, unless: kind, actor, processing and outcome are
// non-empty; every string is valid UTF-8 of at most 1024 bytes; `at` is within years
// 1970..9999; isa_version is 0..2^53-1; request/response_sha256 are empty or 64 lower-case hex
// digits; each subject token is a non-empty even-length string of lower-case hex digits; at
// most 1024 tokens and 1024 fields.
Status ValidateEntry(const AuditEntry& entry);

// The canonical JSON bytes of a valid entry (the Merkle leaf data). Errors of ValidateEntry.
Result<std::string> EncodeEntry(const AuditEntry& entry);

// The entry whose canonical JSON is `data`. kInvalidArgument naming the member when `data` is
// not a JSON object of exactly the entry's members with valid values, or not in canonical form
// (so EncodeEntry(DecodeEntry(d)) == d for every accepted d).
Result<AuditEntry> DecodeEntry(std::string_view data);

}  // namespace tandem::node::audit
