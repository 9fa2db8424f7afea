#include "node/endpoints/handle_table.h"

#include "protocol/ids.h"

namespace tandem::node::endpoints {

Result<std::string> HandleTable::Issue(const std::string& asker, std::string_view purpose,
                                       HandleTarget target, protocol::Seconds now) {
  auto random = protocol::MessageId::Generate();  // 16 CSPRNG bytes, hex
  if (!random) return tl::unexpected(random.error());
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [now](const auto& entry) { return entry.second.expires <= now; });
  std::string handle = random->Hex();
  entries_[handle] = Entry{asker, std::string(purpose), std::move(target), now + lifetime_};
  return handle;
}

Result<HandleTarget> HandleTable::Resolve(const std::string& asker, std::string_view purpose,
                                          const std::string& handle, protocol::Seconds now) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(handle);
  if (it == entries_.end() || it->second.asker != asker || it->second.purpose != purpose ||
      it->second.expires <= now) {
    return Fail(Code::kNotFound,
                "unknown or expired handle, or one a match under another "
                "purpose gave: run the match query again under " +
                    std::string(purpose));
  }
  return it->second.target;
}

}  // namespace tandem::node::endpoints
