// The receiving side of the node-to-node protocol (docs/protocol.md, "Verification order"): the
// Handler of the peer listener. For POST /v1/messages/<kind> it checks, in order and stopping at
// the first failure:
//   1. the body is an envelope whose kind is the path's, addressed to this node;
//   2. the mutually authenticated TLS peer is the envelope's sender;
//   3. the envelope is under the ISA in force (id and version);
//   4. signature and freshness (protocol::Open, with the sender's key from the ISA);
//   5. the nonce was not seen before (NonceCache, rebuilt from the audit log after a restart);
//   6. the ISA has a clause that lets the sender send this kind to this node for the purpose;
//   7. the sender's daily quota for the purpose (429 with Retry-After when used up);
// then runs the kind's handler, appends the exchange to the audit log (durably) and answers
// with an envelope signed by this node that carries the audit receipt. Every answer, refusals
// included, is a signed envelope; refusals after step 5 are audited too.
//
// Thread-safe: Handle may run on many threads at once.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "node/exchange/exchange_context.h"
#include "node/net/http_message.h"
#include "protocol/envelope.h"
#include "protocol/isa.h"

namespace tandem::node::exchange {

struct InboundCall {
  const protocol::Envelope& envelope;  // verified
  const protocol::IsaClause& clause;   // the clause that allowed it
  const isa::IsaPolicy& policy;        // the ISA in force for this request
};

struct HandlerOutput {
  std::string result_json;                  // a JSON object: the answer's "result"
  std::vector<std::string> subject_tokens;  // hex tokens of the people concerned, for the DPO
  std::vector<std::string> fields;          // names of the fields disclosed, never values
};

// A handler's error becomes the answer's "error" (its code and message go to the peer, so a
// message must not carry identifiers).
using KindHandler = std::function<Result<HandlerOutput>(const InboundCall&)>;

struct KindRoute {
  std::string kind;        // message kind, e.g. "match-query"
  std::string processing;  // the audit entry's kind of processing, e.g. "consultation"
  KindHandler handler;
};

class InboundPipeline {
 public:
  InboundPipeline(ExchangeContext context, std::vector<KindRoute> routes);

  net::HttpResponse Handle(const net::HttpRequest& request) const;

 private:
  net::HttpResponse Answer(const protocol::EnvelopeHeader* request, const Error* error,
                           const std::string* result_json,
                           const audit::AuditReceipt* receipt) const;

  ExchangeContext context_;
  std::map<std::string, KindRoute, std::less<>> routes_;
};

}  // namespace tandem::node::exchange
