// Seal and Open: canonical JSON + Ed25519 + freshness.
#include "protocol/envelope.h"

#include <span>
#include <string>
#include <utility>

#include "crypto/bytes.h"
#include "protocol/internal/envelope_codec.h"
#include "protocol/internal/json_tree.h"

namespace tandem::protocol {
namespace {

using crypto::Bytes;

std::string SignatureHex(const crypto::Ed25519Signature& sig) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sig.size());
  for (const std::uint8_t b : sig) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0F]);
  }
  return out;
}

Status CheckFreshness(const EnvelopeHeader& header, Seconds now, const OpenPolicy& policy) {
  if (header.expires - header.created > policy.max_lifetime) {
    return Fail(
        Code::kUnauthenticated,
        "envelope lifetime of " + std::to_string((header.expires - header.created).count()) +
            " s is longer than the allowed " + std::to_string(policy.max_lifetime.count()) + " s");
  }
  if (header.created > now + policy.max_clock_skew) {
    return Fail(Code::kUnauthenticated, "envelope is not yet valid: created " +
                                            std::to_string((header.created - now).count()) +
                                            " s in the future (allowed clock skew " +
                                            std::to_string(policy.max_clock_skew.count()) +
                                            " s); check both clocks");
  }
  if (now - policy.max_clock_skew >= header.expires) {
    return Fail(Code::kUnauthenticated, "envelope expired " +
                                            std::to_string((now - header.expires).count()) +
                                            " s ago (allowed clock skew " +
                                            std::to_string(policy.max_clock_skew.count()) + " s)");
  }
  return Ok();
}

}  // namespace

Result<std::string> Seal(const EnvelopeHeader& header, std::string_view body_json,
                         const crypto::SigningKey& key) {
  auto body = internal::ParseJson(body_json, {kMaxEnvelopeBytes, 63});
  if (!body) return Fail(Code::kInvalidArgument, "envelope body: " + body.error().message);
  if (body->kind != internal::JsonKind::kObject) {
    return Fail(Code::kInvalidArgument, "envelope body: must be a JSON object");
  }
  if (header.expires <= header.created) {
    return Fail(Code::kInvalidArgument, "envelope field 'expires': must be after 'created'");
  }
  auto root = internal::EncodeUnsigned(header, *std::move(body));
  if (!root) return tl::unexpected(root.error());
  std::string signed_json;
  if (auto st = internal::WriteCanonical(*root, signed_json); !st) {
    return tl::unexpected(st.error());
  }
  const crypto::Ed25519Signature sig = key.Sign(Bytes(internal::SignatureInput(signed_json)));

  internal::JsonNode sig_node;
  sig_node.kind = internal::JsonKind::kString;
  sig_node.string = SignatureHex(sig);
  root->names.emplace_back("sig");
  root->items.push_back(std::move(sig_node));
  std::string wire;
  if (auto st = internal::WriteCanonical(*root, wire); !st) return tl::unexpected(st.error());
  if (wire.size() > kMaxEnvelopeBytes) {
    return Fail(Code::kInvalidArgument, "envelope would be " + std::to_string(wire.size()) +
                                            " bytes, over the limit of " +
                                            std::to_string(kMaxEnvelopeBytes));
  }
  return wire;
}

Result<Envelope> Open(std::string_view wire, const crypto::VerifyingKey& sender, Seconds now,
                      const OpenPolicy& policy) {
  auto decoded = internal::Decode(wire);
  if (!decoded) return tl::unexpected(decoded.error());
  auto verified =
      sender.Verify(Bytes(internal::SignatureInput(decoded->signed_json)), decoded->signature);
  if (!verified) {
    return Fail(Code::kUnauthenticated, "envelope signature does not verify with the sender's key");
  }
  if (auto st = CheckFreshness(decoded->header, now, policy); !st)
    return tl::unexpected(st.error());
  return Envelope{std::move(decoded->header), std::move(decoded->body), decoded->signature};
}

Result<EnvelopeHeader> PeekHeader(std::string_view wire) {
  auto decoded = internal::Decode(wire);
  if (!decoded) return tl::unexpected(decoded.error());
  return std::move(decoded->header);
}

}  // namespace tandem::protocol
