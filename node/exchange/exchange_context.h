// What both directions of the node-to-node exchange share: this node's identity, the ISA in
// force, the replay and quota state, the audit log, metrics and the clock. The node runtime
// owns every object pointed to and keeps it alive while the pipeline runs.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "crypto/signing.h"
#include "node/audit/audit_log.h"
#include "node/exchange/current_policy.h"
#include "node/exchange/nonce_cache.h"
#include "node/isa/quota_counter.h"
#include "node/runtime/metrics.h"
#include "protocol/envelope.h"
#include "protocol/timestamp.h"

namespace tandem::node::exchange {

struct ExchangeContext {
  std::string self;  // this node's id in the ISA
  const crypto::SigningKey* signing_key = nullptr;
  CurrentPolicy* policy = nullptr;
  NonceCache* nonces = nullptr;
  isa::QuotaCounter* quotas = nullptr;
  audit::AuditLog* audit = nullptr;
  runtime::Metrics* metrics = nullptr;
  std::function<protocol::Seconds()> clock;
  protocol::OpenPolicy open_policy;
  // Lifetime of the envelopes this node seals (at most open_policy.max_lifetime).
  std::chrono::seconds envelope_lifetime{120};
};

// How long a (sender, nonce) pair must be remembered: until an envelope created now could no
// longer pass the freshness check.
inline std::chrono::seconds ReplayHorizon(const protocol::OpenPolicy& policy) {
  return policy.max_lifetime + 2 * policy.max_clock_skew;
}

}  // namespace tandem::node::exchange
