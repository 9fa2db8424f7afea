// The panel's local API bodies read into the values the panel service takes: an empty body is
// {}, a missing or malformed member is kInvalidArgument naming it, and nothing throws.
#include "node/panel/panel_requests.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::node::panel {
namespace {

using core::panel::DecisionKind;

core::Date D(int y, int m, int d) { return core::Date::FromYmd(y, m, d).value(); }

template <class T>
void ExpectRefused(const Result<T>& result, std::string_view names) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kInvalidArgument);
  EXPECT_NE(result.error().message.find(names), std::string::npos) << result.error().message;
}

TEST(PanelRequestsTest, AnEmptyBodyIsAnEmptyObjectAndAnythingElseMustBeOne) {
  auto empty = DecodePanelBody("");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->is_object());
  ExpectRefused(DecodePanelBody("[]"), "the body must be a JSON object");
  ExpectRefused(DecodePanelBody("{"), "the body must be a JSON object");
  ExpectRefused(DecodeMeetingRequest("\"M1\""), "the body must be a JSON object");
}

TEST(PanelRequestsTest, ReadsAReferralOfAPoliceNominal) {
  auto referral = DecodePanelReferral(
      R"({"pathway": "partner-agency", "source": "probation", "reason": "two victims",
          "referrer": "OM 4411", "referred_on": "2026-10-01",
          "subject": {"export": "police_nominals", "ref": "N1000001"}})");
  ASSERT_TRUE(referral) << referral.error().message;
  EXPECT_EQ(referral->subject_key, "N1000001");
  EXPECT_EQ(referral->pathway, "partner-agency");
  EXPECT_EQ(referral->referred_on, D(2026, 10, 1));
}

TEST(PanelRequestsTest, RefusesAReferralMissingAMemberOrOfAnotherExport) {
  ExpectRefused(DecodePanelReferral(R"({"pathway": "p", "source": "s", "reason": "r",
      "referrer": "x", "subject": {"export": "police_nominals", "ref": "N1"}})"),
                "referred_on: is required");
  ExpectRefused(DecodePanelReferral(R"({"pathway": "p", "source": "s", "reason": "r",
      "referrer": "x", "referred_on": "2026-10-01", "subject": 7})"),
                "subject: must be an object");
  ExpectRefused(DecodePanelReferral(R"({"pathway": "p", "source": "s", "reason": "r",
      "referrer": "x", "referred_on": "2026-10-01", "subject": {"export": "police_nominals"}})"),
                "subject.ref: is required");
  ExpectRefused(DecodePanelReferral(R"({"pathway": "p", "source": "s", "reason": "r",
      "referrer": "x", "referred_on": "2026-10-01",
      "subject": {"export": "housing_tenancies", "ref": "T1"}})"),
                "subject.export: the panel's subjects are police nominals");
}

TEST(PanelRequestsTest, AnOptionalDateIsADateOrAbsent) {
  auto absent = DecodeOptionalDate("", "run_on");
  ASSERT_TRUE(absent);
  EXPECT_FALSE(*absent);
  auto given = DecodeOptionalDate(R"({"run_on": "2026-10-02"})", "run_on");
  ASSERT_TRUE(given);
  EXPECT_EQ(*given, D(2026, 10, 2));
  ExpectRefused(DecodeOptionalDate(R"({"on": "2026-13-01"})", "on"),
                "on: '2026-13-01' is not a date YYYY-MM-DD");
  ExpectRefused(DecodeOptionalDate(R"({"on": 20261001})", "on"), "on: must be a string");
}

TEST(PanelRequestsTest, ReadsAnAllocationAndRefusesANameForAStaffKey) {
  auto allocation =
      DecodeAllocationRequest(R"({"manager": "om-17", "agency": "probation", "high_risk": true})");
  ASSERT_TRUE(allocation) << allocation.error().message;
  EXPECT_EQ(allocation->allocation.manager, "om-17");
  EXPECT_EQ(allocation->allocation.agency, core::AgencyKind::kProbation);
  EXPECT_TRUE(allocation->allocation.high_risk);
  EXPECT_FALSE(allocation->from);
  auto named = DecodeAllocationRequest(
      R"({"manager": "Jane Smith", "agency": "probation", "high_risk": true})");
  ASSERT_FALSE(named);
  EXPECT_NE(named.error().message.find("staff key"), std::string::npos);
  EXPECT_EQ(named.error().message.find("Jane"), std::string::npos);
  ExpectRefused(
      DecodeAllocationRequest(R"({"manager": "om-17", "agency": "probation", "high_risk": "yes"})"),
      "high_risk: must be true or false");
}

TEST(PanelRequestsTest, ReadsADecisionByItsName) {
  auto decision = DecodeDecisionRequest(
      R"({"meeting_id": "M1", "case_id": "C1", "decision": "adopt",
          "reason": "high-harm-high-risk", "decided_on": "2026-10-05"})");
  ASSERT_TRUE(decision) << decision.error().message;
  EXPECT_EQ(decision->kind, DecisionKind::kAdopt);
  EXPECT_EQ(decision->note, "");
  ExpectRefused(DecodeDecisionRequest(R"({"meeting_id": "M1", "case_id": "C1",
      "decision": "postpone", "reason": "r", "decided_on": "2026-10-05"})"),
                "decision: 'postpone' is not adopt, refuse or defer");
}

TEST(PanelRequestsTest, ReadsTheOtherWrites) {
  auto close = DecodeCloseRequest(R"({"reason": "plan-completed", "on": "2026-12-01"})");
  ASSERT_TRUE(close) << close.error().message;
  EXPECT_EQ(close->on, D(2026, 12, 1));
  auto meeting = DecodeMeetingRequest(R"({"id": "M1", "held_on": "2026-10-05"})");
  ASSERT_TRUE(meeting);
  EXPECT_EQ(meeting->id, "M1");
  auto review = DecodeReviewRequest(R"({"case_id": "C1"})");
  ASSERT_TRUE(review);
  EXPECT_EQ(*review, "C1");
  auto action = DecodeActionRequest(R"({"meeting_id": "M1", "case_id": "C1",
      "description": "disclosure", "owner": "police", "due": "2026-10-19"})");
  ASSERT_TRUE(action) << action.error().message;
  EXPECT_EQ(action->owner, core::AgencyKind::kPolice);
  auto done = DecodeCompleteActionRequest(R"({"on": "2026-10-12"})");
  ASSERT_TRUE(done);
  EXPECT_EQ(*done, D(2026, 10, 12));
  auto plan = DecodePlanRequest(R"({"case_id": "C1", "meeting_id": "M1",
      "agreed_on": "2026-10-05", "objectives": ["no contact"], "interventions": ["dvpo"],
      "review_by": "2027-01-05"})");
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->interventions, std::vector<std::string>{"dvpo"});
  EXPECT_EQ(plan->version, 0);
  auto record = DecodeInterventionRecordRequest(R"({"case_id": "C1",
      "intervention_id": "dvpo", "delivered_by": "police", "started_on": "2026-10-06",
      "ended_on": "2026-11-03", "completed": true})");
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_TRUE(record->completed);
  EXPECT_EQ(record->ended_on, D(2026, 11, 3));
  auto entry = DecodeCatalogueEntry(R"({"id": "housing-panel", "name": "Housing panel referral",
      "category": "rehabilitative", "kind": "measure"})");
  ASSERT_TRUE(entry) << entry.error().message;
  EXPECT_EQ(entry->id, "housing-panel");
}

TEST(PanelRequestsTest, NamesTheFirstBadMemberOfEachWrite) {
  ExpectRefused(DecodeCloseRequest(R"({"on": "2026-12-01"})"), "reason: is required");
  ExpectRefused(DecodeReviewRequest(R"({"case_id": ""})"), "case_id: must not be empty");
  ExpectRefused(DecodeActionRequest(R"({"meeting_id": "M1", "case_id": "C1",
      "description": "d", "owner": "fire-service", "due": "2026-10-19"})"),
                "owner: ");
  ExpectRefused(DecodePlanRequest(R"({"case_id": "C1", "meeting_id": "M1",
      "agreed_on": "2026-10-05", "objectives": [1], "review_by": "2027-01-05"})"),
                "objectives: must be a list of strings");
  ExpectRefused(DecodeInterventionRecordRequest(R"({"case_id": "C1", "intervention_id": "dvpo",
      "delivered_by": "police", "started_on": "2026-10-06", "ended_on": "soon"})"),
                "ended_on: 'soon' is not a date");
  ExpectRefused(DecodeCatalogueEntry(R"({"id": "x", "name": "y", "category": "kind",
      "kind": "measure"})"),
                "category: 'kind' is not a category");
}

}  // namespace
}  // namespace tandem::node::panel
