#include <gtest/gtest.h>

#include <vector>

#include "core/panel/agenda.h"
#include "core/panel/case_state.h"
#include "core/panel/catalogue.h"
#include "core/panel/monitoring.h"
#include "core/panel/panel_book.h"
#include "core/panel/triage.h"
#include "tests/core/panel/panel_test_support.h"

namespace tandem::core::panel {
namespace {

using testing::D;
using testing::Occ;

Referral Ref(std::string subject, std::string pathway = "marac",
             std::string source = "MARAC 2026-10", std::string date = "2026-10-05") {
  return {std::move(subject), std::move(pathway),
          std::move(source),  "repeat incidents against a partner",
          "DS 1234",          D(date)};
}

PanelBook NewBook(PanelConfig config = {}) {
  Result<PanelBook> book = PanelBook::Create(std::move(config));
  EXPECT_TRUE(book.has_value());
  return std::move(*book);
}

// Refers, triages forward and returns the case id.
std::string Forward(PanelBook& book, const std::string& subject, const std::string& date) {
  Result<ReferralReceipt> receipt = book.Refer(Ref(subject, "marac", "MARAC", date));
  EXPECT_TRUE(receipt.has_value());
  EXPECT_TRUE(book.RecordTriage(receipt->case_id, true, {"RFGV 12"}, D(date)).has_value());
  return receipt->case_id;
}

Decision Decide(const std::string& case_id, const std::string& meeting, DecisionKind kind,
                const std::string& reason, const std::string& date = "2026-11-03") {
  return {case_id, meeting, kind, reason, "discussed", D(date)};
}

TEST(ReferralTest, RecognisesAReferralOfAPersonAlreadyReferred) {
  PanelBook book = NewBook();
  Result<ReferralReceipt> first = book.Refer(Ref("tok-aa"));
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(first->new_case);
  EXPECT_FALSE(first->duplicate.has_value());
  Result<ReferralReceipt> second =
      book.Refer(Ref("tok-aa", "partner-agency", "probation", "2026-10-09"));
  ASSERT_TRUE(second.has_value());
  EXPECT_FALSE(second->new_case);
  ASSERT_TRUE(second->duplicate.has_value());
  EXPECT_EQ(second->duplicate->kind, DuplicateKind::kOpenReferral);
  EXPECT_EQ(second->duplicate->case_id, first->case_id);
  EXPECT_EQ(second->duplicate->referral_id, first->referral_id);
  EXPECT_EQ(book.cases().size(), 1u);
  EXPECT_EQ(book.referrals().size(), 2u);
  EXPECT_EQ(book.FindCase(first->case_id)->referral_ids.size(), 2u);
  // Another person is not a duplicate.
  Result<ReferralReceipt> other = book.Refer(Ref("tok-bb"));
  ASSERT_TRUE(other.has_value());
  EXPECT_TRUE(other->new_case);
  EXPECT_FALSE(other->duplicate.has_value());
}

TEST(ReferralTest, RecognisesAReferralOfAPersonAlreadyManaged) {
  PanelBook book = NewBook();
  const std::string c = Forward(book, "tok-aa", "2026-10-01");
  ASSERT_TRUE(book.PlanMeeting("M1", D("2026-11-03")).has_value());
  ASSERT_TRUE(book.Decide(Decide(c, "M1", DecisionKind::kAdopt, "high-harm-high-risk")));
  Result<ReferralReceipt> again =
      book.Refer(Ref("tok-aa", "ranking-algorithm", "run-2026-11-15", "2026-11-15"));
  ASSERT_TRUE(again.has_value());
  ASSERT_TRUE(again->duplicate.has_value());
  EXPECT_EQ(again->duplicate->kind, DuplicateKind::kManaged);
  EXPECT_EQ(again->duplicate->case_id, c);
  EXPECT_EQ(book.FindCase(c)->state, CaseState::kManaged);
}

TEST(ReferralTest, RefusesAReferralWithoutItsSourceReasonOrKnownPathway) {
  PanelBook book = NewBook();
  Result<ReferralReceipt> r = book.Refer(Ref("tok", "gut-feeling", "x"));
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("gut-feeling"), std::string::npos);
  r = book.Refer(Ref("tok", "partner-agency", "the council"));
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("not an agency"), std::string::npos);
  Referral no_reason = Ref("tok");
  no_reason.reason.clear();
  EXPECT_FALSE(book.Refer(no_reason).has_value());
  Referral no_referrer = Ref("tok");
  no_referrer.referrer.clear();
  EXPECT_FALSE(book.Refer(no_referrer).has_value());
  EXPECT_TRUE(book.Refer(Ref("tok", "police-unit", "Safeguarding Investigation Unit")));
  EXPECT_TRUE(book.referrals().size() == 1u);
}

TEST(AgendaTest, PutsNewCasesFirstOldestFirstThenReviewsUpToTheCap) {
  const std::vector<AgendaCandidate> candidates = {
      {"C1", AgendaItemKind::kReview, D("2026-01-01")},
      {"C2", AgendaItemKind::kNew, D("2026-10-20")},
      {"C3", AgendaItemKind::kNew, D("2026-10-01")},
      {"C4", AgendaItemKind::kReview, D("2025-12-01")},
      {"C5", AgendaItemKind::kNew, D("2026-10-10")},
  };
  const std::vector<AgendaItem> agenda = BuildAgenda(candidates, 4);
  ASSERT_EQ(agenda.size(), 4u);
  EXPECT_EQ(agenda[0].case_id, "C3");
  EXPECT_EQ(agenda[1].case_id, "C5");
  EXPECT_EQ(agenda[2].case_id, "C2");
  EXPECT_EQ(agenda[3].case_id, "C4");
  EXPECT_EQ(agenda[3].kind, AgendaItemKind::kReview);
  EXPECT_EQ(BuildAgenda(candidates, 2).size(), 2u);
}

TEST(AgendaTest, MeetingTakesPutForwardCasesUpToTheCapAndADeferredCaseLeadsTheNext) {
  PanelConfig config;
  config.agenda_cap = 2;
  PanelBook book = NewBook(config);
  const std::string a = Forward(book, "tok-a", "2026-10-01");
  const std::string b = Forward(book, "tok-b", "2026-10-02");
  const std::string c = Forward(book, "tok-c", "2026-10-03");
  Result<const Meeting*> m1 = book.PlanMeeting("M1", D("2026-11-03"));
  ASSERT_TRUE(m1.has_value());
  ASSERT_EQ((*m1)->agenda.size(), 2u);
  EXPECT_EQ((*m1)->agenda[0].case_id, a);
  EXPECT_EQ((*m1)->agenda[1].case_id, b);
  EXPECT_EQ(book.FindCase(c)->state, CaseState::kPutForward);  // waits for the next meeting
  ASSERT_TRUE(book.Decide(Decide(a, "M1", DecisionKind::kDefer, "awaiting-partner-information")));
  ASSERT_TRUE(book.Decide(Decide(b, "M1", DecisionKind::kRefuse, "below-threshold")));
  Result<const Meeting*> m2 = book.PlanMeeting("M2", D("2026-12-01"));
  ASSERT_TRUE(m2.has_value());
  ASSERT_EQ((*m2)->agenda.size(), 2u);
  EXPECT_EQ((*m2)->agenda[0].case_id, a);  // deferred: keeps its place in line
  EXPECT_EQ((*m2)->agenda[1].case_id, c);
}

TEST(AgendaTest, ManagedCasesComeBackForReviewAfterTheInterval) {
  PanelBook book = NewBook();
  const std::string a = Forward(book, "tok-a", "2026-01-01");
  ASSERT_TRUE(book.PlanMeeting("M1", D("2026-01-05")).has_value());
  ASSERT_TRUE(
      book.Decide(Decide(a, "M1", DecisionKind::kAdopt, "high-harm-low-risk", "2026-01-05")));
  const std::string b = Forward(book, "tok-b", "2026-02-01");
  Result<const Meeting*> m2 = book.PlanMeeting("M2", D("2026-02-02"));
  ASSERT_TRUE(m2.has_value());
  ASSERT_EQ((*m2)->agenda.size(), 1u);  // 28 days: no review yet
  EXPECT_EQ((*m2)->agenda[0].case_id, b);
  ASSERT_TRUE(
      book.Decide(Decide(b, "M2", DecisionKind::kAdopt, "high-harm-low-risk", "2026-02-02")));
  const std::string c = Forward(book, "tok-c", "2026-04-20");
  Result<const Meeting*> m3 = book.PlanMeeting("M3", D("2026-04-30"));
  ASSERT_TRUE(m3.has_value());
  ASSERT_EQ((*m3)->agenda.size(), 2u);
  EXPECT_EQ((*m3)->agenda[0].case_id, c);
  EXPECT_EQ((*m3)->agenda[0].kind, AgendaItemKind::kNew);
  EXPECT_EQ((*m3)->agenda[1].case_id, a);  // 115 days since adopted; b only 87
  EXPECT_EQ((*m3)->agenda[1].kind, AgendaItemKind::kReview);
  ASSERT_TRUE(book.RecordReview("M3", a));
  EXPECT_EQ(*book.FindCase(a)->last_discussed, D("2026-04-30"));
  EXPECT_FALSE(book.RecordReview("M3", b).has_value());
  EXPECT_FALSE(
      book.Decide(Decide(a, "M3", DecisionKind::kAdopt, "high-harm-low-risk", "2026-04-30")));
}

TEST(TransitionTest, RefusesToDecideACaseNotOnTheAgenda) {
  PanelBook book = NewBook();
  const std::string on_agenda = Forward(book, "tok-a", "2026-10-01");
  ASSERT_TRUE(book.PlanMeeting("M1", D("2026-11-03")).has_value());
  Result<ReferralReceipt> late = book.Refer(Ref("tok-late", "marac", "MARAC", "2026-11-02"));
  ASSERT_TRUE(late.has_value());
  Status status =
      book.Decide(Decide(late->case_id, "M1", DecisionKind::kAdopt, "high-harm-high-risk"));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, Code::kInvalidArgument);
  EXPECT_NE(status.error().message.find("not on the agenda of meeting M1"), std::string::npos)
      << status.error().message;
  EXPECT_EQ(book.FindCase(late->case_id)->state, CaseState::kAwaitingTriage);
  EXPECT_EQ(book.Decide(Decide(on_agenda, "M9", DecisionKind::kAdopt, "high-harm-high-risk"))
                .error()
                .code,
            Code::kNotFound);
  EXPECT_TRUE(book.decisions().empty());
}

TEST(TransitionTest, RefusesASecondDecisionAndAReasonOfTheWrongKind) {
  PanelBook book = NewBook();
  const std::string a = Forward(book, "tok-a", "2026-10-01");
  ASSERT_TRUE(book.PlanMeeting("M1", D("2026-11-03")).has_value());
  Status wrong = book.Decide(Decide(a, "M1", DecisionKind::kAdopt, "below-threshold"));
  ASSERT_FALSE(wrong.has_value());
  EXPECT_NE(wrong.error().message.find("not a reason to adopt"), std::string::npos);
  ASSERT_TRUE(book.Decide(Decide(a, "M1", DecisionKind::kAdopt, "contextual-indicator")));
  Status again = book.Decide(Decide(a, "M1", DecisionKind::kRefuse, "below-threshold"));
  ASSERT_FALSE(again.has_value());
  EXPECT_NE(again.error().message.find("already decided"), std::string::npos);
  EXPECT_EQ(book.decisions().size(), 1u);
}

TEST(TransitionTest, TheTableRefusesIllegalStepsAndSaysWhatIsAllowed) {
  Result<CaseState> s = ApplyEvent(CaseState::kAwaitingTriage, CaseEvent::kAdopted);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("awaiting-triage"), std::string::npos);
  EXPECT_NE(s.error().message.find("on-agenda"), std::string::npos);
  EXPECT_FALSE(ApplyEvent(CaseState::kClosed, CaseEvent::kAdopted).has_value());
  EXPECT_FALSE(ApplyEvent(CaseState::kManaged, CaseEvent::kScheduled).has_value());
  EXPECT_FALSE(ApplyEvent(CaseState::kOnAgenda, CaseEvent::kClosed).has_value());
  EXPECT_EQ(*ApplyEvent(CaseState::kOnAgenda, CaseEvent::kRefused), CaseState::kMonitored);
  EXPECT_EQ(*ApplyEvent(CaseState::kMonitored, CaseEvent::kReturnedToTriage),
            CaseState::kAwaitingTriage);
}

TEST(TransitionTest, RefusesTriageTwiceAPlanForACaseNotAdoptedAndAMeetingWithUndecidedCases) {
  PanelBook book = NewBook();
  const std::string a = Forward(book, "tok-a", "2026-10-01");
  Status twice = book.RecordTriage(a, true, {"again"}, D("2026-10-02"));
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().message.find("put-forward"), std::string::npos);
  ASSERT_TRUE(book.PlanMeeting("M1", D("2026-11-03")).has_value());
  Status plan =
      book.AgreePlan({a, "M1", 0, D("2026-11-03"), {"stop contact"}, {}, D("2027-01-01")});
  ASSERT_FALSE(plan.has_value());
  EXPECT_NE(plan.error().message.find("only an adopted case"), std::string::npos);
  Result<const Meeting*> m2 = book.PlanMeeting("M2", D("2026-12-01"));
  ASSERT_FALSE(m2.has_value());
  EXPECT_NE(m2.error().message.find(a), std::string::npos);
  EXPECT_FALSE(book.PlanMeeting("M1", D("2026-12-01")).has_value());  // id used
}

TEST(OutcomeTest, RecordsActionsPlansInterventionsAndOutcomesOfAnAdoptedCase) {
  PanelBook book = NewBook();
  const std::string a = Forward(book, "tok-a", "2026-10-01");
  ASSERT_TRUE(book.PlanMeeting("M1", D("2026-11-03")).has_value());
  ASSERT_TRUE(book.Decide(Decide(a, "M1", DecisionKind::kAdopt, "high-harm-high-risk")));

  Result<std::string> action =
      book.AddAction("M1", a, "apply for a DVPO", AgencyKind::kPolice, D("2026-11-17"));
  ASSERT_TRUE(action.has_value());
  Result<std::string> housing =
      book.AddAction("M1", a, "review tenancy", AgencyKind::kHousing, D("2026-11-10"));
  ASSERT_TRUE(housing.has_value());
  EXPECT_FALSE(book.AddAction("M1", a, "late", AgencyKind::kNhs, D("2026-11-01")).has_value());
  EXPECT_EQ(book.OverdueActions(D("2026-11-12")).size(), 1u);
  ASSERT_TRUE(book.CompleteAction(*housing, D("2026-11-12")));
  EXPECT_TRUE(book.OverdueActions(D("2026-11-12")).empty());
  EXPECT_FALSE(book.CompleteAction(*housing, D("2026-11-13")).has_value());
  EXPECT_EQ(book.CompleteAction("A99", D("2026-11-13")).error().code, Code::kNotFound);

  Status unknown = book.AgreePlan({a,
                                   "M1",
                                   0,
                                   D("2026-11-03"),
                                   {"protect the victim"},
                                   {"dvpo", "tea-and-biscuits"},
                                   D("2027-02-01")});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("tea-and-biscuits"), std::string::npos);
  ASSERT_TRUE(
      book.catalogue().Add({"tea-and-biscuits", "Informal engagement visit",
                            InterventionCategory::kRehabilitative, InterventionKind::kMeasure}));
  ASSERT_TRUE(book.AgreePlan({a,
                              "M1",
                              0,
                              D("2026-11-03"),
                              {"protect the victim"},
                              {"dvpo", "tea-and-biscuits"},
                              D("2027-02-01")}));
  ASSERT_TRUE(book.AgreePlan({a, "M1", 0, D("2026-11-20"), {"keep engaged"}, {}, D("2027-02-01")}));
  ASSERT_EQ(book.plans().size(), 2u);
  EXPECT_EQ(book.plans()[1].version, 2);

  ASSERT_TRUE(book.RecordIntervention(
      {a, "dvpo", AgencyKind::kPolice, D("2026-11-10"), D("2026-11-30"), true}));
  EXPECT_FALSE(book.RecordIntervention(
      {a, "dvpo", AgencyKind::kPolice, D("2026-11-10"), std::nullopt, true}));  // no end
  EXPECT_FALSE(book.RecordIntervention(
      {a, "nothing", AgencyKind::kPolice, D("2026-11-10"), std::nullopt, false}));
  EXPECT_EQ(book.interventions().size(), 1u);

  EXPECT_FALSE(book.CloseCase(a, "bored", D("2027-03-01")).has_value());
  ASSERT_TRUE(book.CloseCase(a, "plan-completed", D("2027-03-01"), "no incident for 3 months"));
  EXPECT_EQ(book.FindCase(a)->state, CaseState::kClosed);
  ASSERT_EQ(book.outcomes().size(), 1u);
  EXPECT_EQ(book.outcomes()[0].reason_id, "plan-completed");
}

TEST(MonitoringTest, ARefusedPersonReturnsToTriageOnANewIncident) {
  PanelBook book = NewBook();
  const std::string a = Forward(book, "tok-a", "2026-10-01");
  ASSERT_TRUE(book.PlanMeeting("M1", D("2026-11-03")).has_value());
  ASSERT_TRUE(book.Decide(Decide(a, "M1", DecisionKind::kRefuse, "below-threshold")));
  ASSERT_EQ(book.FindCase(a)->state, CaseState::kMonitored);

  // What the panel already knew, and being a victim, do not bring the person back.
  std::vector<Occurrence> occurrences = {
      Occ("OC1", "ABH", "2026-09-01", true, "V1"),
      Occ("OC2", "COMMON_ASSAULT", "2026-12-01", false, "", Role::kVictim),
  };
  Result<std::optional<TriageReturn>> stays = book.CheckMonitored(a, occurrences);
  ASSERT_TRUE(stays.has_value());
  EXPECT_FALSE(stays->has_value());
  EXPECT_EQ(book.FindCase(a)->state, CaseState::kMonitored);

  occurrences.push_back(Occ("OC3", "HARASSMENT", "2026-12-10", true, "V1"));
  Result<std::optional<TriageReturn>> back = book.CheckMonitored(a, occurrences);
  ASSERT_TRUE(back.has_value());
  ASSERT_TRUE(back->has_value());
  EXPECT_EQ((*back)->occurrence_ids, std::vector<std::string>{"OC3"});
  EXPECT_NE((*back)->reason.find("OC3 HARASSMENT"), std::string::npos) << (*back)->reason;
  EXPECT_EQ(book.FindCase(a)->state, CaseState::kAwaitingTriage);
  EXPECT_NE(book.FindCase(a)->history.back().find("returned-to-triage"), std::string::npos);
  // No longer monitored: checking again is refused.
  EXPECT_FALSE(book.CheckMonitored(a, occurrences).has_value());
}

TEST(MonitoringTest, AnIncidentCommittedEarlierButReportedAfterTheDecisionCounts) {
  Occurrence late = Occ("OC5", "CONTROLLING_COERCIVE", "2026-03-01", true, "V1");
  late.reported_on = D("2026-06-01");
  const std::vector<Occurrence> occurrences = {late};
  EXPECT_TRUE(ReturnsToTriage(D("2026-05-01"), occurrences).has_value());
  EXPECT_FALSE(ReturnsToTriage(D("2026-06-01"), occurrences).has_value());
}

TEST(MonitoringTest, AMonitoredPersonReferredAgainGoesBackToTriageNotAsDuplicate) {
  PanelBook book = NewBook();
  Result<ReferralReceipt> first = book.Refer(Ref("tok-a"));
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(book.RecordTriage(first->case_id, false, {"RFGV 4, no indicator"}, D("2026-10-06")));
  Result<ReferralReceipt> again = book.Refer(Ref("tok-a", "marac", "MARAC", "2026-12-01"));
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->duplicate.has_value());
  EXPECT_TRUE(again->returned_to_triage);
  EXPECT_EQ(again->case_id, first->case_id);
  EXPECT_EQ(book.FindCase(first->case_id)->state, CaseState::kAwaitingTriage);
}

TEST(MonitoringTest, TriageOfAReferralRecordsItsReasonsAndMonitorsWhenNotForward) {
  PanelBook book = NewBook();
  Result<ReferralReceipt> r = book.Refer(Ref("tok-a"));
  ASSERT_TRUE(r.has_value());
  const std::vector<Occurrence> history = {Occ("OC1", "COMMON_ASSAULT", "2025-03-01", true, "V1")};
  Result<TriageAssessment> triage = Triage(history, D("2026-10-06"), TriageConfig{});
  ASSERT_TRUE(triage.has_value());
  ASSERT_FALSE(triage->put_forward);
  ASSERT_TRUE(book.RecordTriage(r->case_id, *triage));
  const CaseRecord* c = book.FindCase(r->case_id);
  EXPECT_EQ(c->state, CaseState::kMonitored);
  EXPECT_EQ(*c->monitored_since, D("2026-10-06"));
  EXPECT_EQ(c->triage_reasons, triage->reasons);
}

TEST(CatalogueTest, HoldsTheDomainListByCategoryAndCanBeExtended) {
  InterventionCatalogue catalogue = InterventionCatalogue::Default();
  int disruptive = 0, rehabilitative = 0, both = 0, orders = 0;
  for (const Intervention& i : catalogue.entries()) {
    if (i.category == InterventionCategory::kDisruptive) ++disruptive;
    if (i.category == InterventionCategory::kRehabilitative) ++rehabilitative;
    if (i.category == InterventionCategory::kBoth) ++both;
    if (i.kind == InterventionKind::kCivilOrder) ++orders;
  }
  EXPECT_EQ(disruptive, 34);
  EXPECT_EQ(rehabilitative, 6);
  EXPECT_EQ(both, 12);
  EXPECT_EQ(orders, 7);  // CBO, DVPN, DVPO, SPO, SHPO, CPN, restraining order
  ASSERT_NE(catalogue.Find("dvds"), nullptr);
  EXPECT_EQ(catalogue.Find("dvds")->kind, InterventionKind::kDisclosure);
  EXPECT_EQ(catalogue.Find("behaviour-change-programme")->category,
            InterventionCategory::kRehabilitative);
  EXPECT_FALSE(catalogue.Add(
      {"dvpo", "again", InterventionCategory::kDisruptive, InterventionKind::kCivilOrder}));
  EXPECT_FALSE(
      catalogue.Add({"Bad Id", "x", InterventionCategory::kBoth, InterventionKind::kMeasure}));
  EXPECT_FALSE(
      catalogue.Add({"no-name", "", InterventionCategory::kBoth, InterventionKind::kMeasure}));
  ASSERT_TRUE(catalogue.Add({"stalking-clinic", "Stalking threat assessment clinic",
                             InterventionCategory::kBoth, InterventionKind::kMeasure}));
  EXPECT_NE(catalogue.Find("stalking-clinic"), nullptr);
}

}  // namespace
}  // namespace tandem::core::panel
