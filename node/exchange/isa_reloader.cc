#include "node/exchange/isa_reloader.h"

#include <memory>

#include "node/isa/isa_file.h"
#include "node/isa/isa_installer.h"
#include "node/isa/isa_policy.h"
#include "protocol/isa.h"

namespace tandem::node::exchange {
namespace {

std::string Describe(const protocol::Isa& isa) {
  return "ISA '" + isa.id.value() + "' version " + std::to_string(isa.version);
}

}  // namespace

Result<IsaReloaded> IsaReloader::Reload() {
  std::lock_guard lock(mutex_);
  const auto current = targets_.policy->Get();
  const protocol::Isa& old_isa = current->isa();
  const auto refuse = [&](const Error& error) -> Result<IsaReloaded> {
    return Fail(error.code, "the ISA was not reloaded (" + Describe(old_isa) +
                                " stays in force): " + error.message);
  };

  auto isa = isa::ReadIsaFile(targets_.data_dir / isa::kIsaFileName);
  if (!isa) return refuse(isa.error());
  if (auto verified = protocol::VerifyIsa(*isa, targets_.clock()); !verified) {
    return refuse(verified.error());
  }
  if (isa->id.value() != old_isa.id.value()) {
    return refuse(Error{Code::kInvalidArgument, "the installed document is ISA '" +
                                                    isa->id.value() + "', not a new version of '" +
                                                    old_isa.id.value() + "'"});
  }
  if (isa->version <= old_isa.version) {
    return refuse(Error{Code::kInvalidArgument, "the installed version " +
                                                    std::to_string(isa->version) +
                                                    " is not newer than version " +
                                                    std::to_string(old_isa.version) + " in force"});
  }
  const std::int64_t version = isa->version;
  auto policy = isa::IsaPolicy::Create(std::move(*isa), targets_.self);
  if (!policy) {
    return refuse(Error{Code::kPermissionDenied, "it does not make '" + targets_.self +
                                                     "' a party: " + policy.error().message});
  }
  const protocol::IsaParty* self = (*policy)->Party(targets_.self);
  if (self == nullptr || !(self->signing_key == *targets_.identity)) {
    return refuse(Error{
        Code::kPermissionDenied,
        "it lists another identity key for '" + targets_.self + "' than this node's identity.key"});
  }

  if (targets_.record) {
    if (auto recorded = targets_.record((*policy)->isa()); !recorded) {
      return refuse(Error{recorded.error().code, "it could not be recorded in the ISA history: " +
                                                     recorded.error().message});
    }
  }
  std::shared_ptr<const isa::IsaPolicy> next(std::move(*policy));
  // Policy first: from here every new request is checked, sealed and audited under the new
  // version. Pins and quotas follow at once; a handshake that slips between sees the new policy
  // refuse a party it no longer lists.
  targets_.policy->Replace(next);
  targets_.pins->Replace(next->Pins());
  targets_.quotas->ReplaceQuotas(next->DailyQuotas());
  if (targets_.peers != nullptr) targets_.peers->ForgetPoolsOutside(*next);
  return IsaReloaded{next->isa().id.value(), version, old_isa.version};
}

}  // namespace tandem::node::exchange
