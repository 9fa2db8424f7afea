// JSON documents a node signs with its Ed25519 identity key (an outcome set's manifest, a
// share-refresh dealing): the member "signature" = {"algorithm": "ed25519", "signer": <node
// id>, "key": <hex of the verifying key>, "value": <hex>} signs
//   domain || 0x00 || JCS(the document without "signature")   (RFC 8785),
// so the signature survives re-indenting and cannot be moved to a document of another kind.
// Whoever verifies looks the signer's key up in the ISA; the "key" member is informative only.
// Free functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/signing.h"

namespace tandem::node {

struct JsonSignature {
  std::string signer;
  crypto::Ed25519Signature value{};
};

// Adds "signature" to the object `document`. kInternal only if canonicalisation fails.
Status SignJson(nlohmann::json& document, std::string_view domain, std::string_view signer,
                const crypto::SigningKey& key);

// Removes "signature" from the object `document` and returns it. kInvalidArgument when it is
// missing or malformed (the message names the member).
Result<JsonSignature> DetachJsonSignature(nlohmann::json& document);

// Checks `signature` over `unsigned_document` (as DetachJsonSignature left it).
// kUnauthenticated when it does not verify under `key`; kInvalidArgument when the document
// cannot be canonicalised.
Status VerifyJsonSignature(const nlohmann::json& unsigned_document, std::string_view domain,
                           const JsonSignature& signature, const crypto::VerifyingKey& key);

}  // namespace tandem::node
