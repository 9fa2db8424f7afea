// The audit outbox over a real SQLCipher store and a real audit log: queued local entries move
// into the log in order and leave the store; a change logged before a crash is not logged twice;
// an unreadable queued entry stops the drain and stays queued.
#include "node/runtime/audit_outbox.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../temp_dir.h"
#include "audit_fixture.h"
#include "node/audit/local_entry.h"

namespace tandem::node::runtime {
namespace {

using audit::testing::At;
using audit::testing::IdentityKey;
using audit::testing::Node;
using audit::testing::StoreKey;

class AuditOutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const crypto::SecretBytes key = StoreKey();
    store::Store::Options options;
    options.create_if_missing = true;
    auto writer = store::Store::Open(dir_.path() / "store.db", key, options);
    ASSERT_TRUE(writer) << writer.error().message;
    writer_ = std::move(*writer);
    auto own = store::Store::Open(dir_.path() / "store.db", key, {});
    ASSERT_TRUE(own) << own.error().message;
    audit::AuditLog::Options log_options;
    log_options.background_checkpoints = false;
    auto log = audit::AuditLog::Open(dir_.path() / "audit.db", key, Node("housing"), identity_,
                                     log_options);
    ASSERT_TRUE(log) << log.error().message;
    log_ = std::move(*log);
    outbox_.emplace(std::move(*own), log_.get());
  }

  // Queues a local entry as a command would, and returns it as the log will hold it.
  audit::AuditEntry Queue(const std::string& processing, std::int64_t at) {
    auto encoded = audit::EncodeLocalChange({.kind = audit::kImportKind,
                                             .processing = processing,
                                             .sha256_hex = std::string(64, 'c'),
                                             .at = At(at)});
    EXPECT_TRUE(encoded) << encoded.error().message;
    EXPECT_TRUE(writer_->QueueAuditEntry(*encoded));
    return *audit::DecodeEntry(*encoded);
  }

  std::vector<audit::AuditEntry> Logged() {
    std::vector<audit::AuditEntry> entries;
    for (std::uint64_t i = 0; i < log_->size(); ++i) entries.push_back(*log_->Entry(i));
    return entries;
  }

  std::size_t StillQueued() { return writer_->QueuedAuditEntries(1000)->size(); }

  tandem::testing::TempDir dir_;
  const crypto::SigningKey identity_ = IdentityKey(3);
  std::unique_ptr<store::Store> writer_;
  std::unique_ptr<audit::AuditLog> log_;
  std::optional<AuditOutbox> outbox_;
};

TEST_F(AuditOutboxTest, MovesQueuedEntriesIntoTheLogInOrderAndEmptiesTheQueue) {
  std::vector<audit::AuditEntry> queued;
  for (int i = 0; i < 300; ++i) queued.push_back(Queue("collection " + std::to_string(i), i));
  auto drained = outbox_->Drain();
  ASSERT_TRUE(drained) << drained.error().message;
  EXPECT_EQ(*drained, 300u);
  EXPECT_EQ(Logged(), queued);
  EXPECT_EQ(StillQueued(), 0u);

  auto again = outbox_->Drain();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0u);
  EXPECT_EQ(log_->size(), 300u);
}

TEST_F(AuditOutboxTest, AnEntryAlreadyLoggedBeforeACrashIsNotLoggedAgain) {
  // A node killed after the append and before the delete: the log holds the first entry and
  // the store still queues it.
  const audit::AuditEntry first = Queue("collection", 10);
  ASSERT_TRUE(log_->Append(first));
  const audit::AuditEntry second = Queue("alteration", 20);

  auto drained = outbox_->Drain();
  ASSERT_TRUE(drained) << drained.error().message;
  EXPECT_EQ(*drained, 1u);
  EXPECT_EQ(Logged(), (std::vector<audit::AuditEntry>{first, second}));
  EXPECT_EQ(StillQueued(), 0u);
}

TEST_F(AuditOutboxTest, AnUnreadableQueuedEntryStopsTheDrainAndStaysQueued) {
  ASSERT_TRUE(writer_->QueueAuditEntry("{\"kind\":\"import\"}"));
  Queue("collection", 5);
  auto drained = outbox_->Drain();
  ASSERT_FALSE(drained);
  EXPECT_EQ(drained.error().code, Code::kCorruption);
  EXPECT_NE(drained.error().message.find("queued audit entry 1"), std::string::npos)
      << drained.error().message;
  EXPECT_EQ(log_->size(), 0u);
  EXPECT_EQ(StillQueued(), 2u);
}

}  // namespace
}  // namespace tandem::node::runtime
