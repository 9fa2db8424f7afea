// RFC 9497 OPRF mode (ristretto255-SHA512): every Appendix A.1.1 vector, the RFC 9380
// expand_message_xmd vectors beneath it, round trips, input validation, and the
// `tandem oprf evaluate` command run against an RFC vector.
#include "crypto/oprf.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "crypto/internal/expand_message.h"
#include "crypto/internal/hex.h"
#include "tests/crypto/rfc9497_vectors.h"

namespace tandem::crypto {
namespace {

using testing::LoadRfc9497Vectors;
using testing::Secret;

std::span<const std::uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string Hex(std::span<const std::uint8_t> bytes) { return internal::EncodeHex(bytes); }

TEST(ExpandMessageXmdTest, MatchesRfc9380Sha512Vectors) {
  const std::string_view dst = "QUUX-V01-CS02-with-expander-SHA512-256";
  struct Case {
    std::string_view msg;
    std::size_t length;
    std::string_view expected;
  };
  const std::array<Case, 3> cases = {{
      {"", 32, "6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba"},
      {"abc", 32, "0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc"},
      {"abc", 128,
       "7f1dddd13c08b543f2e2037b14cefb255b44c83cc397c1786d975653e36a6b11bdd7732d8b38adb4a0edc26a0"
       "cef4bb45217135456e58fbca1703cd6032cb1347ee720b87972d63fbf232587043ed2901bce7f22610c04197"
       "51c065922b488431851041310ad659e4b23520e1772ab29dcdeb2002222a363f0c2b1c972b3efe1"},
  }};
  for (const Case& c : cases) {
    std::vector<std::uint8_t> out(c.length);
    ASSERT_TRUE(internal::ExpandMessageXmdSha512({Bytes(c.msg)}, Bytes(dst), out));
    EXPECT_EQ(Hex(out), c.expected) << "msg '" << c.msg << "', " << c.length << " bytes";
  }
}

TEST(ExpandMessageXmdTest, RefusesEmptyDstAndOverlongOutput) {
  std::vector<std::uint8_t> out(32);
  EXPECT_EQ(internal::ExpandMessageXmdSha512({Bytes("x")}, {}, out).error().code,
            Code::kInvalidArgument);
  std::vector<std::uint8_t> too_long(255 * 64 + 1);
  EXPECT_EQ(internal::ExpandMessageXmdSha512({Bytes("x")}, Bytes("dst"), too_long).error().code,
            Code::kInvalidArgument);
}

TEST(OprfTest, DeriveKeyPairReproducesRfcKey) {
  const auto modes = LoadRfc9497Vectors();
  const auto& oprf = modes.at("OPRF");
  auto key = OprfKey::Derive(OprfMode::kOprf, oprf.KeyBytes("Seed"), oprf.KeyBytes("KeyInfo"));
  ASSERT_TRUE(key) << key.error().message;
  auto secret = key->ExportSecret();
  ASSERT_TRUE(secret);
  EXPECT_EQ(Hex(secret->view()), oprf.key.at("skSm"));
}

TEST(OprfTest, PassesEveryRfcVector) {
  const auto modes = LoadRfc9497Vectors();
  const auto& oprf = modes.at("OPRF");
  ASSERT_EQ(oprf.vectors.size(), 2u) << "the RFC gives two OPRF-mode vectors for this suite";
  auto key = OprfKey::FromSecret(Secret(oprf.KeyBytes("skSm")));
  ASSERT_TRUE(key);
  const OprfClient client(OprfMode::kOprf);
  for (const auto& v : oprf.vectors) {
    SCOPED_TRACE("OPRF test vector " + std::to_string(v.number));
    ASSERT_EQ(v.batch, 1);
    const auto input = v.Bytes("Input")[0];
    auto blinded = client.Blind(input, Secret(v.Bytes("Blind")[0]));
    ASSERT_TRUE(blinded) << blinded.error().message;
    EXPECT_EQ(Hex(blinded->blinded_element), v.fields.at("BlindedElement"));
    auto evaluated = key->BlindEvaluate(blinded->blinded_element);
    ASSERT_TRUE(evaluated);
    EXPECT_EQ(Hex(*evaluated), v.fields.at("EvaluationElement"));
    auto output = client.Finalize(input, *blinded, *evaluated);
    ASSERT_TRUE(output);
    EXPECT_EQ(Hex(*output), v.fields.at("Output"));
    auto direct = key->Evaluate(OprfMode::kOprf, input);
    ASSERT_TRUE(direct);
    EXPECT_EQ(Hex(*direct), v.fields.at("Output"));
  }
}

TEST(OprfTest, RandomBlindsGiveTheUnblindedEvaluation) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  const OprfClient client(OprfMode::kOprf);
  const auto input = Bytes(
      "nhs-number\x1f"
      "9434765919");
  auto expected = key->Evaluate(OprfMode::kOprf, input);
  ASSERT_TRUE(expected);
  for (int i = 0; i < 5; ++i) {
    auto blinded = client.Blind(input);
    ASSERT_TRUE(blinded);
    auto evaluated = key->BlindEvaluate(blinded->blinded_element);
    ASSERT_TRUE(evaluated);
    auto output = client.Finalize(input, *blinded, *evaluated);
    ASSERT_TRUE(output);
    EXPECT_EQ(*output, *expected);
  }
}

TEST(OprfTest, BatchGivesTheUnblindedEvaluationOfEveryInput) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  const OprfClient client(OprfMode::kOprf);
  std::vector<std::vector<std::uint8_t>> inputs;
  inputs.reserve(10);
  for (int i = 0; i < 10; ++i) inputs.push_back({'k', static_cast<std::uint8_t>(i)});
  const std::vector<std::span<const std::uint8_t>> views(inputs.begin(), inputs.end());
  auto batch = client.BlindBatch(views);
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->size(), inputs.size());
  std::vector<OprfElement> evaluated;
  for (const auto& e : batch->elements()) evaluated.push_back(*key->BlindEvaluate(e));
  auto outputs = client.FinalizeBatch(views, *batch, evaluated);
  ASSERT_TRUE(outputs) << outputs.error().message;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    EXPECT_EQ((*outputs)[i], *key->Evaluate(OprfMode::kOprf, inputs[i])) << "input " << i;
  }
}

TEST(OprfTest, BatchRefusesEmptyAndMismatchedLists) {
  const OprfClient client(OprfMode::kOprf);
  EXPECT_EQ(client.BlindBatch({}).error().code, Code::kInvalidArgument);
  const std::vector<std::uint8_t> a = {'a'};
  const std::vector<std::span<const std::uint8_t>> one = {a};
  const std::vector<std::span<const std::uint8_t>> two = {a, a};
  auto batch = client.BlindBatch(two);
  ASSERT_TRUE(batch);
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  std::vector<OprfElement> evaluated;
  for (const auto& e : batch->elements()) evaluated.push_back(*key->BlindEvaluate(e));
  EXPECT_EQ(client.FinalizeBatch(one, *batch, evaluated).error().code, Code::kInvalidArgument);
  evaluated.pop_back();
  EXPECT_EQ(client.FinalizeBatch(two, *batch, evaluated).error().code, Code::kInvalidArgument);
  evaluated.push_back(OprfElement{});  // the identity
  EXPECT_EQ(client.FinalizeBatch(two, *batch, evaluated).error().code, Code::kInvalidArgument);
}

TEST(OprfTest, BlindedElementsDifferEachTime) {
  const OprfClient client(OprfMode::kOprf);
  auto a = client.Blind(Bytes("same input"));
  auto b = client.Blind(Bytes("same input"));
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->blinded_element, b->blinded_element);
}

TEST(OprfTest, TokenUnderOneKeyNeverEqualsTokenUnderAnother) {
  auto k1 = OprfKey::Generate();
  auto k2 = OprfKey::Generate();
  ASSERT_TRUE(k1 && k2);
  for (std::string_view input : {"", "a",
                                 "pnc\x1f"
                                 "2001/0000001A",
                                 "name-dob\x1fjohn|smith|1980-01-01"}) {
    auto t1 = k1->Evaluate(OprfMode::kOprf, Bytes(input));
    auto t2 = k2->Evaluate(OprfMode::kOprf, Bytes(input));
    ASSERT_TRUE(t1 && t2);
    EXPECT_NE(*t1, *t2) << "input '" << input << "'";
  }
}

TEST(OprfTest, ModesAreDomainSeparated) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  auto oprf = key->Evaluate(OprfMode::kOprf, Bytes("x"));
  auto voprf = key->Evaluate(OprfMode::kVoprf, Bytes("x"));
  ASSERT_TRUE(oprf && voprf);
  EXPECT_NE(*oprf, *voprf);
}

TEST(OprfTest, KeyRoundTripsThroughItsSecret) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  auto secret = key->ExportSecret();
  ASSERT_TRUE(secret);
  auto again = OprfKey::FromSecret(*secret);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->public_key(), key->public_key());
}

TEST(OprfTest, RejectsNonCanonicalZeroAndShortKeys) {
  std::vector<std::uint8_t> all_ff(32, 0xff);
  EXPECT_EQ(OprfKey::FromSecret(Secret(all_ff)).error().code, Code::kInvalidArgument);
  std::vector<std::uint8_t> zero(32, 0);
  EXPECT_EQ(OprfKey::FromSecret(Secret(zero)).error().code, Code::kInvalidArgument);
  std::vector<std::uint8_t> short_key(31, 1);
  EXPECT_EQ(OprfKey::FromSecret(Secret(short_key)).error().code, Code::kInvalidArgument);
  // The group order itself is one past the largest canonical scalar.
  auto order = internal::DecodeHex(
      "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010", "order");
  EXPECT_EQ(OprfKey::FromSecret(Secret(*order)).error().code, Code::kInvalidArgument);
}

TEST(OprfTest, RejectsInvalidAndIdentityElements) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  OprfElement identity{};
  EXPECT_EQ(key->BlindEvaluate(identity).error().code, Code::kInvalidArgument);
  OprfElement non_canonical;
  non_canonical.fill(0xff);
  EXPECT_EQ(key->BlindEvaluate(non_canonical).error().code, Code::kInvalidArgument);
  EXPECT_EQ(ParseOprfElement(std::vector<std::uint8_t>(31, 1)).error().code,
            Code::kInvalidArgument);

  const OprfClient client(OprfMode::kOprf);
  auto blinded = client.Blind(Bytes("x"));
  ASSERT_TRUE(blinded);
  EXPECT_EQ(client.Finalize(Bytes("x"), *blinded, identity).error().code, Code::kInvalidArgument);
  EXPECT_EQ(client.Finalize(Bytes("x"), *blinded, non_canonical).error().code,
            Code::kInvalidArgument);
}

TEST(OprfTest, RejectsInputsOverTheLengthPrefix) {
  std::vector<std::uint8_t> big(kOprfMaxInputSize + 1, 'a');
  const OprfClient client(OprfMode::kOprf);
  EXPECT_EQ(client.Blind(big).error().code, Code::kInvalidArgument);
  std::vector<std::uint8_t> max(kOprfMaxInputSize, 'a');
  EXPECT_TRUE(client.Blind(max));
}

TEST(OprfTest, RejectsZeroBlind) {
  const OprfClient client(OprfMode::kOprf);
  std::vector<std::uint8_t> zero(32, 0);
  EXPECT_EQ(client.Blind(Bytes("x"), Secret(zero)).error().code, Code::kInvalidArgument);
}

// Runs the tandem binary and returns its standard output and exit status.
std::pair<std::string, int> RunTandem(const std::string& args) {
  const std::string command = std::string(TANDEM_BINARY) + " " + args + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");  // NOLINT(cert-env33-c): runs the built binary
  if (pipe == nullptr) return {"", -1};
  std::string out;
  std::array<char, 256> buf{};
  while (fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  const int status = pclose(pipe);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

TEST(OprfCommandTest, EvaluatePrintsTheRfcOutput) {
  ASSERT_TRUE(std::filesystem::exists(TANDEM_BINARY)) << "build the tandem target first";
  const auto modes = LoadRfc9497Vectors();
  const auto& oprf = modes.at("OPRF");
  for (const auto& v : oprf.vectors) {
    auto [out, status] = RunTandem("oprf evaluate --key-hex " + oprf.key.at("skSm") +
                                   " --input-hex " + v.fields.at("Input"));
    EXPECT_EQ(status, 0);
    EXPECT_EQ(out, v.fields.at("Output") + "\n") << "vector " << v.number;
  }
}

TEST(OprfCommandTest, EvaluateRefusesABadKey) {
  ASSERT_TRUE(std::filesystem::exists(TANDEM_BINARY)) << "build the tandem target first";
  auto [out, status] = RunTandem("oprf evaluate --key-hex zz --input-hex 00");
  EXPECT_NE(status, 0);
  EXPECT_EQ(out, "");
  auto [out2, status2] =
      RunTandem("oprf evaluate --key-hex " + std::string(64, 'f') + " --input-hex 00");
  EXPECT_NE(status2, 0);
  EXPECT_EQ(out2, "");
}

}  // namespace
}  // namespace tandem::crypto
