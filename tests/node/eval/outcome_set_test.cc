#include "node/eval/outcome_set.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cohort_fixture.h"
#include "core/eval/k_anonymity.h"
#include "crypto/secret_bytes.h"
#include "node/eval/evaluation_outputs.h"
#include "node/eval/outcome_manifest.h"
#include "protocol/isa.h"
#include "signed_cohort.h"

namespace tandem::node::eval {
namespace {

namespace ce = core::eval;

// The CSV as a table (the outcome set never needs quoting: no field has a comma).
ce::Table ParseCsv(const std::string& csv) {
  ce::Table table;
  std::istringstream lines(csv);
  std::string line;
  bool header = true;
  while (std::getline(lines, line)) {
    std::vector<std::string> fields;
    std::istringstream parts(line);
    std::string field;
    while (std::getline(parts, field, ',')) fields.push_back(field);
    if (header) {
      table.columns = fields;
      header = false;
    } else {
      table.rows.push_back(fields);
    }
  }
  return table;
}

class OutcomeSetTest : public SignedCohortTest {
 protected:
  static Result<OutcomeSetFiles> Produce(const EvaluationParameters& parameters) {
    ManifestContext context{"police-1", "2026-11-22T19:00:00Z", {}, "2"};
    return ProduceOutcomeSet(fixture_->Sources(), parameters, fixture_->pseudonyms, context, *key_);
  }
};

TEST_F(OutcomeSetTest, IsKAnonymousOverItsQuasiIdentifiersAndCountsWhatItSuppressed) {
  for (const std::size_t k : {std::size_t{5}, std::size_t{40}}) {
    EvaluationParameters parameters = fixture_->parameters;
    parameters.disclosure.k = k;
    auto files = Produce(parameters);
    ASSERT_TRUE(files.has_value()) << files.error().message;
    const ce::Table table = ParseCsv(files->csv);
    ASSERT_EQ(table.rows.size(), files->rows);
    const std::vector<std::string> quasi = parameters.disclosure.quasi_identifiers;
    EXPECT_TRUE(ce::CheckKAnonymous(table, quasi, k).has_value()) << "k = " << k;
    const auto manifest = nlohmann::json::parse(files->manifest);
    EXPECT_EQ(manifest["k"], k);
    EXPECT_EQ(manifest["rows_suppressed"], files->rows_suppressed);
    EXPECT_EQ(manifest["records_in"].get<std::size_t>(), fixture_->cohort.truth.adopted);
    EXPECT_EQ(files->rows + files->rows_suppressed, fixture_->cohort.truth.adopted);
    EXPECT_GE(manifest["smallest_class"].get<std::size_t>(), k);
    EXPECT_EQ(manifest["generalisations"].size(), quasi.size());
    EXPECT_EQ(manifest["csv"]["rows"], files->rows);
    // No subject key in the set; each pseudonym once.
    EXPECT_EQ(files->csv.find("S000"), std::string::npos);
    std::set<std::string> pseudonyms;
    for (const auto& row : table.rows) EXPECT_TRUE(pseudonyms.insert(row[0]).second);
  }
}

TEST_F(OutcomeSetTest, AtLargeKTheSetIsGeneralisedOrSuppressed) {
  EvaluationParameters parameters = fixture_->parameters;
  parameters.disclosure.k = 40;
  auto files = Produce(parameters);
  ASSERT_TRUE(files.has_value()) << files.error().message;
  const auto manifest = nlohmann::json::parse(files->manifest);
  int levels = 0;
  for (const auto& g : manifest["generalisations"]) levels += g["level"].get<int>();
  EXPECT_TRUE(levels > 0 || files->rows_suppressed > 0);
}

TEST_F(OutcomeSetTest, ManifestVerifiesAgainstTheIsa) {
  auto files = Produce(fixture_->parameters);
  ASSERT_TRUE(files.has_value()) << files.error().message;
  auto verified = VerifyOutcomeManifest(files->manifest, files->csv,
                                        IsaWith("police-1", key_->verifying_key()));
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_EQ(verified->signer, "police-1");
  EXPECT_EQ(verified->evaluation_id, "eval-test");
  EXPECT_EQ(verified->rows, files->rows);
}

TEST_F(OutcomeSetTest, ManifestFailsWhenOneByteOfTheCsvChanges) {
  auto files = Produce(fixture_->parameters);
  ASSERT_TRUE(files.has_value());
  std::string csv = files->csv;
  csv[csv.size() / 2] ^= 0x01;
  auto verified =
      VerifyOutcomeManifest(files->manifest, csv, IsaWith("police-1", key_->verifying_key()));
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, Code::kCorruption);
}

TEST_F(OutcomeSetTest, ManifestFailsWhenOneByteOfItChanges) {
  auto files = Produce(fixture_->parameters);
  ASSERT_TRUE(files.has_value());
  std::string manifest = files->manifest;
  const auto at = manifest.find("\"rows_suppressed\": ");
  ASSERT_NE(at, std::string::npos);
  char& digit = manifest[at + std::string("\"rows_suppressed\": ").size()];
  digit = digit == '9' ? '8' : static_cast<char>(digit + 1);
  auto verified =
      VerifyOutcomeManifest(manifest, files->csv, IsaWith("police-1", key_->verifying_key()));
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, Code::kUnauthenticated);
}

TEST_F(OutcomeSetTest, ManifestFailsUnderAnotherKeyOrAgreement) {
  auto files = Produce(fixture_->parameters);
  ASSERT_TRUE(files.has_value());
  auto other = crypto::SigningKey::Generate();
  ASSERT_TRUE(other.has_value());
  auto wrong_key = VerifyOutcomeManifest(files->manifest, files->csv,
                                         IsaWith("police-1", other->verifying_key()));
  ASSERT_FALSE(wrong_key.has_value());
  EXPECT_EQ(wrong_key.error().code, Code::kUnauthenticated);
  auto wrong_version = VerifyOutcomeManifest(files->manifest, files->csv,
                                             IsaWith("police-1", key_->verifying_key(), 4));
  ASSERT_FALSE(wrong_version.has_value());
  EXPECT_EQ(wrong_version.error().code, Code::kPermissionDenied);
  auto unknown_signer = VerifyOutcomeManifest(files->manifest, files->csv,
                                              IsaWith("police-2", key_->verifying_key()));
  ASSERT_FALSE(unknown_signer.has_value());
  EXPECT_EQ(unknown_signer.error().code, Code::kPermissionDenied);
}

// Each of these members used to be read with json::value(), which throws on a member of another
// type: a manifest with one was an exception instead of an error.
TEST_F(OutcomeSetTest, ManifestWithAMemberOfTheWrongTypeIsAnErrorNotAnException) {
  auto files = Produce(fixture_->parameters);
  ASSERT_TRUE(files.has_value());
  const auto isa = IsaWith("police-1", key_->verifying_key());
  const nlohmann::json signed_manifest = nlohmann::json::parse(files->manifest);
  for (const char* member : {"format", "node"}) {
    nlohmann::json manifest = signed_manifest;
    manifest[member] = 7;
    auto verified = VerifyOutcomeManifest(manifest.dump(), files->csv, isa);
    ASSERT_FALSE(verified.has_value()) << member;
    EXPECT_EQ(verified.error().code, Code::kInvalidArgument) << member;
  }
  nlohmann::json manifest = signed_manifest;
  manifest["signature"]["algorithm"] = nullptr;
  auto verified = VerifyOutcomeManifest(manifest.dump(), files->csv, isa);
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, Code::kInvalidArgument);
}

TEST_F(OutcomeSetTest, RefusesAQuasiIdentifierWithoutAHierarchy) {
  EvaluationParameters parameters = fixture_->parameters;
  parameters.disclosure.quasi_identifiers = {"cchi_before"};
  auto files = Produce(parameters);
  ASSERT_FALSE(files.has_value());
  EXPECT_EQ(files.error().code, Code::kInvalidArgument);
  EXPECT_NE(files.error().message.find("adopted"), std::string::npos);
}

}  // namespace
}  // namespace tandem::node::eval
