#include "core/panel/referral.h"

#include <set>

#include "core/agency.h"

namespace tandem::core::panel {

std::vector<ReferralPathway> DefaultReferralPathways() {
  return {
      {"ranking-algorithm", "Ranking algorithm run over police records",
       ReferralSourceKind::kRankingRun},
      {"partner-agency", "Partner agency referral", ReferralSourceKind::kAgency},
      {"marac", "Multi-agency risk assessment conference (MARAC)", ReferralSourceKind::kMeeting},
      {"police-unit", "Other police unit", ReferralSourceKind::kPoliceUnit},
  };
}

Status ValidateReferralPathways(std::span<const ReferralPathway> pathways) {
  std::set<std::string> ids;
  for (const ReferralPathway& p : pathways) {
    if (p.id.empty()) return Fail(Code::kInvalidArgument, "a referral pathway has no id");
    if (p.name.empty()) {
      return Fail(Code::kInvalidArgument, "referral pathway '" + p.id + "' has no name");
    }
    if (!ids.insert(p.id).second) {
      return Fail(Code::kInvalidArgument, "referral pathway '" + p.id + "' appears twice");
    }
  }
  return Ok();
}

Status ValidateReferral(const Referral& referral, std::span<const ReferralPathway> pathways) {
  if (referral.subject_key.empty()) {
    return Fail(Code::kInvalidArgument, "the referral has no subject key");
  }
  const ReferralPathway* pathway = nullptr;
  for (const ReferralPathway& p : pathways) {
    if (p.id == referral.pathway) pathway = &p;
  }
  if (pathway == nullptr) {
    return Fail(Code::kInvalidArgument,
                "referral pathway '" + referral.pathway + "' is not one of the partnership's");
  }
  if (referral.source.empty()) {
    return Fail(Code::kInvalidArgument, "a referral through " + pathway->id + " needs a source");
  }
  if (pathway->source_kind == ReferralSourceKind::kAgency && !ParseAgencyKind(referral.source)) {
    return Fail(Code::kInvalidArgument,
                "referral source '" + referral.source +
                    "' is not an agency (police, probation, nhs, housing, substance-misuse, "
                    "victim-advocacy)");
  }
  if (referral.reason.empty()) return Fail(Code::kInvalidArgument, "the referral has no reason");
  if (referral.referrer.empty()) {
    return Fail(Code::kInvalidArgument, "the referral does not say who referred");
  }
  return Ok();
}

}  // namespace tandem::core::panel
