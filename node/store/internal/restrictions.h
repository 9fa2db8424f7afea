// The store's restrictions of processing (schema step 7): rows naming a record that is kept but
// not processed. The reads a node processes with (a record by reference, every record of a kind,
// a token lookup) add kUnrestrictedRecord to their WHERE clause; storage, subject access and the
// token index builder read without it. Not thread-safe, like the connection it is given.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "node/store/store.h"

struct sqlite3;

namespace tandem::node::store::internal {

// The schema step that adds the restrictions table.
inline constexpr int kRestrictionsSchemaVersion = 7;

// True for a row `r` of `records` that no restriction names: neither the record itself nor, for
// a police occurrence, the nominal it names (person_ref).
inline constexpr std::string_view kUnrestrictedRecord =
    "NOT EXISTS (SELECT 1 FROM restrictions x WHERE (x.export_kind = r.export_kind AND x.ref = "
    "r.ref) OR (r.export_kind = 'police_occurrences' AND x.export_kind = 'police_nominals' AND "
    "x.ref = r.person_ref))";

// kInvalidArgument when the record is already restricted.
Status InsertRestriction(sqlite3* db, const Restriction& restriction);
Result<std::optional<Restriction>> ReadRestriction(sqlite3* db, std::string_view export_kind,
                                                   std::string_view ref);
// kNotFound when the record is not restricted.
Status DeleteRestriction(sqlite3* db, std::string_view export_kind, std::string_view ref);
// Every restriction, by export kind and reference.
Result<std::vector<Restriction>> ReadRestrictions(sqlite3* db);

}  // namespace tandem::node::store::internal
