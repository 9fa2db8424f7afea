// A running Tandem node: everything `tandem node run` starts, wired together. Start opens the
// data directory (store, audit log, identity key, the installed ISA, the OPRF key share and
// the match model when present), rebuilds the replay and quota state from the audit log, and
// serves two listeners: the peer listener (mutual TLS, pinned to the ISA's certificates, the
// signed-envelope pipeline of node/exchange/inbound.h) and the local listener (TLS, role-bound
// API tokens, node/runtime/local_api.h). A witnessing round asks every peer to co-sign this
// node's latest checkpoint every `witness_interval`. The audit entries that commands beside
// the node queued in its store are moved into its log at start and every `outbox_interval`, and
// received case-pack values past the ISA's retention are erased at start and every
// `retention_interval`.
//
// Thread-safety: the accessors may be used from any thread while the node runs; Stop once.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "node/audit/audit_log.h"
#include "node/exchange/isa_reloader.h"
#include "node/exchange/outbound.h"
#include "node/exchange/witnessing.h"
#include "node/runtime/config.h"
#include "node/runtime/metrics.h"
#include "protocol/timestamp.h"

namespace tandem::node::runtime {

inline constexpr char kPortsFileName[] = "ports.json";

struct NodeOptions {
  // The node's clock; default the system clock.
  std::function<protocol::Seconds()> clock;
  // How often the node asks its peers to co-sign its checkpoint; 0 = only when asked.
  std::chrono::seconds witness_interval{10};
  // How often the node moves the audit entries that local commands queued in its store (an
  // import, a key share change) into its log (node/runtime/audit_outbox.h); also at start.
  std::chrono::milliseconds outbox_interval{5000};
  // How often the node erases the case-pack values whose retention under the ISA ended
  // (node/panel/pack_retention.h); also at start.
  std::chrono::milliseconds retention_interval{std::chrono::hours(1)};
  // Told, in a sentence for the operator, what opening the data directory had to do first (a
  // key change that was interrupted, finished or undone). Unset: not told.
  std::function<void(std::string_view)> notice;
};

class Node {
 public:
  // Errors name what is missing or wrong: the store (kNotFound, kCorruption "wrong key"), the
  // identity key, the ISA (kNotFound "install one with tandem isa install"; kPermissionDenied
  // when this node is not a party or its identity key is not the one the ISA lists), the audit
  // log, the TLS files, the ports (kUnavailable).
  static Result<std::unique_ptr<Node>> Start(const NodeConfig& config, NodeOptions options = {});
  ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  const std::string& id() const;
  std::uint16_t peer_port() const;
  std::uint16_t local_port() const;

  exchange::PeerExchange& exchange();
  audit::AuditLog& audit();
  Metrics& metrics();

  // Re-reads isa.json and puts it in force when it is a valid newer version
  // (node/exchange/isa_reloader.h); otherwise the agreement in force stays and the error says
  // why. Also POST /v1/isa/reload (admin) and SIGHUP under `tandem node run`.
  Result<exchange::IsaReloaded> ReloadIsa();

  // Asks every other party to co-sign this node's latest checkpoint; one outcome per peer.
  // Rounds run one at a time (a caller waits for the round in progress).
  std::vector<exchange::WitnessOutcome> WitnessRound();

  // Stops the listeners (finishing in-flight requests) and the witnessing thread.
  void Stop();

 private:
  struct Impl;
  explicit Node(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tandem::node::runtime
