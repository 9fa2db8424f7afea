// Case pack assembly at the coordinator (docs/panel.md, "Case packs across the partnership"):
// the subject, one of this node's own records, is matched across the partners the ISA allows;
// each matched partner is asked for its contribution (contribution-request, purpose
// hhpp-case-pack) with the handle its match answer gave; every other partner is marked no-match,
// unavailable (with the reason) or not-allowed-by-isa. The pack is finalised
// (core::panel::FinalisePack), journalled as a new version ("case-pack") and returned.
// Assembling again (when an unavailable partner is back) journals a new, complete version.
//
// The victim's identity never leaves the victim-advocacy node: besides the ISA's field list
// (checked by the partner AND again here), fields that identify a person — names, dates of
// birth, identifiers, addresses, case references, a victim's age or sex, the perpetrator as a
// victim named them — are refused from any partner, whatever the ISA says.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/panel/case_pack.h"
#include "core/result.h"
#include "node/panel/pack_request.h"
#include "node/panel/pack_store.h"
#include "node/runtime/partner_match.h"
#include "protocol/timestamp.h"

namespace tandem::node::panel {

inline constexpr std::string_view kCasePackPurpose = "hhpp-case-pack";
inline constexpr std::string_view kContributionKind = "contribution-request";

// True for a field name that names or identifies a person (the table in the .cc).
bool IdentifiesAPerson(std::string_view field_name);

// The pack fields of one partner's contribution-request result: only names in `allowed` (the
// ISA's clause fields for this asker and partner, in their order) that do not identify a person,
// with provenance (the partner, the record's date from its export's date column or else
// `prepared_on`, the clause the partner cited). `refused` counts the fields left out.
// kUnauthenticated when the result is not the contribution shape or names another node.
Result<std::vector<core::panel::PackField>> ContributionFields(
    std::string_view partner, std::string_view result_json, const std::vector<std::string>& allowed,
    const core::Date& prepared_on, int* refused);

class CasePackAssembler {
 public:
  // `matching`'s objects must outlive the assembler; `clock` dates the journal entries.
  CasePackAssembler(runtime::PartnerMatchContext matching, std::function<protocol::Seconds()> clock)
      : matching_(std::move(matching)), clock_(std::move(clock)) {}

  // The pack for `request`. A partner down never fails the call; only local failures do:
  // kNotFound when the subject is not a person record of this node, kInvalidArgument from
  // FinalisePack (a request with a negative count or no subject), the store's errors.
  // Thread-safe.
  Result<core::panel::CasePack> Assemble(const PackRequest& request) const;

 private:
  runtime::PartnerMatchContext matching_;
  std::function<protocol::Seconds()> clock_;
};

}  // namespace tandem::node::panel
