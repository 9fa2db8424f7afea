// ReadBoundedFile reads a file whole up to its limit, refuses one byte more without reading
// further (so an endless device cannot exhaust memory), and tells a missing file from one it
// cannot read.
#include "node/store/bounded_file.h"

#include <gtest/gtest.h>

#include <fstream>

#include "temp_dir.h"

namespace tandem::node::store {
namespace {

using testing::TempDir;

void Write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(BoundedFileTest, ReadsAFileOfExactlyTheLimitWhole) {
  TempDir dir;
  Write(dir / "f", "abcd");
  auto text = ReadBoundedFile((dir / "f").string(), 4);
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, "abcd");
}

TEST(BoundedFileTest, RefusesOneByteOverTheLimitNamingTheFileAndTheLimit) {
  TempDir dir;
  Write(dir / "f", "abcde");
  auto text = ReadBoundedFile((dir / "f").string(), 4);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, Code::kInvalidArgument);
  EXPECT_EQ(text.error().message, (dir / "f").string() + " is over the limit of 4 bytes");
}

TEST(BoundedFileTest, RefusesAnEndlessDevice) {
  auto text = ReadBoundedFile("/dev/zero", 1 << 20);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, Code::kInvalidArgument);
}

TEST(BoundedFileTest, TellsAMissingFileFromOneItCannotRead) {
  TempDir dir;
  auto missing = ReadBoundedFile((dir / "nope").string(), 4);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Code::kNotFound);
  EXPECT_EQ(missing.error().message,
            "cannot open " + (dir / "nope").string() + ": there is no such file");
  auto directory = ReadBoundedFile(dir.path().string(), 4);
  ASSERT_FALSE(directory);
  EXPECT_EQ(directory.error().code, Code::kUnavailable);
  EXPECT_EQ(directory.error().message, "cannot read " + dir.path().string());
}

}  // namespace
}  // namespace tandem::node::store
