// Case packs, outcomes and partner referrals across real nodes (police, probation, nhs,
// victim-advocacy), each its own `tandem node run` process on loopback with its own store, keys,
// certificate and the signed ISA, holding a few hand-written export records. The test process
// plays the coordinator's panel for assembly and outcome sync (police's identity, certificate,
// key share and store, as a second police process would), so the partners it talks to, the
// partner that goes down and comes back, and their answers are all real.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/panel/panel_book.h"
#include "node/audit/audit_log.h"
#include "node/endpoints/remote_evaluator.h"
#include "node/endpoints/shared_store.h"
#include "node/exchange/outbound.h"
#include "node/identity_key.h"
#include "node/isa/isa_installer.h"
#include "node/isa/isa_policy.h"
#include "node/isa/quota_counter.h"
#include "node/panel/case_pack_assembler.h"
#include "node/panel/outcome_sync.h"
#include "node/panel/render_json.h"
#include "node/store/data_dir.h"
#include "node/store/internal/raw_access.h"
#include "node/tokens/node_share.h"
#include "node/tokens/tokeniser.h"
#include "tests/integration/match_model.h"
#include "tests/integration/partnership.h"
#include "tests/integration/police_client.h"
#include "tests/node/temp_dir.h"

namespace tandem {
namespace {

using core::panel::ContributionStatus;
using node::panel::CasePackAssembler;
using node::panel::PackRequest;
using testing::MatchModel;
using testing::Partnership;
using testing::TempDir;

protocol::Seconds Now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

core::Date D(int y, int m, int d) { return *core::Date::FromYmd(y, m, d); }

const std::vector<std::string> kNodes = {"police", "probation", "nhs", "victim-advocacy"};

// Daniel O'Brien is known to every agency; Zed Quill only to probation; Amos Birtwhistle only to
// police; Quentin Fairweather to police and probation.
const std::map<std::string, std::pair<std::string, std::string>> kExports = {
    {"police",
     {"police_nominals.csv",
      "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
      "warning_markers\n"
      "N0000001,O'Brien,Daniel,James,1986-04-11,M,,\"12 Kings Road, Poole\",BH14 9QT,,VI;DA\n"
      "N0000002,Birtwhistle,Amos,,1979-12-01,M,,\"3 Mill Lane, Wareham\",BH20 4AA,,\n"
      "N0000003,Fairweather,Quentin,,1972-03-15,M,,\"8 Quay Street, Poole\",BH15 1HJ,,DA\n"}},
    {"probation",
     {"probation_cases.csv",
      "crn,pnc_id,surname,forename,dob,gender,postcode,supervision,start_date,end_date,rosh,"
      "ogrs3_2yr,mappa_category,mappa_level,accredited_programme\n"
      "X000001,,O'Brien,Daniel,11/04/1986,Male,BH14 9QT,COMMUNITY_ORDER,01/02/2026,,HIGH,62,0,0,"
      "BUILDING_CHOICES\n"
      "X000002,,Quill,Zed,05/07/1990,Male,BH1 1AA,LICENCE,01/01/2026,,MEDIUM,40,0,0,\n"
      "X000003,,Fairweather,Quentin,15/03/1972,Male,BH15 1HJ,LICENCE,01/03/2026,,VERY_HIGH,71,0,"
      "0,\n"}},
    {"nhs",
     {"nhs_mental_health.csv",
      "local_patient_id,nhs_number,family_name,given_name,date_of_birth,gender_code,postcode,"
      "service,referral_date,discharge_date,risk_flags,marac_flag\n"
      "RX0001,,O'Brien,Daniel,11/04/1986,1,BH14 9QT,CMHT,03/03/2026,,RISK_TO_OTHERS,N\n"}},
    {"victim-advocacy",
     {"idva_cases.csv",
      "case_ref,referral_date,victim_age,victim_sex,children_in_household,perpetrator_name,"
      "perpetrator_dob,perpetrator_age,relationship,risk_level,dash_score,marac_referral,"
      "case_status,closed_date\n"
      "IDVA-0001,05/05/2026,34,F,2,Daniel O'Brien,11/04/1986,40,EX_PARTNER,HIGH,17,Y,OPEN,\n"}},
};

// A POST with a JSON body to `node`'s local listener, through curl.
testing::HttpAnswer Post(const Partnership& partnership, const std::filesystem::path& scratch,
                         const std::string& node, const std::string& path,
                         const std::string& bearer, const std::string& body) {
  static int counter = 0;
  const auto file = scratch / ("body-" + std::to_string(counter++) + ".json");
  std::ofstream(file) << body;
  const std::string command =
      "curl -s -o - -w '\\n%{http_code}' --max-time 60 --cacert " +
      (partnership.dir() / "ca" / "ca.crt").string() + " -X POST -H 'Authorization: Bearer " +
      bearer + "' -H 'Content-Type: application/json' --data-binary @" + file.string() +
      " https://localhost:" + std::to_string(partnership.local_port(node)) + path + " 2>/dev/null";
  testing::HttpAnswer answer;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return answer;
  std::array<char, 4096> buffer{};
  std::string output;
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    output.append(buffer.data(), n);
  }
  ::pclose(pipe);
  const auto newline = output.rfind('\n');
  if (newline == std::string::npos) return answer;
  answer.body = output.substr(0, newline);
  answer.status = std::atoi(output.c_str() + newline + 1);
  return answer;
}

// The coordinator's panel side in this process: police's identity, ISA view, certificate, key
// share and store (a second connection), with an audit log of its own.
struct Coordinator : testing::PoliceClient {
  std::unique_ptr<node::store::Store> store;
  std::unique_ptr<node::endpoints::SharedStore> shared;
  std::optional<node::tokens::NodeShare> share;
  std::optional<node::tokens::Tokeniser> tokeniser;

  std::string Open(const Partnership& partnership, const std::filesystem::path& scratch) {
    if (auto client = PoliceClient::Open(partnership, scratch, "coordinator-audit.db");
        !client.empty()) {
      return client;
    }
    const auto dir = partnership.data_dir("police");
    node::store::KeyOptions key_options;
    key_options.key_file = partnership.key_file("police");
    auto opened = node::store::OpenDataDir(dir, key_options, {});
    if (!opened) return opened.error().message;
    store = std::move(opened->store);
    shared = std::make_unique<node::endpoints::SharedStore>(store.get());
    auto loaded = node::tokens::LoadNodeShare(*store);
    if (!loaded || !*loaded) return "no key share in police's store";
    share.emplace(std::move(**loaded));
    const node::tokens::PartnershipKey& partnership_key = share->partnership;
    auto evaluator = std::make_shared<node::endpoints::RemoteEvaluator>(
        exchange.get(), "police", partnership_key.names, partnership_key.key.epoch(),
        &share->share);
    node::tokens::Tokeniser::Options order;
    order.names = partnership_key.names;
    order.holders.push_back(share->share.holder());
    for (std::uint32_t h = 1; h <= partnership_key.key.holders(); ++h) {
      if (h != share->share.holder()) order.holders.push_back(h);
    }
    auto made = node::tokens::Tokeniser::Create(partnership_key.key, evaluator, order);
    if (!made) return made.error().message;
    tokeniser.emplace(std::move(*made));
    return "";
  }

  node::runtime::PartnerMatchContext Matching() {
    return {"police", policy.get(), exchange.get(), shared.get(), &*tokeniser};
  }
};

class CasePackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new TempDir();
    partnership_ = new Partnership();
    ASSERT_EQ(partnership_->SetUp(temp_->path() / "p", kNodes), "");
    for (const std::string& node : kNodes) {
      const auto& [name, text] = kExports.at(node);
      const auto csv = temp_->path() / name;
      std::ofstream(csv) << text;
      const auto imported = testing::RunTandem(
          {"import", "--data-dir", partnership_->data_dir(node).string(), "--key-file",
           partnership_->key_file(node).string(), "--agency", node, csv.string()},
          {}, temp_->path());
      ASSERT_EQ(imported.exit_code, 0) << node << ": " << imported.out << imported.err;
      std::ofstream(partnership_->data_dir(node) / "match-model.json") << MatchModel();
    }
    for (const std::string& node : kNodes) ASSERT_EQ(partnership_->Start(node), "");
    for (const std::string& node : kNodes) {
      const auto rebuilt = Post(*partnership_, temp_->path(), node, "/v1/tokens/rebuild",
                                partnership_->token(node, "admin"), "{}");
      ASSERT_EQ(rebuilt.status, 200) << node << ": " << rebuilt.body;
    }
    coordinator_ = new Coordinator();
    ASSERT_EQ(coordinator_->Open(*partnership_, temp_->path()), "");
  }
  static void TearDownTestSuite() {
    delete coordinator_;
    if (partnership_ != nullptr) partnership_->StopAll();
    delete partnership_;
    delete temp_;
  }

  static PackRequest Request(const std::string& meeting, const std::string& case_id,
                             const std::string& nominal) {
    PackRequest request;
    request.pack_id = meeting + "-" + case_id;
    request.meeting_id = meeting;
    request.case_id = case_id;
    request.prepared_on = D(2026, 11, 1);
    request.subject_ref = nominal;
    request.referral = {"R1", "police-unit", "DA unit", "escalating", "PC 123", D(2026, 10, 5)};
    request.triage.total = 12;
    request.triage.threshold = 10;
    request.triage.put_forward = true;
    request.known_victims = 1;
    request.children_at_risk = 2;
    return request;
  }

  static const core::panel::AgencyContribution* Of(const core::panel::CasePack& pack,
                                                   const std::string& node) {
    for (const auto& c : pack.contributions) {
      if (c.node == node) return &c;
    }
    return nullptr;
  }

  static testing::HttpAnswer PostAs(const std::string& node, const std::string& role,
                                    const std::string& path, const std::string& body) {
    return Post(*partnership_, temp_->path(), node, path, partnership_->token(node, role), body);
  }

  // `tandem store subject-access` for a probation record, run beside the running probation
  // node on its data directory; the copy read back (null when it was not written).
  static nlohmann::json ProbationCopy(const std::string& ref, const std::string& name) {
    const auto out = temp_->path() / name;
    const auto ran = testing::RunTandem(
        {"store", "subject-access", "--data-dir", partnership_->data_dir("probation").string(),
         "--key-file", partnership_->key_file("probation").string(), "--export", "probation_cases",
         "--ref", ref, "--request", "SAR-" + name, "--out", out.string()},
        {}, temp_->path());
    EXPECT_EQ(ran.exit_code, 0) << ran.out << ran.err;
    std::ifstream in(out);
    return nlohmann::json::parse(in, nullptr, false);
  }

  // `tandem store restrict` (with `extra`) for a probation record, run beside the running
  // probation node on its data directory.
  // Runs `tandem store restrict` at probation, beside its running node; what it printed.
  static std::string RestrictProbation(const std::string& ref,
                                       const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"store",      "restrict",
                                     "--data-dir", partnership_->data_dir("probation").string(),
                                     "--key-file", partnership_->key_file("probation").string(),
                                     "--export",   "probation_cases",
                                     "--ref",      ref,
                                     "--request",  "DSR-2026-51"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto ran = testing::RunTandem(args, {}, temp_->path());
    EXPECT_EQ(ran.exit_code, 0) << ran.out << ran.err;
    return ran.out;
  }

  static TempDir* temp_;
  static Partnership* partnership_;
  static Coordinator* coordinator_;
};

TempDir* CasePackTest::temp_ = nullptr;
Partnership* CasePackTest::partnership_ = nullptr;
Coordinator* CasePackTest::coordinator_ = nullptr;

TEST_F(CasePackTest, APackIsAssembledAcrossPartnersWithProvenanceAndNoVictimIdentity) {
  const CasePackAssembler assembler(coordinator_->Matching(), &Now);
  auto pack = assembler.Assemble(Request("M1", "C1", "N0000001"));
  ASSERT_TRUE(pack) << pack.error().message;
  EXPECT_TRUE(pack->complete);
  EXPECT_TRUE(pack->missing.empty());
  ASSERT_EQ(pack->contributions.size(), 3u);

  const auto* probation = Of(*pack, "probation");
  ASSERT_NE(probation, nullptr);
  EXPECT_EQ(probation->status, ContributionStatus::kMatched) << probation->note;
  EXPECT_EQ(probation->match_band, "auto");
  std::map<std::string, std::string> fields;
  for (const auto& f : probation->fields) {
    fields[f.name] = f.value;
    EXPECT_EQ(f.provenance.node, "probation");
    EXPECT_EQ(f.provenance.isa_clause, "4.1");
    EXPECT_EQ(f.provenance.record_date, D(2026, 2, 1));
  }
  EXPECT_EQ(fields["rosh"], "HIGH");
  EXPECT_EQ(fields["supervision"], "COMMUNITY_ORDER");
  EXPECT_EQ(fields.count("crn"), 0u);

  const auto* nhs = Of(*pack, "nhs");
  ASSERT_NE(nhs, nullptr);
  EXPECT_EQ(nhs->status, ContributionStatus::kMatched) << nhs->note;
  ASSERT_FALSE(nhs->fields.empty());
  EXPECT_EQ(nhs->fields[0].provenance.isa_clause, "4.2");

  const auto* idva = Of(*pack, "victim-advocacy");
  ASSERT_NE(idva, nullptr);
  EXPECT_EQ(idva->status, ContributionStatus::kMatched) << idva->note;
  std::set<std::string> idva_names;
  for (const auto& f : idva->fields) idva_names.insert(f.name);
  EXPECT_TRUE(idva_names.contains("risk_level"));
  EXPECT_TRUE(idva_names.contains("children_in_household"));
  EXPECT_EQ(pack->children_at_risk, 2);  // the IDVA record's children_in_household, a count
  for (const char* name : {"case_ref", "victim_age", "victim_sex", "perpetrator_name",
                           "perpetrator_dob", "perpetrator_age"}) {
    EXPECT_FALSE(idva_names.contains(name)) << name;
  }
  const std::string json = node::panel::RenderCasePackJson(*pack);
  for (const char* identifying :
       {"IDVA-0001", "O'Brien", "OBRIEN", "1986-04-11", "X000001", "RX0001", "BH14"}) {
    EXPECT_EQ(json.find(identifying), std::string::npos) << identifying;
  }

  auto latest = node::panel::LatestPacks(*coordinator_->store, "M1");
  ASSERT_TRUE(latest) << latest.error().message;
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ(node::panel::RenderCasePackJson(latest->front()), json);
}

TEST_F(CasePackTest, AProbationSubjectAccessCopyNamesEveryExchangeAboutThePersonAndNoOther) {
  const CasePackAssembler assembler(coordinator_->Matching(), &Now);
  auto pack = assembler.Assemble(Request("M7", "C7", "N0000001"));
  ASSERT_TRUE(pack) << pack.error().message;
  ASSERT_EQ(Of(*pack, "probation")->status, ContributionStatus::kMatched);

  const nlohmann::json copy = ProbationCopy("X000001", "x1.json");
  ASSERT_TRUE(copy.is_object());
  EXPECT_EQ(copy["record"]["fields"]["surname"], "O'Brien");
  // The match the coordinator ran and the fields probation disclosed for the pack, both with
  // police as the recipient, named by the same tokens.
  std::set<std::string> processings;
  std::set<std::string> disclosed;
  for (const auto& row : copy["exchanges"]) {
    const auto& entry = row["entry"];
    EXPECT_EQ(entry["recipient"], "police");
    EXPECT_FALSE(entry["subject_tokens"].empty());
    processings.insert(entry["processing"].get<std::string>());
    if (entry["purpose"] == "hhpp-case-pack") {
      for (const auto& field : entry["fields"]) disclosed.insert(field.get<std::string>());
    }
  }
  EXPECT_TRUE(processings.contains("consultation")) << copy["exchanges"].dump();
  EXPECT_TRUE(processings.contains("disclosure")) << copy["exchanges"].dump();
  EXPECT_TRUE(disclosed.contains("rosh")) << copy["exchanges"].dump();
  EXPECT_FALSE(disclosed.contains("crn"));

  // Zed Quill, whom no one asked about, has no exchanges.
  const nlohmann::json other = ProbationCopy("X000002", "x2.json");
  ASSERT_TRUE(other.is_object());
  EXPECT_TRUE(other["exchanges"].empty()) << other["exchanges"].dump();
}

TEST_F(CasePackTest, ARecordRestrictedAtProbationIsNeitherMatchedNorDisclosedUntilLifted) {
  const CasePackAssembler assembler(coordinator_->Matching(), &Now);
  auto before = assembler.Assemble(Request("M8", "C8", "N0000001"));
  ASSERT_TRUE(before) << before.error().message;
  ASSERT_EQ(Of(*before, "probation")->status, ContributionStatus::kMatched);
  // Probation's log holds its answers to police about the person: police is to be told.
  const std::string placed = RestrictProbation("X000001", {});
  EXPECT_NE(placed.find("Partners this node told about the person, to be told of the "
                        "restriction (UK GDPR Art. 19, DPA 2018 s.48):\n  police: "),
            std::string::npos)
      << placed;
  EXPECT_EQ(placed.find("X000001"), std::string::npos) << placed;
  auto restricted = assembler.Assemble(Request("M8", "C8", "N0000001"));
  ASSERT_TRUE(restricted) << restricted.error().message;
  const auto* probation = Of(*restricted, "probation");
  ASSERT_NE(probation, nullptr);
  EXPECT_EQ(probation->status, ContributionStatus::kNoMatch) << probation->note;
  EXPECT_TRUE(probation->fields.empty());
  // The match itself found no one: not a match whose record then could not be read.
  EXPECT_TRUE(probation->note.empty()) << probation->note;
  EXPECT_TRUE(probation->match_band.empty());
  // The other partners still answer: the restriction is probation's alone.
  EXPECT_EQ(Of(*restricted, "nhs")->status, ContributionStatus::kMatched);

  RestrictProbation("X000001", {"--lift"});
  auto lifted = assembler.Assemble(Request("M8", "C8", "N0000001"));
  ASSERT_TRUE(lifted) << lifted.error().message;
  EXPECT_EQ(Of(*lifted, "probation")->status, ContributionStatus::kMatched);
  EXPECT_FALSE(Of(*lifted, "probation")->fields.empty());
}

TEST_F(CasePackTest, ASubjectNoPartnerKnowsIsNoMatchEverywhereAndComplete) {
  const CasePackAssembler assembler(coordinator_->Matching(), &Now);
  auto pack = assembler.Assemble(Request("M1", "C2", "N0000002"));
  ASSERT_TRUE(pack) << pack.error().message;
  EXPECT_TRUE(pack->complete);
  for (const auto& c : pack->contributions) {
    EXPECT_EQ(c.status, ContributionStatus::kNoMatch) << c.node << ": " << c.note;
    EXPECT_TRUE(c.fields.empty());
  }
  EXPECT_EQ(pack->missing.size(), 3u);
}

TEST_F(CasePackTest, APartnerDownLeavesThePackIncompleteWithTheReasonAndItsReturnCompletesIt) {
  const CasePackAssembler assembler(coordinator_->Matching(), &Now);
  partnership_->Stop("nhs");
  auto incomplete = assembler.Assemble(Request("M2", "C1", "N0000001"));
  ASSERT_TRUE(incomplete) << incomplete.error().message;
  EXPECT_FALSE(incomplete->complete);
  const auto* nhs = Of(*incomplete, "nhs");
  ASSERT_NE(nhs, nullptr);
  EXPECT_EQ(nhs->status, ContributionStatus::kUnavailable);
  EXPECT_TRUE(nhs->fields.empty());
  ASSERT_EQ(incomplete->missing.size(), 1u);
  EXPECT_EQ(incomplete->missing[0].node, "nhs");
  EXPECT_NE(incomplete->missing[0].why.find("nhs"), std::string::npos)
      << incomplete->missing[0].why;
  EXPECT_EQ(incomplete->missing[0].why.find("N0000001"), std::string::npos);
  EXPECT_EQ(Of(*incomplete, "probation")->status, ContributionStatus::kMatched);
  EXPECT_EQ(Of(*incomplete, "victim-advocacy")->status, ContributionStatus::kMatched);

  ASSERT_EQ(partnership_->Start("nhs"), "");
  auto complete = assembler.Assemble(Request("M2", "C1", "N0000001"));
  ASSERT_TRUE(complete) << complete.error().message;
  EXPECT_TRUE(complete->complete);
  EXPECT_EQ(Of(*complete, "nhs")->status, ContributionStatus::kMatched)
      << Of(*complete, "nhs")->note;

  auto versions = node::panel::PackVersions(*coordinator_->store, "M2-C1");
  ASSERT_TRUE(versions) << versions.error().message;
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_FALSE((*versions)[0].complete);
  EXPECT_TRUE((*versions)[1].complete);
  auto latest = node::panel::LatestPacks(*coordinator_->store, "M2");
  ASSERT_TRUE(latest);
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_TRUE(latest->front().complete);
}

TEST_F(CasePackTest, ThePoliceNodeErasesTheValuesOfPacksAssembledLongerAgoThanTheRetention) {
  // One pack assembled 731 days ago (hhpp-case-pack keeps 730), one now; both with real values.
  const protocol::Seconds long_ago = Now() - std::chrono::days(731);
  const CasePackAssembler back_then(coordinator_->Matching(), [long_ago] { return long_ago; });
  auto old_pack = back_then.Assemble(Request("M9", "C1", "N0000001"));
  ASSERT_TRUE(old_pack) << old_pack.error().message;
  ASSERT_EQ(Of(*old_pack, "probation")->status, ContributionStatus::kMatched);
  const CasePackAssembler today(coordinator_->Matching(), &Now);
  ASSERT_TRUE(today.Assemble(Request("M10", "C1", "N0000001")));

  // The node erases at start, before it serves.
  partnership_->Stop("police");
  ASSERT_EQ(partnership_->Start("police"), "");

  auto old_versions = node::panel::PackVersions(*coordinator_->store, "M9-C1");
  ASSERT_TRUE(old_versions) << old_versions.error().message;
  ASSERT_EQ(old_versions->size(), 1u);
  const core::panel::CasePack& erased = old_versions->front();
  ASSERT_TRUE(erased.erasure.has_value());
  EXPECT_EQ(erased.erasure->retention_days, 730);
  std::size_t values = 0;
  for (const auto& c : erased.contributions) {
    EXPECT_EQ(c.status, ContributionStatus::kMatched) << c.node;
    for (const auto& f : c.fields) {
      EXPECT_EQ(f.value, "") << c.node << " " << f.name;
      EXPECT_EQ(f.provenance.node, c.node);
      ++values;
    }
  }
  EXPECT_GT(values, 3u);
  auto kept = node::panel::PackVersions(*coordinator_->store, "M10-C1");
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_FALSE(kept->front().erasure.has_value());
  EXPECT_EQ(Of(kept->front(), "probation")->fields.front().value.empty(), false);

  // Police's log records the erasure, with its purpose and counts and no value or reference.
  const auto csv_file = temp_->path() / "retention.csv";
  const auto exported = testing::RunTandem(
      {"audit", "export", "--data-dir", partnership_->data_dir("police").string(), "--key-file",
       partnership_->key_file("police").string(), "--kind", "retention", "--format", "csv", "--out",
       csv_file.string()},
      {}, temp_->path());
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string csv = testing::ReadWholeFile(csv_file);
  EXPECT_NE(csv.find("erasure of the values partners contributed to 1 case pack version (" +
                     std::to_string(values) + " values): assembled more than 730 days ago"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("hhpp-case-pack"), std::string::npos) << csv;
  for (const char* text : {"HIGH", "COMMUNITY_ORDER", "N0000001", "M9-C1"}) {
    EXPECT_EQ(csv.find(text), std::string::npos) << text;
  }
}

TEST_F(CasePackTest, AnInterventionDeliveredAtProbationFlowsBackToTheBookExactlyOnce) {
  const auto recorded = PostAs("probation", "contributor", "/v1/interventions",
                               R"({"export": "probation_cases", "ref": "X000001",
                                   "intervention": "behaviour-change-programme",
                                   "started_on": "2026-03-01", "ended_on": "2026-06-01",
                                   "completed": true})");
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(PostAs("probation", "contributor", "/v1/interventions",
                   R"({"export": "probation_cases", "ref": "X000001", "intervention": "hypnosis",
                       "started_on": "2026-03-01"})")
                .status,
            400);
  EXPECT_EQ(PostAs("probation", "dpo", "/v1/interventions", "{}").status, 403);

  // The coordinator's book with the subject managed.
  auto book = core::panel::PanelBook::Create({});
  ASSERT_TRUE(book);
  auto receipt =
      book->Refer({"N0000001", "police-unit", "DA unit", "escalating", "PC 123", D(2026, 10, 1)});
  ASSERT_TRUE(receipt) << receipt.error().message;
  ASSERT_TRUE(book->RecordTriage(receipt->case_id, true, {"score 12"}, D(2026, 10, 2)));
  ASSERT_TRUE(book->PlanMeeting("M1", D(2026, 10, 10)));
  ASSERT_TRUE(book->Decide({receipt->case_id, "M1", core::panel::DecisionKind::kAdopt,
                            "high-harm-high-risk", "", D(2026, 10, 10)}));

  node::panel::OutcomeSyncContext context;
  context.matching = coordinator_->Matching();
  context.managed = [&]() -> Result<std::vector<node::panel::ManagedSubject>> {
    return std::vector<node::panel::ManagedSubject>{
        {receipt->case_id, "police_nominals", "N0000001"}};
  };
  context.recorded = [&]() -> Result<std::vector<core::panel::InterventionRecord>> {
    return book->interventions();
  };
  context.record = [&](const core::panel::InterventionRecord& r) {
    return book->RecordIntervention(r);
  };
  auto first = node::panel::SyncOutcomes(context);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->problems.empty()) << first->problems.front();
  EXPECT_EQ(first->recorded, 1);
  ASSERT_EQ(book->interventions().size(), 1u);
  const auto& delivered = book->interventions().front();
  EXPECT_EQ(delivered.intervention_id, "behaviour-change-programme");
  EXPECT_EQ(delivered.delivered_by, core::AgencyKind::kProbation);
  EXPECT_EQ(delivered.started_on, D(2026, 3, 1));
  EXPECT_EQ(delivered.ended_on, D(2026, 6, 1));
  EXPECT_TRUE(delivered.completed);

  auto second = node::panel::SyncOutcomes(context);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->recorded, 0);
  EXPECT_EQ(second->already_recorded, 1);
  EXPECT_EQ(book->interventions().size(), 1u);

  // Probation's log names the person on each outcome request it answered, so a subject access
  // copy shows what went back and to whom.
  const nlohmann::json copy = ProbationCopy("X000001", "x1-outcomes.json");
  ASSERT_TRUE(copy.is_object());
  int outcome_requests = 0;
  for (const auto& row : copy["exchanges"]) {
    if (row["entry"]["purpose"] != "hhpp-outcomes") continue;
    ++outcome_requests;
    EXPECT_EQ(row["entry"]["recipient"], "police");
    EXPECT_NE(row["entry"]["fields"].dump().find("intervention"), std::string::npos);
  }
  EXPECT_GE(outcome_requests, 2) << copy["exchanges"].dump();
}

TEST_F(CasePackTest, TheCoordinatorsOutcomeSyncRouteRunsForTheCoordinatorOnly) {
  EXPECT_EQ(PostAs("police", "contributor", "/v1/panel/outcomes/sync", "{}").status, 403);
  const auto sync = PostAs("police", "coordinator", "/v1/panel/outcomes/sync", "{}");
  ASSERT_EQ(sync.status, 200) << sync.body;
  const auto report = nlohmann::json::parse(sync.body);
  EXPECT_EQ(report["recorded"], 0);  // the police node's book manages no case yet
  EXPECT_TRUE(report["problems"].empty()) << sync.body;
}

TEST_F(CasePackTest, APartnerReferralReachesTheCoordinatorOnlyForAPersonItKnows) {
  const auto known = PostAs("probation", "contributor", "/v1/referrals/submit",
                            R"({"export": "probation_cases", "ref": "X000001",
                                "reason": "escalating behaviour at appointments",
                                "referrer": "probation SPOC"})");
  ASSERT_EQ(known.status, 200) << known.body;
  const auto answer = nlohmann::json::parse(known.body);
  EXPECT_EQ(answer["coordinator"], "police");
  EXPECT_EQ(answer["known"], true);
  EXPECT_FALSE(answer.value("referral_id", "").empty());
  EXPECT_EQ(known.body.find("N0000001"), std::string::npos);

  const auto unknown = PostAs("probation", "contributor", "/v1/referrals/submit",
                              R"({"export": "probation_cases", "ref": "X000002",
                                  "reason": "concern", "referrer": "probation SPOC"})");
  ASSERT_EQ(unknown.status, 200) << unknown.body;
  EXPECT_EQ(nlohmann::json::parse(unknown.body)["known"], false);

  // The referral is in the coordinator's panel journal, from the partner-agency pathway; the
  // person police does not know left nothing there.
  int partner_referrals = 0;
  int unknown_recorded = 0;
  const std::array<std::string_view, 1> kinds = {"panel-command"};
  ASSERT_TRUE(coordinator_->store->ForEachJournalEntry(
      kinds, [&](const node::store::JournalEntry& entry) -> Status {
        if (entry.body.find("partner-agency") != std::string::npos &&
            entry.body.find("escalating behaviour at appointments") != std::string::npos) {
          ++partner_referrals;
        }
        if (entry.body.find("\"concern\"") != std::string::npos) ++unknown_recorded;
        return Ok();
      }));
  EXPECT_EQ(partner_referrals, 1);
  EXPECT_EQ(unknown_recorded, 0);
}

TEST_F(CasePackTest, ThePoliceNodeErasesAPartnerReferralsReasonOnceItsRetentionHasPassed) {
  constexpr char kReason[] = "threats made in the waiting room of the probation office";
  const auto submitted = PostAs("probation", "contributor", "/v1/referrals/submit",
                                std::string(R"({"export": "probation_cases", "ref": "X000001",
                                   "reason": ")") +
                                    kReason + R"(", "referrer": "duty officer Penhaligon"})");
  ASSERT_EQ(submitted.status, 200) << submitted.body;

  // The command is journalled marked with the purpose it was received for.
  const std::array<std::string_view, 1> kinds = {"panel-command"};
  const auto referral_bodies = [&] {
    std::vector<std::string> bodies;
    EXPECT_TRUE(coordinator_->store->ForEachJournalEntry(
        kinds, [&](const node::store::JournalEntry& entry) -> Status {
          if (entry.body.find("waiting room") != std::string::npos ||
              entry.body.find("Penhaligon") != std::string::npos ||
              (entry.body.find("\"erasure\"") != std::string::npos &&
               entry.body.find("\"refer\"") != std::string::npos)) {
            bodies.push_back(entry.body);
          }
          return Ok();
        }));
    return bodies;
  };
  auto bodies = referral_bodies();
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_NE(bodies[0].find(R"("received_for":"hhpp-referral-match")"), std::string::npos)
      << bodies[0];

  // The referral as it would stand 91 days on (hhpp-referral-match keeps 90): its journal time
  // moved back while the node is stopped. The node erases at start, before it serves.
  partnership_->Stop("police");
  node::store::KeyOptions key_options;
  key_options.key_file = partnership_->key_file("police");
  auto key = node::store::ReadDataDirKey(partnership_->data_dir("police"), key_options);
  ASSERT_TRUE(key) << key.error().message;
  const std::string back = protocol::FormatTimestamp(Now() - std::chrono::days(91)).value();
  ASSERT_TRUE(node::store::internal::ExecOnFile(
      partnership_->data_dir("police") / node::store::kStoreFileName, &key->key,
      "UPDATE panel_journal SET recorded_at = '" + back + "' WHERE body LIKE '%waiting room%'"));
  ASSERT_EQ(partnership_->Start("police"), "");

  bodies = referral_bodies();
  ASSERT_EQ(bodies.size(), 1u);
  const auto command = nlohmann::json::parse(bodies[0]);
  EXPECT_EQ(command["args"]["reason"], "(erased)");
  EXPECT_EQ(command["args"]["referrer"], "(erased)");
  EXPECT_EQ(command["args"]["source"], "probation");
  EXPECT_EQ(command["args"]["erasure"]["retention_days"], 90);

  const auto csv_file = temp_->path() / "referral-retention.csv";
  const auto exported = testing::RunTandem(
      {"audit", "export", "--data-dir", partnership_->data_dir("police").string(), "--key-file",
       partnership_->key_file("police").string(), "--kind", "retention", "--format", "csv", "--out",
       csv_file.string()},
      {}, temp_->path());
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string csv = testing::ReadWholeFile(csv_file);
  EXPECT_NE(csv.find("erasure of the reason and referrer of 1 partner referral (2 values): "
                     "received more than 90 days ago"),
            std::string::npos)
      << csv;
  for (const char* text : {"waiting room", "Penhaligon", "N0000001", "X000001"}) {
    EXPECT_EQ(csv.find(text), std::string::npos) << text;
  }
}

TEST_F(CasePackTest, ErasingAPanelSubjectAtPoliceTakesThePartnersValuesInItsPacksWithIt) {
  const auto referred =
      PostAs("police", "coordinator", "/v1/panel/referrals",
             R"({"pathway": "police-unit", "source": "DA unit", "reason": "escalating",
          "referrer": "PC 123", "referred_on": "2026-10-05",
          "subject": {"export": "police_nominals", "ref": "N0000003"}})");
  ASSERT_TRUE(referred.status == 200 || referred.status == 201) << referred.body;
  const CasePackAssembler assembler(coordinator_->Matching(), &Now);
  auto pack = assembler.Assemble(Request("M11", "C11", "N0000003"));
  ASSERT_TRUE(pack) << pack.error().message;
  ASSERT_EQ(Of(*pack, "probation")->status, ContributionStatus::kMatched);
  ASSERT_FALSE(Of(*pack, "probation")->fields.empty());
  ASSERT_TRUE(assembler.Assemble(Request("M11", "C1", "N0000001")));

  // Beside the running police node, the controller erases the person although on the panel.
  const auto ran = testing::RunTandem(
      {"store", "erase", "--data-dir", partnership_->data_dir("police").string(), "--key-file",
       partnership_->key_file("police").string(), "--export", "police_nominals", "--ref",
       "N0000003", "--request", "DSR-2026-60", "--even-if-on-the-panel"},
      {}, temp_->path());
  ASSERT_EQ(ran.exit_code, 0) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("The values partners contributed to the person's case packs went with "
                         "it: "),
            std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find(" in 1 case pack version (the case keeps its own parts)"),
            std::string::npos)
      << ran.out;
  EXPECT_EQ(ran.out.find("N0000003"), std::string::npos) << ran.out;

  auto versions = node::panel::PackVersions(*coordinator_->store, "M11-C11");
  ASSERT_TRUE(versions) << versions.error().message;
  ASSERT_EQ(versions->size(), 1u);
  const core::panel::CasePack& erased = versions->front();
  ASSERT_TRUE(erased.erasure.has_value());
  EXPECT_EQ(erased.erasure->request, "DSR-2026-60");
  const auto* probation = Of(erased, "probation");
  ASSERT_NE(probation, nullptr);
  EXPECT_EQ(probation->status, ContributionStatus::kMatched);
  ASSERT_FALSE(probation->fields.empty());
  for (const auto& f : probation->fields) {
    EXPECT_EQ(f.value, "") << f.name;
    EXPECT_EQ(f.provenance.node, "probation");
  }
  EXPECT_EQ(erased.referral.reason, "escalating");  // the coordinator's own parts stay

  // Another person's pack keeps what partners said.
  auto other = node::panel::PackVersions(*coordinator_->store, "M11-C1");
  ASSERT_TRUE(other);
  ASSERT_EQ(other->size(), 1u);
  EXPECT_FALSE(other->front().erasure.has_value());
  EXPECT_FALSE(Of(other->front(), "probation")->fields.front().value.empty());

  // The nominal is gone: no pack can be assembled for it any more.
  auto again = assembler.Assemble(Request("M12", "C11", "N0000003"));
  EXPECT_FALSE(again);
}

}  // namespace
}  // namespace tandem
