// JSON for the panel: reading members of a request or journal body with messages a person can
// act on ("decided_on: '2026-13-01' is not a date YYYY-MM-DD"), and the two-way JSON forms of
// the core panel values the journal keeps (occurrences, triage summaries, ranking runs) and the
// one-way views the local API answers with (cases, meetings, the catalogue). Pure; thread-safe;
// never throws.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/agency.h"
#include "core/date.h"
#include "core/panel/case_pack.h"
#include "core/panel/catalogue.h"
#include "core/panel/occurrence.h"
#include "core/panel/panel_book.h"
#include "core/panel/ranking.h"
#include "core/result.h"

namespace tandem::node::panel {

using Json = nlohmann::json;

// "YYYY-MM-DD" exactly; kInvalidArgument quoting the text otherwise.
Result<core::Date> ParseJsonDate(std::string_view text);

// Members of a JSON object. Each fails with kInvalidArgument "<name>: ..." when the member is
// missing (the Optional ones: absent or null gives nullopt / the default) or of the wrong type.
Result<std::string> RequireString(const Json& object, std::string_view name);
Result<std::string> OptionalString(const Json& object, std::string_view name);  // "" if absent
Result<core::Date> RequireDate(const Json& object, std::string_view name);
Result<std::optional<core::Date>> OptionalDate(const Json& object, std::string_view name);
Result<bool> RequireBool(const Json& object, std::string_view name);
Result<std::int64_t> RequireInt(const Json& object, std::string_view name);
Result<double> RequireDouble(const Json& object, std::string_view name);
Result<std::vector<std::string>> StringList(const Json& object, std::string_view name);
Result<core::AgencyKind> RequireAgency(const Json& object, std::string_view name);

// Reads several members and keeps the first error: each getter returns a default after a
// failure, and error() says what was wrong first. `prefix` is put before member names
// ("plan.").
class JsonReader {
 public:
  explicit JsonReader(const Json& object, std::string prefix = "");
  std::string String(std::string_view name);  // required, non-empty
  std::string OptionalString(std::string_view name);
  core::Date DateOf(std::string_view name);
  std::optional<core::Date> OptionalDateOf(std::string_view name);
  bool Bool(std::string_view name);
  std::int64_t Int(std::string_view name);
  double Double(std::string_view name);
  std::vector<std::string> Strings(std::string_view name);
  core::AgencyKind Agency(std::string_view name);
  // The member as an object (required); an empty object after a failure.
  const Json& Object(std::string_view name);

  bool ok() const { return !error_.has_value(); }
  // kInvalidArgument with the first failure; only when !ok().
  tl::unexpected<Error> error() const;

 private:
  template <class T>
  T Keep(Result<T> result, T fallback);

  const Json& object_;
  std::string prefix_;
  std::optional<Error> error_;
};

// The `erasure` member of a case pack or panel command whose received values were erased:
// {"erased_on", "purpose", "retention_days"} when a retention passed, {"erased_on", "request"}
// when the subject's record was erased on request.
Json ErasureToJson(const core::panel::ContributionErasure& erasure);

// Two-way forms kept in the journal.
Json OccurrenceToJson(const core::panel::Occurrence& occurrence);
Result<core::panel::Occurrence> OccurrenceFromJson(const Json& json);
Json PackTriageToJson(const core::panel::PackTriage& triage);
Result<core::panel::PackTriage> PackTriageFromJson(const Json& json);
Json RankingRunToJson(const core::panel::RankingRun& run);
Result<core::panel::RankingRun> RankingRunFromJson(const Json& json);
Json InterventionToJson(const core::panel::Intervention& intervention);
Result<core::panel::Intervention> InterventionFromJson(const Json& json);
// An allocation as the `allocate` command's args and the case view show it: case_id, manager,
// agency, high_risk, from, and until (null while it holds). Reading ignores `until`.
Json AllocationToJson(const core::panel::CaseAllocation& allocation);
Result<core::panel::CaseAllocation> AllocationFromJson(const Json& json);

// Views for the local API.
Json ReceiptToJson(const core::panel::ReferralReceipt& receipt);
Json MeetingToJson(const core::panel::PanelBook& book, const core::panel::Meeting& meeting);
Json CaseSummaryToJson(const core::panel::CaseRecord& c);
// The whole case: state, history, referrals, triage (with its explanation when known),
// decisions, actions, plans, interventions, offender manager allocations and outcome.
Json CaseToJson(const core::panel::PanelBook& book, const core::panel::CaseRecord& c,
                const core::panel::PackTriage* triage);
Json ActionToJson(const core::panel::Action& action);

}  // namespace tandem::node::panel
