// The key ceremony: files, modes, every t-subset of the dealt shares agreeing, and the files
// checked against each other.
#include "node/tokens/key_ceremony.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "token_test_support.h"

namespace tandem::node::tokens {
namespace {

using testing::kPartnership;
using testing::ReadWholeFile;
using testing::Spans;
using testing::TempDir;

TEST(KeyCeremonyTest, WritesThePublicKeyAndOneOwnerOnlyShareFilePerHolder) {
  TempDir dir;
  auto result = RunKeyCeremony({3, kPartnership, dir / "ceremony"});
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->share_files.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(result->share_files[i].filename(), "share-" + kPartnership[i] + ".json");
    struct stat st {};
    ASSERT_EQ(::stat(result->share_files[i].c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << result->share_files[i];
  }
  auto parsed = ParsePublicKeyJson(ReadWholeFile(result->public_key_file));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->key.threshold(), 3u);
  EXPECT_EQ(parsed->key.holders(), 6u);
  EXPECT_EQ(parsed->key.epoch(), 0u);
  EXPECT_EQ(parsed->names, kPartnership);
  EXPECT_EQ(parsed->key.group_public_key(), result->key.key.group_public_key());
  // The public file holds no share.
  const std::string public_text = ReadWholeFile(result->public_key_file);
  EXPECT_EQ(public_text.find("\"share\""), std::string::npos);
}

TEST(KeyCeremonyTest, EveryThresholdSubsetOfTheDealtSharesGivesTheSameTokens) {
  TempDir dir;
  auto ceremony = testing::RunCeremony(dir / "ceremony");
  ASSERT_EQ(ceremony.shares.size(), 6u);
  // Every share file verifies against the published public-key.json.
  auto published = ParsePublicKeyJson(ReadWholeFile(ceremony.result.public_key_file));
  ASSERT_TRUE(published);
  for (const auto& s : ceremony.shares) {
    EXPECT_EQ(s.share.public_share(), published->key.public_shares()[s.share.holder() - 1]);
    EXPECT_EQ(s.partnership.key.group_public_key(), published->key.group_public_key());
    EXPECT_EQ(s.node, kPartnership[s.share.holder() - 1]);
  }
  auto evaluator = testing::EvaluatorOf(ceremony.shares);
  const auto inputs = Spans(testing::SampleInputs());
  std::optional<std::vector<Token>> first;
  int subsets = 0;
  for (std::uint32_t a = 1; a <= 6; ++a) {
    for (std::uint32_t b = a + 1; b <= 6; ++b) {
      for (std::uint32_t c = b + 1; c <= 6; ++c) {
        auto tokeniser =
            Tokeniser::Create(published->key, evaluator, {.holders = {a, b, c}, .names = {}});
        ASSERT_TRUE(tokeniser) << tokeniser.error().message;
        std::vector<HolderFailure> failures;
        auto tokens = tokeniser->Tokenise(inputs, 0, &failures);
        ASSERT_TRUE(tokens) << tokens.error().message;
        EXPECT_TRUE(failures.empty());
        if (!first) first = *tokens;
        EXPECT_EQ(*tokens, *first) << "holders " << a << b << c;
        ++subsets;
      }
    }
  }
  EXPECT_EQ(subsets, 20);
  EXPECT_NE((*first)[0], (*first)[1]);
}

TEST(KeyCeremonyTest, RefusesBadParametersAndADirectoryThatHoldsACeremony) {
  TempDir dir;
  EXPECT_FALSE(RunKeyCeremony({7, kPartnership, dir / "a"}));
  EXPECT_FALSE(RunKeyCeremony({0, kPartnership, dir / "a"}));
  EXPECT_FALSE(RunKeyCeremony({2, {"police", "police", "nhs"}, dir / "a"}));
  EXPECT_FALSE(RunKeyCeremony({1, {"police"}, dir / "a"}));
  EXPECT_FALSE(RunKeyCeremony({2, {"Police!", "nhs"}, dir / "a"}));
  ASSERT_TRUE(RunKeyCeremony({3, kPartnership, dir / "b"}));
  const std::string before = ReadWholeFile(dir / "b" / "share-police.json");
  auto again = RunKeyCeremony({3, kPartnership, dir / "b"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Code::kInvalidArgument);
  EXPECT_EQ(ReadWholeFile(dir / "b" / "share-police.json"), before);  // nothing overwritten
}

TEST(KeyCeremonyTest, AShareThatDoesNotMatchItsPublicKeyIsRefused) {
  TempDir dir;
  auto result = RunKeyCeremony({3, kPartnership, dir / "c"});
  ASSERT_TRUE(result);
  std::string text = ReadWholeFile(result->share_files[1]);
  const auto at = text.find("\"share\": \"");
  ASSERT_NE(at, std::string::npos);
  char& digit = text[at + 11];
  digit = digit == '0' ? '1' : '0';
  const auto tampered = dir / "tampered.json";
  tandem::testing::WriteWholeFile(tampered, text);
  auto read = ReadShareFile(tampered);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, Code::kInvalidArgument);
  EXPECT_NE(read.error().message.find("probation"), std::string::npos) << read.error().message;
  EXPECT_EQ(ReadShareFile(dir / "missing.json").error().code, Code::kNotFound);
}

TEST(KeyCeremonyTest, ANumberOutOfRangeInAKeyFileIsAnErrorNotACrash) {
  // Found by the `files` fuzz target: nlohmann::json throws out_of_range, not parse_error, for a
  // number it cannot hold.
  const std::string text = R"({"format": "tandem-oprf-public-key-v1", "epoch": 1e607})";
  auto parsed = ParsePublicKeyJson(text);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Code::kInvalidArgument);
  EXPECT_NE(parsed.error().message.find("out of range"), std::string::npos)
      << parsed.error().message;
  TempDir dir;
  const auto share = dir / "share-police.json";
  tandem::testing::WriteWholeFile(share, text);
  ::chmod(share.c_str(), 0600);
  auto read = ReadShareFile(share);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, Code::kInvalidArgument);
  EXPECT_NE(read.error().message.find("out of range"), std::string::npos) << read.error().message;
}

}  // namespace
}  // namespace tandem::node::tokens
