// The panel at a real police node process, over its local API: a referral is triaged from the
// imported police occurrences, planned onto a meeting, decided, given an action, a plan, an
// intervention and an offender manager (then reallocated), and closed; the node is killed with
// SIGKILL and restarted in between, and the book comes back intact from the store's panel
// journal. The evaluator's report shows the allocation as caseload.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/identifiers.h"
#include "tests/integration/partnership.h"
#include "tests/node/temp_dir.h"

namespace tandem {
namespace {

using nlohmann::json;
using testing::HttpAnswer;
using testing::Partnership;
using testing::TempDir;

constexpr char kNominalsHeader[] =
    "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
    "warning_markers\n";
constexpr char kOccurrences[] =
    "occurrence_id,nominal_id,role,offence_code,committed_on,reported_on,domestic_abuse,"
    "victim_ref,outcome\n"
    "OC1,N1000001,SUSPECT,NON_FATAL_STRANGULATION,2026-09-10,2026-09-11,Y,V1,CHARGED\n"
    "OC2,N1000001,SUSPECT,ABH,2026-06-01,2026-06-02,Y,V2,CONVICTED\n"
    "OC3,N1000001,OFFENDER,COMMON_ASSAULT,2025-12-01,2025-12-02,Y,V1,CONVICTED\n"
    "OC4,N1000002,SUSPECT,THEFT_SHOP,2026-05-01,2026-05-01,N,,CAUTIONED\n";

std::string Nominal(int n) {
  const std::string serial = std::to_string(n);
  return "N" + std::to_string(1000000 + n) + ",Smith,Daniel,James,1986-04-11,M,04/" + serial +
         *core::PncCheckLetter("04", serial) + ",\"12 Kings Road, Poole\",BH14 9QT,,\n";
}

class PanelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new TempDir();
    partnership_ = new Partnership();
    ASSERT_EQ(partnership_->SetUp(temp_->path() / "p", {"police", "probation"}), "");
    const auto nominals = temp_->path() / "police_nominals.csv";
    const auto occurrences = temp_->path() / "police_occurrences.csv";
    testing::WriteWholeFile(nominals, std::string(kNominalsHeader) + Nominal(1) + Nominal(2));
    testing::WriteWholeFile(occurrences, kOccurrences);
    const auto imported =
        testing::RunTandem({"import", "--data-dir", partnership_->data_dir("police").string(),
                            "--key-file", partnership_->key_file("police").string(), "--agency",
                            "police", nominals.string(), occurrences.string()},
                           {}, temp_->path());
    ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
    ASSERT_EQ(partnership_->Start("police"), "");
  }
  static void TearDownTestSuite() {
    if (partnership_ != nullptr) partnership_->StopAll();
    delete partnership_;
    delete temp_;
  }

  static std::string Coordinator() { return partnership_->token("police", "coordinator"); }

  // A call with a JSON body through curl, as Partnership::Call.
  static HttpAnswer Send(const std::string& method, const std::string& path, const json& body,
                         const std::string& bearer) {
    const auto body_file = temp_->path() / "body.json";
    testing::WriteWholeFile(body_file, body.dump());
    std::string command = "curl -s -o - -w '\\n%{http_code}' --max-time 30 --cacert " +
                          (partnership_->dir() / "ca" / "ca.crt").string() + " -X " + method +
                          " -H 'Content-Type: application/json' --data-binary @" +
                          body_file.string();
    if (!bearer.empty()) command += " -H 'Authorization: Bearer " + bearer + "'";
    command += " https://localhost:" + std::to_string(partnership_->local_port("police")) + path +
               " 2>/dev/null";
    HttpAnswer answer;
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

  static json Post(const std::string& path, const json& body, int expected_status) {
    const HttpAnswer answer = Send("POST", path, body, Coordinator());
    EXPECT_EQ(answer.status, expected_status) << path << ": " << answer.body;
    return json::parse(answer.body, nullptr, false);
  }

  static json Get(const std::string& path) {
    const HttpAnswer answer = partnership_->Call("police", "GET", path, Coordinator());
    EXPECT_EQ(answer.status, 200) << path << ": " << answer.body;
    return json::parse(answer.body, nullptr, false);
  }

  static TempDir* temp_;
  static Partnership* partnership_;
};

TempDir* PanelTest::temp_ = nullptr;
Partnership* PanelTest::partnership_ = nullptr;

const json kReferral = {{"pathway", "partner-agency"},
                        {"source", "probation"},
                        {"reason", "strangulation of a new partner; two victims"},
                        {"referrer", "OM 4411"},
                        {"referred_on", "2026-10-01"},
                        {"subject", {{"export", "police_nominals"}, {"ref", "N1000001"}}}};

TEST_F(PanelTest, ACaseGoesFromReferralToClosureAndSurvivesAKill) {
  // Only the coordinator may write; the DPO may read.
  EXPECT_EQ(Send("POST", "/v1/panel/referrals", kReferral, "").status, 401);
  EXPECT_EQ(
      Send("POST", "/v1/panel/referrals", kReferral, partnership_->token("police", "dpo")).status,
      403);
  EXPECT_EQ(
      partnership_->Call("police", "GET", "/v1/panel/cases", partnership_->token("police", "dpo"))
          .status,
      200);

  const json referred = Post("/v1/panel/referrals", kReferral, 201);
  EXPECT_EQ(referred["case_id"], "C1");
  EXPECT_EQ(referred["triage"]["total"], 13);
  EXPECT_EQ(referred["triage"]["put_forward"], true);
  EXPECT_NE(referred["triage"]["explanation"].dump().find("OC1"), std::string::npos);

  json again = kReferral;
  again["pathway"] = "marac";
  again["source"] = "MARAC 2026-10";
  const json duplicate = Post("/v1/panel/referrals", again, 200);
  EXPECT_EQ(duplicate["duplicate"]["kind"], "open-referral");
  EXPECT_EQ(duplicate["case_id"], "C1");

  json wrong = kReferral;
  wrong["subject"]["export"] = "probation_cases";
  const json refused = Post("/v1/panel/referrals", wrong, 400);
  EXPECT_NE(refused.dump().find("subject.export"), std::string::npos) << refused.dump();
  json undated = kReferral;
  undated["referred_on"] = "01/10/2026";
  EXPECT_NE(Post("/v1/panel/referrals", undated, 400).dump().find("referred_on"),
            std::string::npos);

  const json run = Post("/v1/panel/ranking/run", {{"run_on", "2026-10-02"}}, 201);
  EXPECT_EQ(run["id"], "RK1");
  EXPECT_EQ(run["entries"][0]["subject"], "N1000001");
  EXPECT_EQ(Get("/v1/panel/ranking/runs")["runs"].size(), 1U);

  const json meeting = Post("/v1/panel/meetings", {{"id", "M1"}, {"held_on", "2026-10-05"}}, 201);
  ASSERT_EQ(meeting["agenda"].size(), 1U);
  EXPECT_EQ(meeting["agenda"][0]["case_id"], "C1");
  EXPECT_EQ(Get("/v1/panel/meetings/M1")["agenda"][0]["state"], "on-agenda");
  EXPECT_EQ(partnership_->Call("police", "GET", "/v1/panel/meetings/M9", Coordinator()).status,
            404);

  // Probation is not running: the pack is still produced, marked incomplete with the reason.
  const json packs = Post("/v1/panel/meetings/M1/packs", {{"prepared_on", "2026-10-04"}}, 200);
  ASSERT_EQ(packs["packs"].size(), 1U) << packs.dump();
  EXPECT_EQ(packs["packs"][0]["pack_id"], "M1-C1") << packs.dump();
  EXPECT_EQ(packs["packs"][0]["complete"], false) << packs.dump();
  const json pack = Get("/v1/panel/meetings/M1/packs/C1.json");
  EXPECT_EQ(pack["triage"]["total"], 13);
  EXPECT_EQ(pack["known_victims_count"], 2);
  EXPECT_EQ(pack["case_id"], "C1");
  const HttpAnswer html =
      partnership_->Call("police", "GET", "/v1/panel/meetings/M1/packs/C1.html", Coordinator());
  EXPECT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("<html"), std::string::npos);
  EXPECT_EQ(partnership_->Call("police", "GET", "/v1/panel/meetings/M1/packs/C1.txt", Coordinator())
                .status,
            404);

  // While the subject's nominal is restricted (the command runs beside the node), the panel
  // does not read the pack; lifting the restriction gives it back.
  const auto restrict = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"store",      "restrict",
                                     "--data-dir", partnership_->data_dir("police").string(),
                                     "--key-file", partnership_->key_file("police").string(),
                                     "--export",   "police_nominals",
                                     "--ref",      "N1000001",
                                     "--request",  "DSR-2026-70"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto ran = testing::RunTandem(args, {}, temp_->path());
    EXPECT_EQ(ran.exit_code, 0) << ran.out << ran.err;
    return ran.out;
  };
  const std::string placed = restrict({});
  EXPECT_NE(placed.find("The panel book at this node names the person (2 referrals): the case "
                        "packs about them are withheld from the panel"),
            std::string::npos)
      << placed;
  EXPECT_EQ(Get("/v1/panel/meetings/M1/packs")["packs"][0]["withheld"], true);
  for (const char* file : {"C1.json", "C1.html"}) {
    const HttpAnswer withheld = partnership_->Call(
        "police", "GET", std::string("/v1/panel/meetings/M1/packs/") + file, Coordinator());
    EXPECT_EQ(withheld.status, 403) << file;
    EXPECT_NE(withheld.body.find("is restricted at this node"), std::string::npos) << withheld.body;
    EXPECT_EQ(withheld.body.find("N1000001"), std::string::npos) << withheld.body;
  }
  EXPECT_EQ(restrict({"--lift"}).find("withheld"), std::string::npos);
  EXPECT_EQ(Get("/v1/panel/meetings/M1/packs")["packs"][0]["withheld"], false);
  EXPECT_EQ(Get("/v1/panel/meetings/M1/packs/C1.json")["case_id"], "C1");

  const json bad_reason = Post("/v1/panel/decisions",
                               {{"meeting_id", "M1"},
                                {"case_id", "C1"},
                                {"decision", "adopt"},
                                {"reason", "below-threshold"},
                                {"decided_on", "2026-10-05"}},
                               400);
  EXPECT_NE(bad_reason.dump().find("below-threshold"), std::string::npos) << bad_reason.dump();
  const json adopted = Post("/v1/panel/decisions",
                            {{"meeting_id", "M1"},
                             {"case_id", "C1"},
                             {"decision", "adopt"},
                             {"reason", "high-harm-high-risk"},
                             {"note", "strangulation within the month"},
                             {"decided_on", "2026-10-05"}},
                            201);
  EXPECT_EQ(adopted["state"], "managed");

  const json action = Post("/v1/panel/actions",
                           {{"meeting_id", "M1"},
                            {"case_id", "C1"},
                            {"description", "Clare's Law disclosure to the new partner"},
                            {"owner", "police"},
                            {"due", "2026-10-19"}},
                           201);
  EXPECT_EQ(action["action_id"], "A1");
  Post("/v1/panel/actions/A1/complete", {{"on", "2026-10-12"}}, 200);
  const json plan = Post("/v1/panel/plans",
                         {{"case_id", "C1"},
                          {"meeting_id", "M1"},
                          {"agreed_on", "2026-10-05"},
                          {"objectives", {"no contact with the victims"}},
                          {"interventions", {"dvpo", "mental-health-referral"}},
                          {"review_by", "2027-01-05"}},
                         201);
  EXPECT_EQ(plan["version"], 1);
  Post("/v1/panel/interventions",
       {{"case_id", "C1"},
        {"intervention_id", "dvpo"},
        {"delivered_by", "police"},
        {"started_on", "2026-10-06"},
        {"ended_on", "2026-11-03"},
        {"completed", true}},
       201);
  Post("/v1/panel/catalogue",
       {{"id", "housing-panel"},
        {"name", "Housing panel referral"},
        {"category", "rehabilitative"},
        {"kind", "measure"}},
       201);

  // The offender manager: a staff key, never a name; a reallocation ends the first allocation.
  const json named = Post("/v1/panel/cases/C1/allocation",
                          {{"manager", "Jane Smith"},
                           {"agency", "probation"},
                           {"high_risk", true},
                           {"from", "2026-10-06"}},
                          400);
  EXPECT_NE(named.dump().find("staff key"), std::string::npos) << named.dump();
  EXPECT_EQ(named.dump().find("Jane"), std::string::npos) << "the name is not echoed";
  const json allocated = Post(
      "/v1/panel/cases/C1/allocation",
      {{"manager", "om-17"}, {"agency", "probation"}, {"high_risk", true}, {"from", "2026-10-06"}},
      201);
  EXPECT_EQ(allocated["manager"], "om-17");
  Post("/v1/panel/cases/C1/allocation",
       {{"manager", "om-22"}, {"agency", "probation"}, {"high_risk", true}, {"from", "2026-10-20"}},
       201);

  const json before = Get("/v1/panel/cases/C1");
  EXPECT_EQ(before["state"], "managed");
  ASSERT_EQ(before["allocations"].size(), 2U) << before.dump();
  EXPECT_EQ(before["allocations"][0]["until"], "2026-10-20");
  EXPECT_EQ(before["allocations"][1]["manager"], "om-22");
  EXPECT_EQ(before["referrals"].size(), 2U);
  EXPECT_EQ(before["interventions"].size(), 1U);
  EXPECT_FALSE(before["triage"]["explanation"].empty());
  const json runs_before = Get("/v1/panel/ranking/runs");

  partnership_->Stop("police", SIGKILL);
  ASSERT_EQ(partnership_->Start("police"), "");

  EXPECT_EQ(Get("/v1/panel/cases/C1"), before) << "the book is rebuilt from the journal";
  EXPECT_EQ(Get("/v1/panel/ranking/runs"), runs_before);
  EXPECT_NE(Get("/v1/panel/catalogue").dump().find("housing-panel"), std::string::npos);

  // The evaluator's report counts the allocation in force on its data end.
  const auto caseload_on = [&](const std::string& data_end) {
    const HttpAnswer report = partnership_->Call(
        "police", "POST", "/v1/eval/report", partnership_->token("police", "evaluator"),
        json{{"evaluation_id", "panel-it"}, {"data_end", data_end}}.dump());
    EXPECT_EQ(report.status, 200) << report.body;
    EXPECT_EQ(report.body.find("N1000001"), std::string::npos);
    return json::parse(report.body, nullptr, false)["report"]["caseload"];
  };
  const json caseload = caseload_on("2026-11-01");
  ASSERT_EQ(caseload["managers"].size(), 1U) << caseload.dump();
  EXPECT_EQ(caseload["managers"][0]["manager"], "om-22");
  EXPECT_EQ(caseload["managers"][0]["cases"], "suppressed") << "one case is under the threshold";
  EXPECT_EQ(caseload["max_cases"], 50);

  // By 2027-11-01 the person has a year of follow-up: their outcome-set row is built, with an
  // age band and a district, and withheld because it is alone in its class.
  const HttpAnswer set = partnership_->Call(
      "police", "POST", "/v1/eval/outcome-set", partnership_->token("police", "evaluator"),
      json{{"evaluation_id", "panel-set"}, {"data_end", "2027-11-01"}}.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  for (const std::string needle : {"N1000001", "1986-04-11", "BH14", "Smith", "Kings Road"}) {
    EXPECT_EQ(set.body.find(needle), std::string::npos) << needle;
  }
  const json outcome = json::parse(set.body, nullptr, false);
  const std::string csv = outcome["csv"];
  EXPECT_NE(csv.substr(0, csv.find('\n')).find(",age_band,district,"), std::string::npos) << csv;
  const json manifest = json::parse(outcome["manifest"].get<std::string>(), nullptr, false);
  EXPECT_EQ(manifest["records_in"], 1) << manifest.dump();
  EXPECT_EQ(manifest["rows_suppressed"], 1) << manifest.dump();

  Post("/v1/panel/cases/C1/close",
       {{"reason", "plan-completed"}, {"on", "2026-12-01"}, {"note", "plan done"}}, 200);
  const json closed = Get("/v1/panel/cases/C1");
  EXPECT_EQ(closed["state"], "closed");
  EXPECT_EQ(closed["outcome"]["reason"], "plan-completed");
  EXPECT_EQ(closed["allocations"][1]["until"], "2026-12-01") << "closing ended the allocation";
  EXPECT_TRUE(caseload_on("2026-12-02").contains("unavailable"));

  partnership_->Stop("police", SIGTERM);
  const auto verified = testing::RunTandem(
      {"audit", "verify", "--data-dir", partnership_->data_dir("police").string(), "--key-file",
       partnership_->key_file("police").string()},
      {}, temp_->path());
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

// The police node reads the partnership's offence table (panel.offence_table_file, written by
// deploy/partnership/setup) at start: a reweighed table changes the ranking's harm, and a broken
// one stops the node with the line and column at fault.
TEST_F(PanelTest, TheOffenceTableIsReadAtStartAndABrokenOneStopsTheNode) {
  const auto table = partnership_->dir() / "panel" / "offences.csv";
  const std::string shipped = testing::Slurp(table);
  ASSERT_NE(shipped.find("THEFT_SHOP,1,N\n"), std::string::npos);
  std::string reweighed = shipped;
  reweighed.replace(reweighed.find("THEFT_SHOP,1,N"), 14, "THEFT_SHOP,9000,N");
  testing::WriteWholeFile(table, reweighed);
  partnership_->Stop("police");
  ASSERT_EQ(partnership_->Start("police"), "");
  const json run = Post("/v1/panel/ranking/run", {{"run_on", "2026-12-15"}}, 201);
  bool found = false;
  for (const json& entry : run["entries"]) {
    if (entry["subject"] != "N1000002") continue;
    found = true;
    EXPECT_EQ(entry["harm_cchi_days"], 9000) << entry.dump();
  }
  EXPECT_TRUE(found) << run.dump();

  testing::WriteWholeFile(table, "offence_code,cchi_days,high_harm\nABH,182,Y\nGBH,lots,Y\n");
  partnership_->Stop("police");
  const std::string refused = partnership_->Start("police");
  EXPECT_NE(refused.find("exited"), std::string::npos) << refused;
  EXPECT_NE(refused.find("panel.offence_table_file"), std::string::npos) << refused;
  EXPECT_NE(refused.find("line 3, column cchi_days: 'lots' is not a whole number"),
            std::string::npos)
      << refused;

  testing::WriteWholeFile(table, shipped);
  ASSERT_EQ(partnership_->Start("police"), "");
}

}  // namespace
}  // namespace tandem
