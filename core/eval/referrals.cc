#include "core/eval/referrals.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/eval/internal/offence_index.h"
#include "core/eval/internal/validate.h"

namespace tandem::core::eval {
namespace {

constexpr std::size_t kDecisions = 4;

std::vector<LabelCount> SortedCounts(const std::map<std::string, std::size_t>& counts) {
  std::vector<LabelCount> out;
  out.reserve(counts.size());
  for (const auto& [label, count] : counts) out.push_back({label, count});
  std::stable_sort(out.begin(), out.end(),
                   [](const LabelCount& a, const LabelCount& b) { return a.count > b.count; });
  return out;
}

}  // namespace

std::string_view DecisionName(Decision decision) {
  static constexpr std::array<std::string_view, kDecisions> kNames = {"pending", "adopted",
                                                                      "refused", "deferred"};
  return kNames[static_cast<std::size_t>(decision)];
}

Result<ReferralReport> ComputeReferrals(std::span<const Referral> referrals,
                                        std::span<const OffenceEvent> offences,
                                        const ReferralOptions& options) {
  if (options.follow_up_days <= 0) {
    return Fail(Code::kInvalidArgument,
                "referrals: the follow-up must be a positive number of days");
  }
  if (auto status = internal::ValidateOffences(offences); !status) {
    return tl::unexpected(status.error());
  }
  ReferralReport out;
  out.referrals = referrals.size();
  std::map<std::string, std::size_t> pathways;
  std::array<std::size_t, kDecisions> decision_counts{};
  std::array<std::map<std::string, std::size_t>, kDecisions> reasons;
  std::vector<double> days;
  std::set<std::string> adopted;
  std::map<std::string, std::int32_t> latest_refusal;
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    const Referral& r = referrals[i];
    const std::string where = "referral " + std::to_string(i + 1);
    const bool pending = r.decision == Decision::kPending;
    if (pending && r.decided) {
      return Fail(Code::kInvalidArgument, where + ": pending but has a decision date");
    }
    if (!pending && !r.decided) {
      return Fail(Code::kInvalidArgument, where + ": " + std::string(DecisionName(r.decision)) +
                                              " but has no decision date");
    }
    if (r.decided && *r.decided < r.referred) {
      return Fail(Code::kInvalidArgument, where + ": decided before it was referred");
    }
    ++pathways[r.pathway];
    const auto d = static_cast<std::size_t>(r.decision);
    ++decision_counts[d];
    ++reasons[d][r.reason];
    if (pending) continue;
    ++out.decided;
    days.push_back(static_cast<double>(r.decided->DaysSinceEpoch() - r.referred.DaysSinceEpoch()));
    if (r.decision == Decision::kAdopted) adopted.insert(r.subject);
    if (r.decision == Decision::kRefused) {
      const std::int32_t day = r.decided->DaysSinceEpoch();
      auto [it, inserted] = latest_refusal.emplace(r.subject, day);
      if (!inserted) it->second = std::max(it->second, day);
    }
  }
  out.by_pathway = SortedCounts(pathways);
  for (std::size_t d = 0; d < kDecisions; ++d) {
    out.by_decision.push_back(
        {static_cast<Decision>(d), decision_counts[d], SortedCounts(reasons[d])});
  }
  out.days_to_decision = QuartilesOf(days);

  const internal::OffenceIndex index(offences);
  NotTakenForward& ntf = out.not_taken_forward;
  for (const auto& [subject, day] : latest_refusal) {
    if (adopted.count(subject) != 0) continue;
    const std::int32_t end = day + options.follow_up_days + 1;
    if (options.data_end && end > options.data_end->DaysSinceEpoch()) {
      ++ntf.incomplete_follow_up;
      continue;
    }
    ++ntf.people;
    const auto totals = index.Count(subject, day + 1, end);
    if (totals.offences > 0) ++ntf.reoffended;
    ntf.offences += totals.offences;
    ntf.harm += totals.harm;
  }
  ntf.rate =
      ntf.people == 0 ? 0.0 : static_cast<double>(ntf.reoffended) / static_cast<double>(ntf.people);
  return out;
}

}  // namespace tandem::core::eval
