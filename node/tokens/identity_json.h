// Reads back the normalised identity that the importer stores as JSON (the form written by
// node/importer/internal/record_encoding.cc), so that match keys can be derived from stored
// records. Free functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "agency-adapters/record.h"
#include "core/date.h"
#include "core/result.h"

namespace tandem::node::tokens {

// kCorruption when the text is not the stored identity form (the message names the field,
// never a value).
Result<adapters::Identity> ParseStoredIdentity(std::string_view json);

// The referral date of a stored victim-advocacy record's fields (the date its estimated age
// was given); nullopt when absent. kCorruption when the fields are not a JSON object.
Result<std::optional<core::Date>> StoredReferralDate(std::string_view fields_json);

}  // namespace tandem::node::tokens
