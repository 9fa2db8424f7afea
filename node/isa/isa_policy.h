// What an installed ISA allows, as seen from one node: deny by default. IsaPolicy answers "may
// `from` send `kind` to `to` for `purpose`?" with the clause that allows it, which fields an
// answer may carry, who a party is, and which TLS certificate fingerprint belongs to which peer.
//
// Built from an ISA whose signatures were checked (IsaInstaller::Load/Install); Create re-runs
// the document rules only. Immutable after Create: every method is const and thread-safe, and
// returned pointers live as long as the policy.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/result.h"
#include "protocol/isa.h"

namespace tandem::node::isa {

class IsaPolicy {
 public:
  // The policy of node `self` under `isa`. kNotFound when `self` is not a party;
  // kInvalidArgument when `isa` breaks a document rule.
  static Result<std::unique_ptr<IsaPolicy>> Create(protocol::Isa isa, std::string_view self);

  IsaPolicy(const IsaPolicy&) = delete;
  IsaPolicy& operator=(const IsaPolicy&) = delete;

  // The first clause (in document order) that lets `from` send `kind` to `to` for `purpose`.
  // kPermissionDenied naming the purpose, kind and parties (never message data) when none does,
  // including for a purpose, kind or party the ISA does not know.
  Result<const protocol::IsaClause*> Allows(std::string_view from, std::string_view to,
                                            std::string_view purpose, std::string_view kind) const;
  // As above, and also kPermissionDenied when `now` is outside [valid_from, valid_until).
  Result<const protocol::IsaClause*> Allows(std::string_view from, std::string_view to,
                                            std::string_view purpose, std::string_view kind,
                                            protocol::Seconds now) const;

  // The fields `answerer` may put in its answer to `asker` for `purpose` and `kind`: the union,
  // in clause order, of the fields of every clause that allows asker -> answerer. Empty when
  // none does.
  std::vector<std::string> AllowedFields(std::string_view asker, std::string_view answerer,
                                         std::string_view purpose, std::string_view kind) const;

  // The party with that id, or nullptr.
  const protocol::IsaParty* Party(std::string_view id) const;
  // The purpose with that id, or nullptr.
  const protocol::IsaPurpose* Purpose(std::string_view id) const;

  // Certificate fingerprint (cert_sha256) -> party id for every party but this node: the map
  // node::net::PeerPins::Replace takes.
  std::map<std::string, std::string> Pins() const;

  // Purpose id -> daily_quota_per_peer (QuotaCounter's limits).
  std::map<std::string, std::int64_t> DailyQuotas() const;

  const protocol::Isa& isa() const { return isa_; }
  const std::string& self() const { return self_; }
  bool InForce(protocol::Seconds now) const;

 private:
  // (purpose, kind, from, to)
  using Key = std::tuple<std::string, std::string, std::string, std::string>;

  IsaPolicy(protocol::Isa isa, std::string self);

  protocol::Isa isa_;
  std::string self_;
  std::map<Key, std::vector<const protocol::IsaClause*>> clauses_;
};

}  // namespace tandem::node::isa
