// Erasing one named record on request (docs/store.md, "Import"): a data subject's
// right to erasure (DPA 2018 s.47, UK GDPR Art. 17), or a record that should never have been
// imported. The record and its rows of the token index are deleted; for a police nominal also
// the occurrences naming it (as a full export that drops a nominal does) and, when it is a panel
// case's subject, the values partners contributed to the case packs about the person. An
// `erasure` audit entry naming the controller's reference for the request, never the record, is
// queued in the store's outbox: all in one transaction, so a crash leaves the record and no
// entry, or neither. An export that still holds the record brings it back on its next import:
// the agency removes it at source too. Free function; the store is the caller's
// (thread-compatible).
#pragma once

#include <cstdint>

#include "core/result.h"
#include "node/importer/record_request.h"
#include "node/store/store.h"

namespace tandem::node::importer {

struct ErasureRequest {
  RecordRequest record;
  // A police nominal that the panel book at this node names (a panel case's subject) is refused
  // unless this is set: its case would lose its record.
  bool even_if_on_the_panel = false;
};

struct ErasureReport {
  std::int64_t occurrences = 0;  // police occurrences naming an erased nominal, erased with it
  // A panel case's subject (erased `even_if_on_the_panel`): the case-pack versions about the
  // person whose partners' values were erased with the nominal (panel/pack_subject_erasure.h),
  // and how many values that was.
  std::int64_t pack_versions = 0;
  std::int64_t pack_values = 0;
};

// Errors: kInvalidArgument (a request reference that is malformed or contains the record's
// reference), kNotFound (no such record), kPermissionDenied (a panel case's subject, without
// `even_if_on_the_panel`), the store's and the panel journal's errors. Nothing is changed on
// any error.
Result<ErasureReport> EraseRecord(store::Store& store, const ErasureRequest& request);

}  // namespace tandem::node::importer
