// libFuzzer target: any bytes as the body of every request of the node's local HTTP API that
// carries one: the evaluator's /v1/eval/report and /v1/eval/outcome-set, the coordinator's
// /v1/referrals/match, the panel's /v1/panel/... writes (referrals, triage, close, allocation,
// ranking, meetings, reviews, packs, decisions, actions, plans, interventions, monitoring,
// catalogue) and the contributor's /v1/interventions. A decoder must refuse with
// kInvalidArgument naming the member, never crash or throw; what it accepts holds its required
// members, and where an encoder exists it encodes back to the same value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/eval/privacy_budget.h"
#include "node/panel/delivered_request.h"
#include "node/panel/panel_json.h"
#include "node/panel/panel_requests.h"
#include "node/runtime/eval_api_request.h"
#include "node/runtime/referral_match_request.h"

namespace {

using namespace tandem::node;
using tandem::Code;

// A refusal must be kInvalidArgument; anything else is a bug in the decoder.
template <class T>
bool Accepted(const tandem::Result<T>& result) {
  if (!result && result.error().code != Code::kInvalidArgument) __builtin_trap();
  return result.has_value();
}

void EvaluationRequest(std::string_view text) {
  auto request = runtime::DecodeEvaluationApiRequest(text);
  if (!Accepted(request)) return;
  if (request->epsilon_per_table) {
    (void)Accepted(tandem::core::eval::ParseEpsilon(*request->epsilon_per_table));
  }
  auto again = runtime::DecodeEvaluationApiRequest(runtime::EncodeEvaluationApiRequest(*request));
  if (!again || again->evaluation_id != request->evaluation_id ||
      again->data_end != request->data_end || again->k != request->k ||
      again->quasi_identifiers != request->quasi_identifiers ||
      again->small_cell_threshold != request->small_cell_threshold ||
      again->rounding_base != request->rounding_base ||
      again->max_suppressed_share != request->max_suppressed_share ||
      again->epsilon_per_table != request->epsilon_per_table ||
      again->before_days != request->before_days || again->after_days != request->after_days ||
      again->follow_up_days != request->follow_up_days ||
      again->value_per_cchi_day != request->value_per_cchi_day) {
    __builtin_trap();
  }
}

void ReferralMatch(std::string_view text) {
  auto request = runtime::DecodeReferralMatchRequest(text);
  if (!Accepted(request)) return;
  auto again = runtime::DecodeReferralMatchRequest(runtime::EncodeReferralMatchRequest(*request));
  if (!again || again->export_kind != request->export_kind || again->ref != request->ref) {
    __builtin_trap();
  }
}

void Delivered(std::string_view text) {
  auto item = panel::DecodeDeliveredIntervention(text);
  if (!Accepted(item)) return;
  if (item->export_kind.empty() || item->ref.empty() || item->intervention_id.empty()) {
    __builtin_trap();
  }
  auto again = panel::DecodeDeliveredIntervention(panel::EncodeDeliveredIntervention(*item));
  if (!again || again->export_kind != item->export_kind || again->ref != item->ref ||
      again->intervention_id != item->intervention_id || again->category != item->category ||
      again->started_on != item->started_on || again->ended_on != item->ended_on ||
      again->order_made_on != item->order_made_on ||
      again->order_expires_on != item->order_expires_on || again->completed != item->completed) {
    __builtin_trap();
  }
}

void PanelWrites(std::string_view text) {
  // Every panel body is a JSON object first: if that is refused, so is each body below, and
  // one decoder stands for them all.
  if (!Accepted(panel::DecodePanelBody(text))) return;
  if (auto referral = panel::DecodePanelReferral(text); Accepted(referral)) {
    if (referral->subject_key.empty() || referral->pathway.empty()) __builtin_trap();
  }
  for (const char* name : {"on", "run_on", "prepared_on"}) {
    (void)Accepted(panel::DecodeOptionalDate(text, name));
  }
  if (auto close = panel::DecodeCloseRequest(text); Accepted(close)) {
    if (close->reason.empty()) __builtin_trap();
  }
  if (auto allocation = panel::DecodeAllocationRequest(text); Accepted(allocation)) {
    if (!tandem::core::panel::ValidateManagerKey(allocation->allocation.manager)) {
      __builtin_trap();
    }
  }
  (void)Accepted(panel::DecodeMeetingRequest(text));
  if (auto review = panel::DecodeReviewRequest(text); Accepted(review)) {
    if (review->empty()) __builtin_trap();
  }
  (void)Accepted(panel::DecodeDecisionRequest(text));
  (void)Accepted(panel::DecodeActionRequest(text));
  (void)Accepted(panel::DecodeCompleteActionRequest(text));
  if (auto plan = panel::DecodePlanRequest(text); Accepted(plan)) {
    if (plan->version != 0) __builtin_trap();
  }
  (void)Accepted(panel::DecodeInterventionRecordRequest(text));
  if (auto entry = panel::DecodeCatalogueEntry(text); Accepted(entry)) {
    const std::string written = panel::InterventionToJson(*entry).dump();
    auto again = panel::DecodeCatalogueEntry(written);
    if (!again || panel::InterventionToJson(*again).dump() != written) __builtin_trap();
  }
}

}  // namespace

// A 16 MiB quarantine instead of ASan's 256 MiB: a freed block stays poisoned across many whole
// executions, so a use after free is still caught, but the allocator recycles warm memory
// instead of faulting in cold pages on every run (docs/fuzzing.md, "Speed"). ASAN_OPTIONS
// given at run time still wins.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=16"; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  EvaluationRequest(text);
  ReferralMatch(text);
  Delivered(text);
  PanelWrites(text);
  return 0;
}
