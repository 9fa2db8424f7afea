// Per-query handles: a match query's answer names the matched person by a random handle valid
// only for the asking node, only for `lifetime` and only for the purpose the match ran under,
// never by a reference of this node's. A later request presents the handle: a handle from a
// referral match (hhpp-referral-match) opens the case-pack and outcome requests, one from an
// evaluation match (hhpp-evaluation-match) opens the evaluation request only, so a match run
// for one purpose never serves another. Handles live in memory: after a restart the asker runs
// the match again (it is cheap, and the referral decides whether it still applies).
// Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "protocol/timestamp.h"

namespace tandem::node::endpoints {

// The purposes a match query is answered under (ISA clauses 3.1 and 6.2), each issuing handles
// of its own scope.
inline constexpr std::string_view kReferralMatchPurpose = "hhpp-referral-match";
inline constexpr std::string_view kEvaluationMatchPurpose = "hhpp-evaluation-match";

struct HandleTarget {
  std::string export_kind;
  std::string ref;  // the record's reference in this node's store
  // The hex tokens the match agreed on, which its audit entry named the person by: the entries
  // of the requests the handle opens name the person by the same tokens.
  std::vector<std::string> subject_tokens;
};

class HandleTable {
 public:
  explicit HandleTable(std::chrono::seconds lifetime) : lifetime_(lifetime) {}

  // A new 32-hex-digit handle for `target`, usable by `asker` until now + lifetime, and only
  // where a handle of `purpose` (the match query's purpose) is accepted.
  Result<std::string> Issue(const std::string& asker, std::string_view purpose, HandleTarget target,
                            protocol::Seconds now);

  // The target of `handle` for `asker` when it was issued under `purpose`. kNotFound (not
  // saying whether the handle exists for someone else or another purpose) when unknown,
  // expired, issued to another node or issued under another purpose.
  Result<HandleTarget> Resolve(const std::string& asker, std::string_view purpose,
                               const std::string& handle, protocol::Seconds now) const;

  // A referral-match handle (the case-pack and outcome requests): Resolve under
  // kReferralMatchPurpose.
  Result<HandleTarget> Resolve(const std::string& asker, const std::string& handle,
                               protocol::Seconds now) const {
    return Resolve(asker, kReferralMatchPurpose, handle, now);
  }

 private:
  struct Entry {
    std::string asker;
    std::string purpose;
    HandleTarget target;
    protocol::Seconds expires;
  };
  std::chrono::seconds lifetime_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace tandem::node::endpoints
