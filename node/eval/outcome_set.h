// The anonymised individual-level outcome set: one row per adopted person with complete
// follow-up, keyed by the evaluation pseudonym, with the referral pathway, the adoption date,
// the age band at adoption and the postcode district, offences and CCHI harm before and after,
// and the interventions had (count and categories). Quasi-identifiers are generalised along
// the hierarchies of OutcomeColumns (outcome_set_columns.h; full-domain, the
// least generalisation that keeps suppression within the limit), then rows still in a class
// smaller than k are removed (core/eval/k_anonymity.h); rows are written in pseudonym order,
// which is random, so the order says nothing about the people. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/eval/k_anonymity.h"
#include "core/result.h"
#include "node/eval/evaluation_data.h"
#include "node/eval/evaluation_report.h"
#include "node/eval/outcome_set_columns.h"

namespace tandem::node::eval {

struct AppliedGeneralisation {
  std::string column;
  int level = 0;
  std::string level_name;  // "quarter"
  std::vector<std::string> hierarchy;
};

struct OutcomeSet {
  std::string csv;  // header line, then one line per published row; "\n" line ends
  std::size_t rows = 0;
  std::size_t k = 0;
  std::vector<AppliedGeneralisation> generalisations;  // one per quasi-identifier
  std::size_t records_in = 0;
  std::size_t records_suppressed = 0;
  std::size_t equivalence_classes = 0;
  std::size_t smallest_class = 0;
  double max_risk = 0.0;
  double average_risk = 0.0;
};

// Success: the set. kInvalidArgument when a configured quasi-identifier is not a column with a
// hierarchy (the message lists those that are), or for the errors of MakeKAnonymous.
Result<OutcomeSet> BuildOutcomeSet(const EvaluationData& data, const EvaluationReport& report,
                                   const EvaluationParameters& parameters);

// RFC 4180 field quoting: quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& value);

}  // namespace tandem::node::eval
