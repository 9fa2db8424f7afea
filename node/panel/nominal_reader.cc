#include "node/panel/nominal_reader.h"

#include "node/panel/occurrence_reader.h"
#include "node/tokens/identity_json.h"

namespace tandem::node::panel {

Result<std::optional<NominalFacts>> ReadNominalFacts(store::Store& store,
                                                     std::string_view nominal_ref) {
  auto record = store.GetRecord(kNominalsExport, nominal_ref);
  if (!record) return tl::unexpected(record.error());
  if (!*record) return std::optional<NominalFacts>();
  auto identity = tokens::ParseStoredIdentity((*record)->identity);
  if (!identity) {
    return Fail(Code::kCorruption,
                "stored nominal " + (*record)->ref +
                    ": the identity cannot be read: " + identity.error().message);
  }
  return std::optional<NominalFacts>(NominalFacts{identity->dob, identity->district});
}

}  // namespace tandem::node::panel
