#include "core/panel/rfgv.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include "core/panel/months.h"

namespace tandem::core::panel {
namespace {

constexpr std::array<std::pair<RfgvDimension, std::string_view>, 4> kDimensionNames = {{
    {RfgvDimension::kRecency, "recency"},
    {RfgvDimension::kFrequency, "frequency"},
    {RfgvDimension::kGravity, "gravity"},
    {RfgvDimension::kVictims, "victims"},
}};

int PointsFor(const std::vector<RfgvBand>& bands, int value) {
  for (const RfgvBand& band : bands) {
    if (band.low <= value && value <= band.high) return band.points;
  }
  return 0;
}

std::string BandText(const std::vector<RfgvBand>& bands, int value) {
  for (const RfgvBand& band : bands) {
    if (band.low <= value && value <= band.high) {
      return "band " + std::to_string(band.low) + "-" + std::to_string(band.high);
    }
  }
  return "no band";
}

Status ValidateBands(std::string_view name, std::vector<RfgvBand> bands) {
  std::sort(bands.begin(), bands.end(),
            [](const RfgvBand& a, const RfgvBand& b) { return a.low < b.low; });
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const RfgvBand& band = bands[i];
    const std::string where =
        std::string(name) + " band " + std::to_string(band.low) + "-" + std::to_string(band.high);
    if (band.low > band.high) {
      return Fail(Code::kInvalidArgument, where + ": low is above high");
    }
    if (band.points < 0) return Fail(Code::kInvalidArgument, where + ": points are negative");
    if (i > 0 && bands[i - 1].high >= band.low) {
      return Fail(Code::kInvalidArgument, where + ": overlaps the band below it");
    }
  }
  return Ok();
}

struct Counted {
  const Occurrence* occurrence;
  int cchi_days;
};

}  // namespace

std::string_view RfgvDimensionName(RfgvDimension dimension) {
  for (const auto& [d, name] : kDimensionNames) {
    if (d == dimension) return name;
  }
  return "unknown";
}

RfgvConfig DefaultRfgvConfig() {
  RfgvConfig config;
  config.window_months = 24;
  // Months since the last incident: within a quarter, a half year, a year, the window.
  config.recency = {{0, 2, 4}, {3, 5, 3}, {6, 11, 2}, {12, 23, 1}};
  // Incidents in the window: one, a repeat, a pattern, a prolific pattern.
  config.frequency = {{1, 1, 1}, {2, 3, 2}, {4, 6, 3}, {7, 100000, 4}};
  // Worst CCHI days, cut at the tiers of the offence table: below stalking (harassment,
  // common assault), stalking and breaches (60), ABH / coercive control / threats to kill
  // (182), GBH / strangulation / sexual assault and graver (365+).
  config.gravity = {{1, 59, 1}, {60, 181, 2}, {182, 364, 3}, {365, 1000000, 4}};
  // Distinct victims: one, serial (two, as domain.md defines serial), three or more.
  config.victims = {{1, 1, 1}, {2, 2, 3}, {3, 100000, 4}};
  config.threshold = 10;
  config.serial_victims = 2;
  config.serial_months = 36;
  return config;
}

Status ValidateRfgvConfig(const RfgvConfig& config) {
  if (config.window_months < 1 || config.window_months > 120) {
    return Fail(Code::kInvalidArgument, "RFGV window of " + std::to_string(config.window_months) +
                                            " months is outside 1-120");
  }
  if (config.serial_months < 1 || config.serial_months > 120) {
    return Fail(Code::kInvalidArgument, "RFGV serial period of " +
                                            std::to_string(config.serial_months) +
                                            " months is outside 1-120");
  }
  if (config.serial_victims < 2) {
    return Fail(Code::kInvalidArgument, "RFGV serial needs at least 2 victims");
  }
  if (config.threshold < 1) {
    return Fail(Code::kInvalidArgument, "RFGV threshold must be at least 1");
  }
  const std::array<std::pair<std::string_view, const std::vector<RfgvBand>*>, 4> tables = {{
      {"recency", &config.recency},
      {"frequency", &config.frequency},
      {"gravity", &config.gravity},
      {"victims", &config.victims},
  }};
  for (const auto& [name, bands] : tables) {
    if (Status s = ValidateBands(name, *bands); !s) return s;
  }
  return Ok();
}

Result<RfgvScore> ScoreRfgv(std::span<const Occurrence> occurrences, const Date& reference_date,
                            const RfgvConfig& config, const OffenceTable& offences) {
  if (Status s = ValidateRfgvConfig(config); !s) return tl::unexpected(s.error());
  const Date from = MonthsBefore(reference_date, config.window_months);
  const Date serial_from = MonthsBefore(reference_date, config.serial_months);

  std::vector<Counted> counted;
  std::set<std::string> serial_victims;
  for (const Occurrence& o : occurrences) {
    if (!o.domestic_abuse || !IsAccused(o)) continue;
    Result<const Offence*> offence = OffenceOf(o, offences);
    if (!offence) return tl::unexpected(offence.error());
    if (InWindow(o.committed_on, serial_from, reference_date) && !o.victim_ref.empty()) {
      serial_victims.insert(o.victim_ref);
    }
    if (!InWindow(o.committed_on, from, reference_date)) continue;
    counted.push_back({&o, (*offence)->cchi_days});
  }
  // Oldest first, so explanations list incidents in the order they happened.
  std::stable_sort(counted.begin(), counted.end(), [](const Counted& a, const Counted& b) {
    return a.occurrence->committed_on < b.occurrence->committed_on;
  });

  RfgvScore score;
  score.serial = static_cast<int>(serial_victims.size()) >= config.serial_victims;
  for (const Counted& c : counted) score.counted_occurrence_ids.push_back(c.occurrence->id);
  const std::string window_text =
      "in the " + std::to_string(config.window_months) + " months to " + reference_date.ToIso();
  if (counted.empty()) {
    for (const auto& [dimension, name] : kDimensionNames) {
      score.explanation.push_back(
          {dimension, 0, 0, {}, std::string(name) + ": no domestic abuse incident " + window_text});
    }
    return score;
  }

  auto line = [](RfgvDimension d, int value, int points, std::vector<std::string> ids,
                 const std::string& text) {
    return RfgvLine{d, value, points, std::move(ids),
                    std::string(RfgvDimensionName(d)) + ": " + text + " -> " +
                        std::to_string(points) + " point(s)"};
  };

  // Recency.
  const Counted& last = counted.back();
  const int months = WholeMonthsBetween(last.occurrence->committed_on, reference_date);
  score.recency = PointsFor(config.recency, months);
  score.explanation.push_back(
      line(RfgvDimension::kRecency, months, score.recency, {last.occurrence->id},
           "last incident " + last.occurrence->id + " on " + last.occurrence->committed_on.ToIso() +
               ", " + std::to_string(months) + " whole month(s) before " + reference_date.ToIso() +
               " (" + BandText(config.recency, months) + ")"));

  // Frequency.
  const int count = static_cast<int>(counted.size());
  score.frequency = PointsFor(config.frequency, count);
  score.explanation.push_back(line(RfgvDimension::kFrequency, count, score.frequency,
                                   score.counted_occurrence_ids,
                                   std::to_string(count) + " incident(s) " + window_text + " (" +
                                       BandText(config.frequency, count) + ")"));

  // Gravity: the first of the gravest incidents.
  const Counted* worst = &counted.front();
  for (const Counted& c : counted) {
    if (c.cchi_days > worst->cchi_days) worst = &c;
  }
  score.gravity = PointsFor(config.gravity, worst->cchi_days);
  score.explanation.push_back(
      line(RfgvDimension::kGravity, worst->cchi_days, score.gravity, {worst->occurrence->id},
           "gravest incident " + worst->occurrence->id + " " + worst->occurrence->offence_code +
               " (" + std::to_string(worst->cchi_days) + " CCHI days, " +
               BandText(config.gravity, worst->cchi_days) + ")"));

  // Victims: the first incident naming each distinct victim.
  std::map<std::string, std::string> first_by_victim;
  std::vector<std::string> victim_ids;
  int unnamed = 0;
  for (const Counted& c : counted) {
    if (c.occurrence->victim_ref.empty()) {
      ++unnamed;
      continue;
    }
    if (first_by_victim.emplace(c.occurrence->victim_ref, c.occurrence->id).second) {
      victim_ids.push_back(c.occurrence->id);
    }
  }
  const int victims = static_cast<int>(first_by_victim.size());
  score.victims = PointsFor(config.victims, victims);
  std::string victims_text = std::to_string(victims) + " distinct victim(s) " + window_text;
  if (!victim_ids.empty()) {
    victims_text += ", first named in";
    for (const std::string& id : victim_ids) victims_text += " " + id;
  }
  if (unnamed > 0) {
    victims_text += "; " + std::to_string(unnamed) + " incident(s) name no victim";
  }
  victims_text += " (" + BandText(config.victims, victims) + ")";
  if (score.serial) {
    victims_text += "; serial: " + std::to_string(serial_victims.size()) + " victims in " +
                    std::to_string(config.serial_months) + " months";
  }
  score.explanation.push_back(
      line(RfgvDimension::kVictims, victims, score.victims, victim_ids, victims_text));

  score.total = score.recency + score.frequency + score.gravity + score.victims;
  score.above_threshold = score.total >= config.threshold;
  return score;
}

}  // namespace tandem::core::panel
