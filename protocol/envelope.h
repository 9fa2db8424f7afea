// Signed envelopes: every request and response body on the wire is one (docs/protocol.md).
//
// Seal turns a header and a JSON object body into wire bytes: the RFC 8785 canonical JSON of
// the envelope, whose `sig` member is the sender's Ed25519 signature over
// "tandem-envelope-v1" || 0x00 || JCS(envelope without `sig`). Open checks, in this order:
// size and strict JSON, canonical form, every field's shape (kInvalidArgument naming the
// field), the signature against the sender's key (kUnauthenticated), then freshness against
// the caller's clock (kUnauthenticated: created in the future, expired, or a lifetime longer
// than the policy allows). Nonce replay, the TLS peer and the ISA are the node's to check.
//
// No function here reads the wall clock: `now` is a parameter. All functions are stateless and
// thread-safe; results own their data.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/signing.h"
#include "protocol/ids.h"
#include "protocol/timestamp.h"

namespace tandem::protocol {

inline constexpr std::int64_t kProtocolVersion = 1;
inline constexpr std::size_t kMaxEnvelopeBytes = std::size_t{1} << 20;  // 1 MiB
// The signature input starts with these bytes, then a 0x00 byte, so an envelope signature can
// never be mistaken for a signature over anything else the same key signs.
inline constexpr std::string_view kEnvelopeSignatureContext = "tandem-envelope-v1";

struct IsaRef {
  IsaId id;
  std::int64_t version;  // 1 .. 2^53 - 1
};

struct EnvelopeHeader {
  MessageId id;
  NodeId from;
  NodeId to;
  IsaRef isa;
  PurposeId purpose;
  MessageKind kind;
  Seconds created;  // RFC 3339 UTC seconds on the wire, e.g. "2026-11-22T14:00:00Z"
  Seconds expires;  // strictly after `created`
  Nonce nonce;
};

struct Envelope {
  EnvelopeHeader header;
  std::string body;  // the RFC 8785 canonical JSON of the body object
  crypto::Ed25519Signature signature;
};

struct OpenPolicy {
  std::chrono::seconds max_clock_skew{60};
  std::chrono::seconds max_lifetime{300};  // expires - created
};

// The wire bytes of `header` and `body_json` (any JSON text whose value is an object) signed
// with `key`. kInvalidArgument when the body is not a JSON object within the limits, when
// `expires` is not after `created`, when a time falls outside years 1970..9999, or when the
// envelope would exceed kMaxEnvelopeBytes.
Result<std::string> Seal(const EnvelopeHeader& header, std::string_view body_json,
                         const crypto::SigningKey& key);

// The verified envelope in `wire`, signed by `sender` and fresh at `now`. Errors as in the file
// comment. The caller must still check that header.from is the party `sender` belongs to.
Result<Envelope> Open(std::string_view wire, const crypto::VerifyingKey& sender, Seconds now,
                      const OpenPolicy& policy = {});

// The header of `wire` WITHOUT any signature or freshness check: only for choosing which key
// to pass to Open (look up header.from). kInvalidArgument when the envelope is malformed.
Result<EnvelopeHeader> PeekHeader(std::string_view wire);

}  // namespace tandem::protocol
