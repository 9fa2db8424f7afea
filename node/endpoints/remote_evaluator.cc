#include "node/endpoints/remote_evaluator.h"

#include "node/endpoints/oprf_codec.h"

namespace tandem::node::endpoints {

Result<crypto::PartialEvaluation> RemoteEvaluator::Evaluate(
    std::uint32_t holder, std::span<const crypto::OprfElement> blinded) const {
  if (holder == 0 || holder > names_.size()) {
    return Fail(Code::kNotFound, "no key holder " + std::to_string(holder));
  }
  const std::string& name = names_[holder - 1];
  if (name == self_) {
    if (own_share_ == nullptr || own_share_->holder() != holder) {
      return Fail(Code::kNotFound, "this node holds no share as holder " + std::to_string(holder));
    }
    return own_share_->PartialEvaluate(blinded);
  }
  auto answer =
      exchange_->Call(name, "oprf-evaluation", "oprf-evaluate", EncodeOprfRequest(epoch_, blinded));
  if (!answer) return tl::unexpected(answer.error());
  auto partial = DecodePartialEvaluation(answer->result_json);
  if (!partial) return tl::unexpected(partial.error());
  if (partial->holder != holder) {
    return Fail(Code::kUnauthenticated, "'" + name + "' answered as holder " +
                                            std::to_string(partial->holder) + ", not " +
                                            std::to_string(holder));
  }
  return partial;
}

}  // namespace tandem::node::endpoints
