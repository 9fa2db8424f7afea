#include "node/audit/local_entry.h"

#include <pwd.h>
#include <unistd.h>

#include <array>

#include "node/audit/entry.h"
#include "protocol/ids.h"

namespace tandem::node::audit {

Result<std::string> EncodeLocalChange(const LocalChange& change) {
  auto id = protocol::MessageId::Generate();
  if (!id) return tl::unexpected(id.error());
  AuditEntry entry;
  entry.kind = std::string(change.kind);
  entry.actor = change.actor.empty() ? LocalOperator() : std::string(change.actor);
  entry.purpose = std::string(change.purpose);
  entry.isa_id = std::string(change.isa_id);
  entry.isa_version = change.isa_version;
  entry.processing = std::string(change.processing);
  entry.at = change.at;
  entry.recipient = "store";
  entry.message_id = id->Hex();
  entry.request_sha256 = std::string(change.sha256_hex);
  entry.outcome = "ok";
  return EncodeEntry(entry);
}

std::string LocalOperator() {
  const uid_t uid = ::geteuid();
  std::array<char, 4096> buffer{};
  passwd record{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &record, buffer.data(), buffer.size(), &found) == 0 && found != nullptr &&
      found->pw_name != nullptr && found->pw_name[0] != '\0') {
    return found->pw_name;
  }
  return "uid " + std::to_string(uid);
}

}  // namespace tandem::node::audit
