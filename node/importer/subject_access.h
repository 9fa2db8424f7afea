// What this node holds about one person record, gathered for a data subject's request of access
// (DPA 2018 s.45 for law-enforcement processing, UK GDPR Art. 15 otherwise), docs/store.md
// "Subject access":
//  - the record as imported, and its normalised identity (what matching reads), restricted or
//    not, and the restriction of its processing when there is one;
//  - for a police nominal, the occurrences naming it;
//  - the interventions this node recorded as delivered to the person;
//  - for a police nominal at the coordinator, the panel cases whose subject it is (referrals,
//    triage, decisions, plans, actions, interventions, outcome), its entries in every ranking
//    run and every case-pack version of those cases, partners' contributions included (as
//    retention has left them);
//  - the entries of the node's audit log that name the person by one of the record's tokens:
//    the exchanges about them (match queries answered, fields disclosed and to whom, requests
//    made about them), and from them the recipients: who received their data
//    (record_recipients.h).
// The copy is for the data protection officer to review before anything is disclosed: it holds
// third parties' data (victims in occurrences, referrers, what partners contributed), to which
// the exemptions and restrictions of the Act apply. Gathering queues a `subject-access` audit
// entry naming the controller's reference for the request, never the record, in the same
// transaction as the reads. Free function; the store is the caller's (thread-compatible).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "node/importer/record_recipients.h"
#include "node/importer/record_request.h"
#include "node/store/store.h"

namespace tandem::node::importer {

inline constexpr char kSubjectAccessFormat[] = "tandem-subject-access-v1";

struct SubjectAccessRequest {
  RecordRequest record;
  // The node's audit log; an empty path or a missing file: none is read and the copy says so.
  AuditLogFile audit_log;
};

struct SubjectAccessCopy {
  // {"format", "request", "produced_at", "record", "records_naming_it",
  //  "delivered_interventions", "panel": {"cases", "ranking", "case_pack_versions"},
  //  "exchanges", "recipients": [{"node", "exchanges", "last"}], "notes"}
  nlohmann::json document;
  // What the audit entry says was copied, counts only: "1 police_nominals record, 2
  // police_occurrences naming it, 1 panel case, ...".
  std::string contents;
};

// The audit log is read first, outside the store's transaction, so that a long log does not
// hold the store's write lock from the node. Errors: kInvalidArgument (a malformed request
// reference, or one containing the record's reference), kNotFound (no such record; nothing is
// logged), kCorruption for a damaged panel journal or audit log entry, the store's and the audit
// log's errors. On any error no entry is queued.
Result<SubjectAccessCopy> GatherSubjectAccess(store::Store& store,
                                              const SubjectAccessRequest& request);

}  // namespace tandem::node::importer
