// A data subject's request about one record (an erasure, a restriction, a subject access), as
// the controller makes it and the audit log names it: the log names the request, never the
// person, so the request's reference must not carry the record's own reference. Pure;
// thread-safe.
#pragma once

#include <string>

#include "agency-adapters/record.h"
#include "core/result.h"
#include "protocol/timestamp.h"

namespace tandem::node::importer {

struct RecordRequest {
  adapters::ExportKind kind = adapters::ExportKind::kPoliceNominals;
  // The record's reference in its export.
  std::string ref;
  // The controller's reference for the request: 1-64 of A-Z a-z 0-9 . _ / -.
  std::string request_ref;
  protocol::Seconds at;
};

// kInvalidArgument unless the request reference is 1-64 of A-Z a-z 0-9 . _ / - and does not
// contain the record's reference.
Status CheckRecordRequest(const RecordRequest& request);

}  // namespace tandem::node::importer
