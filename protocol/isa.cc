// ISA parsing, encoding, signing and verification (docs/isa.md).
#include "protocol/isa.h"

#include <span>
#include <string>
#include <utility>

#include "crypto/bytes.h"
#include "protocol/internal/isa_checks.h"
#include "protocol/internal/isa_codec.h"
#include "protocol/internal/isa_pretty_writer.h"
#include "protocol/internal/json_tree.h"

namespace tandem::protocol {
namespace {

using crypto::Bytes;

std::string Describe(const Isa& isa) {
  return "ISA '" + isa.id.value() + "' version " + std::to_string(isa.version);
}

Result<internal::JsonNode> CheckedTree(const Isa& isa, bool with_signatures) {
  if (auto st = internal::CheckIsa(isa); !st) return tl::unexpected(st.error());
  return internal::EncodeIsaTree(isa, with_signatures);
}

}  // namespace

const IsaParty* Isa::FindParty(std::string_view party_id) const {
  for (const auto& party : parties) {
    if (party.id.value() == party_id) return &party;
  }
  return nullptr;
}

const IsaPurpose* Isa::FindPurpose(std::string_view purpose_id) const {
  for (const auto& purpose : purposes) {
    if (purpose.id.value() == purpose_id) return &purpose;
  }
  return nullptr;
}

Result<Isa> ParseIsa(std::string_view json) {
  if (json.size() > kMaxIsaBytes) {
    return Fail(Code::kInvalidArgument, "isa: " + std::to_string(json.size()) +
                                            " bytes is over the limit of " +
                                            std::to_string(kMaxIsaBytes));
  }
  auto tree = internal::ParseJson(json, {kMaxIsaBytes, 16});
  if (!tree) return Fail(Code::kInvalidArgument, "isa: " + tree.error().message);
  auto isa = internal::DecodeIsa(*tree);
  if (!isa) return isa;
  if (auto st = internal::CheckIsa(*isa); !st) return tl::unexpected(st.error());
  return isa;
}

Status ValidateIsa(const Isa& isa) { return internal::CheckIsa(isa); }

Result<std::string> EncodeIsa(const Isa& isa) {
  auto tree = CheckedTree(isa, true);
  if (!tree) return tl::unexpected(tree.error());
  std::string out;
  if (auto st = internal::WriteCanonical(*tree, out); !st) return tl::unexpected(st.error());
  return out;
}

Result<std::string> FormatIsa(const Isa& isa) {
  auto tree = CheckedTree(isa, true);
  if (!tree) return tl::unexpected(tree.error());
  std::string out;
  if (auto st = internal::WriteIsaPretty(*tree, out); !st) return tl::unexpected(st.error());
  out.push_back('\n');
  return out;
}

Result<std::string> IsaSigningBytes(const Isa& isa) {
  auto tree = CheckedTree(isa, false);
  if (!tree) return tl::unexpected(tree.error());
  std::string out(kIsaSignatureContext);
  out.push_back('\0');
  if (auto st = internal::WriteCanonical(*tree, out); !st) return tl::unexpected(st.error());
  return out;
}

Status SignIsa(Isa& isa, std::string_view party_id, const crypto::SigningKey& key) {
  const IsaParty* party = isa.FindParty(party_id);
  if (party == nullptr) {
    return Fail(Code::kNotFound,
                "'" + std::string(party_id) + "' is not a party of " + Describe(isa));
  }
  if (!(party->signing_key == key.verifying_key())) {
    return Fail(Code::kPermissionDenied, "the key given (public key " + key.verifying_key().Hex() +
                                             ") is not the signing key the ISA lists for '" +
                                             std::string(party_id) + "' (" +
                                             party->signing_key.Hex() + ")");
  }
  auto bytes = IsaSigningBytes(isa);
  if (!bytes) return tl::unexpected(bytes.error());
  isa.signatures[std::string(party_id)] = key.Sign(Bytes(*bytes));
  return Ok();
}

Result<std::vector<PartySignature>> CheckIsaSignatures(const Isa& isa) {
  auto bytes = IsaSigningBytes(isa);
  if (!bytes) return tl::unexpected(bytes.error());
  std::vector<PartySignature> out;
  out.reserve(isa.parties.size());
  for (const auto& party : isa.parties) {
    const auto sig = isa.signatures.find(party.id.value());
    SignatureState state = SignatureState::kMissing;
    if (sig != isa.signatures.end()) {
      state = party.signing_key.Verify(Bytes(*bytes), sig->second) ? SignatureState::kValid
                                                                   : SignatureState::kInvalid;
    }
    out.push_back(PartySignature{party.id.value(), state});
  }
  return out;
}

Status VerifyIsaSignatures(const Isa& isa) {
  auto states = CheckIsaSignatures(isa);
  if (!states) return tl::unexpected(states.error());
  std::string missing;
  std::string invalid;
  for (const auto& [party, state] : *states) {
    std::string& list = state == SignatureState::kMissing ? missing : invalid;
    if (state == SignatureState::kValid) continue;
    list += (list.empty() ? "" : ", ") + party;
  }
  if (missing.empty() && invalid.empty()) return Ok();
  std::string message = Describe(isa) + " is not fully signed:";
  if (!missing.empty()) message += " no signature from " + missing + ";";
  if (!invalid.empty()) {
    message += " the signature of " + invalid +
               " does not verify with the listed signing key (the document changed after "
               "signing, or another key signed);";
  }
  message.pop_back();
  return Fail(Code::kUnauthenticated, message);
}

Status VerifyIsa(const Isa& isa, Seconds now) {
  if (auto st = VerifyIsaSignatures(isa); !st) return st;
  const auto shown = [](Seconds t) {
    auto text = FormatTimestamp(t);
    return text ? *text : std::string("(out of range)");
  };
  if (now < isa.valid_from) {
    return Fail(Code::kPermissionDenied, Describe(isa) + " is not in force until " +
                                             shown(isa.valid_from) + " (now " + shown(now) + ")");
  }
  if (now >= isa.valid_until) {
    return Fail(Code::kPermissionDenied, Describe(isa) + " expired at " + shown(isa.valid_until) +
                                             " (now " + shown(now) + ")");
  }
  return Ok();
}

}  // namespace tandem::protocol
