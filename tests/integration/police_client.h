// The test's own client with police's identity, ISA view and certificate, and an audit log of
// its own (so it never writes into the running police node's log): what integration tests use
// to send signed exchanges to real partner nodes as police would.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "crypto/signing.h"
#include "node/audit/audit_log.h"
#include "node/exchange/current_policy.h"
#include "node/exchange/exchange_context.h"
#include "node/exchange/nonce_cache.h"
#include "node/exchange/outbound.h"
#include "node/identity_key.h"
#include "node/isa/isa_installer.h"
#include "node/isa/isa_policy.h"
#include "node/isa/quota_counter.h"
#include "node/net/peer_client.h"
#include "node/runtime/metrics.h"
#include "tests/integration/partnership.h"

namespace tandem::testing {

struct PoliceClient {
  std::optional<crypto::SigningKey> identity;
  std::unique_ptr<node::exchange::CurrentPolicy> policy;
  node::exchange::NonceCache nonces;
  std::unique_ptr<node::isa::QuotaCounter> quotas;
  std::unique_ptr<node::audit::AuditLog> audit;
  node::runtime::Metrics metrics;
  node::exchange::ExchangeContext context;
  std::unique_ptr<node::exchange::PeerExchange> exchange;

  static protocol::Seconds Now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }

  static node::net::TlsFiles Tls(const Partnership& partnership, const std::string& node) {
    return node::net::TlsFiles::InDirectory(partnership.data_dir(node) / "tls");
  }

  // Reads police's identity key and installed ISA from the partnership and opens the client's
  // audit log at scratch / audit_file. "" or what failed.
  std::string Open(const Partnership& partnership, const std::filesystem::path& scratch,
                   const std::string& audit_file = "client-audit.db") {
    const auto dir = partnership.data_dir("police");
    auto key = node::ReadIdentityKey(dir / node::kIdentityKeyFileName);
    if (!key) return key.error().message;
    identity.emplace(std::move(*key));
    auto isa = node::isa::IsaInstaller::Load(dir);
    if (!isa) return isa.error().message;
    auto created = node::isa::IsaPolicy::Create(std::move(*isa), "police");
    if (!created) return created.error().message;
    quotas = std::make_unique<node::isa::QuotaCounter>((*created)->DailyQuotas());
    policy = std::make_unique<node::exchange::CurrentPolicy>(
        std::shared_ptr<const node::isa::IsaPolicy>(std::move(*created)));
    auto log = node::audit::AuditLog::OpenUnencrypted(
        scratch / audit_file, *protocol::NodeId::Create("police"), *identity, {});
    if (!log) return log.error().message;
    audit = std::move(*log);
    context.self = "police";
    context.signing_key = &*identity;
    context.policy = policy.get();
    context.nonces = &nonces;
    context.quotas = quotas.get();
    context.audit = audit.get();
    context.metrics = &metrics;
    context.clock = &Now;
    exchange = std::make_unique<node::exchange::PeerExchange>(context, Tls(partnership, "police"),
                                                              node::net::ClientOptions{});
    return "";
  }
};

}  // namespace tandem::testing
