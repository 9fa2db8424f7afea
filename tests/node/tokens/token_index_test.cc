// The token index: building it from stored records through the threshold OPRF, looking a
// referral's tokens up, rebuilding, a bad holder named, and keys of other partnerships.
#include <gtest/gtest.h>

#include <algorithm>

#include "agency-adapters/match_keys.h"
#include "node/tokens/token_index_builder.h"
#include "token_test_support.h"

namespace tandem::node::tokens {
namespace {

using adapters::ExportKind;
using testing::TempDir;

class TokenIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ceremony_.emplace(testing::RunCeremony(dir_ / "ceremony"));
    evaluator_ = testing::EvaluatorOf(ceremony_->shares);
    auto tokeniser = Tokeniser::Create(ceremony_->result.key.key, evaluator_,
                                       {.holders = {}, .names = testing::kPartnership});
    ASSERT_TRUE(tokeniser);
    tokeniser_.emplace(std::move(*tokeniser));
  }

  std::unique_ptr<store::Store> OpenStore(bool encrypted = true) {
    store::Store::Options options;
    options.create_if_missing = true;
    auto store = encrypted ? store::Store::Open(dir_ / "store.db", key_, options)
                           : store::Store::OpenUnencrypted(dir_ / "plain.db", options);
    EXPECT_TRUE(store) << store.error().message;
    return std::move(*store);
  }

  // Three people: the probation case and the NHS patient are the same man (Danny → Daniel,
  // same DOB and NHS number); the housing tenant is someone else.
  void AddRecords(store::Store& store) {
    auto import_id = store.AddImport("probation_cases", "2026-11-22T10:00:00Z");
    ASSERT_TRUE(import_id);
    same_a_ = testing::AddPerson(store, *import_id, ExportKind::kProbationCases, "X123456",
                                 testing::Person("daniel", "obrien", 1986, 4, 11, "9434765919"));
    same_b_ = testing::AddPerson(store, *import_id, ExportKind::kNhsMentalHealth, "MH-0042",
                                 testing::Person("daniel", "obrien", 1986, 4, 11, "9434765919"));
    other_ = testing::AddPerson(store, *import_id, ExportKind::kHousingTenancies, "T-77",
                                testing::Person("maria", "kowalska", 1979, 12, 2, ""));
  }

  // The tokens of one referral: all match keys of `identity`, tokenised as a batch.
  std::vector<store::TokenBytes> ReferralTokens(const adapters::Identity& identity,
                                                std::vector<std::string>* key_names = nullptr) {
    adapters::MatchKeyValues values;
    adapters::MatchKeySource source{&identity, std::nullopt};
    EXPECT_TRUE(adapters::DeriveMatchKeys(adapters::MatchKeyTable(), source, values));
    std::vector<std::span<const std::uint8_t>> inputs;
    for (std::size_t i = 0; i < values.size(); ++i) {
      inputs.push_back(values.input(i));
      if (key_names != nullptr) {
        key_names->emplace_back(adapters::MatchKeyTable()[values.key_index(i)].name);
      }
    }
    auto tokens = tokeniser_->Tokenise(inputs);
    EXPECT_TRUE(tokens) << tokens.error().message;
    std::vector<store::TokenBytes> out;
    for (const auto& t : *tokens) out.push_back(t.bytes);
    return out;
  }

  TempDir dir_;
  crypto::SecretBytes key_ = testing::StoreKey();
  std::optional<testing::Ceremony> ceremony_;
  std::shared_ptr<const InProcessEvaluator> evaluator_;
  std::optional<Tokeniser> tokeniser_;
  std::int64_t same_a_ = 0, same_b_ = 0, other_ = 0;
};

TEST_F(TokenIndexTest, BuildAndLookupFindTheRightRecordsAndKeyTypes) {
  auto store = OpenStore();
  AddRecords(*store);
  auto report = BuildTokenIndex(*store, *tokeniser_);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->records, 3u);
  EXPECT_EQ(report->records_without_keys, 0u);
  EXPECT_GT(report->rows, 0u);
  EXPECT_LT(report->distinct_values, report->key_values);  // the shared person's values once
  auto records = store->CountTokenRecords();
  ASSERT_TRUE(records);
  EXPECT_EQ(*records, 3);

  // A referral for the same man (given as "Danny", which the adapters resolve) finds both of
  // his records and no one else, with the key types that agreed.
  std::vector<std::string> names;
  const auto tokens =
      ReferralTokens(testing::Person("daniel", "obrien", 1986, 4, 11, "9434765919"), &names);
  auto matches = store->LookupTokens(tokens);
  ASSERT_TRUE(matches) << matches.error().message;
  ASSERT_EQ(matches->size(), 2u);
  EXPECT_EQ((*matches)[0].record_id, same_a_);
  EXPECT_EQ((*matches)[0].export_kind, "probation_cases");
  EXPECT_EQ((*matches)[0].ref, "X123456");
  EXPECT_EQ((*matches)[1].record_id, same_b_);
  EXPECT_EQ((*matches)[1].ref, "MH-0042");
  for (const auto& m : *matches) {
    const auto& kt = m.key_types;
    EXPECT_NE(std::find(kt.begin(), kt.end(), "nhs_number"), kt.end());
    EXPECT_NE(std::find(kt.begin(), kt.end(), "name_dob"), kt.end());
    EXPECT_EQ(m.query_indices.size(), tokens.size());  // every key of the referral agreed
  }

  // Another DOB and no NHS number: only the name keys without a full date can agree.
  const auto partial = ReferralTokens(testing::Person("daniel", "obrien", 1990, 1, 1, ""));
  auto some = store->LookupTokens(partial);
  ASSERT_TRUE(some);
  for (const auto& m : *some) {
    EXPECT_EQ(std::find(m.key_types.begin(), m.key_types.end(), "nhs_number"), m.key_types.end());
    EXPECT_EQ(std::find(m.key_types.begin(), m.key_types.end(), "name_dob"), m.key_types.end());
    EXPECT_NE(m.record_id, other_);
  }

  // An unknown person matches nothing.
  auto none = store->LookupTokens(ReferralTokens(testing::Person("zed", "quinn", 2001, 2, 3, "")));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(TokenIndexTest, RebuildingGivesTheSameIndex) {
  auto store = OpenStore();
  AddRecords(*store);
  const auto tokens = ReferralTokens(testing::Person("maria", "kowalska", 1979, 12, 2, ""));
  auto first = BuildTokenIndex(*store, *tokeniser_);
  ASSERT_TRUE(first);
  auto first_matches = store->LookupTokens(tokens);
  ASSERT_TRUE(first_matches);
  for (int i = 0; i < 2; ++i) {
    auto again = BuildTokenIndex(*store, *tokeniser_);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->rows, first->rows);
    auto count = store->CountTokens();
    ASSERT_TRUE(count);
    EXPECT_EQ(static_cast<std::uint64_t>(*count), first->rows);
    auto matches = store->LookupTokens(tokens);
    ASSERT_TRUE(matches);
    ASSERT_EQ(matches->size(), 1u);
    EXPECT_EQ((*matches)[0].record_id, other_);
    EXPECT_EQ((*matches)[0].key_types, (*first_matches)[0].key_types);
  }
  ASSERT_TRUE(store->ClearTokens());
  EXPECT_EQ(*store->CountTokens(), 0);
}

TEST_F(TokenIndexTest, ACorruptedPartialIsDetectedAndTheHolderNamed) {
  auto bad = std::make_shared<const testing::CorruptingEvaluator>(evaluator_, 2);
  // Only holders 1..3 may be asked: no one can stand in for holder 2.
  auto strict = Tokeniser::Create(ceremony_->result.key.key, bad,
                                  {.holders = {1, 2, 3}, .names = testing::kPartnership});
  ASSERT_TRUE(strict);
  const auto inputs = testing::Spans(testing::SampleInputs());
  auto refused = strict->Tokenise(inputs);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kUnauthenticated);
  EXPECT_NE(refused.error().message.find("holder 2 (probation)"), std::string::npos)
      << refused.error().message;

  // With every holder available the next one stands in; the bad holder is still reported and
  // the tokens are the honest ones.
  auto lenient = Tokeniser::Create(ceremony_->result.key.key, bad,
                                   {.holders = {}, .names = testing::kPartnership});
  ASSERT_TRUE(lenient);
  std::vector<HolderFailure> failures;
  auto tokens = lenient->Tokenise(inputs, 0, &failures);
  ASSERT_TRUE(tokens) << tokens.error().message;
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].holder, 2u);
  EXPECT_EQ(failures[0].error.code, Code::kUnauthenticated);
  auto honest = tokeniser_->Tokenise(inputs);
  ASSERT_TRUE(honest);
  EXPECT_EQ(*tokens, *honest);

  // Building an index through the strict tokeniser fails and leaves the index as it was.
  auto store = OpenStore();
  AddRecords(*store);
  ASSERT_TRUE(BuildTokenIndex(*store, *tokeniser_));
  const auto rows = *store->CountTokens();
  auto failed = BuildTokenIndex(*store, *strict);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("holder 2 (probation)"), std::string::npos);
  EXPECT_EQ(*store->CountTokens(), rows);
}

TEST_F(TokenIndexTest, ATokenNeverEqualsTheSameInputsTokenUnderAnotherPartnershipsKey) {
  auto theirs = testing::RunCeremony(dir_ / "their-ceremony");
  auto their_tokeniser =
      Tokeniser::Create(theirs.result.key.key, testing::EvaluatorOf(theirs.shares));
  ASSERT_TRUE(their_tokeniser);
  const auto inputs = testing::Spans(testing::SampleInputs());
  auto ours = tokeniser_->Tokenise(inputs);
  auto other = their_tokeniser->Tokenise(inputs);
  ASSERT_TRUE(ours && other);
  for (const auto& a : *ours) {
    for (const auto& b : *other) EXPECT_NE(a, b);
  }
}

TEST_F(TokenIndexTest, RawKeyValuesNeverReachTheStore) {
  auto store = OpenStore(/*encrypted=*/false);  // so that the bytes can be searched
  AddRecords(*store);
  ASSERT_TRUE(BuildTokenIndex(*store, *tokeniser_));
  store.reset();
  std::string bytes = testing::ReadWholeFile(dir_ / "plain.db");
  bytes += testing::ReadWholeFile((dir_ / "plain.db").string() + "-wal");
  // Encoded key values are `name ‖ 0x00 ‖ parts`: none of them is in the file.
  for (const auto& key : {std::string("name_dob\0", 9), std::string("nhs_number\0", 11),
                          std::string("phonetic_dob\0", 13)}) {
    EXPECT_EQ(bytes.find(key), std::string::npos);
  }
  EXPECT_NE(bytes.find("kowalska"), std::string::npos);  // the records themselves are there
}

}  // namespace
}  // namespace tandem::node::tokens
