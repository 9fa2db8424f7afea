// Hand-built police occurrences for the panel tests.
#pragma once

#include <string>

#include "core/date.h"
#include "core/panel/occurrence.h"

namespace tandem::core::panel::testing {

inline Date D(const std::string& iso) {
  return *Date::FromYmd(std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)),
                        std::stoi(iso.substr(8, 2)));
}

// An occurrence the person is accused of, reported the day it was committed.
inline Occurrence Occ(std::string id, std::string code, const std::string& committed,
                      bool domestic = true, std::string victim = "", Role role = Role::kSuspect,
                      Outcome outcome = Outcome::kUnderInvestigation) {
  Occurrence o;
  o.id = std::move(id);
  o.offence_code = std::move(code);
  o.committed_on = D(committed);
  o.reported_on = o.committed_on;
  o.domestic_abuse = domestic;
  o.victim_ref = std::move(victim);
  o.role = role;
  o.outcome = outcome;
  return o;
}

}  // namespace tandem::core::panel::testing
