#include "node/exchange/outbound.h"

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

#include "crypto/digest.h"
#include "node/exchange/sealing.h"

namespace tandem::node::exchange {
namespace {

// "host:port" or "[v6]:port" from the ISA.
Result<std::pair<std::string, std::uint16_t>> SplitEndpoint(std::string_view endpoint) {
  const auto colon = endpoint.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Fail(Code::kInvalidArgument,
                "ISA endpoint '" + std::string(endpoint) + "' is not host:port");
  }
  std::string_view host = endpoint.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string_view port_text = endpoint.substr(colon + 1);
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    return Fail(Code::kInvalidArgument,
                "ISA endpoint '" + std::string(endpoint) + "' has no valid port");
  }
  return std::pair{std::string(host), static_cast<std::uint16_t>(port)};
}

std::string PoolKey(const protocol::IsaParty& party) {
  return party.id.value() + "|" + party.endpoint + "|" + party.cert_sha256;
}

Code CodeFromName(std::string_view name) {
  constexpr std::array kCodes = {
      Code::kInvalidArgument, Code::kNotFound,    Code::kPermissionDenied,  Code::kUnauthenticated,
      Code::kCorruption,      Code::kUnavailable, Code::kResourceExhausted, Code::kInternal};
  for (const Code code : kCodes) {
    if (CodeName(code) == name) return code;
  }
  return Code::kInternal;
}

}  // namespace

// A fixed number of keep-alive clients to one peer; a caller borrows one for a call.
class PeerExchange::Pool {
 public:
  explicit Pool(std::vector<std::unique_ptr<net::PeerClient>> clients)
      : clients_(std::move(clients)) {
    for (auto& client : clients_) free_.push_back(client.get());
  }
  net::PeerClient* Borrow() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !free_.empty(); });
    net::PeerClient* client = free_.back();
    free_.pop_back();
    return client;
  }
  void Return(net::PeerClient* client) {
    {
      std::lock_guard lock(mutex_);
      free_.push_back(client);
    }
    available_.notify_one();
  }

 private:
  std::vector<std::unique_ptr<net::PeerClient>> clients_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<net::PeerClient*> free_;
};

PeerExchange::PeerExchange(ExchangeContext context, net::TlsFiles tls, net::ClientOptions options,
                           std::size_t connections_per_peer)
    : context_(std::move(context)),
      tls_(std::move(tls)),
      options_(options),
      connections_per_peer_(connections_per_peer == 0 ? 1 : connections_per_peer) {}

PeerExchange::~PeerExchange() = default;

Result<std::shared_ptr<PeerExchange::Pool>> PeerExchange::PoolFor(const protocol::IsaParty& party) {
  const std::string key = PoolKey(party);
  std::lock_guard lock(pools_mutex_);
  if (auto it = pools_.find(key); it != pools_.end()) return it->second;
  auto endpoint = SplitEndpoint(party.endpoint);
  if (!endpoint) return tl::unexpected(endpoint.error());
  std::vector<std::unique_ptr<net::PeerClient>> clients;
  for (std::size_t i = 0; i < connections_per_peer_; ++i) {
    auto client = net::PeerClient::Create(
        tls_,
        net::PeerEndpoint{party.id.value(), endpoint->first, endpoint->second, party.cert_sha256},
        options_);
    if (!client) return tl::unexpected(client.error());
    clients.push_back(std::move(*client));
  }
  auto [it, inserted] = pools_.emplace(key, std::make_shared<Pool>(std::move(clients)));
  return it->second;
}

void PeerExchange::ForgetPoolsOutside(const isa::IsaPolicy& policy) {
  std::set<std::string> current;
  for (const protocol::IsaParty& party : policy.isa().parties) current.insert(PoolKey(party));
  std::lock_guard lock(pools_mutex_);
  std::erase_if(pools_, [&](const auto& pool) { return !current.contains(pool.first); });
}

Result<PeerAnswer> PeerExchange::Call(std::string_view peer, std::string_view purpose,
                                      std::string_view kind, std::string_view body_json,
                                      const std::vector<std::string>& subject_tokens,
                                      std::optional<std::chrono::seconds>* retry_after) {
  const auto policy = context_.policy->Get();
  const protocol::Isa& isa = policy->isa();
  const protocol::Seconds now = context_.clock();
  auto clause = policy->Allows(context_.self, peer, purpose, kind, now);
  if (!clause) return tl::unexpected(clause.error());
  const protocol::IsaParty* party = policy->Party(peer);
  if (party == nullptr) return Fail(Code::kPermissionDenied, "the peer is not a party to the ISA");
  auto pool = PoolFor(*party);
  if (!pool) return tl::unexpected(pool.error());

  auto sealed =
      SealMessage(context_, protocol::IsaRef{isa.id, isa.version}, peer, purpose, kind, body_json);
  if (!sealed) return tl::unexpected(sealed.error());

  audit::AuditEntry entry;
  entry.kind = "exchange-out";
  entry.actor = context_.self;
  entry.processing = "request";
  entry.at = now;
  entry.purpose = std::string(purpose);
  entry.isa_id = isa.id.value();
  entry.isa_version = isa.version;
  entry.isa_clause = (*clause)->id;
  entry.recipient = std::string(peer);
  entry.peer = std::string(peer);
  entry.message_id = sealed->header.id.Hex();
  entry.nonce = sealed->header.nonce.Hex();
  entry.request_sha256 = crypto::Sha256Hex(sealed->wire);
  entry.subject_tokens = subject_tokens;
  entry.outcome = "sent";
  auto request_logged = context_.audit->Enqueue(entry);
  if (!request_logged) {
    return Fail(Code::kUnavailable,
                "the request could not be recorded in the audit log, so it was not sent: " +
                    request_logged.error().message);
  }

  net::PeerClient* client = (*pool)->Borrow();
  auto reply = client->Post(MessagePath(kind), sealed->wire);
  (*pool)->Return(client);

  // The answer is checked while the request's entry may still be committing; nothing is done
  // with it (nothing recorded, nothing returned) until that entry is durable.
  entry.kind = "exchange-reply";
  entry.at = context_.clock();
  Result<PeerAnswer> answer = [&]() -> Result<PeerAnswer> {
    if (!reply) return tl::unexpected(reply.error());
    if (retry_after != nullptr) *retry_after = reply->retry_after;
    entry.response_sha256 = crypto::Sha256Hex(reply->body);
    auto envelope =
        protocol::Open(reply->body, party->signing_key, context_.clock(), context_.open_policy);
    if (!envelope) {
      return Fail(Code::kUnauthenticated,
                  "the answer of '" + party->id.value() + "' (HTTP " +
                      std::to_string(reply->status) +
                      ") is not a valid signed envelope: " + envelope.error().message);
    }
    const protocol::EnvelopeHeader& header = envelope->header;
    const auto body = nlohmann::json::parse(envelope->body, nullptr, false);
    if (header.from.value() == party->id.value() && header.kind.value() == "error" &&
        body.is_object() && !body.contains("in_reply_to") && body.contains("error")) {
      // The peer refused the request before it could trust its header (docs/protocol.md,
      // "Answers"): still a refusal it signed, so its code and reason are the caller's to see.
      const auto& error = body["error"];
      return Fail(CodeFromName(error.value("code", "internal")),
                  "'" + party->id.value() + "' refused: " + error.value("message", ""));
    }
    if (header.from.value() != party->id.value() || header.to.value() != context_.self ||
        !body.is_object() || !body.contains("in_reply_to") ||
        body["in_reply_to"] != sealed->header.id.Hex()) {
      return Fail(Code::kUnauthenticated, "the answer of '" + party->id.value() +
                                              "' is not addressed to this node in reply to "
                                              "this request");
    }
    if (body.contains("error")) {
      const auto& error = body["error"];
      const std::string code = error.value("code", "internal");
      const std::string message = error.value("message", "");
      return Fail(CodeFromName(code), "'" + party->id.value() + "' refused: " + message);
    }
    if (!body.contains("result") || !body["result"].is_object() || !body.contains("receipt")) {
      return Fail(Code::kUnauthenticated,
                  "the answer of '" + party->id.value() + "' has no result and receipt");
    }
    return PeerAnswer{body["result"].dump(), body["receipt"].dump(), 0};
  }();

  if (auto out_receipt = (*request_logged)->Wait(); !out_receipt) {
    // The peer may have answered, but an exchange this log does not hold is not acknowledged.
    answer = Fail(Code::kUnavailable, "the request was sent to '" + party->id.value() +
                                          "' but could not be recorded in the audit log, so "
                                          "its answer is not used: " +
                                          out_receipt.error().message);
  }
  // Whatever came back (or did not) is recorded against the request.
  entry.outcome = answer ? "ok" : std::string(CodeName(answer.error().code));
  auto logged = context_.audit->Append(entry);
  if (answer && !logged) {
    answer = Fail(Code::kUnavailable,
                  "the answer of '" + party->id.value() +
                      "' could not be recorded in the audit log: " + logged.error().message);
  } else if (answer) {
    answer->local_leaf_index = logged->leaf_index;
  }
  context_.metrics->Increment("tandem_peer_calls_total",
                              {{"peer", party->id.value()}, {"outcome", entry.outcome}});
  return answer;
}

}  // namespace tandem::node::exchange
