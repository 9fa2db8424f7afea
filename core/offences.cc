#include "core/offences.h"

#include <algorithm>
#include <utility>

namespace tandem::core {
namespace {

bool IsCodeByte(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '/' || c == '.' ||
         c == '-';
}

}  // namespace

Status CheckOffence(const Offence& offence) {
  if (offence.code.empty()) return Fail(Code::kInvalidArgument, "the offence code is empty");
  if (offence.code.size() > kMaxOffenceCodeBytes ||
      !std::all_of(offence.code.begin(), offence.code.end(), IsCodeByte)) {
    return Fail(Code::kInvalidArgument, "an offence code is 1-" +
                                            std::to_string(kMaxOffenceCodeBytes) +
                                            " characters of A-Z, 0-9, '_', '/', '.' and '-'");
  }
  if (offence.cchi_days < 0 || offence.cchi_days > kMaxCchiDays) {
    return Fail(Code::kInvalidArgument,
                offence.code + ": CCHI days must be 0-" + std::to_string(kMaxCchiDays));
  }
  if (offence.high_harm && offence.high_harm_when_domestic) {
    return Fail(Code::kInvalidArgument,
                offence.code + " is high harm both always and only when domestic; choose one");
  }
  return Ok();
}

OffenceTable::OffenceTable(std::vector<Offence> offences) : offences_(std::move(offences)) {
  by_code_.resize(offences_.size());
  for (std::size_t i = 0; i < by_code_.size(); ++i) by_code_[i] = i;
  std::sort(by_code_.begin(), by_code_.end(),
            [this](std::size_t a, std::size_t b) { return offences_[a].code < offences_[b].code; });
}

Result<OffenceTable> OffenceTable::Create(std::vector<Offence> offences) {
  if (offences.empty()) return Fail(Code::kInvalidArgument, "the offence table has no offences");
  if (offences.size() > kMaxOffences) {
    return Fail(Code::kInvalidArgument,
                "the offence table has more than " + std::to_string(kMaxOffences) + " offences");
  }
  for (std::size_t i = 0; i < offences.size(); ++i) {
    if (Status s = CheckOffence(offences[i]); !s) {
      return Fail(Code::kInvalidArgument,
                  "offence " + std::to_string(i + 1) + ": " + s.error().message);
    }
  }
  OffenceTable table(std::move(offences));
  for (std::size_t i = 1; i < table.by_code_.size(); ++i) {
    const Offence& a = table.offences_[table.by_code_[i - 1]];
    const Offence& b = table.offences_[table.by_code_[i]];
    if (a.code == b.code) {
      const std::size_t first = std::min(table.by_code_[i - 1], table.by_code_[i]);
      const std::size_t again = std::max(table.by_code_[i - 1], table.by_code_[i]);
      return Fail(Code::kInvalidArgument, "offence " + std::to_string(again + 1) + " (" + b.code +
                                              ") repeats the code of offence " +
                                              std::to_string(first + 1));
    }
  }
  return table;
}

const OffenceTable& OffenceTable::Approximate() {
  // Approximate CCHI weights for synthetic data (docs/domain.md, docs/synthetic-data.md), not
  // the published Cambridge table.
  static const OffenceTable table(std::vector<Offence>{
      {"MURDER", 5475, true, false},
      {"ATTEMPTED_MURDER", 3650, true, false},
      {"RAPE", 2555, true, false},
      {"GBH_WITH_INTENT", 1825, true, false},
      {"SEXUAL_ASSAULT", 365, true, false},
      {"GBH", 365, true, false},
      {"NON_FATAL_STRANGULATION", 365, true, false},
      {"ROBBERY", 365, false, false},
      {"DRUG_SUPPLY", 365, false, false},
      {"BURGLARY_DWELLING", 273, false, false},
      {"WEAPON_POSSESSION", 273, false, false},
      {"ABH", 182, true, false},
      {"CONTROLLING_COERCIVE", 182, true, false},
      {"THREATS_TO_KILL", 182, true, false},
      {"ARSON", 185, false, false},
      {"CHILD_CRUELTY", 365, true, false},
      {"STALKING", 60, true, false},
      {"BREACH_PROTECTIVE_ORDER", 60, true, false},
      {"HARASSMENT", 10, true, false},
      {"COMMON_ASSAULT", 10, false, true},
      {"MALICIOUS_COMMS", 10, false, false},
      {"PUBLIC_ORDER", 7, false, false},
      {"DRUG_POSSESSION", 3, false, false},
      {"CRIMINAL_DAMAGE", 2, false, false},
      {"THEFT_OTHER", 2, false, false},
      {"THEFT_SHOP", 1, false, false},
  });
  return table;
}

const Offence* OffenceTable::Find(std::string_view code) const {
  const auto at = std::lower_bound(
      by_code_.begin(), by_code_.end(), code,
      [this](std::size_t index, std::string_view c) { return offences_[index].code < c; });
  if (at == by_code_.end() || offences_[*at].code != code) return nullptr;
  return &offences_[*at];
}

bool IsHighHarm(const Offence& offence, bool domestic_abuse) {
  return offence.high_harm || (domestic_abuse && offence.high_harm_when_domestic);
}

}  // namespace tandem::core
