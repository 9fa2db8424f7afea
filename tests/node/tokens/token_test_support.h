// Shared pieces of the token tests: a ceremony in a temp dir, shares read back, an evaluator
// that corrupts one holder's answers, stored person records.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "../temp_dir.h"
#include "agency-adapters/record.h"
#include "crypto/secret_bytes.h"
#include "node/importer/internal/record_encoding.h"
#include "node/store/store.h"
#include "node/tokens/key_ceremony.h"
#include "node/tokens/key_files.h"
#include "node/tokens/partial_evaluator.h"
#include "node/tokens/tokeniser.h"

namespace tandem::node::tokens::testing {

using tandem::testing::ReadWholeFile;
using tandem::testing::TempDir;

inline const std::vector<std::string> kPartnership = {
    "police", "probation", "nhs", "housing", "substance-misuse", "victim-advocacy"};

inline std::vector<std::span<const std::uint8_t>> Spans(const std::vector<std::string>& inputs) {
  std::vector<std::span<const std::uint8_t>> out;
  for (const auto& s : inputs) {
    out.emplace_back(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  }
  return out;
}

inline const std::vector<std::string>& SampleInputs() {
  static const std::vector<std::string> inputs = {std::string("name_dob\0daniel\x1f"
                                                              "obrien\x1f"
                                                              "1986-04-11",
                                                              33),
                                                  std::string("nhs_number\0"
                                                              "9434765919",
                                                              21),
                                                  std::string("pnc_id\0"
                                                              "04/881234T",
                                                              17)};
  return inputs;
}

// Runs a 3-of-6 ceremony into dir/"ceremony" and reads every share back.
struct Ceremony {
  CeremonyResult result;
  std::vector<HolderShare> shares;
};

inline Ceremony RunCeremony(const std::filesystem::path& dir, std::uint32_t threshold = 3) {
  auto result = RunKeyCeremony({threshold, kPartnership, dir});
  EXPECT_TRUE(result) << result.error().message;
  Ceremony c{std::move(*result), {}};
  for (const auto& file : c.result.share_files) {
    auto share = ReadShareFile(file);
    EXPECT_TRUE(share) << share.error().message;
    c.shares.push_back(std::move(*share));
  }
  return c;
}

inline std::shared_ptr<const InProcessEvaluator> EvaluatorOf(std::vector<HolderShare>& shares) {
  std::vector<crypto::KeyShare> keys;
  for (auto& s : shares) keys.push_back(std::move(s.share));
  auto evaluator = InProcessEvaluator::Create(std::move(keys));
  EXPECT_TRUE(evaluator);
  return std::make_shared<const InProcessEvaluator>(std::move(*evaluator));
}

// Answers like `inner`, except that `bad_holder`'s first evaluated element is replaced by a
// valid element of the group that is not share * blinded (its own blinded element).
class CorruptingEvaluator final : public PartialEvaluator {
 public:
  CorruptingEvaluator(std::shared_ptr<const PartialEvaluator> inner, std::uint32_t bad_holder)
      : inner_(std::move(inner)), bad_holder_(bad_holder) {}
  Result<crypto::PartialEvaluation> Evaluate(
      std::uint32_t holder, std::span<const crypto::OprfElement> blinded) const override {
    auto partial = inner_->Evaluate(holder, blinded);
    if (partial && holder == bad_holder_) partial->evaluated[0] = blinded[0];
    return partial;
  }

 private:
  std::shared_ptr<const PartialEvaluator> inner_;
  std::uint32_t bad_holder_;
};

inline crypto::SecretBytes StoreKey() {
  auto key = crypto::SecretBytes::Random(32);
  EXPECT_TRUE(key);
  return std::move(*key);
}

inline adapters::Identity Person(std::string forename, std::string surname, int y, int m, int d,
                                 std::string nhs) {
  adapters::Identity id;
  id.forename = forename;
  id.forename_as_given = forename;
  id.surname = surname;
  id.dob = *core::Date::FromYmd(y, m, d);
  id.sex = adapters::Sex::kMale;
  id.postcode = "BH14 9QT";
  id.district = "BH14";
  id.nhs_number = std::move(nhs);
  id.first_initial = forename.empty() ? 0 : forename[0];
  id.surname_initial = surname.empty() ? 0 : surname[0];
  return id;
}

// Inserts a record of `kind` about `identity`; returns its record id.
inline std::int64_t AddPerson(store::Store& store, std::int64_t import_id,
                              adapters::ExportKind kind, const std::string& ref,
                              const adapters::Identity& identity) {
  adapters::Record record{kind, ref, ref, {{"ref", ref}}, identity, 1};
  auto encoded = importer::internal::EncodeRecord(record);
  EXPECT_TRUE(encoded);
  store::RecordWrite write{
      adapters::ExportKindName(kind), ref,      ref, encoded->fields, encoded->identity,
      encoded->content_hash,          import_id};
  EXPECT_TRUE(store.InsertRecord(write));
  auto stored = store.GetRecord(adapters::ExportKindName(kind), ref);
  EXPECT_TRUE(stored && *stored);
  return (*stored)->id;
}

inline bool Contains(const std::string& haystack, std::span<const std::uint8_t> needle) {
  return haystack.find(std::string(needle.begin(), needle.end())) != std::string::npos;
}

}  // namespace tandem::node::tokens::testing
