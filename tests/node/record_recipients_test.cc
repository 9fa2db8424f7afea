// The recipients of one person's data, from a real audit log and a real store: the answered
// requests and the requests sent that name one of the record's tokens, counted per partner
// with the last one's time; refused requests, replies and local entries left out.
#include "node/importer/record_recipients.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/hex.h"
#include "node/audit/audit_log.h"
#include "small_police_store.h"
#include "temp_dir.h"
#include "tests/node/audit/audit_fixture.h"

namespace tandem::node::importer {
namespace {

using tandem::testing::TempDir;

audit::StoredEntry Row(std::string kind, std::string recipient, std::string outcome, int at) {
  audit::StoredEntry row;
  row.entry = audit::testing::SampleEntry(at);
  row.entry.kind = std::move(kind);
  row.entry.recipient = std::move(recipient);
  row.entry.outcome = std::move(outcome);
  return row;
}

TEST(RecipientsInTest, CountsWhatWasToldToEachPartnerAndWhen) {
  const std::vector<audit::StoredEntry> entries = {
      Row("exchange-in", "police", "ok", 5),                 // an answer given
      Row("exchange-in", "police", "permission_denied", 9),  // refused: told nothing
      Row("exchange-out", "nhs", "sent", 3),                 // a request naming the person
      Row("exchange-reply", "nhs", "ok", 4),                 // the reply to it: nothing told
      Row("exchange-in", "police", "ok", 2),                 // an earlier answer
      Row("import", "store", "ok", 7),                       // local processing
      Row("exchange-in", "", "ok", 8),                       // no recipient
  };
  const std::vector<Recipient> recipients = RecipientsIn(entries);
  ASSERT_EQ(recipients.size(), 2U);
  EXPECT_EQ(recipients[0].node, "nhs");
  EXPECT_EQ(recipients[0].exchanges, 1);
  EXPECT_EQ(recipients[0].last, audit::testing::At(3));
  EXPECT_EQ(recipients[1].node, "police");
  EXPECT_EQ(recipients[1].exchanges, 2);
  EXPECT_EQ(recipients[1].last, audit::testing::At(5));
  EXPECT_TRUE(RecipientsIn({}).empty());
}

class RecordRecipientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = tandem::testing::SmallPoliceStore(dir_);
    ASSERT_NE(store_, nullptr);
    tokens_ = tandem::testing::IndexTwoTokensEach(*store_, 0xb0);
  }

  // Appends an answer to `recipient` naming token `token` of the index.
  void Answer(audit::AuditLog& log, std::size_t token, const std::string& recipient, int at) {
    audit::AuditEntry entry = audit::testing::SampleEntry(at);
    entry.kind = "exchange-in";
    entry.recipient = recipient;
    entry.subject_tokens = {crypto::EncodeHex(tokens_.at(token))};
    ASSERT_TRUE(log.Append(entry));
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::array<store::TokenBytes, 4> tokens_{};
  crypto::SecretBytes key_ = audit::testing::StoreKey();
};

TEST_F(RecordRecipientsTest, FindsThePartnersToldAboutTheRecordByItsTokensOnly) {
  {
    const crypto::SigningKey identity = audit::testing::IdentityKey(3);
    auto log = audit::AuditLog::Open(dir_ / "audit.db", key_, audit::testing::Node("probation"),
                                     identity, {});
    ASSERT_TRUE(log) << log.error().message;
    // N1000001 holds tokens 0 and 1, N1000002 tokens 2 and 3.
    Answer(**log, 0, "police", 1);
    Answer(**log, 1, "police", 4);
    Answer(**log, 1, "nhs", 2);
    Answer(**log, 2, "housing", 6);
  }
  const AuditLogFile log{.path = dir_ / "audit.db", .key = &key_};
  auto first = RecipientsOfRecord(*store_, log, "police_nominals", "N1000001");
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(first->has_value());
  ASSERT_EQ((*first)->size(), 2U);
  EXPECT_EQ((**first)[0].node, "nhs");
  EXPECT_EQ((**first)[1].node, "police");
  EXPECT_EQ((**first)[1].exchanges, 2);
  EXPECT_EQ((**first)[1].last, audit::testing::At(4));

  auto second = RecipientsOfRecord(*store_, log, "police_nominals", "N1000002");
  ASSERT_TRUE(second && second->has_value());
  ASSERT_EQ((*second)->size(), 1U);
  EXPECT_EQ((**second)[0].node, "housing");

  // A record without tokens names no one; a missing log is said to be missing.
  auto untokenised = RecipientsOfRecord(*store_, log, "police_occurrences", "OC3");
  ASSERT_TRUE(untokenised && untokenised->has_value());
  EXPECT_TRUE((*untokenised)->empty());
  auto no_log = RecipientsOfRecord(*store_, {.path = dir_ / "none.db", .key = &key_},
                                   "police_nominals", "N1000001");
  ASSERT_TRUE(no_log);
  EXPECT_FALSE(no_log->has_value());

  // The log under another key cannot be read: an error, not an empty list.
  const crypto::SecretBytes other = audit::testing::StoreKey(9);
  auto refused = RecipientsOfRecord(*store_, {.path = dir_ / "audit.db", .key = &other},
                                    "police_nominals", "N1000001");
  EXPECT_FALSE(refused);
}

}  // namespace
}  // namespace tandem::node::importer
