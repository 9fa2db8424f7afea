// The standard ISA of a High Harm Perpetrator Panel partnership, drafted from a list of
// parties: the seven purposes (hhpp-referral-match, hhpp-case-pack, hhpp-outcomes, evaluation,
// hhpp-evaluation-match, oprf-evaluation, audit-witness) with clauses chosen by each party's
// agency kind, each party's usual lawful basis, every party as an OPRF key holder with a
// majority threshold, and the default disclosure control. The clause table is in hhpp_draft.cc and
// docs/isa.md; it is a starting point for the partnership's DPOs to edit before anyone signs.
// Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "protocol/isa.h"

namespace tandem::node::isa {

struct DraftParty {
  std::string id;
  std::string agency_kind;
  std::string name;
  std::string signing_key;                  // 64 hex digits
  std::string cert_sha256;                  // 64 hex digits
  std::string endpoint;                     // host:port
  std::optional<std::string> lawful_basis;  // unset: the agency kind's usual basis
};

struct DraftOptions {
  std::string id = "hhpp-isa";
  std::int64_t version = 1;
  protocol::Seconds valid_from;
  protocol::Seconds valid_until;
  std::optional<std::uint32_t> oprf_threshold;  // unset: a majority of the parties
  // Every purpose's daily quota per peer instead of the standard ones (load tests and
  // benchmarks); unset: the table's.
  std::optional<std::int64_t> daily_quota;
};

// The parties in a parties file: {"parties": [{"id", "agency_kind", "name", "signing_key",
// "cert_sha256", "endpoint", optional "lawful_basis"}, ...]}. kInvalidArgument naming the
// entry and field otherwise.
Result<std::vector<DraftParty>> ParseDraftParties(std::string_view json);

// The usual lawful basis of an agency kind ("police" -> DPA 2018 Part 3 ...); empty for an
// unknown kind.
std::string_view UsualLawfulBasis(std::string_view agency_kind);

// The unsigned standard ISA for `parties`. kInvalidArgument naming the field when the result
// breaks an ISA rule (unknown agency kind, bad key, duplicate id, ...).
Result<protocol::Isa> DraftHhppIsa(const std::vector<DraftParty>& parties,
                                   const DraftOptions& options);

}  // namespace tandem::node::isa
