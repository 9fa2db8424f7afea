// The names of the match key types in the order of agency-adapters' key table (core's tests
// cannot link the adapters, whose MatchKeyTableTest checks the same list).
#pragma once

#include <string>
#include <vector>

namespace tandem::core::matching {

inline const std::vector<std::string> kKeyNames = {"pnc_id",
                                                   "nhs_number",
                                                   "ni_number",
                                                   "name_dob",
                                                   "phonetic_dob",
                                                   "swapped_name_dob",
                                                   "name_dm_free_dob",
                                                   "name_yob_district",
                                                   "forename_dob_district",
                                                   "initials_dob_sex_district",
                                                   "initials_dob",
                                                   "name_birth_period"};

}  // namespace tandem::core::matching
