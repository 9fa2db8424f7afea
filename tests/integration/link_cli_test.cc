// `tandem link` and `tandem linkage-quality` as a person runs them: exit codes, files and
// messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../node/temp_dir.h"
#include "tandem_process.h"

namespace tandem {
namespace {

using testing::ProcessResult;
using testing::ReadWholeFile;
using testing::RunTandem;
using testing::TempDir;
using testing::WriteWholeFile;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class LinkCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const ProcessResult synth = RunTandem(
        {"synth", "--people", "400", "--seed", "3", "--out", (*dir_ / "exports").string()}, {},
        dir_->path());
    ASSERT_EQ(synth.exit_code, 0) << synth.err;
  }
  static void TearDownTestSuite() { delete dir_; }

  static ProcessResult Run(const std::vector<std::string>& args) {
    return RunTandem(args, {}, dir_->path());
  }
  static std::string Exports() { return (*dir_ / "exports").string(); }
  static std::string Path(const std::string& name) { return (*dir_ / name).string(); }

  static TempDir* dir_;
};

TempDir* LinkCliTest::dir_ = nullptr;

TEST_F(LinkCliTest, LinksAndMeasuresAPartnership) {
  const ProcessResult link = Run({"link", "--exports", Exports(), "--out", Path("links.csv")});
  ASSERT_EQ(link.exit_code, 0) << link.err;
  EXPECT_TRUE(Has(link.out, "person records"));
  EXPECT_TRUE(Has(link.out, "threshold OPRF"));
  EXPECT_TRUE(Has(link.out, "Links:"));
  const std::string links = ReadWholeFile(Path("links.csv"));
  EXPECT_EQ(links.rfind("agency_a,record_a,agency_b,record_b,band,weight\n", 0), 0u);
  EXPECT_TRUE(Has(links, ",auto,"));
  // Counts only: no record reference of any export reaches the summary.
  for (const char* prefix : {",N", ",RX", ",T", ",C", ",IDVA-"}) {
    EXPECT_FALSE(Has(link.out, std::string(prefix) + "0")) << prefix;
  }

  const ProcessResult quality =
      Run({"linkage-quality", "--links", Path("links.csv"), "--truth", Exports() + "/truth.csv"});
  ASSERT_EQ(quality.exit_code, 0) << quality.err;
  EXPECT_TRUE(Has(quality.out, "band: auto\n"));
  EXPECT_TRUE(Has(quality.out, "band: auto+review\n"));
  EXPECT_TRUE(Has(quality.out, "overall"));
  EXPECT_TRUE(Has(quality.out, "police / probation"));
}

TEST_F(LinkCliTest, WritesTheExactBaselineAllAuto) {
  const ProcessResult link =
      Run({"link", "--exports", Exports(), "--out", Path("baseline.csv"), "--baseline", "exact"});
  ASSERT_EQ(link.exit_code, 0) << link.err;
  const std::string links = ReadWholeFile(Path("baseline.csv"));
  EXPECT_TRUE(Has(links, ",auto,"));
  EXPECT_FALSE(Has(links, ",review,"));
  const ProcessResult bad =
      Run({"link", "--exports", Exports(), "--out", Path("x.csv"), "--baseline", "fuzzy"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(Has(bad.err, "--baseline takes 'exact'"));
}

TEST_F(LinkCliTest, AMissingExportsDirectoryIsAClearError) {
  const ProcessResult link =
      Run({"link", "--exports", Path("no-such-dir"), "--out", Path("never.csv")});
  EXPECT_EQ(link.exit_code, 2);
  EXPECT_TRUE(Has(link.err, "does not exist")) << link.err;
  EXPECT_FALSE(std::filesystem::exists(Path("never.csv")));
}

TEST_F(LinkCliTest, AnIncompleteExportsDirectoryNamesWhatIsMissing) {
  const std::string partial = Path("partial");
  std::filesystem::create_directories(partial);
  std::filesystem::copy_file(Exports() + "/police_nominals.csv", partial + "/police_nominals.csv");
  const ProcessResult link = Run({"link", "--exports", partial, "--out", Path("never.csv")});
  EXPECT_EQ(link.exit_code, 2);
  EXPECT_TRUE(Has(link.err, "idva_cases.csv")) << link.err;
  EXPECT_FALSE(Has(link.err, "lacks police_nominals.csv"));
}

TEST_F(LinkCliTest, ABadRowRefusesTheLinkageWithTheAdaptersReport) {
  const std::string bad = Path("bad");
  std::filesystem::create_directories(bad);
  for (const auto& entry : std::filesystem::directory_iterator(Exports())) {
    std::filesystem::copy_file(entry.path(), bad + "/" + entry.path().filename().string());
  }
  std::string nominals = ReadWholeFile(bad + "/police_nominals.csv");
  nominals += "N9999999,Smith,John,,1985-02-31,M,,,,,\n";
  WriteWholeFile(bad + "/police_nominals.csv", nominals);
  const ProcessResult link = Run({"link", "--exports", bad, "--out", Path("refused.csv")});
  EXPECT_EQ(link.exit_code, 1);
  EXPECT_TRUE(Has(link.err, "refused: 1 bad row")) << link.err;
  EXPECT_TRUE(Has(link.err, "police_nominals.csv line")) << link.err;
  EXPECT_FALSE(std::filesystem::exists(Path("refused.csv")));
}

TEST_F(LinkCliTest, LinkageQualityReportsUnreadableInput) {
  const ProcessResult missing =
      Run({"linkage-quality", "--links", Path("nope.csv"), "--truth", Path("nope-truth.csv")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(Has(missing.err, "cannot open the truth file")) << missing.err;

  WriteWholeFile(Path("wrong.csv"), "a,b,c\n");
  const ProcessResult wrong =
      Run({"linkage-quality", "--links", Path("wrong.csv"), "--truth", Exports() + "/truth.csv"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_TRUE(Has(wrong.err, "wrong.csv")) << wrong.err;
}

TEST_F(LinkCliTest, RequiresItsOptions) {
  EXPECT_NE(Run({"link", "--exports", Exports()}).exit_code, 0);
  EXPECT_NE(Run({"linkage-quality", "--links", Path("links.csv")}).exit_code, 0);
}

}  // namespace
}  // namespace tandem
