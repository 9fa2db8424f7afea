#include "core/eval/harm_change.h"

#include <cmath>
#include <unordered_set>

#include "core/eval/internal/offence_index.h"
#include "core/eval/internal/validate.h"

namespace tandem::core::eval {

Result<HarmChangeReport> ComputeHarmChange(std::span<const CohortMember> cohort,
                                           std::span<const OffenceEvent> offences,
                                           const HarmChangeOptions& options) {
  if (options.before_days <= 0 || options.after_days <= 0) {
    return Fail(Code::kInvalidArgument, "harm change: window lengths must be positive days");
  }
  if (!std::isfinite(options.value_per_cchi_day) || options.value_per_cchi_day < 0.0) {
    return Fail(Code::kInvalidArgument,
                "harm change: the value per CCHI day must be a non-negative amount");
  }
  if (auto status = internal::ValidateOffences(offences); !status) {
    return tl::unexpected(status.error());
  }
  if (auto status = internal::ValidateUniqueMembers(cohort); !status) {
    return tl::unexpected(status.error());
  }
  const internal::OffenceIndex index(offences);
  HarmChangeReport out;
  std::vector<double> before_harm;
  std::vector<double> after_harm;
  for (const CohortMember& member : cohort) {
    const std::int32_t adopted = member.adopted.DaysSinceEpoch();
    const std::int32_t after_end = adopted + options.after_days;
    if (options.data_end && after_end > options.data_end->DaysSinceEpoch()) {
      ++out.incomplete_follow_up;
      continue;
    }
    const auto before = index.Count(member.subject, adopted - options.before_days, adopted);
    const auto after = index.Count(member.subject, adopted, after_end);
    PersonHarmChange person{member.subject, before.offences, after.offences, before.harm,
                            after.harm};
    out.reduced_offending += person.offences_after < person.offences_before ? 1 : 0;
    out.reduced_harm += person.harm_after < person.harm_before ? 1 : 0;
    out.no_further_offences += person.offences_after == 0 ? 1 : 0;
    out.offences_before += person.offences_before;
    out.offences_after += person.offences_after;
    out.harm_before += person.harm_before;
    out.harm_after += person.harm_after;
    before_harm.push_back(person.harm_before);
    after_harm.push_back(person.harm_after);
    out.people.push_back(std::move(person));
  }
  const auto share = [&](std::size_t count) {
    return out.people.empty() ? 0.0
                              : static_cast<double>(count) / static_cast<double>(out.people.size());
  };
  out.share_reduced_offending = share(out.reduced_offending);
  out.share_reduced_harm = share(out.reduced_harm);
  out.share_no_further_offences = share(out.no_further_offences);
  if (out.offences_before > 0) {
    out.offences_relative_change =
        static_cast<double>(out.offences_after - out.offences_before) / out.offences_before;
  }
  if (out.harm_before > 0.0) {
    out.harm_relative_change = (out.harm_after - out.harm_before) / out.harm_before;
  }
  out.value_of_harm_reduction = (out.harm_before - out.harm_after) * options.value_per_cchi_day;
  if (out.people.empty()) {
    out.wilcoxon_unavailable = "no cohort member has complete follow-up";
  } else if (auto test = WilcoxonSignedRank(before_harm, after_harm, options.wilcoxon)) {
    out.wilcoxon = *test;
  } else {
    out.wilcoxon_unavailable = test.error().message;
  }
  return out;
}

}  // namespace tandem::core::eval
