#include "node/panel/delivered_routes.h"

#include <nlohmann/json.hpp>

#include "node/net/http_error.h"
#include "node/panel/delivered_interventions.h"
#include "node/panel/delivered_request.h"

namespace tandem::node::panel {
using nlohmann::json;

runtime::LocalRoute DeliveredInterventionRoute(endpoints::SharedStore& store,
                                               const core::panel::InterventionCatalogue& catalogue,
                                               std::function<protocol::Seconds()> clock) {
  return {"POST",
          "/v1/interventions",
          {exchange::Role::kContributor},
          [&store, &catalogue, clock = std::move(clock)](const net::HttpRequest& request,
                                                         const exchange::ApiUser*) {
            auto item = DecodeDeliveredIntervention(request.body);
            if (!item) return net::ErrorResponse(item.error());
            auto at = protocol::FormatTimestamp(clock());
            if (!at) return net::ErrorResponse(at.error());
            auto recorded = store.With([&](store::Store& s) {
              return RecordDelivered(s, catalogue, std::move(*item), *at);
            });
            if (!recorded) return net::ErrorResponse(recorded.error());
            net::HttpResponse response;
            response.status = 201;
            response.body = json{{"id", recorded->id},
                                 {"intervention", recorded->intervention_id},
                                 {"category", recorded->category},
                                 {"civil_order", recorded->civil_order}}
                                .dump();
            return response;
          }};
}

}  // namespace tandem::node::panel
