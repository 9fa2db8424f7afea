#include "node/isa/isa_installer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "../temp_dir.h"
#include "isa_fixture.h"

namespace tandem::node::isa {
namespace {

using testing::Json;
using testing::ReadWholeFile;
using testing::TempDir;
using testing::VectorIsaVersion;
using testing::VectorNow;

TEST(IsaInstallerTest, InstallsTheFirstFullySignedIsa) {
  TempDir dir;
  auto installed = IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(1)), VectorNow());
  ASSERT_TRUE(installed) << installed.error().message;
  EXPECT_FALSE(installed->replaced_version);
  auto loaded = IsaInstaller::Load(dir.path());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->version, 1);
  EXPECT_EQ(*protocol::EncodeIsa(*loaded), *protocol::EncodeIsa(installed->isa));
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() / kIsaFileName).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(IsaInstallerTest, ANewerVersionReplacesTheInstalledOne) {
  TempDir dir;
  ASSERT_TRUE(IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(2)), VectorNow()));
  auto installed = IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(5)), VectorNow());
  ASSERT_TRUE(installed) << installed.error().message;
  EXPECT_EQ(installed->replaced_version, 2);
  EXPECT_EQ(IsaInstaller::Load(dir.path())->version, 5);
}

TEST(IsaInstallerTest, RefusesAnOlderOrEqualVersionAndLeavesTheFileUnchanged) {
  TempDir dir;
  ASSERT_TRUE(IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(3)), VectorNow()));
  const std::string before = ReadWholeFile(dir.path() / kIsaFileName);
  for (const std::int64_t version : {3, 2}) {
    auto refused = IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(version)), VectorNow());
    ASSERT_FALSE(refused) << version;
    EXPECT_EQ(refused.error().code, Code::kInvalidArgument);
    EXPECT_NE(refused.error().message.find("version 3 is installed"), std::string::npos);
    EXPECT_EQ(ReadWholeFile(dir.path() / kIsaFileName), before);
  }
}

TEST(IsaInstallerTest, RefusesAPartlySignedIsaAndLeavesTheFileUnchanged) {
  TempDir dir;
  ASSERT_TRUE(IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(1)), VectorNow()));
  const std::string before = ReadWholeFile(dir.path() / kIsaFileName);
  auto refused =
      IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(2, /*signers=*/5)), VectorNow());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kUnauthenticated);
  EXPECT_NE(refused.error().message.find("no signature from victim-advocacy"), std::string::npos);
  EXPECT_EQ(ReadWholeFile(dir.path() / kIsaFileName), before);
}

TEST(IsaInstallerTest, RefusesAnUnsignedFirstIsa) {
  TempDir dir;
  auto refused = IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(1, 0)), VectorNow());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kUnauthenticated);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / kIsaFileName));
  EXPECT_EQ(IsaInstaller::Load(dir.path()).error().code, Code::kNotFound);
}

TEST(IsaInstallerTest, RefusesAnIsaThatIsNotInForce) {
  TempDir dir;
  auto refused = IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(1)),
                                       testing::At("2027-01-01T00:00:00Z"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kPermissionDenied);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / kIsaFileName));
}

TEST(IsaInstallerTest, RefusesAnotherIsaId) {
  TempDir dir;
  ASSERT_TRUE(IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(1)), VectorNow()));
  protocol::Isa other = testing::VectorIsa();
  other.id = *protocol::IsaId::Create("another-isa");
  other.version = 9;
  other.signatures.clear();
  for (std::size_t i = 0; i < testing::kVectorParties.size(); ++i) {
    ASSERT_TRUE(protocol::SignIsa(other, testing::kVectorParties[i], testing::VectorKey(i)));
  }
  auto refused = IsaInstaller::Install(dir.path(), Json(other), VectorNow());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kInvalidArgument);
  EXPECT_EQ(IsaInstaller::Load(dir.path())->id.value(), "hhpp-dorset");
}

TEST(IsaInstallerTest, LoadReportsADamagedFile) {
  TempDir dir;
  ASSERT_TRUE(IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(1)), VectorNow()));
  std::string text = ReadWholeFile(dir.path() / kIsaFileName);
  const auto at = text.find("\"retention_days\": 90");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 20, "\"retention_days\": 99");
  testing::WriteWholeFile(dir.path() / kIsaFileName, text);
  auto loaded = IsaInstaller::Load(dir.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, Code::kCorruption);
  auto install = IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(2)), VectorNow());
  ASSERT_FALSE(install);
  EXPECT_EQ(install.error().code, Code::kCorruption);
}

TEST(IsaInstallerTest, LoadReportsATruncatedOrOversizedFileAsDamagedAndReadsNoMoreThanTheLimit) {
  TempDir dir;
  ASSERT_TRUE(IsaInstaller::Install(dir.path(), Json(VectorIsaVersion(1)), VectorNow()));
  const std::string text = ReadWholeFile(dir.path() / kIsaFileName);
  testing::WriteWholeFile(dir.path() / kIsaFileName, text.substr(0, text.size() / 2));
  auto truncated = IsaInstaller::Load(dir.path());
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code, Code::kCorruption);
  EXPECT_NE(truncated.error().message.find("the installed ISA is damaged: "), std::string::npos);

  testing::WriteWholeFile(dir.path() / kIsaFileName,
                          text + std::string(protocol::kMaxIsaBytes, ' '));
  auto oversized = IsaInstaller::Load(dir.path());
  ASSERT_FALSE(oversized);
  EXPECT_EQ(oversized.error().code, Code::kCorruption);
  EXPECT_NE(oversized.error().message.find("is over the limit of 1048576 bytes"),
            std::string::npos);
}

}  // namespace
}  // namespace tandem::node::isa
