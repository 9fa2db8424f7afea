#include "node/runtime/eval_wiring.h"

#include "node/panel/delivered_interventions.h"
#include "node/panel/nominal_reader.h"
#include "node/panel/occurrence_reader.h"

namespace tandem::node::runtime {
namespace {

constexpr std::string_view kNominals = "police_nominals";

}  // namespace

endpoints::DeliveredInterventionLookup DeliveredFromJournal(endpoints::SharedStore& store) {
  return [&store](const endpoints::HandleTarget& target)
             -> Result<std::vector<endpoints::DeliveredIntervention>> {
    auto delivered = store.With(
        [&](store::Store& s) { return panel::DeliveredFor(s, target.export_kind, target.ref); });
    if (!delivered) return tl::unexpected(delivered.error());
    std::vector<endpoints::DeliveredIntervention> out;
    for (const panel::DeliveredIntervention& d : *delivered) {
      out.push_back({d.intervention_id, d.started_on, d.ended_on, d.completed});
    }
    return out;
  };
}

eval::SubjectFactsLookup NominalFactsFromStore(endpoints::SharedStore& store) {
  return [&store](const std::string& subject_key) -> Result<std::optional<eval::SubjectFacts>> {
    auto facts =
        store.With([&](store::Store& s) { return panel::ReadNominalFacts(s, subject_key); });
    if (!facts) return tl::unexpected(facts.error());
    if (!*facts) return std::optional<eval::SubjectFacts>();
    return std::optional<eval::SubjectFacts>(
        eval::SubjectFacts{(*facts)->date_of_birth, (*facts)->postcode_district});
  };
}

std::unique_ptr<EvalApi> MakeEvalApi(const EvalWiring& wiring) {
  EvalApiContext context;
  context.self = wiring.self;
  context.policy = wiring.policy;
  context.identity = wiring.identity;
  context.clock = wiring.clock;
  if (wiring.panel != nullptr) {
    context.panel = [panel = wiring.panel](const auto& read) { return panel->Read(read); };
    context.offences = &wiring.panel->offences();
  }
  context.occurrences = [store = wiring.store] {
    return store->With([](store::Store& s) { return panel::ReadAllOccurrences(s); });
  };
  if (wiring.store != nullptr) context.subject_facts = NominalFactsFromStore(*wiring.store);
  context.budget_store = wiring.store;  // the privacy-budget ledger persists in the store
  if (wiring.matching) {
    // Under hhpp-evaluation-match (clause 6.2), not the referral purpose.
    context.partner_matches = EvaluationMatcher(*wiring.matching, std::string(kNominals));
    context.call = eval::PeerEvaluationCall(*wiring.peers);
  }
  return std::make_unique<EvalApi>(std::move(context));
}

}  // namespace tandem::node::runtime
