// How a node puts the evaluation together from its parts: the partners' side reads delivered
// interventions from the node's journal (node/panel/delivered_interventions.h), and the
// coordinator's evaluator routes read the panel service (with its offender manager
// allocations), the stored police occurrences and nominal facts and, when the node can match
// (it holds a key share), the partners' handles for each adopted person from a fresh match
// query. Everything passed is borrowed and must outlive the result.
#pragma once

#include <memory>
#include <optional>

#include "node/endpoints/evaluation_route.h"
#include "node/endpoints/shared_store.h"
#include "node/panel/panel_service.h"
#include "node/runtime/eval_api.h"
#include "node/runtime/partner_match.h"

namespace tandem::node::runtime {

// Delivered interventions of a matched record, from the store's journal.
endpoints::DeliveredInterventionLookup DeliveredFromJournal(endpoints::SharedStore& store);

// The date of birth and postcode district of a police nominal, from the stored record
// (panel::ReadNominalFacts), for the outcome set's age band and district.
eval::SubjectFactsLookup NominalFactsFromStore(endpoints::SharedStore& store);

struct EvalWiring {
  std::string self;
  exchange::CurrentPolicy* policy = nullptr;
  const crypto::SigningKey* identity = nullptr;
  const panel::PanelService* panel = nullptr;
  endpoints::SharedStore* store = nullptr;
  exchange::PeerExchange* peers = nullptr;
  std::optional<PartnerMatchContext> matching;  // absent: partners are not asked
  std::function<protocol::Seconds()> clock;
};

std::unique_ptr<EvalApi> MakeEvalApi(const EvalWiring& wiring);

}  // namespace tandem::node::runtime
