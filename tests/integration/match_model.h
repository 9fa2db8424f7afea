// The match model the integration partnerships give their nodes: the match-key table's priors,
// with one strong key enough for an automatic match (docs/matching.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

namespace tandem::testing {

inline std::string MatchModel() {
  const std::vector<std::tuple<std::string, double, double>> keys = {
      {"pnc_id", 0.95, 1e-7},
      {"nhs_number", 0.97, 1e-7},
      {"ni_number", 0.95, 1e-7},
      {"name_dob", 0.85, 1e-6},
      {"phonetic_dob", 0.9, 2e-6},
      {"swapped_name_dob", 0.85, 1e-6},
      {"name_dm_free_dob", 0.87, 2e-6},
      {"name_yob_district", 0.6, 1e-6},
      {"forename_dob_district", 0.6, 1e-7},
      {"initials_dob_sex_district", 0.6, 1e-7},
      {"initials_dob", 0.85, 5e-6},
      {"name_birth_period", 0.8, 2e-5},
      {"exact_name_dob", 0.85, 1e-6}};
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [name, m, u] : keys) list.push_back({{"name", name}, {"m", m}, {"u", u}});
  return nlohmann::json{{"format", "tandem-match-model-v1"},
                        {"prior", 0.001},
                        {"keys", list},
                        {"auto_weight", 15.0},
                        {"review_weight", 8.0}}
      .dump();
}

}  // namespace tandem::testing
