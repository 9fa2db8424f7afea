#include "core/panel/harm.h"

#include "core/panel/months.h"

namespace tandem::core::panel {

Result<WindowHarm> HarmInWindow(std::span<const Occurrence> occurrences, const Date& from,
                                const Date& to, const OffenceTable& offences,
                                double domestic_abuse_weight) {
  if (!(domestic_abuse_weight >= 1.0 && domestic_abuse_weight <= 10.0)) {
    return Fail(Code::kInvalidArgument, "domestic abuse weight must be between 1 and 10");
  }
  WindowHarm harm;
  for (const Occurrence& o : occurrences) {
    Result<const Offence*> offence = OffenceOf(o, offences);
    if (!offence) return tl::unexpected(offence.error());
    if (!IsAccused(o) || !InWindow(o.committed_on, from, to)) continue;
    ++harm.occurrences;
    harm.cchi_days += (*offence)->cchi_days;
    harm.adjusted += (*offence)->cchi_days * (o.domestic_abuse ? domestic_abuse_weight : 1.0);
    if (IsHighHarm(**offence, o.domestic_abuse)) {
      harm.high_harm = true;
      harm.high_harm_ids.push_back(o.id);
    }
  }
  return harm;
}

Result<std::vector<MonthHarm>> HarmByMonth(std::span<const Occurrence> occurrences,
                                           const Date& first, const Date& last,
                                           const OffenceTable& offences) {
  if (last < first) {
    return Fail(Code::kInvalidArgument,
                "harm history ends " + last.ToIso() + " before it starts " + first.ToIso());
  }
  const int start = first.year() * 12 + first.month() - 1;
  const int end = last.year() * 12 + last.month() - 1;
  if (end - start >= 240) {
    return Fail(Code::kInvalidArgument, "harm history longer than 240 months");
  }
  std::vector<MonthHarm> months;
  for (int i = start; i <= end; ++i) months.push_back({i / 12, i % 12 + 1, 0, 0});
  for (const Occurrence& o : occurrences) {
    Result<const Offence*> offence = OffenceOf(o, offences);
    if (!offence) return tl::unexpected(offence.error());
    const int index = o.committed_on.year() * 12 + o.committed_on.month() - 1;
    if (!IsAccused(o) || index < start || index > end) continue;
    MonthHarm& month = months[static_cast<std::size_t>(index - start)];
    month.cchi_days += (*offence)->cchi_days;
    ++month.occurrences;
  }
  return months;
}

}  // namespace tandem::core::panel
