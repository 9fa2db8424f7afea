// Putting a newly installed ISA in force on a running node (docs/isa.md, "Reloading"). Reload
// reads isa.json from the data directory again and, only when the document is fully signed, in
// force now, the same agreement id, a higher version than the one in force, lists this node and
// lists this node's own identity key, swaps in one step (under one lock) the node's policy
// (CurrentPolicy), the certificate pins of the peer listener (PeerPins), the daily quota limits
// (the day's counts are kept) and forgets the pooled connections of parties that left or
// changed (PeerExchange). A refused reload changes nothing: the old agreement stays in force.
//
// A request takes its policy snapshot when it starts, so exchanges in flight during a reload
// finish under the agreement they started with; everything that starts after Reload returns
// works, and is audited, under the new one.
//
// Thread-safe: reloads are serialised; they may run while requests are in flight. The objects
// pointed to are owned by the node runtime and must outlive the reloader.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>

#include "core/result.h"
#include "crypto/signing.h"
#include "node/exchange/current_policy.h"
#include "node/exchange/outbound.h"
#include "node/isa/quota_counter.h"
#include "node/net/tls_context.h"
#include "protocol/timestamp.h"

namespace tandem::node::exchange {

struct IsaReloaded {
  std::string id;
  std::int64_t version = 0;           // now in force
  std::int64_t replaced_version = 0;  // in force before the reload
};

class IsaReloader {
 public:
  struct Targets {
    std::filesystem::path data_dir;
    std::string self;  // this node's id in the ISA
    const crypto::VerifyingKey* identity = nullptr;
    CurrentPolicy* policy = nullptr;
    net::PeerPins* pins = nullptr;
    isa::QuotaCounter* quotas = nullptr;
    PeerExchange* peers = nullptr;  // may be null (no outbound connections to forget)
    std::function<protocol::Seconds()> clock;
    // Records the new agreement (node/isa/isa_history.h) once every check has passed and before
    // it is put in force; an error refuses the reload. May be empty (nothing is recorded).
    std::function<Status(const protocol::Isa&)> record;
  };

  explicit IsaReloader(Targets targets) : targets_(std::move(targets)) {}

  // Errors (the ISA in force is unchanged, and the message says which one stays):
  // kNotFound when isa.json is missing; kInvalidArgument when it does not parse, is another
  // agreement id, or its version is not higher than the one in force; kUnauthenticated when a
  // party's signature is missing or bad; kPermissionDenied when it is not in force now, when
  // this node is not a party, or when it lists another identity key for this node;
  // kUnavailable when the file cannot be read; the errors of `record`.
  Result<IsaReloaded> Reload();

 private:
  Targets targets_;
  std::mutex mutex_;
};

}  // namespace tandem::node::exchange
