// The sending side of the node-to-node protocol: PeerExchange::Call sends one message to a
// partner under the ISA in force and returns the verified answer. In order:
//   1. the ISA must allow this node to send `kind` to the peer for `purpose` (checked before
//      anything leaves: deny by default);
//   2. the request is sealed and its "exchange-out" entry is queued in this node's audit log
//      BEFORE it is sent, so its place in the log precedes anything the answer causes;
//   3. it is posted over mutual TLS to the peer's listener from the ISA, pinned to the peer's
//      certificate, on a pooled keep-alive connection, while the log commits the entry;
//   4. the answer is checked while that entry commits, but nothing is done with it until the
//      entry is durable (if it cannot be recorded the call fails, whatever the peer said), so
//      an exchange the caller sees acknowledged is never missing from this side;
//   5. the answer must be an envelope from the peer to this node, in reply to this request,
//      signed with the peer's ISA key and fresh; its "result" is returned, or its "error" as an
//      Error with the peer's code;
//   6. the answer is recorded too ("exchange-reply", durably, with the peer's receipt); the
//      answer is returned only once it is (kUnavailable otherwise).
//
// The call works under the ISA in force when it starts (CurrentPolicy snapshot) to its end, even
// if a newer one is put in force meanwhile.
//
// Thread-safe: calls to different or the same peers may run concurrently (up to
// `connections_per_peer` at once per peer; more wait).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "node/exchange/exchange_context.h"
#include "node/net/peer_client.h"
#include "node/net/tls_context.h"

namespace tandem::node::exchange {

struct PeerAnswer {
  std::string result_json;             // the answer's "result" object
  std::string receipt_json;            // the peer's audit receipt {"log","leaf_index","leaf_hash"}
  std::uint64_t local_leaf_index = 0;  // this node's "exchange-reply" entry
};

class PeerExchange {
 public:
  PeerExchange(ExchangeContext context, net::TlsFiles tls, net::ClientOptions options,
               std::size_t connections_per_peer = 4);
  ~PeerExchange();
  PeerExchange(const PeerExchange&) = delete;
  PeerExchange& operator=(const PeerExchange&) = delete;

  // Errors: kPermissionDenied when the ISA does not allow the message (nothing is sent);
  // kUnavailable when the peer cannot be reached or did not answer (the message names the peer
  // and the reason); kUnauthenticated when the answer is not a valid envelope from the peer;
  // otherwise the code and message of the peer's signed refusal. `subject_tokens` go into this
  // node's audit entries.
  Result<PeerAnswer> Call(std::string_view peer, std::string_view purpose, std::string_view kind,
                          std::string_view body_json,
                          const std::vector<std::string>& subject_tokens = {},
                          std::optional<std::chrono::seconds>* retry_after = nullptr);

  // Closes the pooled connections of parties that `policy` no longer lists with the same
  // endpoint and certificate pin (after a new ISA was put in force); calls in flight keep the
  // connection they borrowed until they finish.
  void ForgetPoolsOutside(const isa::IsaPolicy& policy);

 private:
  class Pool;
  Result<std::shared_ptr<Pool>> PoolFor(const protocol::IsaParty& party);

  ExchangeContext context_;
  net::TlsFiles tls_;
  net::ClientOptions options_;
  std::size_t connections_per_peer_;
  std::mutex pools_mutex_;
  std::map<std::string, std::shared_ptr<Pool>> pools_;  // by PoolKey: "node id|endpoint|pin"
};

}  // namespace tandem::node::exchange
