// The coordinator's panel service over a real SQLCipher store and a real audit log: triage from
// imported police occurrences, the journal that rebuilds the book, and what happens when the
// journal cannot be written or holds a damaged entry.
#include "node/panel/panel_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/identifiers.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "node/eval/evaluation_data.h"
#include "node/importer/importer.h"
#include "node/importer/record_restriction.h"
#include "node/panel/nominal_reader.h"
#include "node/panel/panel_journal.h"
#include "node/runtime/eval_wiring.h"
#include "protocol/ids.h"
#include "tests/node/temp_dir.h"

namespace tandem::node::panel {
namespace {

using core::Date;
using namespace core::panel;
using testing::TempDir;

constexpr char kNominalsHeader[] =
    "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
    "warning_markers\n";
constexpr char kOccurrencesHeader[] =
    "occurrence_id,nominal_id,role,offence_code,committed_on,reported_on,domestic_abuse,"
    "victim_ref,outcome\n";

// N1000001: strangulation, ABH and common assault on two victims in the last year (RFGV 13).
// N1000002: one shop theft (no domestic abuse: not put forward). N1000003: stalking 19 months
// ago (RFGV 0, the stalking indicator puts him forward). N1000004: no occurrence.
constexpr char kOccurrences[] =
    "OC1,N1000001,SUSPECT,NON_FATAL_STRANGULATION,2026-09-10,2026-09-11,Y,V1,CHARGED\n"
    "OC2,N1000001,SUSPECT,ABH,2026-06-01,2026-06-02,Y,V2,CONVICTED\n"
    "OC3,N1000001,OFFENDER,COMMON_ASSAULT,2025-12-01,2025-12-02,Y,V1,CONVICTED\n"
    "OC4,N1000002,SUSPECT,THEFT_SHOP,2026-05-01,2026-05-01,N,,CAUTIONED\n"
    "OC5,N1000003,SUSPECT,STALKING,2025-03-01,2025-03-05,N,V3,NFA\n";
// A new domestic ABH by N1000002, reported after he was monitored.
constexpr char kLaterOccurrence[] =
    "OC6,N1000002,SUSPECT,ABH,2026-10-10,2026-10-12,Y,V4,UNDER_INVESTIGATION\n";

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

std::string Nominal(int n) {
  const std::string serial = std::to_string(n);
  return "N" + std::to_string(1000000 + n) + ",Smith,Daniel,James,1986-04-11,M,04/" + serial +
         *core::PncCheckLetter("04", serial) + ",\"12 Kings Road, Poole\",BH14 9QT,,\n";
}

Referral MakeReferral(int nominal, std::string pathway, std::string source, const Date& on) {
  return Referral{"N" + std::to_string(1000000 + nominal), std::move(pathway), std::move(source),
                  "domestic abuse with several victims",   "DS 1234",          on};
}

class PanelServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = crypto::SecretBytes::Random(32);
    ASSERT_TRUE(key);
    key_.emplace(std::move(*key));
    store::Store::Options options;
    options.create_if_missing = true;
    auto store = store::Store::Open(dir_ / "store.db", *key_, options);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    shared_ = std::make_unique<endpoints::SharedStore>(store_.get());
    auto signing = crypto::SigningKey::Generate();
    ASSERT_TRUE(signing);
    signing_.emplace(std::move(*signing));
    audit::AuditLog::Options audit_options;
    audit_options.background_checkpoints = false;
    auto log = audit::AuditLog::Open(dir_ / "audit.db", *key_, *protocol::NodeId::Create("police"),
                                     *signing_, audit_options);
    ASSERT_TRUE(log) << log.error().message;
    audit_ = std::move(*log);
    ASSERT_EQ(Import(std::string(kOccurrences)), "");
    OpenService();
  }

  // Imports the nominals and `occurrences` (one police export); "" or what failed.
  std::string Import(const std::string& occurrences) {
    std::string nominals = kNominalsHeader;
    for (int n = 1; n <= 4; ++n) nominals += Nominal(n);
    const auto nominals_file = dir_ / "police_nominals.csv";
    const auto occurrences_file = dir_ / "police_occurrences.csv";
    testing::WriteWholeFile(nominals_file, nominals);
    testing::WriteWholeFile(occurrences_file, kOccurrencesHeader + occurrences);
    importer::ImportRequest request;
    request.files = {nominals_file, occurrences_file};
    request.on_bad_row = [](const importer::BadRow&) {
      return Status(Fail(Code::kInvalidArgument, "bad row"));
    };
    request.now = [] { return *protocol::ParseTimestamp("2026-10-01T09:00:00Z"); };
    auto report = importer::RunImport(*store_, request);
    return report ? "" : report.error().message;
  }

  void OpenService() {
    service_.reset();
    PanelServiceOptions options;
    options.audit = audit_.get();
    options.isa = [] { return std::pair<std::string, std::int64_t>("dorset-hhpp", 3); };
    auto service = PanelService::Open(*shared_, {}, {}, options);
    ASSERT_TRUE(service) << service.error().message;
    service_ = std::move(*service);
  }

  // Everything the book and the ranking history hold, as one JSON text.
  std::string Snapshot() {
    Json all = Json::object();
    EXPECT_TRUE(service_->ReadState([&](const PanelState& state) {
      for (const CaseRecord& c : state.book.cases()) {
        const auto triage = state.triage.find(c.id);
        all["cases"].push_back(
            CaseToJson(state.book, c, triage == state.triage.end() ? nullptr : &triage->second));
      }
      for (const Meeting& m : state.book.meetings()) {
        all["meetings"].push_back(MeetingToJson(state.book, m));
      }
      for (const RankingRun& run : state.ranking.runs()) {
        all["runs"].push_back(RankingRunToJson(run));
      }
      for (const Intervention& i : state.book.catalogue().entries()) {
        all["catalogue"].push_back(InterventionToJson(i));
      }
      all["referrals"] = state.book.referrals().size();
      return Ok();
    }));
    return all.dump();
  }

  std::int64_t JournalEntries() {
    std::int64_t count = 0;
    const std::array<std::string_view, 1> kinds = {kPanelCommandKind};
    EXPECT_TRUE(store_->ForEachJournalEntry(kinds, [&](const store::JournalEntry&) {
      ++count;
      return Ok();
    }));
    return count;
  }

  const CaseRecord* Case(const std::string& id) {
    const CaseRecord* found = nullptr;
    EXPECT_TRUE(service_->Read([&](const PanelBook& book, auto) {
      found = book.FindCase(id);
      return Ok();
    }));
    return found;
  }

  TempDir dir_;
  std::optional<crypto::SecretBytes> key_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<endpoints::SharedStore> shared_;
  std::optional<crypto::SigningKey> signing_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<PanelService> service_;
};

TEST_F(PanelServiceTest, TriagesAReferralFromTheStoredOccurrencesAndExplainsIt) {
  auto outcome =
      service_->ReferAndTriage(MakeReferral(1, "partner-agency", "probation", D(2026, 10, 1)));
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_TRUE(outcome->receipt.new_case);
  ASSERT_TRUE(outcome->triage.has_value());
  const PackTriage& triage = *outcome->triage;
  EXPECT_EQ(triage.recency, 4);
  EXPECT_EQ(triage.frequency, 2);
  EXPECT_EQ(triage.gravity, 4);
  EXPECT_EQ(triage.victims, 3);
  EXPECT_EQ(triage.total, 13);
  EXPECT_TRUE(triage.put_forward);
  const std::string explanation = Json(triage.explanation).dump();
  EXPECT_NE(explanation.find("OC1 NON_FATAL_STRANGULATION"), std::string::npos) << explanation;
  EXPECT_NE(explanation.find("OC3"), std::string::npos) << explanation;
  EXPECT_EQ(explanation.find("V1"), std::string::npos) << "victim references never explained";
  const CaseRecord* c = Case(outcome->receipt.case_id);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->state, CaseState::kPutForward);
  EXPECT_FALSE(c->triage_reasons.empty());
}

TEST_F(PanelServiceTest, ContextualIndicatorPutsALowScoreForwardAndNoDomesticAbuseIsMonitored) {
  auto stalking =
      service_->ReferAndTriage(MakeReferral(3, "police-unit", "Stalking Unit", D(2026, 10, 1)));
  ASSERT_TRUE(stalking && stalking->triage) << (stalking ? "" : stalking.error().message);
  EXPECT_EQ(stalking->triage->total, 0);
  EXPECT_TRUE(stalking->triage->put_forward);
  EXPECT_NE(Json(stalking->triage->explanation).dump().find("OC5"), std::string::npos);
  auto theft = service_->ReferAndTriage(MakeReferral(2, "marac", "MARAC 2026-09", D(2026, 10, 1)));
  ASSERT_TRUE(theft && theft->triage);
  EXPECT_FALSE(theft->triage->put_forward);
  EXPECT_EQ(Case(theft->receipt.case_id)->state, CaseState::kMonitored);
}

TEST_F(PanelServiceTest, RecognisesAPersonAlreadyReferredAndKeepsTheReferral) {
  auto first = service_->Refer(MakeReferral(1, "partner-agency", "probation", D(2026, 10, 1)));
  ASSERT_TRUE(first) << first.error().message;
  auto again = service_->ReferAndTriage(MakeReferral(1, "marac", "MARAC 2026-10", D(2026, 10, 2)));
  ASSERT_TRUE(again) << again.error().message;
  ASSERT_TRUE(again->receipt.duplicate.has_value());
  EXPECT_EQ(again->receipt.duplicate->kind, DuplicateKind::kOpenReferral);
  EXPECT_EQ(again->receipt.case_id, first->case_id);
  EXPECT_EQ(again->receipt.duplicate->referral_id, first->referral_id);
  EXPECT_FALSE(again->triage.has_value()) << "a duplicate is not triaged again";
  EXPECT_EQ(Case(first->case_id)->referral_ids.size(), 2U);
}

TEST_F(PanelServiceTest, RefusesASubjectThatIsNotAPoliceNominalOfThisNode) {
  auto refused =
      service_->Refer(Referral{"N9999999", "marac", "MARAC", "reason", "DS 1", D(2026, 10, 1)});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kNotFound);
  EXPECT_EQ(JournalEntries(), 0);
}

TEST_F(PanelServiceTest, ARankingReferralMustNameAKeptRun) {
  auto refused = service_->Refer(MakeReferral(1, "ranking-algorithm", "RK7", D(2026, 10, 1)));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("RK7"), std::string::npos);
  auto run = service_->RunRanking(D(2026, 10, 1));
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->id, "RK1");
  ASSERT_FALSE(run->entries.empty());
  EXPECT_EQ(run->entries.front().subject, "N1000001") << "the most harmful ranks first";
  EXPECT_TRUE(service_->Refer(MakeReferral(1, "ranking-algorithm", "RK1", D(2026, 10, 1))));
}

// Drives the book through every kind of command.
void RunThePanel(PanelService& service) {
  ASSERT_TRUE(service.Refer(MakeReferral(1, "partner-agency", "probation", D(2026, 10, 1))));
  ASSERT_TRUE(service.Refer(MakeReferral(2, "marac", "MARAC 2026-09", D(2026, 10, 1))));
  ASSERT_TRUE(service.Refer(MakeReferral(3, "police-unit", "Stalking Unit", D(2026, 10, 1))));
  ASSERT_TRUE(service.RunRanking(D(2026, 10, 2)));
  ASSERT_TRUE(service.Refer(MakeReferral(1, "ranking-algorithm", "RK1", D(2026, 10, 2))));
  auto meeting = service.PlanMeeting("M1", D(2026, 10, 5));
  ASSERT_TRUE(meeting) << meeting.error().message;
  ASSERT_EQ(meeting->agenda.size(), 2U);
  ASSERT_TRUE(service.Decide(
      Decision{"C1", "M1", DecisionKind::kAdopt, "high-harm-high-risk", "", D(2026, 10, 5)}));
  ASSERT_TRUE(service.Decide(Decision{"C3", "M1", DecisionKind::kRefuse, "below-threshold",
                                      "one old incident", D(2026, 10, 5)}));
  auto action = service.AddAction("M1", "C1", "Clare's Law disclosure to the new partner",
                                  core::AgencyKind::kPolice, D(2026, 10, 19));
  ASSERT_TRUE(action) << action.error().message;
  ASSERT_TRUE(service.CompleteAction(*action, D(2026, 10, 12)));
  ASSERT_TRUE(service.ExtendCatalogue(Intervention{"housing-panel", "Housing panel referral",
                                                   InterventionCategory::kRehabilitative,
                                                   InterventionKind::kMeasure}));
  auto version = service.AgreePlan(ManagementPlan{"C1",
                                                  "M1",
                                                  0,
                                                  D(2026, 10, 5),
                                                  {"reduce contact with former partners"},
                                                  {"dvpo", "housing-panel"},
                                                  D(2027, 1, 5)});
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*version, 1);
  ASSERT_TRUE(service.RecordIntervention(InterventionRecord{"C1", "dvpo", core::AgencyKind::kPolice,
                                                            D(2026, 10, 6), D(2026, 11, 3), true}));
  ASSERT_TRUE(service.Allocate(
      CaseAllocation{"C1", "om-17", core::AgencyKind::kProbation, true, D(2026, 10, 6), {}}));
  ASSERT_TRUE(service.CloseCase("C1", "plan-completed", D(2026, 12, 1), "plan done"));
}

TEST_F(PanelServiceTest, ReplayingTheJournalGivesTheSameBook) {
  RunThePanel(*service_);
  if (HasFatalFailure()) return;
  const std::string before = Snapshot();
  const std::int64_t entries = JournalEntries();
  EXPECT_GE(entries, 17);
  EXPECT_EQ(audit_->size(), static_cast<std::uint64_t>(entries))
      << "every journalled command is an audit entry";
  auto last = audit_->Entry(audit_->size() - 1);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->kind, "panel-command");
  EXPECT_EQ(last->processing, "close-case");
  EXPECT_EQ(last->isa_id, "dorset-hhpp");
  EXPECT_EQ(last->isa_version, 3);
  EXPECT_EQ(last->request_sha256.size(), 64U);

  OpenService();
  EXPECT_EQ(Snapshot(), before);
  EXPECT_NE(before.find("housing-panel"), std::string::npos);
  EXPECT_NE(before.find("RK1"), std::string::npos);
}

TEST_F(PanelServiceTest, AnAllocationIsJournalledAuditedAndSurvivesReplayAndReallocation) {
  ASSERT_TRUE(service_->Refer(MakeReferral(1, "partner-agency", "probation", D(2026, 10, 1))));
  ASSERT_TRUE(service_->PlanMeeting("M1", D(2026, 10, 5)));
  ASSERT_TRUE(service_->Decide(
      Decision{"C1", "M1", DecisionKind::kAdopt, "high-harm-high-risk", "", D(2026, 10, 5)}));
  const std::int64_t entries = JournalEntries();

  auto named = service_->Allocate(
      CaseAllocation{"C1", "Jane Smith", core::AgencyKind::kProbation, true, D(2026, 10, 6), {}});
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().code, Code::kInvalidArgument);
  EXPECT_EQ(named.error().message.find("Jane"), std::string::npos);
  EXPECT_EQ(JournalEntries(), entries) << "a refused allocation is not journalled";

  ASSERT_TRUE(service_->Allocate(
      CaseAllocation{"C1", "om-17", core::AgencyKind::kProbation, true, D(2026, 10, 6), {}}));
  ASSERT_TRUE(service_->Allocate(
      CaseAllocation{"C1", "om-22", core::AgencyKind::kPolice, false, D(2026, 11, 1), {}}));
  EXPECT_EQ(JournalEntries(), entries + 2);
  auto last = audit_->Entry(audit_->size() - 1);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->processing, "allocate");
  EXPECT_EQ(last->kind, "panel-command");

  const std::string before = Snapshot();
  EXPECT_NE(before.find("om-22"), std::string::npos);
  OpenService();
  EXPECT_EQ(Snapshot(), before) << "the allocations replay from the journal";
  ASSERT_TRUE(service_->Read([&](const PanelBook& book, auto) -> Status {
    EXPECT_EQ(book.allocations().size(), 2U);
    EXPECT_EQ(book.allocations()[0].until, D(2026, 11, 1)) << "the reallocation ended it";
    const CaseAllocation* current = book.CurrentAllocation("C1");
    EXPECT_TRUE(current != nullptr && current->manager == "om-22" &&
                current->agency == core::AgencyKind::kPolice && !current->high_risk);
    return Ok();
  }));
}

TEST_F(PanelServiceTest, NominalFactsGiveTheDateOfBirthAndDistrictOnly) {
  auto facts = ReadNominalFacts(*store_, "N1000001");
  ASSERT_TRUE(facts) << facts.error().message;
  ASSERT_TRUE(facts->has_value());
  EXPECT_EQ((*facts)->date_of_birth, D(1986, 4, 11));
  EXPECT_EQ((*facts)->postcode_district, "BH14");
  auto unknown = ReadNominalFacts(*store_, "N9999999");
  ASSERT_TRUE(unknown) << unknown.error().message;
  EXPECT_FALSE(unknown->has_value());
}

// Refers N1000001 and adopts the case on 5 October 2026; the evaluation data then gathered
// from the book and the store's nominals (through the node's own facts lookup).
Result<eval::EvaluationData> AdoptAndGather(PanelService& service, endpoints::SharedStore& store,
                                            const std::function<void()>& before_gathering) {
  if (auto referred = service.Refer(MakeReferral(1, "partner-agency", "probation", D(2026, 10, 1)));
      !referred) {
    return tl::unexpected(referred.error());
  }
  if (auto planned = service.PlanMeeting("M1", D(2026, 10, 5)); !planned) {
    return tl::unexpected(planned.error());
  }
  if (auto decided = service.Decide(
          Decision{"C1", "M1", DecisionKind::kAdopt, "high-harm-high-risk", "", D(2026, 10, 5)});
      !decided) {
    return tl::unexpected(decided.error());
  }
  before_gathering();
  std::optional<PanelBook> book;
  if (auto read = service.Read([&](const PanelBook& b, auto) {
        book.emplace(b);
        return Ok();
      });
      !read) {
    return tl::unexpected(read.error());
  }
  eval::EvaluationSources sources;
  sources.book = &*book;
  sources.occurrences = [](const std::string&) { return std::vector<Occurrence>{}; };
  sources.subject_facts = runtime::NominalFactsFromStore(store);
  eval::EvaluationParameters parameters;
  parameters.data_end = D(2027, 11, 1);
  eval::EvaluationPseudonyms pseudonyms;
  return eval::GatherEvaluationData(sources, parameters, pseudonyms);
}

TEST_F(PanelServiceTest, TheEvaluationReadsTheAgeBandAndDistrictOfAnAdoptedNominal) {
  ASSERT_TRUE(crypto::InitSodium().has_value());
  auto data = AdoptAndGather(*service_, *shared_, [] {});
  ASSERT_TRUE(data) << data.error().message;
  ASSERT_EQ(data->cohort.size(), 1U);
  EXPECT_EQ(data->cohort[0].age_band, "35-44") << "born 1986-04-11, 40 when adopted";
  EXPECT_EQ(data->cohort[0].district, "BH14");
}

TEST_F(PanelServiceTest, TheEvaluationLeavesOutAnAdoptedSubjectWhoseNominalIsRestricted) {
  ASSERT_TRUE(crypto::InitSodium().has_value());
  auto data = AdoptAndGather(*service_, *shared_, [&] {
    ASSERT_TRUE(importer::RestrictRecord(
        *store_, {adapters::ExportKind::kPoliceNominals, "N1000001", "DSR-2026-3",
                  *protocol::ParseTimestamp("2026-10-20T09:00:00Z")}));
  });
  ASSERT_TRUE(data) << data.error().message;
  // Neither in the cohort nor among the referrals: left out, and counted.
  EXPECT_TRUE(data->cohort.empty());
  EXPECT_TRUE(data->referrals.empty());
  EXPECT_EQ(data->subjects, 0U);
  EXPECT_EQ(data->subjects_not_held, 1U);
}

TEST_F(PanelServiceTest, AFailedJournalWriteLeavesTheBookUnchanged) {
  auto referred = service_->Refer(MakeReferral(1, "partner-agency", "probation", D(2026, 10, 1)));
  ASSERT_TRUE(referred);
  const std::string before = Snapshot();
  const std::uint64_t audited = audit_->size();

  {
    // Another connection holds the write lock: the journal append cannot happen.
    store::Store::Options options;
    auto other = store::Store::Open(dir_ / "store.db", *key_, options);
    ASSERT_TRUE(other) << other.error().message;
    auto blocking = (*other)->Begin();
    ASSERT_TRUE(blocking) << blocking.error().message;
    auto planned = service_->PlanMeeting("M1", D(2026, 10, 5));
    ASSERT_FALSE(planned);
    EXPECT_EQ(planned.error().code, Code::kUnavailable);
    EXPECT_NE(planned.error().message.find("not applied"), std::string::npos);
    EXPECT_EQ(Snapshot(), before);
    EXPECT_EQ(audit_->size(), audited) << "nothing audited that was not journalled";
  }
  OpenService();
  EXPECT_EQ(Snapshot(), before);
  auto planned = service_->PlanMeeting("M1", D(2026, 10, 5));
  ASSERT_TRUE(planned) << planned.error().message;
  EXPECT_EQ(planned->agenda.size(), 1U);
}

TEST_F(PanelServiceTest, AMalformedJournalEntryIsNamedAtStart) {
  ASSERT_TRUE(service_->Refer(MakeReferral(1, "partner-agency", "probation", D(2026, 10, 1))));
  auto id = store_->AppendJournal(kPanelCommandKind, "2026-10-02T00:00:00Z",
                                  R"({"command":"decide","args":{"case_id":"C1"}})");
  ASSERT_TRUE(id);
  service_.reset();
  auto opened = PanelService::Open(*shared_, {}, {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kCorruption);
  EXPECT_NE(opened.error().message.find("panel journal entry " + std::to_string(*id) + ":"),
            std::string::npos)
      << opened.error().message;
  EXPECT_NE(opened.error().message.find("meeting_id"), std::string::npos) << opened.error().message;
}

TEST_F(PanelServiceTest, AJournalEntryThatIsNotJsonIsNamedAtStart) {
  auto id = store_->AppendJournal(kPanelCommandKind, "2026-10-02T00:00:00Z", "not json");
  ASSERT_TRUE(id);
  auto opened = PanelService::Open(*shared_, {}, {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kCorruption);
  EXPECT_NE(opened.error().message.find("panel journal entry " + std::to_string(*id) + ":"),
            std::string::npos)
      << opened.error().message;
}

TEST_F(PanelServiceTest, AJournalEntryTheBookRefusesIsNamedAtStart) {
  ASSERT_TRUE(service_->Refer(MakeReferral(1, "partner-agency", "probation", D(2026, 10, 1))));
  auto id = store_->AppendJournal(
      kPanelCommandKind, "2026-10-02T00:00:00Z",
      R"({"command":"decide","args":{"case_id":"C1","meeting_id":"M9","decision":"adopt",)"
      R"("reason_id":"high-harm-high-risk","decided_on":"2026-10-05"}})");
  ASSERT_TRUE(id);
  auto opened = PanelService::Open(*shared_, {}, {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kCorruption);
  EXPECT_NE(opened.error().message.find("panel journal entry " + std::to_string(*id) + ":"),
            std::string::npos)
      << opened.error().message;
  EXPECT_NE(opened.error().message.find("M9"), std::string::npos) << opened.error().message;
}

TEST_F(PanelServiceTest, AMonitoredPersonWithANewIncidentReturnsToTriage) {
  auto referred =
      service_->ReferAndTriage(MakeReferral(2, "marac", "MARAC 2026-09", D(2026, 10, 1)));
  ASSERT_TRUE(referred && referred->triage);
  ASSERT_EQ(Case(referred->receipt.case_id)->state, CaseState::kMonitored);
  auto quiet = service_->CheckMonitoring(D(2026, 10, 5));
  ASSERT_TRUE(quiet) << quiet.error().message;
  EXPECT_TRUE(quiet->empty()) << "nothing new: stays monitored";

  ASSERT_EQ(Import(std::string(kOccurrences) + kLaterOccurrence), "");
  auto returned = service_->CheckMonitoring(D(2026, 10, 20));
  ASSERT_TRUE(returned) << returned.error().message;
  ASSERT_EQ(returned->size(), 1U);
  EXPECT_EQ((*returned)[0].case_id, referred->receipt.case_id);
  EXPECT_NE((*returned)[0].reason.find("OC6"), std::string::npos) << (*returned)[0].reason;
  ASSERT_TRUE((*returned)[0].triage.has_value());
  EXPECT_EQ((*returned)[0].triage->frequency, 1) << "triaged again with the new incident";
  const CaseRecord* c = Case(referred->receipt.case_id);
  const std::string history = Json(c->history).dump();
  EXPECT_NE(history.find("returned-to-triage"), std::string::npos) << history;

  const std::string before = Snapshot();
  OpenService();
  EXPECT_EQ(Snapshot(), before) << "the return replays from the journal";
}

// The approximate table with some weights changed, as a partnership's own table would.
core::OffenceTable Reweighed(const std::map<std::string, int>& days,
                             const std::set<std::string>& left_out = {}) {
  std::vector<core::Offence> offences;
  for (core::Offence o : core::OffenceTable::Approximate().offences()) {
    if (left_out.contains(o.code)) continue;
    if (const auto found = days.find(o.code); found != days.end()) o.cchi_days = found->second;
    offences.push_back(std::move(o));
  }
  return *core::OffenceTable::Create(std::move(offences));
}

TEST_F(PanelServiceTest, ThePartnershipsOffenceTableWeighsTriageRankingAndHarmHistory) {
  service_.reset();
  TriageConfig triage;
  triage.offences = Reweighed({{"THEFT_SHOP", 9000}, {"ABH", 2000}});
  auto opened = PanelService::Open(*shared_, {}, std::move(triage));
  ASSERT_TRUE(opened) << opened.error().message;
  PanelService& service = **opened;
  EXPECT_EQ(service.offences().Find("THEFT_SHOP")->cchi_days, 9000);

  auto outcome =
      service.ReferAndTriage(MakeReferral(1, "partner-agency", "probation", D(2026, 10, 1)));
  ASSERT_TRUE(outcome && outcome->triage) << (outcome ? "" : outcome.error().message);
  const std::string explanation = Json(outcome->triage->explanation).dump();
  EXPECT_NE(explanation.find("2000 CCHI days"), std::string::npos) << explanation;

  auto run = service.RunRanking(D(2026, 10, 1));
  ASSERT_TRUE(run) << run.error().message;
  const auto theft = std::find_if(run->entries.begin(), run->entries.end(),
                                  [](const RankedEntry& e) { return e.subject == "N1000002"; });
  ASSERT_NE(theft, run->entries.end());
  EXPECT_EQ(theft->harm_cchi_days, 9000) << "one shop theft now weighs 9000 days";

  ASSERT_TRUE(service.PlanMeeting("M1", D(2026, 10, 5)));
  auto requests = service.PackRequests("M1", D(2026, 10, 4));
  ASSERT_TRUE(requests) << requests.error().message;
  ASSERT_EQ(requests->size(), 1U);
  int harm = 0;
  for (const MonthHarm& m : (*requests)[0].harm_by_month) harm += m.cchi_days;
  EXPECT_EQ(harm, 365 + 2000 + 10);
}

TEST_F(PanelServiceTest, ATableWithoutACodeTheRulesOrTheOccurrencesUseIsRefusedByName) {
  service_.reset();
  TriageConfig no_stalking;
  no_stalking.offences = Reweighed({}, {"STALKING"});
  auto refused = PanelService::Open(*shared_, {}, std::move(no_stalking));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("offence code 'STALKING' is not in the offence table"),
            std::string::npos)
      << refused.error().message;

  TriageConfig no_theft;
  no_theft.offences = Reweighed({}, {"THEFT_SHOP"});
  auto opened = PanelService::Open(*shared_, {}, std::move(no_theft));
  ASSERT_TRUE(opened) << opened.error().message;
  auto run = (*opened)->RunRanking(D(2026, 10, 1));
  ASSERT_FALSE(run);
  EXPECT_NE(run.error().message.find("OC4: offence code 'THEFT_SHOP' is not in the offence table"),
            std::string::npos)
      << run.error().message;
}

TEST_F(PanelServiceTest, PackRequestsCarryReferralTriageAndHarmHistory) {
  ASSERT_TRUE(service_->Refer(MakeReferral(1, "partner-agency", "probation", D(2026, 10, 1))));
  ASSERT_TRUE(service_->PlanMeeting("M1", D(2026, 10, 5)));
  auto requests = service_->PackRequests("M1", D(2026, 10, 4));
  ASSERT_TRUE(requests) << requests.error().message;
  ASSERT_EQ(requests->size(), 1U);
  const PackRequest& r = (*requests)[0];
  EXPECT_EQ(r.pack_id, "M1-C1");
  EXPECT_EQ(r.subject_export, "police_nominals");
  EXPECT_EQ(r.subject_ref, "N1000001");
  EXPECT_EQ(r.referral.referral_id, "R1");
  EXPECT_EQ(r.triage.total, 13);
  EXPECT_EQ(r.harm_by_month.size(), 24U);
  int harm = 0;
  for (const MonthHarm& m : r.harm_by_month) harm += m.cchi_days;
  EXPECT_EQ(harm, 365 + 182 + 10);
  EXPECT_EQ(r.known_victims, 2);
  EXPECT_FALSE(service_->PackRequests("M9", D(2026, 10, 4)));
}

}  // namespace
}  // namespace tandem::node::panel
