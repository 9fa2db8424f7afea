// The body of POST /v1/interventions: an intervention this agency delivered, read with a message
// naming the member for anything malformed, and encoded back to the same values.
#include "node/panel/delivered_request.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::node::panel {
namespace {

core::Date D(int y, int m, int d) { return core::Date::FromYmd(y, m, d).value(); }

void ExpectRefused(std::string_view body, std::string_view message) {
  auto item = DecodeDeliveredIntervention(body);
  ASSERT_FALSE(item) << body;
  EXPECT_EQ(item.error().code, Code::kInvalidArgument);
  EXPECT_EQ(item.error().message, message) << body;
}

TEST(DeliveredRequestTest, ReadsAnInterventionAndEncodesItBack) {
  auto item = DecodeDeliveredIntervention(
      R"({"export": "probation_cases", "ref": "X000001",
          "intervention": "behaviour-change-programme", "started_on": "2026-03-01",
          "ended_on": "2026-06-01", "order_made_on": null, "completed": true})");
  ASSERT_TRUE(item) << item.error().message;
  EXPECT_EQ(item->export_kind, "probation_cases");
  EXPECT_EQ(item->intervention_id, "behaviour-change-programme");
  EXPECT_EQ(item->started_on, D(2026, 3, 1));
  EXPECT_EQ(item->ended_on, D(2026, 6, 1));
  EXPECT_FALSE(item->order_made_on);
  EXPECT_TRUE(item->completed);
  auto again = DecodeDeliveredIntervention(EncodeDeliveredIntervention(*item));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(EncodeDeliveredIntervention(*again), EncodeDeliveredIntervention(*item));
}

TEST(DeliveredRequestTest, NamesTheMemberThatIsWrong) {
  ExpectRefused("", "the body must be a JSON object");
  ExpectRefused(R"({"ref": "X1", "intervention": "dvpo", "started_on": "2026-03-01"})",
                "export: a non-empty string is required");
  ExpectRefused(R"({"export": "e", "ref": "", "intervention": "dvpo"})",
                "ref: a non-empty string is required");
  ExpectRefused(R"({"export": "e", "ref": "r", "intervention": "i", "category": 1})",
                "category: must be a string");
  ExpectRefused(R"({"export": "e", "ref": "r", "intervention": "i"})",
                "started_on: a date YYYY-MM-DD is required");
  ExpectRefused(R"({"export": "e", "ref": "r", "intervention": "i", "started_on": "March"})",
                "started_on: 'March' is not a date YYYY-MM-DD");
  ExpectRefused(R"({"export": "e", "ref": "r", "intervention": "i", "started_on": "2026-03-01",
                    "order_expires_on": 7})",
                "order_expires_on: '' is not a date YYYY-MM-DD");
  ExpectRefused(R"({"export": "e", "ref": "r", "intervention": "i", "started_on": "2026-03-01",
                    "completed": "yes"})",
                "completed: must be true or false");
}

}  // namespace
}  // namespace tandem::node::panel
