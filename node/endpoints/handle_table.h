// Per-query handles: a match query's answer names the matched person by a random handle valid
// only for the asking node and only for `lifetime`, never by a reference of this node's. A
// later contribution request presents the handle. Handles live in memory: after a restart the
// asker runs the match again (it is cheap, and the referral decides whether it still applies).
// Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"
#include "protocol/timestamp.h"

namespace tandem::node::endpoints {

struct HandleTarget {
  std::string export_kind;
  std::string ref;  // the record's reference in this node's store
};

class HandleTable {
 public:
  explicit HandleTable(std::chrono::seconds lifetime) : lifetime_(lifetime) {}

  // A new 32-hex-digit handle for `target`, usable by `asker` until now + lifetime.
  Result<std::string> Issue(const std::string& asker, HandleTarget target, protocol::Seconds now);

  // The target of `handle` for `asker`. kNotFound (not saying whether the handle exists for
  // someone else) when unknown, expired or issued to another node.
  Result<HandleTarget> Resolve(const std::string& asker, const std::string& handle,
                               protocol::Seconds now) const;

 private:
  struct Entry {
    std::string asker;
    HandleTarget target;
    protocol::Seconds expires;
  };
  std::chrono::seconds lifetime_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace tandem::node::endpoints
