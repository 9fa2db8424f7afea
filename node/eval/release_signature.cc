#include "node/eval/release_signature.h"

#include "node/signed_json.h"

namespace tandem::node::eval {

using nlohmann::json;

std::string StringMember(const json& object, const char* name) {
  const auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

Result<std::string> VerifyRelease(json& document, const ReleaseKind& kind,
                                  const protocol::Isa& isa) {
  const std::string not_one = "not an " + std::string(kind.name) + ": ";
  const auto missing = [&](std::string_view member) {
    return Fail(Code::kInvalidArgument,
                not_one + "'" + std::string(member) + "' is missing or malformed");
  };
  if (!document.is_object() || StringMember(document, "format") != kind.format) {
    return missing("format");
  }
  auto signature = DetachJsonSignature(document);
  if (!signature) return Fail(Code::kInvalidArgument, not_one + signature.error().message);
  const auto named = document.find("isa");
  if (named == document.end() || !named->is_object() || !named->contains("id") ||
      !(*named)["id"].is_string() || !named->contains("version") ||
      !(*named)["version"].is_number_integer()) {
    return missing("isa");
  }
  const auto id = (*named)["id"].get<std::string>();
  const auto version = (*named)["version"].get<std::int64_t>();
  if (id != isa.id.value() || version != isa.version) {
    return Fail(Code::kPermissionDenied, "the " + std::string(kind.noun) + " names agreement '" +
                                             id + "' version " + std::to_string(version) +
                                             ", not the ISA given ('" + isa.id.value() +
                                             "' version " + std::to_string(isa.version) + ")");
  }
  const std::string& signer = signature->signer;
  if (StringMember(document, "node") != signer) return missing("node");
  const protocol::IsaParty* party = isa.FindParty(signer);
  if (party == nullptr) {
    return Fail(Code::kPermissionDenied, "the signer '" + signer + "' is not a party of the ISA");
  }
  if (auto verified = VerifyJsonSignature(document, kind.domain, *signature, party->signing_key);
      !verified) {
    if (verified.error().code != Code::kUnauthenticated) {
      return Fail(Code::kInvalidArgument, not_one + verified.error().message);
    }
    return Fail(Code::kUnauthenticated, "the " + std::string(kind.noun) +
                                            "'s signature does not verify with " + signer +
                                            "'s key in the ISA: it was changed after signing or "
                                            "signed by another key");
  }
  return signer;
}

}  // namespace tandem::node::eval
