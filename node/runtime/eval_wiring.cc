#include "node/runtime/eval_wiring.h"

#include "node/panel/delivered_interventions.h"
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

std::unique_ptr<EvalApi> MakeEvalApi(const EvalWiring& wiring) {
  EvalApiContext context;
  context.self = wiring.self;
  context.policy = wiring.policy;
  context.identity = wiring.identity;
  context.clock = wiring.clock;
  if (wiring.panel != nullptr) {
    context.panel = [panel = wiring.panel](const auto& read) { return panel->Read(read); };
  }
  context.occurrences = [store = wiring.store] {
    return store->With([](store::Store& s) { return panel::ReadAllOccurrences(s); });
  };
  if (wiring.matching) {
    context.partner_handles = [matching = *wiring.matching](const std::string& subject_key) {
      std::vector<eval::PartnerHandle> handles;
      auto tokens = TokeniseRecord(*matching.store, *matching.tokeniser, kNominals, subject_key);
      if (!tokens) return handles;  // a person the node cannot match has no partner rows
      for (const PartnerMatch& match : MatchAcrossPartners(matching, *tokens)) {
        if (match.matched()) handles.push_back({match.node, match.handle});
      }
      return handles;
    };
    context.call = eval::PeerEvaluationCall(*wiring.peers);
  }
  return std::make_unique<EvalApi>(std::move(context));
}

}  // namespace tandem::node::runtime
