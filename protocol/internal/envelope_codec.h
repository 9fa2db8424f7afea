// The envelope's JSON shape: header fields to and from the parsed tree, and the bytes the
// signature covers. Used by envelope.cc; kept apart so the field table is in one place.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "protocol/envelope.h"
#include "protocol/internal/json_tree.h"

namespace tandem::protocol::internal {

// An envelope whose shape is valid but whose signature is not yet checked.
struct DecodedEnvelope {
  EnvelopeHeader header;
  std::string body;                    // canonical JSON of the body object
  crypto::Ed25519Signature signature;  // decoded from `sig`
  std::string signed_json;             // JCS of the envelope without `sig`
};

// The tree of an envelope without `sig`. kInvalidArgument for times outside 1970..9999.
Result<JsonNode> EncodeUnsigned(const EnvelopeHeader& header, JsonNode body);

// Parses and checks `wire`: size, strict JSON, canonical form, exactly the known members,
// each field's shape. kInvalidArgument naming the field otherwise.
Result<DecodedEnvelope> Decode(std::string_view wire);

// "tandem-envelope-v1" || 0x00 || signed_json.
std::string SignatureInput(std::string_view signed_json);

}  // namespace tandem::protocol::internal
