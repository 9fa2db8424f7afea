// A synthetic cohort shared by the evaluation tests, built once (it takes a moment under the
// sanitizers), and the evaluation's data gathered from it with partner rows keyed by the
// evaluation's pseudonyms, as the federated flow delivers them.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "node/eval/evaluation_data.h"
#include "node/eval/evaluation_pseudonyms.h"
#include "node/eval/synthetic_cohort.h"

namespace tandem::node::eval {

struct CohortFixture {
  SyntheticCohort cohort;
  EvaluationParameters parameters;
  std::vector<PartnerIntervention> partner_rows;
  EvaluationPseudonyms pseudonyms;

  EvaluationSources Sources() const {
    EvaluationSources sources;
    sources.book = &cohort.book;
    sources.runs = cohort.runs;
    sources.occurrences = cohort.Lookup();
    sources.partner_rows = partner_rows;
    return sources;
  }

  static std::unique_ptr<CohortFixture> Make(std::size_t subjects, std::uint64_t seed) {
    SyntheticCohortOptions options;
    options.subjects = subjects;
    options.seed = seed;
    auto made = MakeSyntheticCohort(options);
    EXPECT_TRUE(made.has_value()) << made.error().message;
    auto fixture = std::unique_ptr<CohortFixture>(new CohortFixture{std::move(*made), {}, {}, {}});
    fixture->parameters.evaluation_id = "eval-test";
    fixture->parameters.isa_id = "dorset-hhpp";
    fixture->parameters.isa_version = 3;
    fixture->parameters.data_end = fixture->cohort.data_end;
    for (const SyntheticDelivery& delivery : fixture->cohort.deliveries) {
      PartnerIntervention row = delivery.row;
      row.pseudonym = fixture->pseudonyms.For(delivery.subject_key);
      fixture->partner_rows.push_back(row);
    }
    return fixture;
  }
};

}  // namespace tandem::node::eval
