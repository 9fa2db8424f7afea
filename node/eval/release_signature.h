// The signature on what an evaluation releases (the outcome set's manifest, the report): a
// signed JSON document (node/signed_json.h) with the members "format", "isa" ({"id",
// "version"}) and "node" (the signer), signed with the node's identity key under a domain of
// its own kind. Whoever holds the agreement checks it with the key the ISA lists for the
// signer, never the key in the document. Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "protocol/isa.h"

namespace tandem::node::eval {

struct ReleaseKind {
  std::string_view format;  // the "format" member, e.g. "tandem-outcome-set-manifest/1"
  std::string_view domain;  // the signing domain
  std::string_view name;    // for messages: "outcome-set manifest"
  std::string_view noun;    // for messages: "manifest"
};

// Checks `document`, removing its "signature": the format, that it names `isa` (id and
// version), that its "node" signed it, is a party of `isa` and that the signature verifies
// under the key `isa` lists for it. Returns the signer. Errors: kInvalidArgument (not a
// document of `kind`: the message names the member), kPermissionDenied (another agreement, or
// a signer the ISA does not list), kUnauthenticated (the signature does not verify).
Result<std::string> VerifyRelease(nlohmann::json& document, const ReleaseKind& kind,
                                  const protocol::Isa& isa);

// The member `name` of `object` when it is a string, else "".
std::string StringMember(const nlohmann::json& object, const char* name);

}  // namespace tandem::node::eval
