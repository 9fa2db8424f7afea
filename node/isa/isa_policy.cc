// The clause index of IsaPolicy: one entry per (purpose, kind, from, to) a clause names.
#include "node/isa/isa_policy.h"

#include <algorithm>
#include <utility>

namespace tandem::node::isa {

Result<std::unique_ptr<IsaPolicy>> IsaPolicy::Create(protocol::Isa isa, std::string_view self) {
  if (auto st = protocol::ValidateIsa(isa); !st) return tl::unexpected(st.error());
  if (isa.FindParty(self) == nullptr) {
    return Fail(Code::kNotFound, "this node ('" + std::string(self) + "') is not a party of ISA '" +
                                     isa.id.value() + "' version " + std::to_string(isa.version));
  }
  return std::unique_ptr<IsaPolicy>(new IsaPolicy(std::move(isa), std::string(self)));
}

IsaPolicy::IsaPolicy(protocol::Isa isa, std::string self)
    : isa_(std::move(isa)), self_(std::move(self)) {
  for (const auto& purpose : isa_.purposes) {
    for (const auto& clause : purpose.clauses) {
      for (const auto& kind : clause.kinds) {
        for (const auto& from : clause.from) {
          for (const auto& to : clause.to) {
            clauses_[Key{purpose.id.value(), kind.value(), from.value(), to.value()}].push_back(
                &clause);
          }
        }
      }
    }
  }
}

Result<const protocol::IsaClause*> IsaPolicy::Allows(std::string_view from, std::string_view to,
                                                     std::string_view purpose,
                                                     std::string_view kind) const {
  const auto found = clauses_.find(
      Key{std::string(purpose), std::string(kind), std::string(from), std::string(to)});
  if (found != clauses_.end()) return found->second.front();
  const std::string isa = "ISA '" + isa_.id.value() + "' version " + std::to_string(isa_.version);
  if (isa_.FindPurpose(purpose) == nullptr) {
    return Fail(Code::kPermissionDenied, isa + " has no purpose '" + std::string(purpose) +
                                             "' (asked: '" + std::string(from) + "' sends '" +
                                             std::string(kind) + "' to '" + std::string(to) + "')");
  }
  return Fail(Code::kPermissionDenied, isa + " has no clause for purpose '" + std::string(purpose) +
                                           "' that lets '" + std::string(from) + "' send '" +
                                           std::string(kind) + "' to '" + std::string(to) + "'");
}

Result<const protocol::IsaClause*> IsaPolicy::Allows(std::string_view from, std::string_view to,
                                                     std::string_view purpose,
                                                     std::string_view kind,
                                                     protocol::Seconds now) const {
  if (!InForce(now)) {
    const auto shown = [](protocol::Seconds t) {
      auto text = protocol::FormatTimestamp(t);
      return text ? *text : std::string("(out of range)");
    };
    return Fail(Code::kPermissionDenied,
                "ISA '" + isa_.id.value() + "' version " + std::to_string(isa_.version) +
                    " is in force only from " + shown(isa_.valid_from) + " until " +
                    shown(isa_.valid_until) + " (now " + shown(now) + ")");
  }
  return Allows(from, to, purpose, kind);
}

std::vector<std::string> IsaPolicy::AllowedFields(std::string_view asker, std::string_view answerer,
                                                  std::string_view purpose,
                                                  std::string_view kind) const {
  std::vector<std::string> fields;
  const auto found = clauses_.find(
      Key{std::string(purpose), std::string(kind), std::string(asker), std::string(answerer)});
  if (found == clauses_.end()) return fields;
  for (const protocol::IsaClause* clause : found->second) {
    for (const auto& field : clause->fields) {
      if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
    }
  }
  return fields;
}

const protocol::IsaParty* IsaPolicy::Party(std::string_view id) const { return isa_.FindParty(id); }

const protocol::IsaPurpose* IsaPolicy::Purpose(std::string_view id) const {
  return isa_.FindPurpose(id);
}

std::map<std::string, std::string> IsaPolicy::Pins() const {
  std::map<std::string, std::string> pins;
  for (const auto& party : isa_.parties) {
    if (party.id.value() != self_) pins.emplace(party.cert_sha256, party.id.value());
  }
  return pins;
}

std::map<std::string, std::int64_t> IsaPolicy::DailyQuotas() const {
  std::map<std::string, std::int64_t> quotas;
  for (const auto& purpose : isa_.purposes) {
    quotas.emplace(purpose.id.value(), purpose.daily_quota_per_peer);
  }
  return quotas;
}

bool IsaPolicy::InForce(protocol::Seconds now) const {
  return isa_.valid_from <= now && now < isa_.valid_until;
}

}  // namespace tandem::node::isa
