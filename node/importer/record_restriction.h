// Restricting the processing of one named record on request (docs/store.md, "Restriction of
// processing"): while a data subject contests the record's accuracy, or where the record must be
// kept as evidence instead of being erased (DPA 2018 s.47(2)-(4), UK GDPR Art. 18). The record
// stays in the store, and a re-import still updates it, but the node no longer matches it,
// discloses it, ranks it or counts it (store::Restricted); for a police nominal the same holds
// for the occurrences naming it. Placing and lifting a restriction each queue a `restriction`
// audit entry naming the controller's reference for the request, never the record, in the
// transaction of the change. Free functions; the store is the caller's (thread-compatible).
#pragma once

#include <cstdint>

#include "core/result.h"
#include "node/importer/record_request.h"
#include "node/store/store.h"

namespace tandem::node::importer {

struct RestrictionReport {
  std::int64_t occurrences = 0;  // police occurrences naming a restricted nominal
  // Referrals in this node's panel book naming a restricted nominal: its case packs are then
  // withheld from the panel (panel::SubjectRestricted).
  int panel_referrals = 0;
};

// Errors: kInvalidArgument (a malformed request reference, or one containing the record's
// reference; a record already restricted), kNotFound (no such record), the store's and the
// panel journal's errors.
// Nothing is changed on any error.
Result<RestrictionReport> RestrictRecord(store::Store& store, const RecordRequest& request);

// Lifts the record's restriction (the record need no longer be held) and returns it. Errors:
// kInvalidArgument (the request reference), kNotFound (no restriction of that record), the
// store's errors. Nothing is changed on any error.
Result<store::Restriction> LiftRestriction(store::Store& store, const RecordRequest& request);

}  // namespace tandem::node::importer
