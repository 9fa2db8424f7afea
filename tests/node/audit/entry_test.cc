#include "node/audit/entry.h"

#include <gtest/gtest.h>

#include "audit_fixture.h"
#include "protocol/canonical_json.h"

namespace tandem::node::audit {
namespace {

using testing::SampleEntry;

TEST(AuditEntryTest, EncodesAsCanonicalJsonAndDecodesBack) {
  AuditEntry entry = SampleEntry(3);
  entry.actor = "coordinator \"é\" \n\t\x01";
  auto data = EncodeEntry(entry);
  ASSERT_TRUE(data) << data.error().message;
  EXPECT_TRUE(protocol::IsCanonical(*data));
  auto decoded = DecodeEntry(*data);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, entry);
}

TEST(AuditEntryTest, EncodesEmptyOptionalMembersCanonically) {
  AuditEntry entry;
  entry.kind = "decision";
  entry.actor = "coordinator";
  entry.processing = "combination";
  entry.at = testing::At(0);
  entry.outcome = "ok";
  auto data = EncodeEntry(entry);
  ASSERT_TRUE(data);
  EXPECT_TRUE(protocol::IsCanonical(*data));
  EXPECT_EQ(*DecodeEntry(*data), entry);
}

TEST(AuditEntryTest, RefusesARawIdentifierAsSubjectToken) {
  AuditEntry entry = SampleEntry(1);
  entry.subject_tokens = {"AB123456C"};
  auto data = EncodeEntry(entry);
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().code, Code::kInvalidArgument);
  EXPECT_NE(data.error().message.find("subject_tokens[0]"), std::string::npos);
}

TEST(AuditEntryTest, RefusesMissingWhoAndInvalidUtf8) {
  AuditEntry entry = SampleEntry(1);
  entry.actor.clear();
  EXPECT_NE(EncodeEntry(entry).error().message.find("'actor'"), std::string::npos);
  entry = SampleEntry(1);
  entry.purpose = "bad \xC3\x28";
  EXPECT_NE(EncodeEntry(entry).error().message.find("'purpose'"), std::string::npos);
  entry = SampleEntry(1);
  entry.request_sha256 = "1234";
  EXPECT_NE(EncodeEntry(entry).error().message.find("'request_sha256'"), std::string::npos);
}

TEST(AuditEntryTest, DecodeRefusesNonCanonicalAndUnknownMembers) {
  auto data = EncodeEntry(SampleEntry(2));
  ASSERT_TRUE(data);
  std::string spaced = *data;
  spaced.insert(1, " ");
  EXPECT_FALSE(DecodeEntry(spaced));
  std::string extra = *data;
  extra.insert(1, R"("aaa":1,)");
  auto decoded = DecodeEntry(extra);
  ASSERT_FALSE(decoded);
  EXPECT_NE(decoded.error().message.find("aaa"), std::string::npos);
}

}  // namespace
}  // namespace tandem::node::audit
