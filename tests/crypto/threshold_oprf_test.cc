// Threshold OPRF: the combined output equals the single-key OPRF output for several (t, n) and
// every or many subsets of t holders; bad partials are caught and their holder named; fewer
// than t, repeated and unknown holders are refused; proactive refresh keeps every output and
// makes old and new shares unmixable.
#include "crypto/threshold_oprf.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "crypto/oprf.h"
#include "crypto/share_refresh.h"

namespace tandem::crypto {
namespace {

std::vector<std::uint8_t> Input(std::string_view s) { return {s.begin(), s.end()}; }

// All subsets of {1..n} of size t, in lexicographic order.
std::vector<std::vector<std::uint32_t>> Subsets(std::uint32_t n, std::uint32_t t) {
  std::vector<std::vector<std::uint32_t>> out;
  std::vector<std::uint32_t> current;
  auto walk = [&](auto&& self, std::uint32_t next) -> void {
    if (current.size() == t) {
      out.push_back(current);
      return;
    }
    for (std::uint32_t x = next; x <= n; ++x) {
      current.push_back(x);
      self(self, x + 1);
      current.pop_back();
    }
  };
  walk(walk, 1);
  return out;
}

// A request: inputs blinded by an OPRF-mode client.
struct Request {
  std::vector<std::vector<std::uint8_t>> inputs;
  std::vector<BlindedInput> blinded;
  std::vector<OprfElement> elements;
};

Request Blind(const std::vector<std::vector<std::uint8_t>>& inputs) {
  const OprfClient client(OprfMode::kOprf);
  Request r;
  r.inputs = inputs;
  for (const auto& in : inputs) {
    auto b = client.Blind(in);
    EXPECT_TRUE(b);
    r.elements.push_back(b->blinded_element);
    r.blinded.push_back(std::move(*b));
  }
  return r;
}

std::vector<PartialEvaluation> Partials(const std::vector<KeyShare>& shares,
                                        const std::vector<std::uint32_t>& holders,
                                        const Request& r) {
  std::vector<PartialEvaluation> out;
  for (std::uint32_t h : holders) {
    auto p = shares[h - 1].PartialEvaluate(r.elements);
    EXPECT_TRUE(p) << p.error().message;
    out.push_back(std::move(*p));
  }
  return out;
}

// Runs the threshold protocol for `r` with `holders` and finalises each input.
Result<std::vector<OprfOutput>> Tokens(const DealtKey& dealt, const std::vector<KeyShare>& shares,
                                       const std::vector<std::uint32_t>& holders,
                                       const Request& r) {
  const auto partials = Partials(shares, holders, r);
  auto combined = CombinePartialEvaluations(dealt.public_key, r.elements, partials);
  if (!combined) return tl::unexpected(combined.error());
  const OprfClient client(OprfMode::kOprf);
  std::vector<OprfOutput> out;
  for (std::size_t i = 0; i < r.inputs.size(); ++i) {
    auto o = client.Finalize(r.inputs[i], r.blinded[i], (*combined)[i]);
    if (!o) return tl::unexpected(o.error());
    out.push_back(*o);
  }
  return out;
}

struct Fixture {
  OprfKey key;
  DealtKey dealt;
};

Fixture Split(std::uint32_t t, std::uint32_t n) {
  auto key = OprfKey::Generate();
  EXPECT_TRUE(key);
  auto dealt = SplitOprfKey(*key, t, n);
  EXPECT_TRUE(dealt) << dealt.error().message;
  return {std::move(*key), std::move(*dealt)};
}

TEST(ThresholdOprfTest, EverySubsetOfTHoldersGivesTheSingleKeyOutput) {
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> configs = {
      {1, 1}, {1, 3}, {2, 2}, {2, 3}, {3, 5}, {3, 6}, {4, 6}, {6, 6}};
  const std::vector<std::vector<std::uint8_t>> inputs = {
      Input("pnc\x1f"
            "2001/0000001A")};
  for (auto [t, n] : configs) {
    SCOPED_TRACE(std::to_string(t) + "-of-" + std::to_string(n));
    Fixture f = Split(t, n);
    EXPECT_EQ(f.dealt.public_key.group_public_key(), f.key.public_key());
    const Request r = Blind(inputs);
    const auto expected = f.key.Evaluate(OprfMode::kOprf, inputs[0]);
    ASSERT_TRUE(expected);
    for (const auto& holders : Subsets(n, t)) {
      auto tokens = Tokens(f.dealt, f.dealt.shares, holders, r);
      ASSERT_TRUE(tokens) << tokens.error().message;
      EXPECT_EQ((*tokens)[0], *expected);
    }
  }
}

TEST(ThresholdOprfTest, MoreThanTHoldersAlsoCombineCorrectly) {
  Fixture f = Split(3, 6);
  const std::vector<std::vector<std::uint8_t>> inputs = {Input("x")};
  const Request r = Blind(inputs);
  auto tokens = Tokens(f.dealt, f.dealt.shares, {6, 2, 4, 1, 5}, r);
  ASSERT_TRUE(tokens);
  EXPECT_EQ((*tokens)[0], *f.key.Evaluate(OprfMode::kOprf, inputs[0]));
}

TEST(ThresholdOprfTest, BatchedReferralMatchesSingleKeyForEveryInput) {
  Fixture f = Split(3, 6);
  std::vector<std::vector<std::uint8_t>> inputs;
  inputs.reserve(10);
  for (int i = 0; i < 10; ++i) inputs.push_back(Input("match-key-" + std::to_string(i)));
  const Request r = Blind(inputs);
  auto tokens = Tokens(f.dealt, f.dealt.shares, {2, 5, 6}, r);
  ASSERT_TRUE(tokens) << tokens.error().message;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    EXPECT_EQ((*tokens)[i], *f.key.Evaluate(OprfMode::kOprf, inputs[i])) << "input " << i;
  }
}

TEST(ThresholdOprfTest, BlindedBatchFinalisesToTheSingleKeyOutput) {
  Fixture f = Split(3, 6);
  std::vector<std::vector<std::uint8_t>> inputs;
  inputs.reserve(10);
  for (int i = 0; i < 10; ++i) inputs.push_back(Input("referral-key-" + std::to_string(i)));
  const std::vector<std::span<const std::uint8_t>> views(inputs.begin(), inputs.end());
  const OprfClient client(OprfMode::kOprf);
  auto batch = client.BlindBatch(views);
  ASSERT_TRUE(batch);
  std::vector<PartialEvaluation> partials;
  for (std::uint32_t h : {4u, 1u, 6u}) {
    partials.push_back(*f.dealt.shares[h - 1].PartialEvaluate(batch->elements()));
  }
  auto combined = CombinePartialEvaluations(f.dealt.public_key, batch->elements(), partials);
  ASSERT_TRUE(combined) << combined.error().message;
  auto tokens = client.FinalizeBatch(views, *batch, *combined);
  ASSERT_TRUE(tokens) << tokens.error().message;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    EXPECT_EQ((*tokens)[i], *f.key.Evaluate(OprfMode::kOprf, inputs[i])) << "input " << i;
  }
}

TEST(ThresholdOprfTest, DealtKeyGivesTheSameTokenFromAnySubset) {
  auto dealt = DealThresholdKey(3, 6);
  ASSERT_TRUE(dealt) << dealt.error().message;
  ASSERT_EQ(dealt->shares.size(), 6u);
  const Request r = Blind({Input("name-dob\x1fjohn|smith|1980-01-01")});
  std::vector<OprfOutput> seen;
  for (const auto& holders : Subsets(6, 3)) {
    auto tokens = Tokens(*dealt, dealt->shares, holders, r);
    ASSERT_TRUE(tokens) << tokens.error().message;
    seen.push_back((*tokens)[0]);
  }
  for (const auto& token : seen) EXPECT_EQ(token, seen.front());
}

TEST(ThresholdOprfTest, DifferentKeysGiveDifferentTokens) {
  auto a = DealThresholdKey(2, 3);
  auto b = DealThresholdKey(2, 3);
  ASSERT_TRUE(a && b);
  const Request r = Blind({Input("same person")});
  auto ta = Tokens(*a, a->shares, {1, 2}, r);
  auto tb = Tokens(*b, b->shares, {1, 2}, r);
  ASSERT_TRUE(ta && tb);
  EXPECT_NE((*ta)[0], (*tb)[0]);
}

TEST(ThresholdOprfTest, FlippedElementBitIsCaughtAndTheHolderNamed) {
  Fixture f = Split(3, 6);
  const Request r = Blind({Input("a"), Input("b")});
  for (std::size_t byte : {0u, 7u, 31u}) {
    auto partials = Partials(f.dealt.shares, {1, 3, 5}, r);
    partials[1].evaluated[1][byte] ^= 0x02;
    auto combined = CombinePartialEvaluations(f.dealt.public_key, r.elements, partials);
    ASSERT_FALSE(combined) << "byte " << byte;
    // Most flips leave no valid encoding (malformed); the rest fail the proof.
    EXPECT_TRUE(combined.error().code == Code::kUnauthenticated ||
                combined.error().code == Code::kInvalidArgument);
    EXPECT_NE(combined.error().message.find("holder 3"), std::string::npos)
        << combined.error().message;
  }
}

TEST(ThresholdOprfTest, ValidButWrongElementFailsTheProofAndNamesTheHolder) {
  Fixture f = Split(3, 6);
  const Request r = Blind({Input("a"), Input("b")});
  auto partials = Partials(f.dealt.shares, {1, 3, 5}, r);
  // Holder 5's first element replaced by another holder's: a valid element, the wrong value.
  partials[2].evaluated[0] = partials[0].evaluated[0];
  auto combined = CombinePartialEvaluations(f.dealt.public_key, r.elements, partials);
  ASSERT_FALSE(combined);
  EXPECT_EQ(combined.error().code, Code::kUnauthenticated);
  EXPECT_NE(combined.error().message.find("holder 5"), std::string::npos)
      << combined.error().message;
}

TEST(ThresholdOprfTest, WrongShareIsCaughtAndTheHolderNamed) {
  Fixture f = Split(3, 6);
  const Request r = Blind({Input("a")});
  auto wrong = OprfKey::Generate();
  ASSERT_TRUE(wrong);
  auto impostor = KeyShare::FromSecret(4, 0, *wrong->ExportSecret());
  ASSERT_TRUE(impostor);
  auto partials = Partials(f.dealt.shares, {1, 2}, r);
  partials.push_back(*impostor->PartialEvaluate(r.elements));
  auto combined = CombinePartialEvaluations(f.dealt.public_key, r.elements, partials);
  ASSERT_FALSE(combined);
  EXPECT_EQ(combined.error().code, Code::kUnauthenticated);
  EXPECT_NE(combined.error().message.find("holder 4"), std::string::npos)
      << combined.error().message;
  EXPECT_EQ(VerifyPartialEvaluation(f.dealt.public_key, r.elements, partials[2]).error().code,
            Code::kUnauthenticated);
  EXPECT_TRUE(VerifyPartialEvaluation(f.dealt.public_key, r.elements, partials[0]));
}

TEST(ThresholdOprfTest, FlippedProofByteIsUnauthenticated) {
  Fixture f = Split(2, 3);
  const Request r = Blind({Input("a")});
  for (std::size_t byte : {0u, 13u, 32u, 45u}) {
    auto partials = Partials(f.dealt.shares, {2, 3}, r);
    partials[0].proof[byte] ^= 0x01;
    auto combined = CombinePartialEvaluations(f.dealt.public_key, r.elements, partials);
    ASSERT_FALSE(combined);
    EXPECT_EQ(combined.error().code, Code::kUnauthenticated) << "byte " << byte;
    EXPECT_NE(combined.error().message.find("holder 2"), std::string::npos);
  }
}

TEST(ThresholdOprfTest, PartialForAnotherRequestIsUnauthenticated) {
  Fixture f = Split(2, 3);
  const Request r1 = Blind({Input("a")});
  const Request r2 = Blind({Input("a")});
  auto partials = Partials(f.dealt.shares, {1, 2}, r1);
  partials[1] = *f.dealt.shares[1].PartialEvaluate(r2.elements);  // replayed from elsewhere
  auto combined = CombinePartialEvaluations(f.dealt.public_key, r1.elements, partials);
  ASSERT_FALSE(combined);
  EXPECT_EQ(combined.error().code, Code::kUnauthenticated);
  EXPECT_NE(combined.error().message.find("holder 2"), std::string::npos);
}

TEST(ThresholdOprfTest, FewerThanTPartialsAreRefused) {
  Fixture f = Split(3, 6);
  const Request r = Blind({Input("a")});
  auto partials = Partials(f.dealt.shares, {1, 2}, r);
  auto combined = CombinePartialEvaluations(f.dealt.public_key, r.elements, partials);
  ASSERT_FALSE(combined);
  EXPECT_EQ(combined.error().code, Code::kInvalidArgument);
  EXPECT_NE(combined.error().message.find("needs 3"), std::string::npos);
  EXPECT_FALSE(CombinePartialEvaluations(f.dealt.public_key, r.elements, {}));
}

TEST(ThresholdOprfTest, RepeatedHolderIsRefused) {
  Fixture f = Split(3, 6);
  const Request r = Blind({Input("a")});
  auto partials = Partials(f.dealt.shares, {1, 2, 2}, r);
  auto combined = CombinePartialEvaluations(f.dealt.public_key, r.elements, partials);
  ASSERT_FALSE(combined);
  EXPECT_EQ(combined.error().code, Code::kInvalidArgument);
  EXPECT_NE(combined.error().message.find("holder 2 appears twice"), std::string::npos);
}

TEST(ThresholdOprfTest, UnknownHolderAndWrongLengthAreRefused) {
  Fixture f = Split(2, 3);
  const Request r = Blind({Input("a"), Input("b")});
  auto partials = Partials(f.dealt.shares, {1, 2}, r);
  partials[1].holder = 9;
  EXPECT_EQ(CombinePartialEvaluations(f.dealt.public_key, r.elements, partials).error().code,
            Code::kInvalidArgument);
  partials = Partials(f.dealt.shares, {1, 2}, r);
  partials[0].evaluated.pop_back();
  auto combined = CombinePartialEvaluations(f.dealt.public_key, r.elements, partials);
  ASSERT_FALSE(combined);
  EXPECT_EQ(combined.error().code, Code::kInvalidArgument);
  EXPECT_NE(combined.error().message.find("holder 1"), std::string::npos);
}

TEST(ThresholdOprfTest, ShareRoundTripsThroughItsSecret) {
  Fixture f = Split(2, 3);
  const KeyShare& share = f.dealt.shares[1];
  auto again = KeyShare::FromSecret(share.holder(), share.epoch(), *share.ExportSecret());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->public_share(), share.public_share());
  EXPECT_EQ(again->holder(), 2u);
}

TEST(ThresholdOprfTest, RefusesImpossibleParameters) {
  EXPECT_EQ(DealThresholdKey(0, 3).error().code, Code::kInvalidArgument);
  EXPECT_EQ(DealThresholdKey(4, 3).error().code, Code::kInvalidArgument);
  EXPECT_EQ(DealThresholdKey(2, 256).error().code, Code::kInvalidArgument);
  EXPECT_EQ(KeyShare::FromSecret(0, 0, *OprfKey::Generate()->ExportSecret()).error().code,
            Code::kInvalidArgument);
}

TEST(ThresholdOprfTest, PublicSharesOffThePolynomialAreRefused) {
  Fixture f = Split(2, 4);
  auto shares = f.dealt.public_key.public_shares();
  std::swap(shares[2], shares[3]);
  auto key = ThresholdPublicKey::Create(2, 0, shares);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kInvalidArgument);
  EXPECT_NE(key.error().message.find("holder 3"), std::string::npos) << key.error().message;
  shares = f.dealt.public_key.public_shares();
  shares[0].fill(0);
  EXPECT_EQ(ThresholdPublicKey::Create(2, 0, shares).error().code, Code::kInvalidArgument);
}

// ---- Proactive refresh ----

struct Refreshed {
  ThresholdPublicKey public_key;
  std::vector<KeyShare> shares;
};

// Every holder in `dealers` deals; every holder applies all dealings.
Refreshed RefreshAll(const ThresholdPublicKey& key, const std::vector<KeyShare>& shares,
                     const std::vector<std::uint32_t>& dealers) {
  std::vector<RefreshDealing> dealings;
  std::vector<RefreshCommitment> commitments;
  for (std::uint32_t d : dealers) {
    auto dealing = DealRefresh(key, d);
    EXPECT_TRUE(dealing) << dealing.error().message;
    commitments.push_back(dealing->commitment);
    dealings.push_back(std::move(*dealing));
  }
  auto next_key = RefreshPublicKey(key, commitments);
  EXPECT_TRUE(next_key) << next_key.error().message;
  std::vector<KeyShare> next_shares;
  for (const auto& share : shares) {
    std::vector<SecretBytes> mine;
    mine.reserve(dealings.size());
    for (auto& dealing : dealings) {
      mine.push_back(*SecretBytes::Copy(dealing.subshares[share.holder() - 1].view()));
    }
    auto next = ApplyRefresh(share, key, commitments, mine);
    EXPECT_TRUE(next) << next.error().message;
    EXPECT_EQ(next->public_share(), *next_key->public_share(share.holder()));
    next_shares.push_back(std::move(*next));
  }
  return {std::move(*next_key), std::move(next_shares)};
}

TEST(ShareRefreshTest, RefreshKeepsEveryTokenAndChangesEveryShare) {
  Fixture f = Split(3, 6);
  Refreshed next = RefreshAll(f.dealt.public_key, f.dealt.shares, {1, 2, 3, 4, 5, 6});
  EXPECT_EQ(next.public_key.epoch(), 1u);
  EXPECT_EQ(next.public_key.group_public_key(), f.dealt.public_key.group_public_key());
  for (std::uint32_t i = 0; i < 6; ++i) {
    EXPECT_NE(next.shares[i].public_share(), f.dealt.shares[i].public_share());
    EXPECT_FALSE(next.shares[i].ExportSecret()->Equals(*f.dealt.shares[i].ExportSecret()));
  }
  std::vector<std::vector<std::uint8_t>> inputs = {Input("a"), Input("b")};
  const Request r = Blind(inputs);
  DealtKey refreshed{next.public_key, {}};
  for (const auto& holders : Subsets(6, 3)) {
    auto tokens = Tokens(refreshed, next.shares, holders, r);
    ASSERT_TRUE(tokens) << tokens.error().message;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      EXPECT_EQ((*tokens)[i], *f.key.Evaluate(OprfMode::kOprf, inputs[i]));
    }
  }
}

TEST(ShareRefreshTest, RepeatedRefreshesBySomeDealersKeepTheKey) {
  Fixture f = Split(2, 4);
  Refreshed once = RefreshAll(f.dealt.public_key, f.dealt.shares, {2});
  Refreshed twice = RefreshAll(once.public_key, once.shares, {1, 4});
  EXPECT_EQ(twice.public_key.epoch(), 2u);
  const Request r = Blind({Input("a")});
  DealtKey refreshed{twice.public_key, {}};
  auto tokens = Tokens(refreshed, twice.shares, {3, 4}, r);
  ASSERT_TRUE(tokens) << tokens.error().message;
  EXPECT_EQ((*tokens)[0], *f.key.Evaluate(OprfMode::kOprf, Input("a")));
}

TEST(ShareRefreshTest, OldAndNewSharesDoNotMix) {
  Fixture f = Split(3, 6);
  Refreshed next = RefreshAll(f.dealt.public_key, f.dealt.shares, {1, 2, 3, 4, 5, 6});
  const Request r = Blind({Input("a")});

  // An old share among new ones, judged by the new key: refused, and the stale holder named.
  std::vector<PartialEvaluation> partials;
  partials.push_back(*next.shares[0].PartialEvaluate(r.elements));
  partials.push_back(*next.shares[1].PartialEvaluate(r.elements));
  partials.push_back(*f.dealt.shares[2].PartialEvaluate(r.elements));
  auto combined = CombinePartialEvaluations(next.public_key, r.elements, partials);
  ASSERT_FALSE(combined);
  EXPECT_EQ(combined.error().code, Code::kUnauthenticated);
  EXPECT_NE(combined.error().message.find("holder 3"), std::string::npos);

  // Relabelling the stale partial's epoch does not help: its proof fails.
  partials[2].epoch = next.public_key.epoch();
  combined = CombinePartialEvaluations(next.public_key, r.elements, partials);
  ASSERT_FALSE(combined);
  EXPECT_EQ(combined.error().code, Code::kUnauthenticated);
  EXPECT_NE(combined.error().message.find("holder 3"), std::string::npos);

  // A new share judged by the old key fails the same way.
  std::vector<PartialEvaluation> old_view = {*f.dealt.shares[0].PartialEvaluate(r.elements),
                                             *f.dealt.shares[1].PartialEvaluate(r.elements),
                                             *next.shares[5].PartialEvaluate(r.elements)};
  old_view[2].epoch = 0;
  combined = CombinePartialEvaluations(f.dealt.public_key, r.elements, old_view);
  ASSERT_FALSE(combined);
  EXPECT_EQ(combined.error().code, Code::kUnauthenticated);
  EXPECT_NE(combined.error().message.find("holder 6"), std::string::npos);

  // And the mixed public shares are not one key at all.
  auto mixed_shares = next.public_key.public_shares();
  mixed_shares[2] = f.dealt.public_key.public_shares()[2];
  EXPECT_EQ(ThresholdPublicKey::Create(3, 1, mixed_shares).error().code, Code::kInvalidArgument);
}

TEST(ShareRefreshTest, MixedSharesWouldInterpolateToAnotherKey) {
  // Without the proofs, the arithmetic itself breaks: the old share of holder 1 with the new
  // shares of holders 2 and 3 interpolate to a different key.
  Fixture f = Split(3, 6);
  Refreshed next = RefreshAll(f.dealt.public_key, f.dealt.shares, {1, 2, 3, 4, 5, 6});
  const Request r = Blind({Input("a")});
  auto mixed_key =
      ThresholdPublicKey::Create(3, 0,
                                 {f.dealt.shares[0].public_share(), next.shares[1].public_share(),
                                  next.shares[2].public_share()});
  ASSERT_TRUE(mixed_key);  // three points always lie on a degree-2 polynomial
  EXPECT_NE(mixed_key->group_public_key(), f.key.public_key());
}

TEST(ShareRefreshTest, BadSubshareIsCaughtAndTheDealerNamed) {
  Fixture f = Split(3, 4);
  auto d2 = DealRefresh(f.dealt.public_key, 2);
  auto d3 = DealRefresh(f.dealt.public_key, 3);
  ASSERT_TRUE(d2 && d3);
  std::vector<RefreshCommitment> commitments = {d2->commitment, d3->commitment};
  std::vector<SecretBytes> mine;
  mine.push_back(*SecretBytes::Copy(d2->subshares[0].view()));
  mine.push_back(*SecretBytes::Copy(d3->subshares[1].view()));  // holder 2's, sent to holder 1
  auto next = ApplyRefresh(f.dealt.shares[0], f.dealt.public_key, commitments, mine);
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().code, Code::kUnauthenticated);
  EXPECT_NE(next.error().message.find("refresh dealer 3"), std::string::npos)
      << next.error().message;
}

TEST(ShareRefreshTest, RefusesMalformedRounds) {
  Fixture f = Split(3, 4);
  auto d1 = DealRefresh(f.dealt.public_key, 1);
  ASSERT_TRUE(d1);
  EXPECT_EQ(DealRefresh(f.dealt.public_key, 5).error().code, Code::kInvalidArgument);
  // The same dealer twice.
  std::vector<RefreshCommitment> twice = {d1->commitment, d1->commitment};
  EXPECT_EQ(RefreshPublicKey(f.dealt.public_key, twice).error().code, Code::kInvalidArgument);
  // A commitment with a missing coefficient.
  RefreshCommitment short_commitment = d1->commitment;
  short_commitment.coefficients.pop_back();
  EXPECT_EQ(RefreshPublicKey(f.dealt.public_key, std::vector{short_commitment}).error().code,
            Code::kInvalidArgument);
  // A commitment for another epoch.
  RefreshCommitment stale = d1->commitment;
  stale.epoch = 7;
  EXPECT_EQ(RefreshPublicKey(f.dealt.public_key, std::vector{stale}).error().code,
            Code::kInvalidArgument);
  // No dealers at all.
  EXPECT_EQ(RefreshPublicKey(f.dealt.public_key, {}).error().code, Code::kInvalidArgument);
}

TEST(ShareRefreshTest, OneOfNRefreshIsANoOpThatStillAdvancesTheEpoch) {
  Fixture f = Split(1, 3);
  Refreshed next = RefreshAll(f.dealt.public_key, f.dealt.shares, {1, 2, 3});
  EXPECT_EQ(next.public_key.epoch(), 1u);
  EXPECT_EQ(next.shares[0].public_share(), f.dealt.shares[0].public_share());
}

}  // namespace
}  // namespace tandem::crypto
