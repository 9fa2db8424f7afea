// Shared by the audit log tests: keys, sample entries, a controllable clock, and a log opened
// in a fresh temporary directory.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "../temp_dir.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "node/audit/audit_log.h"
#include "protocol/ids.h"

namespace tandem::node::audit::testing {

inline crypto::SecretBytes StoreKey(std::uint8_t fill = 7) {
  std::array<std::uint8_t, 32> bytes;
  bytes.fill(fill);
  auto key = crypto::SecretBytes::Copy(bytes);
  EXPECT_TRUE(key);
  return std::move(*key);
}

inline crypto::SigningKey IdentityKey(std::uint8_t fill) {
  std::array<std::uint8_t, 32> bytes;
  bytes.fill(fill);
  auto seed = crypto::SecretBytes::Copy(bytes);
  EXPECT_TRUE(seed);
  auto key = crypto::SigningKey::FromSeed(*seed);
  EXPECT_TRUE(key);
  return std::move(*key);
}

inline protocol::NodeId Node(std::string_view name) { return *protocol::NodeId::Create(name); }

inline protocol::Seconds At(std::int64_t seconds_after_2026) {
  return protocol::Seconds{std::chrono::seconds(1767225600 + seconds_after_2026)};
}

inline AuditEntry SampleEntry(int i) {
  AuditEntry entry;
  entry.kind = i % 2 == 0 ? "exchange-in" : "exchange-out";
  entry.actor = "probation";
  entry.processing = "consultation";
  entry.at = At(i);
  entry.purpose = "hhpp-referral-match";
  entry.isa_id = "surrey-hhpp";
  entry.isa_version = 3;
  entry.isa_clause = "4.2";
  entry.recipient = "police";
  entry.peer = "probation";
  entry.message_id = "0123456789abcdef0123456789abcdef";
  entry.nonce = "fedcba9876543210fedcba9876543210";
  entry.request_sha256 = std::string(64, 'a');
  entry.response_sha256 = std::string(64, 'b');
  entry.subject_tokens = {"0a1b2c3d" + std::to_string(1000 + i % 1000)};
  entry.fields = {"risk_level", "last_contact"};
  entry.outcome = "ok";
  return entry;
}

// A clock the test moves by hand.
class FakeClock {
 public:
  protocol::Seconds Now() const { return At(seconds_.load()); }
  void Advance(std::int64_t seconds) { seconds_ += seconds; }
  std::function<protocol::Seconds()> Function() {
    return [this] { return Now(); };
  }

 private:
  std::atomic<std::int64_t> seconds_{0};
};

class AuditLogTestBase : public ::testing::Test {
 protected:
  std::filesystem::path Path() const { return dir_.path() / kAuditFileName; }

  AuditLog::Options ManualCheckpoints() {
    AuditLog::Options options;
    options.background_checkpoints = false;
    options.clock = clock_.Function();
    return options;
  }

  std::unique_ptr<AuditLog> OpenLog(AuditLog::Options options) {
    auto log = AuditLog::Open(Path(), key_, node_, identity_, std::move(options));
    EXPECT_TRUE(log) << log.error().message;
    return log ? std::move(*log) : nullptr;
  }
  std::unique_ptr<AuditLog> OpenLog() { return OpenLog(ManualCheckpoints()); }

  void AppendSamples(AuditLog& log, int count, int first = 0) {
    for (int i = first; i < first + count; ++i) {
      auto receipt = log.Append(SampleEntry(i));
      ASSERT_TRUE(receipt) << receipt.error().message;
    }
  }

  tandem::testing::TempDir dir_;
  crypto::SecretBytes key_ = StoreKey();
  protocol::NodeId node_ = Node("police");
  crypto::SigningKey identity_ = IdentityKey(1);
  FakeClock clock_;
};

}  // namespace tandem::node::audit::testing
