// Comparisons with levels: EM recovers known level distributions, a family counts once however
// many of its keys agree, and the weak correlated evidence that the independent-keys model
// counted twice no longer reaches the auto band.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/matching/bands.h"
#include "core/matching/comparison.h"
#include "core/matching/comparison_families.h"
#include "core/matching/em.h"
#include "core/matching/fellegi_sunter.h"
#include "tests/core/matching/key_names.h"

namespace tandem::core::matching {
namespace {

std::vector<KeyType> KeyTypes(const std::vector<std::string>& names, double seed_m, double seed_u) {
  std::vector<KeyType> key_types;
  for (const std::string& name : names) {
    key_types.push_back({.name = name, .seed_m = seed_m, .seed_u = seed_u});
  }
  return key_types;
}

// ---- EM recovers known level distributions ----

// One family of the generating process: its keys in pattern order (level order), how often it
// is compared (whatever the class), and the true distributions over levels then disagree.
struct TrueFamily {
  std::vector<std::size_t> keys;
  double observed = 1.0;
  std::vector<double> m;
  std::vector<double> u;
};

// A pair at level l agrees on that level's key and every weaker one and disagrees on the
// stronger ones, as name keys do (agreeing on the name and date agrees on the year too).
void SetOutcome(const TrueFamily& family, std::size_t outcome, ComparisonPattern& pattern) {
  for (std::size_t l = 0; l < family.keys.size(); ++l) {
    pattern.Set(family.keys[l], l >= outcome && outcome < family.keys.size()
                                    ? Agreement::kAgree
                                    : Agreement::kDisagree);
  }
}

// Exact expected counts of every pattern among `pairs` pairs (no sampling noise), so that EM
// must find the generating parameters.
PatternCounts ExpectedCounts(const std::vector<TrueFamily>& families, std::size_t key_count,
                             double prior, double pairs) {
  PatternCounts counts(key_count);
  std::function<void(std::size_t, ComparisonPattern, double, double, double)> walk =
      [&](std::size_t f, ComparisonPattern pattern, double share, double match, double nonmatch) {
        if (f == families.size()) {
          counts.Add(pattern, pairs * share * (prior * match + (1.0 - prior) * nonmatch));
          return;
        }
        const TrueFamily& family = families[f];
        walk(f + 1, pattern, share * (1.0 - family.observed), match, nonmatch);
        for (std::size_t o = 0; o < family.m.size(); ++o) {
          ComparisonPattern next = pattern;
          SetOutcome(family, o, next);
          walk(f + 1, next, share * family.observed, match * family.m[o], nonmatch * family.u[o]);
        }
      };
  walk(0, ComparisonPattern(), 1.0, 1.0, 1.0);
  return counts;
}

TEST(LevelModelTest, EmRecoversKnownLevelDistributions) {
  const std::vector<std::string> names = {"id", "n1", "n2", "n3", "i1", "i2"};
  const std::vector<ComparisonFamily> families = {{"id", {"id"}, "", ""},
                                                  {"name", {"n1", "n2", "n3"}, "", ""},
                                                  {"initials", {"i1", "i2"}, "", ""}};
  const std::vector<TrueFamily> truth = {
      {{0}, 0.4, {0.95, 0.05}, {0.001, 0.999}},
      {{1, 2, 3}, 0.9, {0.7, 0.15, 0.1, 0.05}, {0.0005, 0.002, 0.01, 0.9875}},
      {{4, 5}, 0.8, {0.6, 0.3, 0.1}, {0.001, 0.02, 0.979}},
  };
  const double prior = 0.01;
  TrainingPairs pairs(names.size());
  pairs.candidates = ExpectedCounts(truth, names.size(), prior, 1e6);

  EmOptions options;
  options.tolerance = 1e-12;
  options.max_iterations = 20000;
  auto fit = FitEm(KeyTypes(names, 0.8, 0.05), families, pairs, options);
  ASSERT_TRUE(fit) << fit.error().message;
  EXPECT_TRUE(fit->converged);
  EXPECT_NEAR(fit->model.prior(), prior, prior * 1e-3);
  ASSERT_EQ(fit->model.family_count(), 3u);
  for (std::size_t f = 0; f < truth.size(); ++f) {
    const FamilyParameters& fitted = fit->model.family(f);
    for (std::size_t o = 0; o < truth[f].m.size(); ++o) {
      EXPECT_NEAR(fitted.m[o], truth[f].m[o], truth[f].m[o] * 1e-3) << "family " << f << " m " << o;
      EXPECT_NEAR(fitted.u[o], truth[f].u[o], truth[f].u[o] * 1e-3) << "family " << f << " u " << o;
    }
  }
  // The likelihood never decreases.
  for (std::size_t i = 1; i < fit->log_likelihood.size(); ++i) {
    EXPECT_GE(fit->log_likelihood[i],
              fit->log_likelihood[i - 1] - 1e-6 * std::fabs(fit->log_likelihood[i]));
  }
}

// ---- A family counts once ----

MatchModel LevelModel() {
  auto grouped = GroupIntoFamilies(kKeyNames, DefaultComparisonFamilies());
  EXPECT_TRUE(grouped);
  std::vector<FamilyParameters> families;
  for (const ComparisonFamily& family : *grouped) {
    const std::size_t levels = family.levels.size();
    FamilyParameters p{family, {}, {}};
    for (std::size_t l = 0; l < levels; ++l) {
      p.m.push_back(0.5 / static_cast<double>(levels));
      p.u.push_back(1e-8 * static_cast<double>(l + 1));
    }
    p.m.push_back(0.5);
    double agree_u = 0;
    for (double u : p.u) agree_u += u;
    p.u.push_back(1.0 - agree_u);
    families.push_back(std::move(p));
  }
  auto model = MatchModel::CreateWithFamilies(kKeyNames, std::move(families), 1e-5);
  EXPECT_TRUE(model) << model.error().message;
  return *model;
}

std::size_t KeyIndex(const std::string& name) {
  return static_cast<std::size_t>(std::find(kKeyNames.begin(), kKeyNames.end(), name) -
                                  kKeyNames.begin());
}

TEST(LevelModelTest, APairAgreeingOnEveryNameKeyCountsTheFamilyOnce) {
  const MatchModel model = LevelModel();
  ComparisonPattern pattern;
  for (const char* key : {"name_dob", "phonetic_dob", "swapped_name_dob", "name_dm_free_dob",
                          "name_yob_district", "forename_dob_district", "name_birth_period",
                          "initials_dob_sex_district", "initials_dob"}) {
    pattern.Set(KeyIndex(key), Agreement::kAgree);
  }
  const double name_dob = model.AgreementWeight(KeyIndex("name_dob"));
  EXPECT_DOUBLE_EQ(model.TotalWeight(pattern), name_dob);
  EXPECT_DOUBLE_EQ(name_dob, std::log2((0.5 / 6) / 1e-8));

  const Explanation why = Explain(model, MakeBandThresholds(20, 10).value(), pattern);
  EXPECT_EQ(why.KeyTypesWith(Agreement::kAgree), std::vector<std::string>{"name"});
  const std::string line = FormatExplanation(why);
  EXPECT_NE(line.find("agreed name at name_dob +"), std::string::npos) << line;
  EXPECT_EQ(line.find("phonetic_dob"), std::string::npos) << line;
  EXPECT_EQ(line.find("initials"), std::string::npos) << line;
  EXPECT_EQ(line.find("name_period"), std::string::npos) << line;
}

TEST(LevelModelTest, ADisagreeingFamilyCountsItsDisagreementOnce) {
  const MatchModel model = LevelModel();
  ComparisonPattern pattern;
  for (const char* key : {"name_dob", "phonetic_dob", "swapped_name_dob", "name_yob_district"}) {
    pattern.Set(KeyIndex(key), Agreement::kDisagree);
  }
  pattern.Set(KeyIndex("pnc_id"), Agreement::kAgree);
  const double disagree = model.DisagreementWeight(KeyIndex("name_dob"));
  EXPECT_DOUBLE_EQ(disagree, std::log2(0.5 / (1.0 - 21e-8)));
  EXPECT_DOUBLE_EQ(model.TotalWeight(pattern),
                   model.AgreementWeight(KeyIndex("pnc_id")) + disagree);
}

// ---- The double counting of weak correlated evidence ----

constexpr std::size_t kPnc = 0, kNameDob = 1, kPhonetic = 2, kDistrict = 3, kInitials = 4;
const std::vector<std::string> kSmallKeys = {"pnc_id", "name_dob", "phonetic_dob",
                                             "initials_dob_sex_district", "initials_dob"};

// A partnership-like process in which the keys are built from the same fields: agreeing on
// the phonetic surname, forename initial and date of birth implies agreeing on the initials
// and date of birth. 2e9 pairs, one in 10,000 the same person.
PatternCounts CorrelatedPairs() {
  constexpr double kPairs = 2e9;
  constexpr double kPrior = 1e-4;
  PatternCounts counts(kSmallKeys.size());
  using Outcomes = std::map<std::size_t, Agreement>;
  // Written out per class so that each scenario's share is plain.
  struct Scenario {
    double match_share;
    double nonmatch_share;
    Outcomes outcomes;
  };
  const Agreement A = Agreement::kAgree;
  const Agreement D = Agreement::kDisagree;
  const std::vector<Scenario> named = {
      {0.90 * 0.8, 1e-9 * 0.05, {{kNameDob, A}, {kPhonetic, A}, {kDistrict, A}, {kInitials, A}}},
      {0.90 * 0.2, 1e-9 * 0.95, {{kNameDob, A}, {kPhonetic, A}, {kDistrict, D}, {kInitials, A}}},
      {0.04 * 0.8, 2e-7 * 0.05, {{kNameDob, D}, {kPhonetic, A}, {kDistrict, A}, {kInitials, A}}},
      {0.04 * 0.2, 2e-7 * 0.95, {{kNameDob, D}, {kPhonetic, A}, {kDistrict, D}, {kInitials, A}}},
      {0.06 * 0.1, 5e-6 * 0.05, {{kNameDob, D}, {kPhonetic, D}, {kDistrict, A}, {kInitials, A}}},
      {0.06 * 0.1, 5e-6 * 0.95, {{kNameDob, D}, {kPhonetic, D}, {kDistrict, D}, {kInitials, A}}},
      {0.06 * 0.8,
       1.0 - 1e-9 - 2e-7 - 5e-6,
       {{kNameDob, D}, {kPhonetic, D}, {kDistrict, D}, {kInitials, D}}},
  };
  const std::vector<Scenario> initials_only = {
      {0.95 * 0.8, 5e-6 * 0.05, {{kDistrict, A}, {kInitials, A}}},
      {0.95 * 0.2, 5e-6 * 0.95, {{kDistrict, D}, {kInitials, A}}},
      {0.05, 1.0 - 5e-6, {{kDistrict, D}, {kInitials, D}}},
  };
  for (const auto& [group, share] : {std::pair{&named, 0.8}, std::pair{&initials_only, 0.2}}) {
    for (const Scenario& s : *group) {
      ComparisonPattern pattern;
      for (const auto& [key, outcome] : s.outcomes) pattern.Set(key, outcome);
      for (int pnc = 0; pnc < 3; ++pnc) {  // missing, agree, disagree
        const double observed = pnc == 0 ? 0.7 : 0.3;
        const double match_pnc = pnc == 0 ? 1.0 : (pnc == 1 ? 0.99 : 0.01);
        const double nonmatch_pnc = pnc == 0 ? 1.0 : (pnc == 1 ? 1e-7 : 1.0 - 1e-7);
        ComparisonPattern with_pnc = pattern;
        if (pnc > 0) with_pnc.Set(kPnc, pnc == 1 ? A : D);
        counts.Add(with_pnc, kPairs * share * observed *
                                 (kPrior * s.match_share * match_pnc +
                                  (1.0 - kPrior) * s.nonmatch_share * nonmatch_pnc));
      }
    }
  }
  return counts;
}

TEST(LevelModelTest, WeakCorrelatedEvidenceNoLongerReachesTheAutoBand) {
  TrainingPairs pairs(kSmallKeys.size());
  pairs.candidates = CorrelatedPairs();
  EmOptions options;
  options.epsilon = 0.5 / pairs.candidates.Total();
  const auto key_types = KeyTypes(kSmallKeys, 0.8, 1e-5);

  auto independent = FitEm(key_types, OneFamilyPerKey(kSmallKeys), pairs, options);
  ASSERT_TRUE(independent) << independent.error().message;
  auto levels = FitEm(key_types, pairs, options);  // the partnership's families
  ASSERT_TRUE(levels) << levels.error().message;
  ASSERT_EQ(levels->model.family_count(), 3u);

  // Same surname sound, forename initial and date of birth; different forenames; another
  // district. The process makes such a pair the same person with probability 0.95 at most.
  ComparisonPattern weak;
  weak.Set(kNameDob, Agreement::kDisagree);
  weak.Set(kPhonetic, Agreement::kAgree);
  weak.Set(kDistrict, Agreement::kDisagree);
  weak.Set(kInitials, Agreement::kAgree);
  const BandThresholds old_bands = DefaultBandThresholds(independent->model);
  EXPECT_GE(independent->model.TotalWeight(weak), old_bands.auto_match)
      << "the independent-keys model counts the initials again and calls this automatic";
  const BandThresholds bands = DefaultBandThresholds(levels->model);
  EXPECT_LT(levels->model.TotalWeight(weak), bands.auto_match);
  EXPECT_GE(levels->model.TotalWeight(weak), bands.review);
  EXPECT_EQ(FormatExplanation(Explain(levels->model, bands, weak)).find("initials_dob"),
            std::string::npos);

  // What the initials alone support with a district (treatment data) stays automatic, and so
  // does a name and date of birth.
  ComparisonPattern treatment;
  treatment.Set(kDistrict, Agreement::kAgree);
  treatment.Set(kInitials, Agreement::kAgree);
  EXPECT_GE(levels->model.TotalWeight(treatment), bands.auto_match);
  ComparisonPattern named = weak;
  named.Set(kNameDob, Agreement::kAgree);
  EXPECT_GE(levels->model.TotalWeight(named), bands.auto_match);
}

}  // namespace
}  // namespace tandem::core::matching
