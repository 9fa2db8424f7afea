// The match model the integration partnerships give their nodes: the match-key table's priors
// grouped into the comparison families, with one strong key enough for an automatic match
// (docs/matching.md).
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace tandem::testing {

inline std::string MatchModel() {
  using Level = std::pair<std::string, std::pair<double, double>>;  // key, (m, u)
  const std::vector<std::pair<std::string, std::vector<Level>>> families = {
      {"pnc_id", {{"pnc_id", {0.95, 1e-7}}}},
      {"nhs_number", {{"nhs_number", {0.97, 1e-7}}}},
      {"ni_number", {{"ni_number", {0.95, 1e-7}}}},
      {"name",
       {{"name_dob", {0.85, 1e-6}},
        {"swapped_name_dob", {0.01, 1e-7}},
        {"phonetic_dob", {0.03, 2e-7}},
        {"name_dm_free_dob", {0.01, 1e-7}},
        {"forename_dob_district", {0.01, 1e-7}},
        {"name_yob_district", {0.01, 1e-6}}}},
      {"name_period", {{"name_birth_period", {0.8, 2e-5}}}},
      {"initials", {{"initials_dob_sex_district", {0.6, 1e-7}}, {"initials_dob", {0.25, 5e-6}}}},
      {"exact_name_dob", {{"exact_name_dob", {0.85, 1e-6}}}}};
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [name, levels] : families) {
    nlohmann::json rows = nlohmann::json::array();
    double m_sum = 0;
    double u_sum = 0;
    for (const auto& [key, mu] : levels) {
      rows.push_back({{"key", key}, {"m", mu.first}, {"u", mu.second}});
      m_sum += mu.first;
      u_sum += mu.second;
    }
    list.push_back(
        {{"name", name}, {"levels", rows}, {"disagree", {{"m", 1.0 - m_sum}, {"u", 1.0 - u_sum}}}});
  }
  return nlohmann::json{{"format", "tandem-match-model-v2"},
                        {"prior", 0.001},
                        {"families", list},
                        {"auto_weight", 15.0},
                        {"review_weight", 8.0}}
      .dump();
}

}  // namespace tandem::testing
