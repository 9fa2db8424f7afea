#include "node/importer/internal/record_encoding.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tandem::node::importer::internal {
namespace {

adapters::Record Nominal() {
  adapters::Record record;
  record.kind = adapters::ExportKind::kPoliceNominals;
  record.ref = "N0004312";
  record.person_ref = "N0004312";
  record.fields = {{"nominal_id", "N0004312"},
                   {"surname", "O'Brien \"Danny\" \\ Zoë"},
                   {"address", "12 Kings Road,\nPoole"},
                   {"aliases", ""}};
  adapters::Identity identity;
  identity.forename = "daniel";
  identity.surname = "obrien";
  identity.dob = *core::Date::FromYmd(1986, 4, 11);
  identity.sex = adapters::Sex::kMale;
  identity.estimated_age = 38;
  identity.first_initial = 'd';
  identity.aliases.push_back({"dan", "brian", *core::Date::FromYmd(1986, 11, 4)});
  record.identity = identity;
  return record;
}

TEST(RecordEncodingTest, FieldsAreAJsonObjectInHeaderOrder) {
  auto encoded = EncodeRecord(Nominal());
  ASSERT_TRUE(encoded) << encoded.error().message;
  const auto json = nlohmann::ordered_json::parse(encoded->fields);
  ASSERT_EQ(json.size(), 4u);
  EXPECT_EQ(json.begin().key(), "nominal_id");
  EXPECT_EQ(json["surname"], "O'Brien \"Danny\" \\ Zoë");
  EXPECT_EQ(json["address"], "12 Kings Road,\nPoole");
  EXPECT_EQ(json["aliases"], "");
}

TEST(RecordEncodingTest, IdentityLeavesUnknownPartsOut) {
  auto encoded = EncodeRecord(Nominal());
  ASSERT_TRUE(encoded);
  const auto json = nlohmann::json::parse(encoded->identity);
  EXPECT_EQ(json["surname"], "obrien");
  EXPECT_EQ(json["dob"], "1986-04-11");
  EXPECT_EQ(json["sex"], "male");
  EXPECT_EQ(json["estimated_age"], 38);
  EXPECT_EQ(json["first_initial"], "d");
  EXPECT_EQ(json["aliases"][0]["dob"], "1986-11-04");
  EXPECT_FALSE(json.contains("postcode"));
  EXPECT_FALSE(json.contains("surname_initial"));
}

TEST(RecordEncodingTest, RecordsWithoutIdentityHaveNone) {
  adapters::Record record = Nominal();
  record.identity.reset();
  auto encoded = EncodeRecord(record);
  ASSERT_TRUE(encoded);
  EXPECT_TRUE(encoded->identity.empty());
}

TEST(RecordEncodingTest, SameRecordSameHashAndAnyChangeChangesIt) {
  auto a = EncodeRecord(Nominal());
  auto b = EncodeRecord(Nominal());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->content_hash, b->content_hash);

  adapters::Record changed_field = Nominal();
  changed_field.fields[2].second = "13 Kings Road";
  adapters::Record changed_identity = Nominal();
  changed_identity.identity->postcode = "BH14 9QT";
  adapters::Record changed_person = Nominal();
  changed_person.person_ref = "N0000001";
  for (const auto& record : {changed_field, changed_identity, changed_person}) {
    auto c = EncodeRecord(record);
    ASSERT_TRUE(c);
    EXPECT_NE(c->content_hash, a->content_hash);
  }
}

TEST(RecordEncodingTest, RefusesTextThatIsNotUtf8) {
  adapters::Record record = Nominal();
  record.fields[1].second = "Br\xC3\x28wn";
  auto encoded = EncodeRecord(record);
  ASSERT_FALSE(encoded);
  EXPECT_EQ(encoded.error().code, Code::kInvalidArgument);
  EXPECT_EQ(encoded.error().message.find("Br"), std::string::npos);  // no value in the message
}

TEST(RecordEncodingTest, EscapesControlCharacters) {
  adapters::Record record = Nominal();
  record.fields[2].second = std::string("tab\there\x01", 10);
  auto encoded = EncodeRecord(record);
  ASSERT_TRUE(encoded);
  EXPECT_NE(encoded->fields.find(R"(tab\u0009here\u0001)"), std::string::npos) << encoded->fields;
  EXPECT_EQ(nlohmann::json::parse(encoded->fields)["address"], std::string("tab\there\x01", 10));
}

}  // namespace
}  // namespace tandem::node::importer::internal
