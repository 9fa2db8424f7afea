// The evaluator's reach through the local API of a real coordinator node (police, with a
// probation partner, each a `tandem node run` process): with the evaluator's token every local
// route is either refused or, for the two evaluation routes, answers with disclosed figures and
// pseudonymised rows only, never a subject reference, an identifier or an operational token.
// Then the outcome set's manifest is checked with `tandem eval verify-manifest` against the
// signed ISA, and fails on a changed byte.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/integration/partnership.h"
#include "tests/node/temp_dir.h"

namespace tandem {
namespace {

using testing::Partnership;
using testing::TempDir;

const std::vector<std::string> kNodes = {"police", "probation"};

constexpr char kNominals[] =
    "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
    "warning_markers\n"
    "N0000001,O'Brien,Daniel,James,1986-04-11,M,,\"12 Kings Road, Poole\",BH14 9QT,,VI;DA\n";

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
  // The manifest's signature and key and the CSV's digest are public values, not tokens.
  std::string scrubbed = body;
  for (const std::string member :
       {"\\\"value\\\": \\\"", "\\\"key\\\": \\\"", "\\\"sha256\\\": \\\""}) {
    std::size_t at = 0;
    while ((at = scrubbed.find(member, at)) != std::string::npos) {
      at += member.size();
      const std::size_t end = scrubbed.find('\\', at);
      scrubbed.replace(at, end - at, "x");
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
    const auto imported = testing::RunTandem(
        {"import", "--data-dir", partnership_->data_dir("police").string(), "--key-file",
         partnership_->key_file("police").string(), "--agency", "police", csv.string()},
        {}, temp_->path());
    ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
    for (const std::string& node : kNodes) ASSERT_EQ(partnership_->Start(node), "");
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
  EXPECT_TRUE(std::filesystem::exists(out / "report.html"));
  EXPECT_TRUE(std::filesystem::exists(out / "report.json"));
}

}  // namespace
}  // namespace tandem
