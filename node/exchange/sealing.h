// Building the envelopes this node sends: a fresh message id and nonce, `created` from the
// node's clock and `expires` one envelope lifetime later, signed with the node's identity key.
// Used for requests (outbound) and for every answer (inbound). Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "node/exchange/exchange_context.h"
#include "protocol/envelope.h"

namespace tandem::node::exchange {

struct SealedMessage {
  protocol::EnvelopeHeader header;
  std::string wire;
};

// Errors: kInvalidArgument for a name outside the envelope grammar or a body that is not a JSON
// object within the limits.
Result<SealedMessage> SealMessage(const ExchangeContext& context, const protocol::IsaRef& isa,
                                  std::string_view to, std::string_view purpose,
                                  std::string_view kind, std::string_view body_json);

// The kind of the answer to a message of `kind`: "<kind>-reply".
std::string ReplyKind(std::string_view kind);

// The peer-listener path a message of `kind` is posted to: "/v1/messages/<kind>".
std::string MessagePath(std::string_view kind);

}  // namespace tandem::node::exchange
