// The released report: signed by the node, checked against the ISA that lists its key, with its
// HTML page bound to it by digest; and laid out by the EMMIE headings, which place every section
// and count table of the report exactly once.
#include "node/eval/report_release.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cohort_fixture.h"
#include "node/eval/emmie.h"
#include "node/eval/evaluation_outputs.h"
#include "signed_cohort.h"

namespace tandem::node::eval {
namespace {

using nlohmann::json;

class ReportReleaseTest : public SignedCohortTest {
 protected:
  static void SetUpTestSuite() {
    SignedCohortTest::SetUpTestSuite();
    if (HasFatalFailure()) return;
    auto report = ProduceReport(fixture_->Sources(), fixture_->parameters, fixture_->pseudonyms);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    report_ = new json(std::move(*report));
  }
  static void TearDownTestSuite() {
    delete report_;
    SignedCohortTest::TearDownTestSuite();
  }

  static ReportFiles Release() {
    json report = *report_;
    report["partners"] = json::array({{{"node", "probation-1"}, {"asked", 12}}});
    auto files = ReleaseReport(std::move(report), {"police-1", "2026-11-24T10:00:00Z", *key_});
    EXPECT_TRUE(files.has_value()) << files.error().message;
    return files ? *files : ReportFiles{};
  }

  static protocol::Isa Isa() { return IsaWith("police-1", key_->verifying_key()); }

  static inline json* report_ = nullptr;
};

TEST_F(ReportReleaseTest, VerifiesWithThePageAndAfterReindenting) {
  const ReportFiles files = Release();
  auto verified = VerifyReport(files.json, files.html, Isa());
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_EQ(verified->evaluation_id, fixture_->parameters.evaluation_id);
  EXPECT_EQ(verified->signer, "police-1");
  EXPECT_EQ(verified->created, "2026-11-24T10:00:00Z");
  EXPECT_TRUE(verified->html_checked);
  // What the node adds before signing is covered; the page shows who released it.
  EXPECT_EQ(json::parse(files.json)["partners"][0]["asked"], 12);
  EXPECT_NE(files.html.find("Released by node police-1"), std::string::npos);

  auto compact = VerifyReport(json::parse(files.json).dump(), std::nullopt, Isa());
  ASSERT_TRUE(compact.has_value()) << compact.error().message;
  EXPECT_FALSE(compact->html_checked);
}

TEST_F(ReportReleaseTest, FailsWhenAFigureOrThePageChanges) {
  const ReportFiles files = Release();
  json changed = json::parse(files.json);
  changed["cohort"]["adopted"] = 999;
  auto figure = VerifyReport(changed.dump(), files.html, Isa());
  ASSERT_FALSE(figure.has_value());
  EXPECT_EQ(figure.error().code, Code::kUnauthenticated);
  EXPECT_NE(figure.error().message.find("changed after signing"), std::string::npos);

  std::string page = files.html;
  page[page.size() / 2] ^= 0x01;
  auto html = VerifyReport(files.json, page, Isa());
  ASSERT_FALSE(html.has_value());
  EXPECT_EQ(html.error().code, Code::kCorruption);
}

TEST_F(ReportReleaseTest, FailsUnderAnotherKeyOrAgreement) {
  const ReportFiles files = Release();
  auto other = crypto::SigningKey::Generate();
  ASSERT_TRUE(other.has_value());
  auto wrong_key =
      VerifyReport(files.json, files.html, IsaWith("police-1", other->verifying_key()));
  ASSERT_FALSE(wrong_key.has_value());
  EXPECT_EQ(wrong_key.error().code, Code::kUnauthenticated);
  auto wrong_version =
      VerifyReport(files.json, files.html, IsaWith("police-1", key_->verifying_key(), 4));
  ASSERT_FALSE(wrong_version.has_value());
  EXPECT_EQ(wrong_version.error().code, Code::kPermissionDenied);
  EXPECT_NE(
      wrong_version.error().message.find("the report names agreement 'dorset-hhpp' version 3"),
      std::string::npos)
      << wrong_version.error().message;
  auto unknown_signer =
      VerifyReport(files.json, files.html, IsaWith("police-2", key_->verifying_key()));
  ASSERT_FALSE(unknown_signer.has_value());
  EXPECT_EQ(unknown_signer.error().code, Code::kPermissionDenied);
}

TEST_F(ReportReleaseTest, AnUnsignedOrMalformedReportIsAnErrorNotAnException) {
  const ReportFiles files = Release();
  const json signed_report = json::parse(files.json);
  EXPECT_EQ(VerifyReport(report_->dump(), std::nullopt, Isa()).error().code,
            Code::kInvalidArgument);  // never signed
  EXPECT_EQ(VerifyReport("not json", std::nullopt, Isa()).error().code, Code::kInvalidArgument);
  for (const char* member : {"format", "node", "isa"}) {
    json report = signed_report;
    report[member] = 7;
    auto verified = VerifyReport(report.dump(), std::nullopt, Isa());
    ASSERT_FALSE(verified.has_value()) << member;
    EXPECT_EQ(verified.error().code, Code::kInvalidArgument) << member;
    EXPECT_NE(verified.error().message.find("not an evaluation report: '" + std::string(member)),
              std::string::npos)
        << verified.error().message;
  }
  // A document of another kind is refused by its format before its signature is looked at.
  json manifest = signed_report;
  manifest["format"] = kManifestFormat;
  EXPECT_EQ(VerifyReport(manifest.dump(), std::nullopt, Isa()).error().code,
            Code::kInvalidArgument);
}

TEST_F(ReportReleaseTest, TheEmmieHeadingsPlaceEverySectionAndTableOnce) {
  const json& report = *report_;
  std::map<std::string, int> placed;
  for (const json& heading : report["emmie"]) {
    for (const json& section : heading["sections"])
      ++placed["section " + section.get<std::string>()];
    for (const json& table : heading["tables"]) ++placed["table " + table.get<std::string>()];
    for (const json& figure : heading["figures"]) {
      EXPECT_TRUE(report.contains(json::json_pointer(figure.get<std::string>()))) << figure;
    }
    EXPECT_FALSE(heading["limits"].get<std::string>().empty()) << heading["heading"];
  }
  const std::set<std::string> outside = {"format",     "evaluation_id", "isa",
                                         "parameters", "disclosure",    "cohort",
                                         "plots",      "tables",        "emmie"};
  for (const auto& [member, value] : report.items()) {
    if (outside.count(member) == 0) EXPECT_EQ(placed["section " + member], 1) << member;
  }
  ASSERT_FALSE(report["tables"].empty());
  for (const json& table : report["tables"]) {
    EXPECT_EQ(placed["table " + table["id"].get<std::string>()], 1) << table["id"];
  }
  EXPECT_EQ(placed.size(), report.size() - outside.size() + report["tables"].size());

  const std::string html = Release().html;
  std::size_t at = 0;
  for (const EmmieHeading& heading : EmmieHeadings()) {
    const std::size_t found = html.find("<h2>" + std::string(heading.heading) + "</h2>", at);
    ASSERT_NE(found, std::string::npos) << heading.heading;
    at = found;
  }
  EXPECT_NE(html.find("What this cannot show"), std::string::npos);
}

}  // namespace
}  // namespace tandem::node::eval
