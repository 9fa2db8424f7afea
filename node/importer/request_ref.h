// The controller's reference for a data subject's request (an erasure, a subject access), as it
// goes into the audit log: the log names the request, never the person, so the reference must
// not carry the record's own reference. Pure; thread-safe.
#pragma once

#include <string_view>

#include "core/result.h"

namespace tandem::node::importer {

// kInvalidArgument unless `request_ref` is 1-64 of A-Z a-z 0-9 . _ / - and does not contain
// `record_ref`.
Status CheckRequestRef(std::string_view request_ref, std::string_view record_ref);

}  // namespace tandem::node::importer
