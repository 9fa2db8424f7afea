// libFuzzer target: any bytes as the body of every node-to-node message an endpoint decodes and
// every answer a caller decodes:
//   oprf-evaluate requests and results, match-query (and the tokens of referral-submit),
//   contribution-request and outcome-request (a handle), evaluation-request (handles and
//   pseudonyms), referral-submit at the coordinator,
//   the partner's referral request and the coordinator's referral answer, and the answers a
//   coordinator reads: match-query (the band, agreed keys and handle), contribution (case pack),
//   outcome-request (outcome sync) and evaluation-request (federated evaluation), and the
//   witness answers a logging node reads (checkpoint-request and cosign-request), and the
//   witnessing and proof requests a peer reads (cosign-request, inclusion-proof-request,
//   consistency-proof-request).
// A decoder must refuse or accept with a clear error, never crash or throw; where an encoder
// exists, what it accepts must encode back to the same value.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "node/audit/cosign_request.h"
#include "node/endpoints/evaluation_request_codec.h"
#include "node/endpoints/handle_request_codec.h"
#include "node/endpoints/match_codec.h"
#include "node/endpoints/oprf_codec.h"
#include "node/endpoints/proof_request_codec.h"
#include "node/eval/evaluation_answer.h"
#include "node/exchange/witness_answers.h"
#include "node/panel/case_pack_assembler.h"
#include "node/panel/outcome_answer.h"
#include "node/panel/referral_submit_codec.h"
#include "node/runtime/match_answer_codec.h"

namespace {

using namespace tandem::node;

void OprfMessages(std::string_view text) {
  if (auto request = endpoints::DecodeOprfRequest(text)) {
    auto again = endpoints::DecodeOprfRequest(
        endpoints::EncodeOprfRequest(request->epoch, request->elements));
    if (!again || again->elements != request->elements) __builtin_trap();
  }
  if (auto partial = endpoints::DecodePartialEvaluation(text)) {
    auto again = endpoints::DecodePartialEvaluation(endpoints::EncodePartialEvaluation(*partial));
    if (!again || again->evaluated != partial->evaluated || again->proof != partial->proof) {
      __builtin_trap();
    }
  }
}

void HandleRequests(std::string_view text) {
  auto handle = endpoints::DecodeHandleRequest(text, "contribution-request");
  if (!handle) {
    if (handle.error().code != tandem::Code::kInvalidArgument) __builtin_trap();
    return;
  }
  auto again =
      endpoints::DecodeHandleRequest(endpoints::EncodeHandleRequest(*handle), "outcome-request");
  if (!again || *again != *handle) __builtin_trap();
}

void EvaluationRequests(std::string_view text) {
  auto request = endpoints::DecodeEvaluationRequest(text);
  if (!request) {
    if (request.error().code != tandem::Code::kInvalidArgument) __builtin_trap();
    return;
  }
  if (request->items.empty() || request->items.size() > endpoints::kMaxEvaluationItems) {
    __builtin_trap();
  }
  auto again = endpoints::DecodeEvaluationRequest(endpoints::EncodeEvaluationRequest(*request));
  if (!again || again->evaluation_id != request->evaluation_id || again->items != request->items) {
    __builtin_trap();
  }
}

void Referrals(std::string_view text) {
  const auto query = endpoints::DecodeMatchQuery(text);
  if (auto submission = panel::DecodeReferralSubmission(text)) {
    // Its tokens are exactly what match-query reads from the same member.
    if (!query || query->size() != submission->tokens.size()) __builtin_trap();
    for (std::size_t i = 0; i < query->size(); ++i) {
      if ((*query)[i].key != submission->tokens[i].key ||
          (*query)[i].token != submission->tokens[i].token) {
        __builtin_trap();
      }
    }
  } else if (submission.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
  if (auto request = panel::DecodeReferralRequest(text)) {
    if (request->export_kind.empty() || request->ref.empty() || request->reason.empty() ||
        request->referrer.empty()) {
      __builtin_trap();
    }
  }
  if (auto answer = panel::DecodeReferralAnswer(text); !answer) {
    if (answer.error().code != tandem::Code::kInvalidArgument) __builtin_trap();
  }
}

void MatchAnswers(std::string_view text) {
  auto answer = runtime::DecodeMatchAnswer(text);
  if (!answer) {
    if (answer.error().code != tandem::Code::kUnauthenticated) __builtin_trap();
    return;
  }
  auto again = runtime::DecodeMatchAnswer(runtime::EncodeMatchAnswer(*answer));
  if (!again || again->band != answer->band || again->agreed != answer->agreed ||
      again->handle != answer->handle) {
    __builtin_trap();
  }
}

void Contribution(std::string_view text) {
  static const auto prepared_on = *tandem::core::Date::FromYmd(2026, 11, 22);
  static const std::vector<std::string> allowed = {
      "offence_summary", "start_date", "risk_level",
      "referral_date",   "name",       "children_in_household"};
  int refused = -1;
  auto fields = panel::ContributionFields("housing", text, allowed, prepared_on, &refused);
  if (!fields) {
    if (fields.error().code != tandem::Code::kUnauthenticated) __builtin_trap();
    return;
  }
  if (refused < 0) __builtin_trap();
  for (const auto& field : *fields) {
    // Never a field the ISA did not list, never one that names a person.
    if (std::find(allowed.begin(), allowed.end(), field.name) == allowed.end() ||
        panel::IdentifiesAPerson(field.name)) {
      __builtin_trap();
    }
  }
}

void Answers(std::string_view text) {
  static const std::set<std::string> sent = {"0123456789abcdef0123456789abcdef",
                                             "fedcba9876543210fedcba9876543210"};
  if (auto answer = eval::DecodeEvaluationAnswer("probation", text, sent)) {
    for (const auto& row : answer->rows) {
      if (!sent.contains(row.pseudonym) || row.node != "probation") __builtin_trap();
    }
  } else if (answer.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
  if (auto records = panel::DecodeOutcomeAnswer(text, "C1", tandem::core::AgencyKind::kHousing)) {
    for (const auto& record : *records) {
      if (record.case_id != "C1" || (record.completed && !record.ended_on)) __builtin_trap();
    }
  } else if (records.error().code != tandem::Code::kUnauthenticated) {
    __builtin_trap();
  }
}

// A decoded checkpoint or co-signature always encodes again (checkpoint_fuzz checks the same of
// the messages themselves).
void WitnessAnswers(std::string_view text) {
  if (auto witnessed = exchange::DecodeCheckpointRequestAnswer(text)) {
    auto written = exchange::EncodeCheckpointRequestAnswer(*witnessed);
    if (!written) __builtin_trap();
    auto again = exchange::DecodeCheckpointRequestAnswer(*written);
    if (!again || *again != *witnessed) __builtin_trap();
  } else if (witnessed.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
  if (auto cosignature = exchange::DecodeCosignAnswer(text)) {
    auto written = exchange::EncodeCosignAnswer(*cosignature);
    if (!written) __builtin_trap();
    auto again = exchange::DecodeCosignAnswer(*written);
    if (!again || !(*again == *cosignature)) __builtin_trap();
  } else if (cosignature.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
}

void AuditRequests(std::string_view text) {
  if (auto request = audit::DecodeCosignRequest(text)) {
    auto written = audit::EncodeCosignRequest(*request);
    if (!written) __builtin_trap();
    auto again = audit::DecodeCosignRequest(*written);
    if (!again || !(*again == *request)) __builtin_trap();
  } else if (request.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
  if (auto range = endpoints::DecodeInclusionProofRequest(text)) {
    auto again =
        endpoints::DecodeInclusionProofRequest(endpoints::EncodeInclusionProofRequest(*range));
    if (!again || *again != *range) __builtin_trap();
  } else if (range.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
  }
  if (auto range = endpoints::DecodeConsistencyProofRequest(text)) {
    auto again =
        endpoints::DecodeConsistencyProofRequest(endpoints::EncodeConsistencyProofRequest(*range));
    if (!again || *again != *range) __builtin_trap();
  } else if (range.error().code != tandem::Code::kInvalidArgument) {
    __builtin_trap();
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
  OprfMessages(text);
  HandleRequests(text);
  EvaluationRequests(text);
  Referrals(text);
  MatchAnswers(text);
  Contribution(text);
  Answers(text);
  WitnessAnswers(text);
  AuditRequests(text);
  return 0;
}
