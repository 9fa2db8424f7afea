// The information-sharing agreement (ISA): the signed JSON document that says which node may
// send which message kind to which node, for which purpose, with which fields, under which
// quotas, who holds the OPRF key, and how evaluation outputs are protected (docs/isa.md).
//
// ParseIsa reads a document strictly: exactly the members docs/isa.md lists, each of its type
// and form, and consistent cross-references (clauses and OPRF holders name parties; no
// duplicate party, purpose or clause ids; threshold within the holders). Every refusal is
// kInvalidArgument naming the field, e.g. "isa field 'purposes[2].clauses[0].from[1]':
// 'polise' is not a party". The bytes each party signs are
// "tandem-isa-v1" || 0x00 || JCS(document without "signatures"), so member order, whitespace and
// escapes in the file do not matter. VerifyIsa checks that every party signed with its listed key
// (kUnauthenticated naming the parties that did not) and that `now` lies within
// [valid_from, valid_until) (kPermissionDenied: the document is authentic but not in force).
//
// No function reads the clock or a file. All functions are stateless and thread-safe; results
// own their data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/signing.h"
#include "protocol/ids.h"
#include "protocol/timestamp.h"

namespace tandem::protocol {

inline constexpr std::size_t kMaxIsaBytes = std::size_t{1} << 20;  // 1 MiB
// The signature input starts with these bytes, then a 0x00 byte, so an ISA signature can never
// be mistaken for an envelope or checkpoint signature by the same key.
inline constexpr std::string_view kIsaSignatureContext = "tandem-isa-v1";

struct IsaParty {
  NodeId id;
  std::string agency_kind;  // one of core::AgencyName: "police", "nhs", ...
  std::string name;         // for people, e.g. "Dorset Police"
  crypto::VerifyingKey signing_key;
  std::string cert_sha256;   // SHA-256 of the DER TLS certificate, 64 lower-case hex digits
  std::string endpoint;      // "host:port" of the party's peer listener
  std::string lawful_basis;  // the legal basis this party processes and shares under
};

// Lets each party in `from` send each kind in `kinds` to each party in `to` (and the answer
// come back) for the purpose the clause belongs to.
struct IsaClause {
  std::string id;                            // e.g. "4.2"; unique in the whole ISA
  std::vector<NodeId> from;                  // requesters
  std::vector<NodeId> to;                    // answerers
  std::vector<MessageKind> kinds;            // e.g. "contribution-request"
  std::vector<std::string> data_categories;  // e.g. "health"; may be empty
  std::vector<std::string> fields;           // fields an answer may carry; may be empty
};

struct IsaPurpose {
  PurposeId id;
  std::string description;
  std::int64_t retention_days;        // >= 1
  std::int64_t daily_quota_per_peer;  // requests per requesting peer per UTC day, >= 1
  std::vector<IsaClause> clauses;     // at least one
};

struct DisclosureControl {
  std::int64_t k;                     // k-anonymity of individual-level outputs, >= 2
  std::int64_t small_cell_threshold;  // counts below it are suppressed (0 = none)
  std::int64_t rounding_base;         // counts are rounded to it (1 = no rounding)
  double dp_epsilon_budget;           // total epsilon for noised releases (0 = none)
};

struct Isa {
  IsaId id;
  std::int64_t version;  // 1 .. 2^53 - 1
  Seconds valid_from;    // in force from this second ...
  Seconds valid_until;   // ... until just before this one
  std::vector<IsaParty> parties;
  std::vector<IsaPurpose> purposes;
  std::uint32_t oprf_threshold;      // 1 .. oprf_holders.size()
  std::vector<NodeId> oprf_holders;  // parties that hold a share of the OPRF key
  DisclosureControl disclosure_control;
  std::map<std::string, crypto::Ed25519Signature> signatures;  // by party id

  // The party, purpose or clause with that id, or nullptr.
  const IsaParty* FindParty(std::string_view party_id) const;
  const IsaPurpose* FindPurpose(std::string_view purpose_id) const;
};

// The ISA in `json`: strict as in the file comment. kInvalidArgument naming the field.
Result<Isa> ParseIsa(std::string_view json);

// Runs the checks of ParseIsa on an Isa built in code (e.g. before signing or writing it).
Status ValidateIsa(const Isa& isa);

// The canonical (RFC 8785) JSON of the whole document, signatures included.
// kInvalidArgument when `isa` does not pass ValidateIsa.
Result<std::string> EncodeIsa(const Isa& isa);

// The same document indented for people, members in the order docs/isa.md lists them; it
// parses back to the same Isa. kInvalidArgument when `isa` does not pass ValidateIsa.
Result<std::string> FormatIsa(const Isa& isa);

// "tandem-isa-v1" || 0x00 || JCS(document without "signatures"). kInvalidArgument as EncodeIsa.
Result<std::string> IsaSigningBytes(const Isa& isa);

// Adds or replaces the signature of `party_id` made with `key`. kNotFound when there is no such
// party; kPermissionDenied when `key` is not the signing key the ISA lists for it.
Status SignIsa(Isa& isa, std::string_view party_id, const crypto::SigningKey& key);

enum class SignatureState { kValid, kMissing, kInvalid };

struct PartySignature {
  std::string party;
  SignatureState state;
};

// Each party's signature state, in the order of `parties`.
Result<std::vector<PartySignature>> CheckIsaSignatures(const Isa& isa);

// Success when every party signed (kUnauthenticated naming each party whose signature is
// missing or does not verify with its listed key) and valid_from <= now < valid_until
// (kPermissionDenied saying whether it is not yet in force or has expired). Signatures are
// checked first.
Status VerifyIsa(const Isa& isa, Seconds now);

// The signature part of VerifyIsa alone (for loading an installed ISA whatever the time).
Status VerifyIsaSignatures(const Isa& isa);

}  // namespace tandem::protocol
