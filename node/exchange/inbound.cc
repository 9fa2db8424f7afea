#include "node/exchange/inbound.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "crypto/digest.h"
#include "crypto/hex.h"
#include "node/exchange/sealing.h"
#include "node/net/http_error.h"

namespace tandem::node::exchange {
namespace {

constexpr std::string_view kPathPrefix = "/v1/messages/";
// Purpose and kind of answers to requests that could not be read or authenticated, which name
// no purpose this node can trust.
constexpr std::string_view kProtocolPurpose = "protocol";
constexpr std::string_view kErrorKind = "error";

std::string ErrorJson(const Error& error) {
  // Replace, not throw, on invalid UTF-8: a message may quote a peer's bytes.
  return nlohmann::json{{"code", CodeName(error.code)}, {"message", error.message}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

InboundPipeline::InboundPipeline(ExchangeContext context, std::vector<KindRoute> routes)
    : context_(std::move(context)) {
  for (KindRoute& route : routes) routes_.emplace(route.kind, std::move(route));
}

net::HttpResponse InboundPipeline::Answer(const protocol::EnvelopeHeader* request,
                                          const Error* error, const std::string* result_json,
                                          const audit::AuditReceipt* receipt) const {
  const auto policy = context_.policy->Get();
  // Written as text rather than built as a JSON tree: Seal parses and canonicalises it anyway,
  // and the result object goes in as the handler wrote it.
  std::string body = "{";
  const auto member = [&](std::string_view name) {
    if (body.size() > 1) body += ',';
    body += '"';
    body += name;
    body += "\":";
  };
  if (request != nullptr) {
    member("in_reply_to");
    body += '"' + request->id.Hex() + '"';
  }
  if (receipt != nullptr) {
    member("receipt");
    body += "{\"log\":" + nlohmann::json(context_.self).dump() +
            ",\"leaf_index\":" + std::to_string(receipt->leaf_index) + R"(,"leaf_hash":")" +
            crypto::EncodeHex(receipt->leaf_hash) + "\"}";
  }
  if (error != nullptr) {
    member("error");
    body += ErrorJson(*error);
  } else {
    member("result");
    body += *result_json;
  }
  body += '}';
  const protocol::IsaRef isa =
      request != nullptr ? request->isa : protocol::IsaRef{policy->isa().id, policy->isa().version};
  const std::string to = request != nullptr ? request->from.value() : std::string("unknown");
  const std::string purpose =
      request != nullptr ? request->purpose.value() : std::string(kProtocolPurpose);
  const std::string kind =
      request != nullptr ? ReplyKind(request->kind.value()) : std::string(kErrorKind);
  auto sealed = SealMessage(context_, isa, to, purpose, kind, body);
  if (!sealed) return net::ErrorResponse(Error{Code::kInternal, "could not sign the answer"});
  net::HttpResponse response;
  response.status = error != nullptr ? net::HttpStatusFor(error->code) : 200;
  response.body = std::move(sealed->wire);
  return response;
}

net::HttpResponse InboundPipeline::Handle(const net::HttpRequest& request) const {
  const auto started = std::chrono::steady_clock::now();
  const auto refuse = [&](const protocol::EnvelopeHeader* header, Code code, std::string message) {
    context_.metrics->Increment("tandem_peer_refusals_total",
                                {{"code", std::string(CodeName(code))}});
    const Error error{code, std::move(message)};
    return Answer(header, &error, nullptr, nullptr);
  };

  if (request.method != "POST" || !request.target.starts_with(kPathPrefix)) {
    return refuse(nullptr, Code::kNotFound,
                  "no such endpoint: peers POST envelopes to /v1/messages/<kind>");
  }
  const std::string_view path_kind = std::string_view(request.target).substr(kPathPrefix.size());
  auto header = protocol::PeekHeader(request.body);
  if (!header) return refuse(nullptr, Code::kInvalidArgument, header.error().message);
  if (header->kind.value() != path_kind) {
    return refuse(nullptr, Code::kInvalidArgument,
                  "the envelope's kind '" + header->kind.value() + "' is not the path's");
  }
  if (header->to.value() != context_.self) {
    return refuse(nullptr, Code::kInvalidArgument,
                  "the envelope is addressed to '" + header->to.value() + "', not to this node");
  }
  if (header->from.value() != request.peer) {
    return refuse(nullptr, Code::kUnauthenticated,
                  "the envelope's sender '" + header->from.value() +
                      "' is not the party whose certificate opened the connection");
  }
  const auto policy = context_.policy->Get();
  const protocol::Isa& isa = policy->isa();
  if (header->isa.id.value() != isa.id.value() || header->isa.version != isa.version) {
    return refuse(nullptr, Code::kPermissionDenied,
                  "the envelope is under ISA '" + header->isa.id.value() + "' version " +
                      std::to_string(header->isa.version) + "; this node works under '" +
                      isa.id.value() + "' version " + std::to_string(isa.version));
  }
  const protocol::IsaParty* sender = policy->Party(header->from.value());
  if (sender == nullptr) {
    return refuse(nullptr, Code::kUnauthenticated, "the sender is not a party to the ISA");
  }
  const protocol::Seconds now = context_.clock();
  auto envelope = protocol::Open(request.body, sender->signing_key, now, context_.open_policy);
  if (!envelope) return refuse(nullptr, envelope.error().code, envelope.error().message);
  const protocol::EnvelopeHeader& verified = envelope->header;
  const protocol::Seconds forget_after = verified.expires + context_.open_policy.max_clock_skew;
  if (auto fresh =
          context_.nonces->Remember(verified.from.value(), verified.nonce, forget_after, now);
      !fresh) {
    return refuse(&verified, fresh.error().code, fresh.error().message);
  }

  // From here on the request is authenticated: whatever happens is recorded in the audit log.
  audit::AuditEntry entry;
  entry.kind = "exchange-in";
  entry.actor = verified.from.value();
  entry.at = now;
  entry.purpose = verified.purpose.value();
  entry.isa_id = isa.id.value();
  entry.isa_version = isa.version;
  entry.recipient = verified.from.value();
  entry.peer = verified.from.value();
  entry.message_id = verified.id.Hex();
  entry.nonce = verified.nonce.Hex();
  entry.request_sha256 = crypto::Sha256Hex(request.body);

  std::optional<Error> error;
  std::optional<std::chrono::seconds> retry_after;
  std::string result_json;
  const auto route = routes_.find(verified.kind.value());
  entry.processing = route != routes_.end() ? route->second.processing : "none";
  auto clause = policy->Allows(verified.from.value(), context_.self, verified.purpose.value(),
                               verified.kind.value(), now);
  if (!clause) {
    error = clause.error();
  } else if (route == routes_.end()) {
    error = Error{Code::kNotFound, "this node does not handle '" + verified.kind.value() + "'"};
  } else {
    entry.isa_clause = (*clause)->id;
    const isa::QuotaCharge charge =
        context_.quotas->Charge(verified.from.value(), verified.purpose.value(), now);
    if (!charge) {
      error = charge.status.error();
      if (charge.retry_after.count() > 0) retry_after = charge.retry_after;
    } else {
      auto output = route->second.handler(InboundCall{*envelope, **clause, *policy});
      if (!output) {
        error = output.error();
      } else {
        result_json = std::move(output->result_json);
        entry.subject_tokens = std::move(output->subject_tokens);
        entry.fields = std::move(output->fields);
      }
    }
  }
  entry.outcome = error ? std::string(CodeName(error->code)) : "ok";
  entry.response_sha256 = crypto::Sha256Hex(error ? ErrorJson(*error) : result_json);
  auto receipt = context_.audit->Append(entry);
  if (!receipt) {
    // Nothing is acknowledged that the log does not hold.
    return refuse(&verified, Code::kUnavailable, "the exchange could not be recorded; try again");
  }
  // Label values come from the routes table, never straight from a peer's message.
  const std::string kind_label = route != routes_.end() ? route->first : "other";
  const std::string outcome_label = entry.outcome;
  context_.metrics->Increment("tandem_peer_requests_total",
                              {{"kind", kind_label}, {"outcome", outcome_label}});
  context_.metrics->Observe(
      "tandem_peer_request_seconds",
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
      {{"kind", kind_label}});
  net::HttpResponse response =
      Answer(&verified, error ? &*error : nullptr, error ? nullptr : &result_json, &*receipt);
  if (retry_after)
    response.headers.emplace_back("Retry-After", std::to_string(retry_after->count()));
  return response;
}

}  // namespace tandem::node::exchange
