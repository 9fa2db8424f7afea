// The case pack a panel member reads for one subject: the referral, the triage score and its
// explanation, the harm history (CCHI by month), known victims and children at risk as COUNTS
// only, each agency's contribution with the provenance of every field (node, record date, ISA
// clause), and what is missing and why. This is the structure only; the federation fills it.
// The model has no place for a victim's or anyone's name: the subject is a pseudonymous
// reference. Value types; pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/agency.h"
#include "core/date.h"
#include "core/panel/harm.h"
#include "core/panel/triage.h"
#include "core/result.h"

namespace tandem::core::panel {

enum class ContributionStatus {
  kMatched,          // the agency holds a record of the subject and sent what the ISA allows
  kNoMatch,          // the agency holds no record of the subject
  kUnavailable,      // the agency's node could not be reached; the pack is incomplete
  kNotAllowedByIsa,  // the ISA gives the case-pack purpose nothing from this agency
};
// "matched", "no-match", "unavailable", "not-allowed-by-isa".
std::string_view ContributionStatusName(ContributionStatus status);

struct FieldProvenance {
  std::string node;  // the node that holds the record ("probation")
  Date record_date = Date::FromDaysSinceEpoch(0);
  std::string isa_clause;  // the clause that allowed it ("4.2")
};

struct PackField {
  std::string name;   // "rosh"
  std::string value;  // "HIGH"
  FieldProvenance provenance;
};

struct AgencyContribution {
  std::string node;
  AgencyKind agency = AgencyKind::kPolice;
  ContributionStatus status = ContributionStatus::kNoMatch;
  std::string match_band;  // the linkage band when matched ("auto", "review")
  std::string note;        // why unavailable or not allowed ("connection refused")
  std::vector<PackField> fields;
};

struct MissingItem {
  std::string node;
  AgencyKind agency = AgencyKind::kPolice;
  ContributionStatus status = ContributionStatus::kNoMatch;
  std::string why;  // "no record matched", "node unavailable: ...", "not allowed by the ISA: ..."
};

struct PackReferral {
  std::string referral_id;
  std::string pathway;
  std::string source;
  std::string reason;
  std::string referrer;
  Date referred_on = Date::FromDaysSinceEpoch(0);
};

struct PackTriage {
  int total = 0;
  int recency = 0;
  int frequency = 0;
  int gravity = 0;
  int victims = 0;
  int threshold = 0;
  bool serial = false;
  bool put_forward = false;
  std::vector<std::string> explanation;  // RFGV lines, then indicator lines
};

// Why a pack's contributed values are gone, as of `erased_on`: either the ISA keeps data
// received for `purpose` `retention_days` days and that time had passed since the pack was
// assembled, or the controller erased the subject's record on request `request` (then `purpose`
// is empty and `retention_days` 0).
struct ContributionErasure {
  Date erased_on = Date::FromDaysSinceEpoch(0);
  std::string purpose;  // "hhpp-case-pack"
  std::int64_t retention_days = 0;
  std::string request;  // the controller's reference for an erasure request, e.g. "DSR-2026-42"
};

struct CasePack {
  std::string pack_id;
  std::string subject_ref;  // pseudonymous: never a name
  std::string case_id;
  std::string meeting_id;
  Date prepared_on = Date::FromDaysSinceEpoch(0);
  PackReferral referral;
  PackTriage triage;
  std::vector<MonthHarm> harm_by_month;
  int known_victims = 0;     // count only
  int children_at_risk = 0;  // count only
  std::vector<AgencyContribution> contributions;
  std::vector<MissingItem> missing;  // set by FinalisePack
  bool complete = false;             // set by FinalisePack
  // Set when the partners' values were erased (EraseContributedValues); names, provenance,
  // statuses and the coordinator's own parts stay.
  std::optional<ContributionErasure> erasure;
};

// The triage part of a pack from an assessment made with `config`.
PackTriage SummariseTriage(const TriageAssessment& assessment, const TriageConfig& config);

// Checks a filled pack and sets `missing` (one item per contribution that is not matched, with
// its reason) and `complete` (no agency unavailable). kInvalidArgument naming the agency or
// field: a negative count, an empty subject reference, two contributions from one node, a
// matched field without node or ISA clause, fields on a contribution that is not matched.
Status FinalisePack(CasePack& pack);

// Erases every value the partners contributed (each field keeps its name and provenance, so the
// pack still says who gave what under which clause) and records `erasure`. Returns the number
// of values erased; 0, and the pack unchanged, when it was erased before.
std::int64_t EraseContributedValues(CasePack& pack, ContributionErasure erasure);

}  // namespace tandem::core::panel
