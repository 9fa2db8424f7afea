// Referral figures: referrals by pathway, decisions and their reasons, the time from referral
// to decision (median and IQR, quartiles as in quantiles.h), and the later offending of people
// not taken forward (both evaluations asked that they stay monitored). Pure function;
// thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/eval/cohort.h"
#include "core/eval/quantiles.h"
#include "core/result.h"

namespace tandem::core::eval {

enum class Decision { kPending, kAdopted, kRefused, kDeferred };

// "pending", "adopted", "refused", "deferred".
std::string_view DecisionName(Decision decision);

struct Referral {
  std::string subject;
  std::string pathway;  // "marac", "algorithm", "partner_agency", ... as the panel records it
  Date referred;
  Decision decision = Decision::kPending;
  std::optional<Date> decided;  // required unless pending
  std::string reason;           // the recorded reason; may be empty
};

struct LabelCount {
  std::string label;
  std::size_t count = 0;
};

struct DecisionCount {
  Decision decision = Decision::kPending;
  std::size_t count = 0;
  std::vector<LabelCount> reasons;  // by count, most frequent first; "" = no reason recorded
};

struct NotTakenForward {
  std::size_t people = 0;  // refused subjects with full follow-up after the decision
  std::size_t reoffended = 0;
  double rate = 0.0;  // reoffended / people; 0 when people is 0
  int offences = 0;
  double harm = 0.0;  // CCHI days in the follow-up windows
  std::size_t incomplete_follow_up = 0;
};

struct ReferralReport {
  std::size_t referrals = 0;
  std::vector<LabelCount> by_pathway;      // most frequent first, ties by label
  std::vector<DecisionCount> by_decision;  // in enum order, every decision listed
  std::size_t decided = 0;
  std::optional<Quartiles> days_to_decision;  // over decided referrals; absent when none
  NotTakenForward not_taken_forward;
};

struct ReferralOptions {
  int follow_up_days = 365;      // offences in (decision day, decision day + follow_up_days]
  std::optional<Date> data_end;  // as in harm_change.h
};

// "Not taken forward": refused, and never adopted in any referral in the input; the follow-up
// starts at the latest refusal. Success: the report. kInvalidArgument when a decided referral
// has no decision date, a pending one has one, a decision precedes the referral, the follow-up
// is not positive, or an offence weight is invalid (the message gives the position).
Result<ReferralReport> ComputeReferrals(std::span<const Referral> referrals,
                                        std::span<const OffenceEvent> offences,
                                        const ReferralOptions& options = {});

}  // namespace tandem::core::eval
