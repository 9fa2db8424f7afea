#include "node/panel/occurrence_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::node::panel {
namespace {

// A stored occurrence as the importer writes it, with `committed_on` as given.
store::StoredRecord Occurrence(const std::string& committed_on,
                               const std::string& role = "SUSPECT") {
  return {.export_kind = kOccurrencesExport,
          .ref = "OC20231187",
          .person_ref = "N0004312",
          .fields = R"({"occurrence_id":"OC20231187","nominal_id":"N0004312","role":")" + role +
                    R"(","offence_code":"ABH","committed_on":")" + committed_on +
                    R"(","reported_on":"2023-05-02","domestic_abuse":"Y","victim_ref":"V17",)"
                    R"("outcome":"NFA"})"};
}

TEST(OccurrenceReaderTest, AnOccurrenceIsDatedByItsCommittedDate) {
  auto occurrence = OccurrenceFromRecord(Occurrence("2023-04-30"));
  ASSERT_TRUE(occurrence) << occurrence.error().message;
  EXPECT_EQ(occurrence->committed_on.ToIso(), "2023-04-30");
  EXPECT_EQ(occurrence->reported_on.ToIso(), "2023-05-02");
  EXPECT_EQ(occurrence->id, "OC20231187");
  EXPECT_TRUE(occurrence->domestic_abuse);
}

// The export leaves committed_on empty when it is not known, and the importer accepts that.
TEST(OccurrenceReaderTest, AnOccurrenceWithNoCommittedDateIsDatedByItsReport) {
  auto occurrence = OccurrenceFromRecord(Occurrence(""));
  ASSERT_TRUE(occurrence) << occurrence.error().message;
  EXPECT_EQ(occurrence->committed_on.ToIso(), "2023-05-02");
  EXPECT_EQ(occurrence->reported_on.ToIso(), "2023-05-02");
}

// For the coordinator, who owns the data and must find the record.
TEST(OccurrenceReaderTest, AFieldNotInItsCanonicalFormIsCorruptionNamingTheRecord) {
  auto bad_date = OccurrenceFromRecord(Occurrence("30/04/2023"));
  ASSERT_FALSE(bad_date);
  EXPECT_EQ(bad_date.error().code, Code::kCorruption);
  EXPECT_EQ(bad_date.error().message, "stored occurrence OC20231187: committed_on is not valid");
  auto bad_role = OccurrenceFromRecord(Occurrence("2023-04-30", "BYSTANDER"));
  ASSERT_FALSE(bad_role);
  EXPECT_EQ(bad_role.error().message, "stored occurrence OC20231187: role is not valid");
}

}  // namespace
}  // namespace tandem::node::panel
