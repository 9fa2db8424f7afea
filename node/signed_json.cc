#include "node/signed_json.h"

#include "crypto/bytes.h"
#include "crypto/hex.h"
#include "protocol/canonical_json.h"

namespace tandem::node {
namespace {

using crypto::Bytes;
using nlohmann::json;

Result<std::string> SigningBytes(const json& unsigned_document, std::string_view domain) {
  auto canonical = protocol::Canonicalize(unsigned_document.dump());
  if (!canonical) return tl::unexpected(canonical.error());
  std::string bytes(domain);
  bytes.push_back('\0');
  return bytes + *canonical;
}

}  // namespace

Status SignJson(json& document, std::string_view domain, std::string_view signer,
                const crypto::SigningKey& key) {
  auto bytes = SigningBytes(document, domain);
  if (!bytes) return Fail(Code::kInternal, "signing: " + bytes.error().message);
  const crypto::Ed25519Signature signature = key.Sign(Bytes(*bytes));
  document["signature"] = {{"algorithm", "ed25519"},
                           {"signer", std::string(signer)},
                           {"key", key.verifying_key().Hex()},
                           {"value", crypto::EncodeHex(signature)}};
  return Ok();
}

Result<JsonSignature> DetachJsonSignature(json& document) {
  const auto malformed = [](std::string_view member) {
    return Fail(Code::kInvalidArgument, "'" + std::string(member) + "' is missing or malformed");
  };
  if (!document.is_object()) return malformed("signature");
  const auto found = document.find("signature");
  if (found == document.end() || !found->is_object()) return malformed("signature");
  const json signature = *found;
  document.erase(found);
  const auto algorithm = signature.find("algorithm");
  const auto signer = signature.find("signer");
  const auto value = signature.find("value");
  if (algorithm == signature.end() || *algorithm != "ed25519") {
    return malformed("signature.algorithm");
  }
  if (signer == signature.end() || !signer->is_string()) return malformed("signature.signer");
  if (value == signature.end() || !value->is_string()) return malformed("signature.value");
  auto bytes =
      crypto::DecodeHexArray<crypto::kEd25519SignatureSize>(value->get<std::string>(), "signature");
  if (!bytes) return malformed("signature.value");
  return JsonSignature{signer->get<std::string>(), *bytes};
}

Status VerifyJsonSignature(const json& unsigned_document, std::string_view domain,
                           const JsonSignature& signature, const crypto::VerifyingKey& key) {
  auto bytes = SigningBytes(unsigned_document, domain);
  if (!bytes) return Fail(Code::kInvalidArgument, bytes.error().message);
  if (auto verified = key.Verify(Bytes(*bytes), signature.value); !verified) {
    return Fail(Code::kUnauthenticated, "the signature of '" + signature.signer +
                                            "' does not verify: the document was changed after "
                                            "signing or signed by another key");
  }
  return Ok();
}

}  // namespace tandem::node
