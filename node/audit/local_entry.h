// Audit entries for processing done on the node's own data rather than through an exchange: an
// import of an agency export (collection and alteration), the erasure of one record on request,
// a copy of what the node holds about one record for a subject access request, a restriction of
// one record's processing placed or lifted on request, a change of the node's OPRF key share
// (all by a command beside the node), the erasure of received data whose retention ended and a
// change of the agreement in force (by the node itself). The writer queues the entry in the
// store's audit outbox in the same transaction as the change, so the change and its record
// commit together or not at all; the node moves queued entries into its log
// (node/runtime/audit_outbox.h, docs/audit-log.md "Local processing"). Pure apart from the random
// id; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "protocol/timestamp.h"

namespace tandem::node::audit {

// Entry kinds of local processing.
inline constexpr std::string_view kImportKind = "import";
inline constexpr std::string_view kKeyChangeKind = "key-change";
inline constexpr std::string_view kRetentionKind = "retention";
inline constexpr std::string_view kIsaChangeKind = "isa-change";
inline constexpr std::string_view kErasureKind = "erasure";
inline constexpr std::string_view kSubjectAccessKind = "subject-access";
inline constexpr std::string_view kRestrictionKind = "restriction";

struct LocalChange {
  std::string_view kind;        // one of the kinds above
  std::string_view processing;  // what was done, with counts; never an identifier
  std::string_view sha256_hex;  // the digest that names the input (export file, public key)
  protocol::Seconds at;
  // Who did it; empty: the operator running the command (LocalOperator).
  std::string_view actor;
  // For processing an ISA governs (retention, an agreement change): the purpose (empty when
  // none) and the agreement in force.
  std::string_view purpose;
  std::string_view isa_id;
  std::int64_t isa_version = 0;
};

// The encoded entry (EncodeEntry) for `change`: actor as above, recipient "store", a fresh random
// message_id that tells a change logged twice after a crash from two changes, outcome "ok". Errors
// of EncodeEntry; kInternal when no random id can be had.
Result<std::string> EncodeLocalChange(const LocalChange& change);

// The login name of the user the process runs as ("uid N" when it has none).
std::string LocalOperator();

}  // namespace tandem::node::audit
