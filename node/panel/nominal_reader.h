// What the evaluation may know of a police nominal (export `police_nominals`) from the police
// node's store: the date of birth, only so that an age band can be worked out, and the postcode
// district (the outward code, "DT1"). The full postcode, names and other identifiers are not
// returned. Read from the normalised identity the importer stored with the record. Not
// thread-safe: the caller holds the store (SharedStore).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "node/store/store.h"

namespace tandem::node::panel {

struct NominalFacts {
  std::optional<core::Date> date_of_birth;  // nullopt when the export gave none
  std::string postcode_district;            // "DT1"; empty when the export gave no postcode
};

// The facts of nominal `nominal_ref`; nullopt when the store holds no such nominal.
// kCorruption naming the reference when the stored identity cannot be read; the store's errors.
Result<std::optional<NominalFacts>> ReadNominalFacts(store::Store& store,
                                                     std::string_view nominal_ref);

}  // namespace tandem::node::panel
