#include "node/endpoints/oprf_route.h"

#include "node/endpoints/oprf_codec.h"

namespace tandem::node::endpoints {

exchange::KindRoute OprfRoute(const crypto::KeyShare& share) {
  return {"oprf-evaluate", "oprf-partial-evaluation",
          [&share](const exchange::InboundCall& call) -> Result<exchange::HandlerOutput> {
            auto request = DecodeOprfRequest(call.envelope.body);
            if (!request) return tl::unexpected(request.error());
            if (request->epoch != share.epoch()) {
              return Fail(Code::kInvalidArgument, "this holder's share is of epoch " +
                                                      std::to_string(share.epoch()) + ", not " +
                                                      std::to_string(request->epoch));
            }
            auto partial = share.PartialEvaluate(request->elements);
            if (!partial) return tl::unexpected(partial.error());
            return exchange::HandlerOutput{EncodePartialEvaluation(*partial), {}, {}};
          }};
}

}  // namespace tandem::node::endpoints
