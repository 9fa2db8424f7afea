// The evaluator's reach through the local API of a real coordinator node (police, with a
// probation partner, each a `tandem node run` process): with the evaluator's token every local
// route is either refused or, for the two evaluation routes, answers with disclosed figures and
// pseudonymised rows only, never a subject reference, an identifier or an operational token.
// Then the outcome set's manifest is checked with `tandem eval verify-manifest`, and the
// report's signature and page with `tandem eval verify-report`, against the signed ISA; each
// fails on a changed byte. Once the person is adopted, the evaluation matches
// them at probation under its own purpose (hhpp-evaluation-match, in both audit logs) and
// probation returns the intervention it delivered; noised reports spend a privacy budget that a
// restart of the node does not give back; and a partner whose ISA lacks the evaluation match
// purpose is named in the report as not answering.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "node/identity_key.h"
#include "tests/integration/match_model.h"
#include "tests/integration/partnership.h"
#include "tests/node/temp_dir.h"

namespace tandem {
namespace {

using testing::MatchModel;
using testing::Partnership;
using testing::TempDir;

const std::vector<std::string> kNodes = {"police", "probation"};

constexpr char kNominals[] =
    "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
    "warning_markers\n"
    "N0000001,O'Brien,Daniel,James,1986-04-11,M,,\"12 Kings Road, Poole\",BH14 9QT,,VI;DA\n";

// A strangulation puts the referral forward at triage, so the panel can adopt the person.
constexpr char kOccurrences[] =
    "occurrence_id,nominal_id,role,offence_code,committed_on,reported_on,domestic_abuse,"
    "victim_ref,outcome\n"
    "OC1,N0000001,SUSPECT,NON_FATAL_STRANGULATION,2026-09-10,2026-09-11,Y,V1,CHARGED\n";

// Probation knows the same person.
constexpr char kProbationCases[] =
    "crn,pnc_id,surname,forename,dob,gender,postcode,supervision,start_date,end_date,rosh,"
    "ogrs3_2yr,mappa_category,mappa_level,accredited_programme\n"
    "X000001,,O'Brien,Daniel,11/04/1986,Male,BH14 9QT,COMMUNITY_ORDER,01/02/2026,,HIGH,62,0,0,"
    "BUILDING_CHOICES\n";

// Every local route of a node (docs/panel.md, docs/evaluation.md, referral and audit routes),
// with placeholders filled in.
const std::vector<std::pair<std::string, std::string>> kRoutes = {
    {"GET", "/health"},
    {"GET", "/metrics"},
    {"GET", "/v1/audit/checkpoint"},
    {"POST", "/v1/audit/witness"},
    {"POST", "/v1/isa/reload"},
    {"POST", "/v1/referrals/match"},
    {"POST", "/v1/referrals/submit"},
    {"POST", "/v1/tokens/rebuild"},
    {"POST", "/v1/interventions"},
    {"POST", "/v1/panel/outcomes/sync"},
    {"POST", "/v1/panel/referrals"},
    {"GET", "/v1/panel/cases"},
    {"GET", "/v1/panel/cases/C1"},
    {"POST", "/v1/panel/cases/C1/triage"},
    {"POST", "/v1/panel/cases/C1/close"},
    {"POST", "/v1/panel/cases/C1/allocation"},
    {"POST", "/v1/panel/ranking/run"},
    {"GET", "/v1/panel/ranking/runs"},
    {"GET", "/v1/panel/ranking/runs/R1"},
    {"POST", "/v1/panel/meetings"},
    {"GET", "/v1/panel/meetings"},
    {"GET", "/v1/panel/meetings/M1"},
    {"POST", "/v1/panel/meetings/M1/reviews"},
    {"POST", "/v1/panel/meetings/M1/packs"},
    {"GET", "/v1/panel/meetings/M1/packs"},
    {"GET", "/v1/panel/meetings/M1/packs/C1.json"},
    {"POST", "/v1/panel/decisions"},
    {"POST", "/v1/panel/actions"},
    {"GET", "/v1/panel/actions"},
    {"POST", "/v1/panel/actions/A1/complete"},
    {"POST", "/v1/panel/plans"},
    {"POST", "/v1/panel/interventions"},
    {"POST", "/v1/panel/monitoring/check"},
    {"GET", "/v1/panel/catalogue"},
    {"POST", "/v1/panel/catalogue"},
    {"POST", "/v1/eval/report"},
    {"POST", "/v1/eval/outcome-set"},
};

// What must never reach the evaluator: the subject's reference and identity, and anything that
// looks like a token (64 or more hex digits in a row).
void ExpectNothingIdentifying(const std::string& body, const std::string& route) {
  for (const std::string needle :
       {"N0000001", "O'Brien", "OBrien", "Daniel", "1986-04-11", "BH14", "Kings Road"}) {
    EXPECT_EQ(body.find(needle), std::string::npos) << route << " carries " << needle;
  }
  static const std::regex kLongHex("[0-9a-fA-F]{64,}");
  // The signatures and keys of the manifest (a string in the answer) and of the report (an
  // object), and the digests of the CSV and the page, are public values, not tokens.
  std::string scrubbed = body;
  for (const std::string quote : {"\\\"", "\""}) {
    const std::string separator = quote == "\"" ? ":" : ": ";
    for (const std::string name : {"value", "key", "sha256"}) {
      const std::string member = quote + name + quote + separator + quote;
      std::size_t at = 0;
      while ((at = scrubbed.find(member, at)) != std::string::npos) {
        at += member.size();
        scrubbed.replace(at, scrubbed.find(quote, at) - at, "x");
      }
    }
  }
  EXPECT_FALSE(std::regex_search(scrubbed, kLongHex)) << route << " carries a token-like value";
}

class EvaluationApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new TempDir();
    partnership_ = new Partnership();
    ASSERT_EQ(partnership_->SetUp(temp_->path() / "p", kNodes), "");
    const auto csv = temp_->path() / "police_nominals.csv";
    std::ofstream(csv) << kNominals;
    const auto occurrences = temp_->path() / "police_occurrences.csv";
    std::ofstream(occurrences) << kOccurrences;
    const auto imported =
        testing::RunTandem({"import", "--data-dir", partnership_->data_dir("police").string(),
                            "--key-file", partnership_->key_file("police").string(), "--agency",
                            "police", csv.string(), occurrences.string()},
                           {}, temp_->path());
    ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
    const auto cases = temp_->path() / "probation_cases.csv";
    std::ofstream(cases) << kProbationCases;
    const auto imported_cases = testing::RunTandem(
        {"import", "--data-dir", partnership_->data_dir("probation").string(), "--key-file",
         partnership_->key_file("probation").string(), "--agency", "probation", cases.string()},
        {}, temp_->path());
    ASSERT_EQ(imported_cases.exit_code, 0) << imported_cases.out << imported_cases.err;
    for (const std::string& node : kNodes) {
      std::ofstream(partnership_->data_dir(node) / "match-model.json") << MatchModel();
    }
    for (const std::string& node : kNodes) ASSERT_EQ(partnership_->Start(node), "");
    for (const std::string& node : kNodes) {
      const auto rebuilt = partnership_->Call(node, "POST", "/v1/tokens/rebuild",
                                              partnership_->token(node, "admin"), "{}");
      ASSERT_EQ(rebuilt.status, 200) << node << ": " << rebuilt.body;
    }
    // The coordinator refers the person, so the panel book names them.
    const auto referred = partnership_->Call(
        "police", "POST", "/v1/panel/referrals", partnership_->token("police", "coordinator"),
        R"({"pathway": "police-unit", "source": "DA unit", "reason": "escalating",)"
        R"( "referrer": "PC 123", "referred_on": "2026-10-05",)"
        R"( "subject": {"export": "police_nominals", "ref": "N0000001"}})");
    ASSERT_TRUE(referred.status == 200 || referred.status == 201) << referred.body;
  }
  static void TearDownTestSuite() {
    if (partnership_ != nullptr) partnership_->StopAll();
    delete partnership_;
    delete temp_;
  }

  static TempDir* temp_;
  static Partnership* partnership_;

 public:
  static const std::filesystem::path& Scratch() { return temp_->path(); }
  static const Partnership& Nodes() { return *partnership_; }
};

TempDir* EvaluationApiTest::temp_ = nullptr;
Partnership* EvaluationApiTest::partnership_ = nullptr;

TEST_F(EvaluationApiTest, EvaluatorTokenIsRefusedEverywhereButHealthAndEvaluation) {
  const std::string token = partnership_->token("police", "evaluator");
  ASSERT_FALSE(token.empty());
  for (const auto& [method, path] : kRoutes) {
    const std::string route = method + " " + path;
    const auto answer = partnership_->Call("police", method, path, token, "{}");
    if (path == "/health" || path.starts_with("/v1/eval/")) {
      EXPECT_EQ(answer.status, 200) << route << ": " << answer.body;
    } else {
      // 403: the role is not allowed; 404: the route is not served on this node.
      EXPECT_TRUE(answer.status == 403 || answer.status == 404) << route << ": " << answer.status;
    }
    ExpectNothingIdentifying(answer.body, route);
  }
  // The coordinator's token does reach the book, so the needle above would be found there.
  const auto cases = partnership_->Call("police", "GET", "/v1/panel/cases",
                                        partnership_->token("police", "coordinator"));
  EXPECT_EQ(cases.status, 200);
  EXPECT_NE(cases.body.find("N0000001"), std::string::npos);
}

TEST_F(EvaluationApiTest, ReportSuppressesTheSingleReferral) {
  const auto answer = partnership_->Call("police", "POST", "/v1/eval/report",
                                         partnership_->token("police", "evaluator"),
                                         R"({"evaluation_id": "it-1"})");
  ASSERT_EQ(answer.status, 200) << answer.body;
  const auto json = nlohmann::json::parse(answer.body);
  EXPECT_EQ(json["evaluation_id"], "it-1");
  EXPECT_EQ(json["report"]["referrals"]["referrals"], "suppressed");
  EXPECT_NE(json["html"].get<std::string>().find("<svg"), std::string::npos);
}

TEST_F(EvaluationApiTest, OutcomeSetHasAgeBandAndDistrictButNoDateOfBirthOrPostcode) {
  const auto answer = partnership_->Call(
      "police", "POST", "/v1/eval/outcome-set", partnership_->token("police", "evaluator"),
      R"({"evaluation_id": "it-people", "data_end": "2027-11-01"})");
  ASSERT_EQ(answer.status, 200) << answer.body;
  ExpectNothingIdentifying(answer.body, "outcome set");
  const auto json = nlohmann::json::parse(answer.body);
  const std::string csv = json["csv"];
  const std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_NE(header.find(",age_band,district,"), std::string::npos) << header;
  for (const std::string column : {"dob", "birth", "postcode", "nominal"}) {
    EXPECT_EQ(header.find(column), std::string::npos) << header;
  }
  const auto manifest = nlohmann::json::parse(json["manifest"].get<std::string>());
  const std::string quasi = manifest["quasi_identifiers"].dump();
  EXPECT_NE(quasi.find("age_band"), std::string::npos) << quasi;
  EXPECT_NE(quasi.find("district"), std::string::npos) << quasi;
}

TEST_F(EvaluationApiTest, CliWritesTheOutcomeSetAndItsManifestVerifies) {
  const auto token_file = temp_->path() / "evaluator.token";
  std::ofstream(token_file) << partnership_->token("police", "evaluator");
  const auto out = temp_->path() / "out";
  const auto written = testing::RunTandem(
      {"eval", "outcome-set", "--config", (partnership_->dir() / "police.toml").string(), "--token",
       token_file.string(), "--out", out.string()},
      {}, temp_->path());
  ASSERT_EQ(written.exit_code, 0) << written.out << written.err;
  const auto isa = (partnership_->dir() / "isa.json").string();
  const auto verified =
      testing::RunTandem({"eval", "verify-manifest", "--manifest", (out / "manifest.json").string(),
                          "--csv", (out / "outcome-set.csv").string(), "--isa", isa},
                         {}, temp_->path());
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  std::ofstream(out / "outcome-set.csv", std::ios::app) << "x";
  const auto tampered =
      testing::RunTandem({"eval", "verify-manifest", "--manifest", (out / "manifest.json").string(),
                          "--csv", (out / "outcome-set.csv").string(), "--isa", isa},
                         {}, temp_->path());
  EXPECT_EQ(tampered.exit_code, 1) << tampered.out << tampered.err;
  const auto report = testing::RunTandem(
      {"eval", "report", "--config", (partnership_->dir() / "police.toml").string(), "--token",
       token_file.string(), "--out", out.string()},
      {}, temp_->path());
  ASSERT_EQ(report.exit_code, 0) << report.out << report.err;
  const std::vector<std::string> verify_report = {"eval",     "verify-report",
                                                  "--report", (out / "report.json").string(),
                                                  "--html",   (out / "report.html").string(),
                                                  "--isa",    isa};
  const auto report_verified = testing::RunTandem(verify_report, {}, temp_->path());
  EXPECT_EQ(report_verified.exit_code, 0) << report_verified.out << report_verified.err;
  EXPECT_NE(report_verified.out.find("signed by police"), std::string::npos) << report_verified.out;
  EXPECT_NE(report_verified.out.find("with its page"), std::string::npos) << report_verified.out;
  std::ofstream(out / "report.html", std::ios::app) << " ";
  const auto page_changed = testing::RunTandem(verify_report, {}, temp_->path());
  EXPECT_EQ(page_changed.exit_code, 1) << page_changed.out << page_changed.err;
  EXPECT_NE(page_changed.err.find("the HTML was changed"), std::string::npos) << page_changed.err;
}

// ---- The evaluation's own match purpose, and the persisted privacy budget ----

// How many entries `node`'s audit log holds of `kind` for `purpose` (tandem audit export).
int AuditEntries(const std::string& node, const std::string& kind, const std::string& purpose) {
  static int counter = 0;
  const auto out = EvaluationApiTest::Scratch() / ("audit-" + std::to_string(counter++) + ".json");
  const auto exported = testing::RunTandem(
      {"audit", "export", "--data-dir", EvaluationApiTest::Nodes().data_dir(node).string(),
       "--key-file", EvaluationApiTest::Nodes().key_file(node).string(), "--format", "json",
       "--kind", kind, "--purpose", purpose, "--out", out.string()},
      {}, EvaluationApiTest::Scratch());
  EXPECT_EQ(exported.exit_code, 0) << exported.out << exported.err;
  const auto entries = nlohmann::json::parse(testing::Slurp(out), nullptr, false);
  EXPECT_TRUE(entries.is_array()) << testing::Slurp(out);
  return entries.is_array() ? static_cast<int>(entries.size()) : -1;
}

nlohmann::json PartnerOf(const nlohmann::json& report, const std::string& node) {
  for (const auto& partner : report["partners"]) {
    if (partner["node"] == node) return partner;
  }
  return nullptr;
}

TEST_F(EvaluationApiTest,
       TheEvaluationMatchesPartnersUnderItsOwnPurposeAndTheyReturnInterventions) {
  const std::string coordinator = partnership_->token("police", "coordinator");
  const auto meeting = partnership_->Call("police", "POST", "/v1/panel/meetings", coordinator,
                                          R"({"id": "M1", "held_on": "2026-10-07"})");
  ASSERT_EQ(meeting.status, 201) << meeting.body;
  const auto adopted =
      partnership_->Call("police", "POST", "/v1/panel/decisions", coordinator,
                         R"({"meeting_id": "M1", "case_id": "C1", "decision": "adopt",)"
                         R"( "reason": "high-harm-high-risk", "decided_on": "2026-10-07"})");
  ASSERT_EQ(adopted.status, 201) << adopted.body;
  const auto delivered = partnership_->Call("probation", "POST", "/v1/interventions",
                                            partnership_->token("probation", "contributor"),
                                            R"({"export": "probation_cases", "ref": "X000001",)"
                                            R"( "intervention": "behaviour-change-programme",)"
                                            R"( "started_on": "2026-10-12", "completed": false})");
  ASSERT_EQ(delivered.status, 201) << delivered.body;

  const int referral_before = AuditEntries("probation", "exchange-in", "hhpp-referral-match");
  const int evaluation_before = AuditEntries("probation", "exchange-in", "hhpp-evaluation-match");
  const auto answer = partnership_->Call("police", "POST", "/v1/eval/report",
                                         partnership_->token("police", "evaluator"),
                                         R"({"evaluation_id": "it-match"})");
  ASSERT_EQ(answer.status, 200) << answer.body;
  const auto report = nlohmann::json::parse(answer.body)["report"];
  const auto probation = PartnerOf(report, "probation");
  ASSERT_TRUE(probation.is_object()) << report["partners"].dump();
  EXPECT_EQ(probation["asked"], 1) << probation.dump();
  EXPECT_EQ(probation["unresolved"], 0) << probation.dump();
  EXPECT_EQ(probation["interventions"], 1) << probation.dump();
  EXPECT_FALSE(probation.contains("error")) << probation.dump();
  ExpectNothingIdentifying(answer.body, "report with partner rows");

  // Probation answered the match under the evaluation's purpose, and not under the referral's.
  EXPECT_EQ(AuditEntries("probation", "exchange-in", "hhpp-evaluation-match"),
            evaluation_before + 1);
  EXPECT_EQ(AuditEntries("probation", "exchange-in", "hhpp-referral-match"), referral_before);
  EXPECT_GE(AuditEntries("police", "exchange-out", "hhpp-evaluation-match"), 1);
}

TEST_F(EvaluationApiTest, ThePrivacyBudgetSpentBeforeARestartIsNotGivenBack) {
  const std::string evaluator = partnership_->token("police", "evaluator");
  const auto first = partnership_->Call("police", "POST", "/v1/eval/report", evaluator,
                                        R"({"evaluation_id": "it-noise-1",)"
                                        R"( "epsilon_per_table": "0.15"})");
  ASSERT_EQ(first.status, 200) << first.body;
  const auto noise = nlohmann::json::parse(first.body)["report"]["disclosure"]["noise"];
  ASSERT_TRUE(noise.is_object()) << first.body;
  const int tables = noise["tables"].get<int>();
  const double left = std::stod(noise["epsilon_remaining"].get<std::string>());
  // The ISA's budget is 1: a second report like the first fits a fresh budget, not what is left.
  ASSERT_GT(0.15 * tables, left + 1e-9);
  ASSERT_LE(0.15 * tables, 1.0 + 1e-9);

  partnership_->Stop("police", SIGKILL);
  ASSERT_EQ(partnership_->Start("police"), "");

  const auto refused = partnership_->Call("police", "POST", "/v1/eval/report", evaluator,
                                          R"({"evaluation_id": "it-noise-2",)"
                                          R"( "epsilon_per_table": "0.15"})");
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_NE(refused.body.find("has " + noise["epsilon_remaining"].get<std::string>() + " left"),
            std::string::npos)
      << refused.body;

  // What is left is still there to spend, and only that.
  const auto second = partnership_->Call("police", "POST", "/v1/eval/report", evaluator,
                                         R"({"evaluation_id": "it-noise-3",)"
                                         R"( "epsilon_per_table": "0.01"})");
  ASSERT_EQ(second.status, 200) << second.body;
  const auto after = nlohmann::json::parse(second.body)["report"]["disclosure"]["noise"];
  EXPECT_NEAR(std::stod(after["epsilon_remaining"].get<std::string>()), left - 0.01 * tables, 1e-9);

  partnership_->Stop("police", SIGTERM);
  ASSERT_EQ(partnership_->Start("police"), "");
  const auto outcome = partnership_->Call("police", "POST", "/v1/eval/outcome-set", evaluator,
                                          R"({"evaluation_id": "it-noise-4"})");
  ASSERT_EQ(outcome.status, 200) << outcome.body;
  const auto manifest =
      nlohmann::json::parse(nlohmann::json::parse(outcome.body)["manifest"].get<std::string>());
  EXPECT_EQ(manifest["differential_privacy"]["epsilon_remaining"], after["epsilon_remaining"])
      << manifest["differential_privacy"].dump();
}

// Version 2 of the agreement, signed by both parties; `keep_evaluation_match` false drops the
// hhpp-evaluation-match purpose (a partner that never agreed to it).
std::string Version2(bool keep_evaluation_match) {
  auto isa = nlohmann::json::parse(
      testing::Slurp(EvaluationApiTest::Nodes().data_dir("police") / "isa.json"));
  isa["version"] = 2;
  isa["signatures"] = nlohmann::json::object();
  if (!keep_evaluation_match) {
    auto& purposes = isa["purposes"];
    for (auto it = purposes.begin(); it != purposes.end(); ++it) {
      if ((*it)["id"] == "hhpp-evaluation-match") {
        purposes.erase(it);
        break;
      }
    }
  }
  const auto file = EvaluationApiTest::Scratch() /
                    (keep_evaluation_match ? "isa-v2-full.json" : "isa-v2-without.json");
  std::ofstream(file) << isa.dump(2);
  for (const std::string& party : kNodes) {
    const auto signed_by = testing::RunTandem(
        {"isa", "sign", "--isa", file.string(), "--party", party, "--key",
         (EvaluationApiTest::Nodes().data_dir(party) / node::kIdentityKeyFileName).string()},
        {}, EvaluationApiTest::Scratch());
    EXPECT_EQ(signed_by.exit_code, 0) << signed_by.out << signed_by.err;
  }
  return file.string();
}

TEST_F(EvaluationApiTest, APartnerWhoseIsaLacksTheEvaluationMatchIsNamedAsNotAnswering) {
  const std::vector<std::pair<std::string, bool>> installs = {{"police", true},
                                                              {"probation", false}};
  for (const auto& [node, keep] : installs) {
    const auto installed = testing::RunTandem({"isa", "install", "--isa", Version2(keep),
                                               "--data-dir", partnership_->data_dir(node).string()},
                                              {}, temp_->path());
    ASSERT_EQ(installed.exit_code, 0) << installed.out << installed.err;
    const auto reloaded = partnership_->Call(node, "POST", "/v1/isa/reload",
                                             partnership_->token(node, "admin"), "{}");
    ASSERT_EQ(reloaded.status, 200) << node << ": " << reloaded.body;
  }
  const auto answer = partnership_->Call("police", "POST", "/v1/eval/report",
                                         partnership_->token("police", "evaluator"),
                                         R"({"evaluation_id": "it-refused"})");
  ASSERT_EQ(answer.status, 200) << answer.body;
  const auto probation = PartnerOf(nlohmann::json::parse(answer.body)["report"], "probation");
  ASSERT_TRUE(probation.is_object()) << answer.body;
  const std::string error = probation.value("error", "");
  EXPECT_NE(error.find("did not answer the evaluation match (hhpp-evaluation-match)"),
            std::string::npos)
      << probation.dump();
  EXPECT_NE(error.find("ISA 'hhpp-isa' version 2 has no purpose 'hhpp-evaluation-match'"),
            std::string::npos)
      << probation.dump();
  EXPECT_FALSE(probation.contains("interventions")) << probation.dump();
}

}  // namespace
}  // namespace tandem
