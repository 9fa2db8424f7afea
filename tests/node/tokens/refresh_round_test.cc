// A share refresh round on real stores: every holder deals a signed file with sealed sub-shares,
// every holder applies the complete round to the share in its store; tokens stay the same, the
// shares change, and every wrong, forged, incomplete or repeated round is refused with the
// dealer or holder named and the stored share left as it was.
#include "node/tokens/refresh_round.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "crypto/digest.h"
#include "node/audit/entry.h"
#include "node/signed_json.h"
#include "node/tokens/refresh_dealing.h"
#include "token_test_support.h"

namespace tandem::node::tokens {
namespace {

using nlohmann::json;
using testing::kPartnership;
using testing::TempDir;

constexpr char kNow[] = "2026-11-23T10:00:00Z";

store::Store::Options Create() {
  store::Store::Options options;
  options.create_if_missing = true;
  return options;
}

class RefreshRoundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ceremony_ = testing::RunCeremony(dir_ / "ceremony");
    for (std::size_t i = 0; i < kPartnership.size(); ++i) {
      auto identity = crypto::SigningKey::Generate();
      ASSERT_TRUE(identity);
      keys_.push_back(identity->verifying_key());
      identities_.push_back(std::move(*identity));
      auto store =
          store::Store::Open(dir_ / (kPartnership[i] + ".db"), testing::StoreKey(), Create());
      ASSERT_TRUE(store) << store.error().message;
      ASSERT_TRUE(
          ImportShare(**store, ceremony_->shares[i], "2026-11-22T10:00:00Z", ShareChange::kImport));
      stores_.push_back(std::move(*store));
    }
  }

  const PartnershipKey& Key() const { return ceremony_->result.key; }

  NodeShare Loaded(std::size_t i) {
    auto loaded = LoadNodeShare(*stores_[i]);
    EXPECT_TRUE(loaded && *loaded);
    return std::move(**loaded);
  }

  std::string Deal(std::size_t i) {
    auto text = DealRefreshFile(Key(), kPartnership[i], keys_, identities_[i]);
    EXPECT_TRUE(text) << text.error().message;
    return *text;
  }

  std::vector<std::string> DealAll() {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < kPartnership.size(); ++i) out.push_back(Deal(i));
    return out;
  }

  Result<AppliedRefresh> Apply(std::size_t i, const std::vector<std::string>& dealings) {
    return ApplyRefreshRound(*stores_[i], Loaded(i), dealings, keys_, identities_[i], kNow);
  }

  // Holder i's stored share is the one the ceremony gave it.
  void ExpectUnchanged(std::size_t i) {
    const NodeShare share = Loaded(i);
    EXPECT_EQ(share.share.epoch(), 0u);
    auto now = share.share.ExportSecret();
    auto before = ceremony_->shares[i].share.ExportSecret();
    ASSERT_TRUE(now && before);
    EXPECT_TRUE(now->Equals(*before));
  }

  // The dealing `text` changed by `edit` and signed again by `signer` with holder `key`'s key.
  std::string Resigned(const std::string& text, const std::function<void(json&)>& edit,
                       const std::string& signer, std::size_t key) {
    json document = json::parse(text);
    EXPECT_TRUE(DetachJsonSignature(document));
    edit(document);
    EXPECT_TRUE(SignJson(document, kRefreshDealingFormat, signer, identities_[key]));
    return document.dump(2);
  }

  // The tokens of the sample inputs through `holders` of `key`, evaluated under `shares`.
  static Result<std::vector<Token>> TokensOf(const crypto::ThresholdPublicKey& key,
                                             std::vector<crypto::KeyShare> shares,
                                             std::vector<std::uint32_t> holders) {
    auto evaluator = InProcessEvaluator::Create(std::move(shares));
    if (!evaluator) return tl::unexpected(evaluator.error());
    Tokeniser::Options options;
    options.holders = std::move(holders);
    auto tokeniser = Tokeniser::Create(
        key, std::make_shared<const InProcessEvaluator>(std::move(*evaluator)), options);
    if (!tokeniser) return tl::unexpected(tokeniser.error());
    const auto spans = testing::Spans(testing::SampleInputs());
    return tokeniser->Tokenise(spans);
  }

  TempDir dir_;
  std::optional<testing::Ceremony> ceremony_;
  std::vector<crypto::SigningKey> identities_;
  std::vector<crypto::VerifyingKey> keys_;
  std::vector<std::unique_ptr<store::Store>> stores_;
};

TEST_F(RefreshRoundTest, EveryHolderAppliesTheRoundAndEveryTokenStaysTheSame) {
  std::vector<crypto::KeyShare> old_shares;
  for (std::size_t i = 0; i < 3; ++i) old_shares.push_back(std::move(Loaded(i).share));
  auto before = TokensOf(Key().key, std::move(old_shares), {1, 2, 3});
  ASSERT_TRUE(before) << before.error().message;

  const auto dealings = DealAll();
  std::set<std::string> fingerprints;
  for (std::size_t i = 0; i < kPartnership.size(); ++i) {
    auto applied = Apply(i, dealings);
    ASSERT_TRUE(applied) << kPartnership[i] << ": " << applied.error().message;
    EXPECT_EQ(applied->epoch, 1u);
    EXPECT_EQ(applied->dealers, kPartnership);
    fingerprints.insert(applied->public_key_sha256);
  }
  EXPECT_EQ(fingerprints.size(), 1u);  // every holder derived the same new public key

  std::vector<NodeShare> refreshed;
  for (std::size_t i = 0; i < kPartnership.size(); ++i) {
    refreshed.push_back(Loaded(i));
    const NodeShare& now = refreshed.back();
    EXPECT_EQ(now.share.epoch(), 1u);
    EXPECT_EQ(now.partnership.key.epoch(), 1u);
    EXPECT_EQ(now.partnership.key.group_public_key(), Key().key.group_public_key());
    EXPECT_EQ(now.imported_at, kNow);
    EXPECT_NE(now.share.public_share(), ceremony_->shares[i].share.public_share());
    EXPECT_EQ(*fingerprints.begin(), crypto::Sha256Hex(PublicKeyJson(now.partnership)));
  }
  const crypto::ThresholdPublicKey new_key = refreshed[0].partnership.key;
  for (const std::vector<std::uint32_t>& holders :
       std::vector<std::vector<std::uint32_t>>{{4, 5, 6}, {1, 3, 5}}) {
    std::vector<crypto::KeyShare> shares;
    for (const std::uint32_t h : holders) shares.push_back(std::move(refreshed[h - 1].share));
    auto after = TokensOf(new_key, std::move(shares), holders);
    ASSERT_TRUE(after) << after.error().message;
    EXPECT_EQ(*after, *before);
    for (const std::uint32_t h : holders) refreshed[h - 1] = Loaded(h - 1);
  }

  // A share from before the round does not combine with shares from after it.
  std::vector<crypto::KeyShare> mixed;
  mixed.push_back(std::move(ceremony_->shares[0].share));
  mixed.push_back(std::move(refreshed[1].share));
  mixed.push_back(std::move(refreshed[2].share));
  auto refused = TokensOf(new_key, std::move(mixed), {1, 2, 3});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("holder 1"), std::string::npos) << refused.error().message;
}

TEST_F(RefreshRoundTest, ACheckWritesNothingAndPredictsTheApplysFingerprint) {
  const auto dealings = DealAll();
  auto checked = CheckRefreshRound(Loaded(4), dealings, keys_, identities_[4]);
  ASSERT_TRUE(checked) << checked.error().message;
  ExpectUnchanged(4);
  auto applied = Apply(4, dealings);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(applied->public_key_sha256, checked->summary.public_key_sha256);
  EXPECT_EQ(Loaded(4).share.public_share(), checked->share.share.public_share());

  // The check queued no audit entry; the apply queued one after the import's, naming the
  // refresh and the new public key's fingerprint.
  auto queued = stores_[4]->QueuedAuditEntries(10);
  ASSERT_TRUE(queued);
  ASSERT_EQ(queued->size(), 2u);
  auto entry = audit::DecodeEntry(queued->back().entry);
  ASSERT_TRUE(entry) << entry.error().message;
  EXPECT_EQ(entry->kind, "key-change");
  EXPECT_EQ(entry->processing, "refresh of the OPRF key share of holder 5 of 6, epoch 1");
  EXPECT_EQ(entry->request_sha256, applied->public_key_sha256);
}

TEST_F(RefreshRoundTest, ARoundAppliedTwiceIsRefusedAsAlreadyApplied) {
  const auto dealings = DealAll();
  ASSERT_TRUE(Apply(0, dealings));
  auto again = Apply(0, dealings);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Code::kInvalidArgument);
  EXPECT_NE(again.error().message.find("already applied"), std::string::npos)
      << again.error().message;
  EXPECT_EQ(Loaded(0).share.epoch(), 1u);
}

TEST_F(RefreshRoundTest, ARoundWithoutEveryHolderOrWithOneTwiceIsRefusedAndNothingChanges) {
  auto dealings = DealAll();
  const std::string last = dealings.back();
  dealings.pop_back();
  auto incomplete = Apply(1, dealings);
  ASSERT_FALSE(incomplete);
  EXPECT_EQ(incomplete.error().code, Code::kInvalidArgument);
  EXPECT_NE(incomplete.error().message.find("missing: victim-advocacy"), std::string::npos)
      << incomplete.error().message;
  ExpectUnchanged(1);

  dealings.push_back(Deal(0));  // police's second, different dealing
  auto twice = Apply(1, dealings);
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("two dealings of 'police'"), std::string::npos)
      << twice.error().message;
  ExpectUnchanged(1);
}

TEST_F(RefreshRoundTest, AnAlteredDealingFailsItsSignatureNamingTheDealer) {
  auto dealings = DealAll();
  json document = json::parse(dealings[1]);
  std::string& commitment = document["commitments"][0].get_ref<std::string&>();
  commitment[10] = commitment[10] == 'a' ? 'b' : 'a';
  dealings[1] = document.dump(2);
  auto applied = Apply(2, dealings);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, Code::kUnauthenticated);
  EXPECT_NE(applied.error().message.find("'probation'"), std::string::npos)
      << applied.error().message;
  ExpectUnchanged(2);
}

TEST_F(RefreshRoundTest, ADealingSignedWithAnotherHoldersKeyIsRefused) {
  auto dealings = DealAll();
  const std::string original = dealings[1];
  const auto keep = [](json&) {};
  dealings[1] = Resigned(original, keep, "probation", 0);  // police's key, probation's name
  auto forged = Apply(2, dealings);
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code, Code::kUnauthenticated);
  EXPECT_NE(forged.error().message.find("'probation'"), std::string::npos);

  dealings[1] = Resigned(original, keep, "police", 0);
  auto other_signer = Apply(2, dealings);
  ASSERT_FALSE(other_signer);
  EXPECT_NE(other_signer.error().message.find("signed by 'police', not by its dealer"),
            std::string::npos)
      << other_signer.error().message;
  ExpectUnchanged(2);
}

TEST_F(RefreshRoundTest, ASubShareThatDoesNotMatchItsCommitmentNamesItsDealer) {
  // Probation signs a dealing whose sub-share for nhs comes from another of its dealings: only
  // the commitments can tell, and nhs's check against them does.
  auto dealings = DealAll();
  const json other = json::parse(Deal(1));
  dealings[1] = Resigned(
      dealings[1], [&](json& d) { d["subshares"][2]["sealed"] = other["subshares"][2]["sealed"]; },
      "probation", 1);
  auto applied = Apply(2, dealings);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, Code::kUnauthenticated);
  EXPECT_NE(applied.error().message.find("the sub-share from 'probation' does not match"),
            std::string::npos)
      << applied.error().message;
  ExpectUnchanged(2);
  // The other holders' checks pass, which is why every holder checks before any applies.
  EXPECT_TRUE(CheckRefreshRound(Loaded(0), dealings, keys_, identities_[0]));
}

TEST_F(RefreshRoundTest, ASubShareSealedToAnotherHolderDoesNotOpen) {
  auto dealings = DealAll();
  dealings[1] = Resigned(
      dealings[1],
      [](json& d) { std::swap(d["subshares"][2]["sealed"], d["subshares"][3]["sealed"]); },
      "probation", 1);
  auto applied = Apply(2, dealings);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, Code::kUnauthenticated);
  EXPECT_NE(applied.error().message.find("the sub-share from 'probation'"), std::string::npos)
      << applied.error().message;
  ExpectUnchanged(2);
}

TEST_F(RefreshRoundTest, ADealingOfAnotherPartnershipKeyIsRefused) {
  auto dealings = DealAll();
  auto other = testing::RunCeremony(dir_ / "other-ceremony");
  auto foreign = DealRefreshFile(other.result.key, "police", keys_, identities_[0]);
  ASSERT_TRUE(foreign);
  dealings[0] = *foreign;
  auto applied = Apply(3, dealings);
  ASSERT_FALSE(applied);
  EXPECT_NE(applied.error().message.find("another partnership key"), std::string::npos)
      << applied.error().message;
  ExpectUnchanged(3);
}

TEST_F(RefreshRoundTest, MalformedDealingsAreRefusedNamingTheMember) {
  const std::string good = Deal(1);
  const auto parse = [&](const std::string& text) {
    return ParseRefreshDealing(text, Key(), keys_);
  };
  ASSERT_TRUE(parse(good));
  // Each edit is signed again by probation, as a dealer that wrote a malformed file would.
  const std::vector<std::pair<std::function<void(json&)>, std::string>> cases = {
      {[](json& d) { d["format"] = "tandem-oprf-key-share-v1"; }, ".format"},
      {[](json& d) { d["suite"] = "P256-SHA256"; }, ".suite"},
      {[](json& d) { d["epoch"] = 7; }, "refreshes epoch 7"},
      {[](json& d) { d["epoch"] = -1; }, ".epoch"},
      {[](json& d) { d["dealer_index"] = 3; }, "is not holder 3"},
      {[](json& d) { d["commitments"].erase(0); }, ".commitments"},
      {[](json& d) { d["commitments"][0] = "zz"; }, ".commitments[0]"},
      {[](json& d) { d["subshares"].erase(5); }, ".subshares"},
      {[](json& d) { std::swap(d["subshares"][0], d["subshares"][1]); }, ".subshares[0]"},
      {[](json& d) { d["subshares"][4]["sealed"] = "00"; }, ".subshares[4].sealed"},
  };
  for (const auto& [edit, expected] : cases) {
    auto parsed = parse(Resigned(good, edit, "probation", 1));
    ASSERT_FALSE(parsed) << expected;
    EXPECT_EQ(parsed.error().code, Code::kInvalidArgument) << expected;
    EXPECT_NE(parsed.error().message.find(expected), std::string::npos)
        << expected << ": " << parsed.error().message;
  }
  // And edits of the signature itself, or of the dealer's name.
  const std::vector<std::pair<std::function<void(json&)>, std::string>> unsigned_cases = {
      {[](json& d) { d["dealer"] = "Probation!"; }, "not a node id"},
      {[](json& d) { d.erase("signature"); }, "'signature' is missing"},
      {[](json& d) { d["signature"]["algorithm"] = "rsa"; }, "signature.algorithm"},
      {[](json& d) { d["signature"]["value"] = "00"; }, "signature.value"},
  };
  for (const auto& [edit, expected] : unsigned_cases) {
    json document = json::parse(good);
    edit(document);
    auto parsed = parse(document.dump());
    ASSERT_FALSE(parsed) << expected;
    EXPECT_NE(parsed.error().message.find(expected), std::string::npos)
        << expected << ": " << parsed.error().message;
  }
  for (const std::string text : {"", "{", "[]", "null", "{\"dealer\": 5}"}) {
    auto parsed = parse(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, Code::kInvalidArgument) << text;
  }
}

TEST_F(RefreshRoundTest, TheReplacedShareIsWipedFromAStoresFiles) {
  // An unencrypted store, so that a search of its files can see the share's bytes at all.
  auto plain = store::Store::OpenUnencrypted(dir_ / "plain.db", Create());
  ASSERT_TRUE(plain);
  ASSERT_TRUE(
      ImportShare(**plain, ceremony_->shares[0], "2026-11-22T10:00:00Z", ShareChange::kImport));
  const auto files = [&] {
    return testing::ReadWholeFile(dir_ / "plain.db") +
           testing::ReadWholeFile(dir_ / "plain.db-wal");
  };
  auto old_secret = ceremony_->shares[0].share.ExportSecret();
  ASSERT_TRUE(old_secret);
  ASSERT_TRUE(testing::Contains(files(), old_secret->view()));

  auto own = LoadNodeShare(**plain);
  ASSERT_TRUE(own && *own);
  ASSERT_TRUE(ApplyRefreshRound(**plain, **own, DealAll(), keys_, identities_[0], kNow));
  auto refreshed = LoadNodeShare(**plain);
  ASSERT_TRUE(refreshed && *refreshed);
  auto new_secret = (*refreshed)->share.ExportSecret();
  ASSERT_TRUE(new_secret);
  EXPECT_TRUE(testing::Contains(files(), new_secret->view()));
  EXPECT_FALSE(testing::Contains(files(), old_secret->view()));
}

}  // namespace
}  // namespace tandem::node::tokens
