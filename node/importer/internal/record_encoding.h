// How a validated record is kept in the store: its fields as a JSON object in header order,
// its normalised identity as a JSON object (keys in a fixed order, unknown parts left out), and
// a content hash over both that tells a changed record from an unchanged one on re-import. The
// JSON is compact, so equal records are equal text. Free functions; thread-safe.
#pragma once

#include <string>

#include "agency-adapters/record.h"
#include "core/result.h"
#include "node/store/store.h"

namespace tandem::node::importer::internal {

struct EncodedRecord {
  std::string fields;
  std::string identity;  // empty when the record has none
  store::ContentHash content_hash{};
};

// kInvalidArgument when a value cannot be written as JSON (not UTF-8); the message names no
// value.
Result<EncodedRecord> EncodeRecord(const adapters::Record& record);

// The identity as JSON ("" for none). Exposed for tests.
std::string IdentityJson(const adapters::Identity& identity);

}  // namespace tandem::node::importer::internal
