#include "core/panel/case_pack.h"

#include <array>
#include <set>

namespace tandem::core::panel {
namespace {

struct StatusRow {
  ContributionStatus status;
  std::string_view name;
  std::string_view why;  // the start of a missing item's reason; empty when not missing
};
constexpr std::array<StatusRow, 4> kStatuses = {{
    {ContributionStatus::kMatched, "matched", ""},
    {ContributionStatus::kNoMatch, "no-match", "no record matched the subject"},
    {ContributionStatus::kUnavailable, "unavailable", "the agency's node was unavailable"},
    {ContributionStatus::kNotAllowedByIsa, "not-allowed-by-isa",
     "the ISA does not allow this agency's data for case packs"},
}};

}  // namespace

std::string_view ContributionStatusName(ContributionStatus status) {
  return kStatuses[static_cast<std::size_t>(status)].name;
}

PackTriage SummariseTriage(const TriageAssessment& assessment, const TriageConfig& config) {
  PackTriage triage;
  triage.total = assessment.score.total;
  triage.recency = assessment.score.recency;
  triage.frequency = assessment.score.frequency;
  triage.gravity = assessment.score.gravity;
  triage.victims = assessment.score.victims;
  triage.threshold = config.rfgv.threshold;
  triage.serial = assessment.score.serial;
  triage.put_forward = assessment.put_forward;
  for (const RfgvLine& line : assessment.score.explanation) triage.explanation.push_back(line.text);
  for (const IndicatorHit& hit : assessment.indicators) {
    triage.explanation.push_back(hit.rule_id + ": " + hit.reason + " (" + hit.detail + ")");
  }
  return triage;
}

Status FinalisePack(CasePack& pack) {
  if (pack.subject_ref.empty()) {
    return Fail(Code::kInvalidArgument, "the case pack has no subject reference");
  }
  if (pack.known_victims < 0 || pack.children_at_risk < 0) {
    return Fail(Code::kInvalidArgument, "the case pack's victim and child counts must be >= 0");
  }
  std::set<std::string> nodes;
  pack.missing.clear();
  for (const AgencyContribution& c : pack.contributions) {
    if (c.node.empty() || !nodes.insert(c.node).second) {
      return Fail(Code::kInvalidArgument,
                  "contribution from node '" + c.node + "' is unnamed or appears twice");
    }
    if (c.status != ContributionStatus::kMatched) {
      if (!c.fields.empty()) {
        return Fail(Code::kInvalidArgument, "node " + c.node + " is " +
                                                std::string(ContributionStatusName(c.status)) +
                                                " but its contribution carries fields");
      }
      std::string why(kStatuses[static_cast<std::size_t>(c.status)].why);
      if (!c.note.empty()) why += ": " + c.note;
      pack.missing.push_back({c.node, c.agency, c.status, why});
      continue;
    }
    for (const PackField& f : c.fields) {
      if (f.name.empty() || f.provenance.node.empty() || f.provenance.isa_clause.empty()) {
        return Fail(Code::kInvalidArgument, "node " + c.node + ", field '" + f.name +
                                                "': every field needs a name, its node and "
                                                "the ISA clause that allows it");
      }
    }
  }
  pack.complete = true;
  for (const MissingItem& m : pack.missing) {
    if (m.status == ContributionStatus::kUnavailable) pack.complete = false;
  }
  return Ok();
}

std::int64_t EraseContributedValues(CasePack& pack, ContributionErasure erasure) {
  if (pack.erasure) return 0;
  std::int64_t erased = 0;
  for (AgencyContribution& c : pack.contributions) {
    for (PackField& f : c.fields) {
      f.value.clear();
      ++erased;
    }
  }
  pack.erasure = std::move(erasure);
  return erased;
}

}  // namespace tandem::core::panel
