#include "node/panel/occurrence_reader.h"

#include <nlohmann/json.hpp>

#include "node/panel/panel_json.h"

namespace tandem::node::panel {
namespace {

using core::panel::Occurrence;

Error Corrupt(const store::StoredRecord& record, std::string_view what) {
  return Error{Code::kCorruption,
               "stored occurrence " + record.ref + ": " + std::string(what) + " is not valid"};
}

}  // namespace

Result<Occurrence> OccurrenceFromRecord(const store::StoredRecord& record) {
  const auto fields = nlohmann::json::parse(record.fields, nullptr, false);
  if (!fields.is_object()) return tl::unexpected(Corrupt(record, "the fields"));
  const auto text = [&](const char* name) -> std::string {
    const auto it = fields.find(name);
    return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  Occurrence o;
  o.id = text("occurrence_id");
  if (o.id.empty()) o.id = record.ref;
  o.offence_code = text("offence_code");
  if (o.offence_code.empty()) return tl::unexpected(Corrupt(record, "offence_code"));
  const auto role = core::panel::ParseRole(text("role"));
  if (!role) return tl::unexpected(Corrupt(record, "role"));
  o.role = *role;
  const auto outcome = core::panel::ParseOutcome(text("outcome"));
  if (!outcome) return tl::unexpected(Corrupt(record, "outcome"));
  o.outcome = *outcome;
  auto reported = ParseJsonDate(text("reported_on"));
  if (!reported) return tl::unexpected(Corrupt(record, "reported_on"));
  o.reported_on = *reported;
  // The export may leave the committed date empty (not known); the report date is then the
  // nearest known date of the offence, which it never precedes.
  const std::string committed_text = text("committed_on");
  auto committed = committed_text.empty() ? reported : ParseJsonDate(committed_text);
  if (!committed) return tl::unexpected(Corrupt(record, "committed_on"));
  o.committed_on = *committed;
  const std::string domestic = text("domestic_abuse");
  if (domestic != "Y" && domestic != "N") return tl::unexpected(Corrupt(record, "domestic_abuse"));
  o.domestic_abuse = domestic == "Y";
  o.victim_ref = text("victim_ref");
  return o;
}

Result<std::vector<Occurrence>> ReadOccurrencesOf(store::Store& store,
                                                  std::string_view nominal_ref) {
  std::vector<Occurrence> out;
  auto read = store.ForEachRecord(kOccurrencesExport, [&](const store::StoredRecord& record) {
    if (record.person_ref != nominal_ref) return Ok();
    auto occurrence = OccurrenceFromRecord(record);
    if (!occurrence) return Status(tl::unexpected(occurrence.error()));
    out.push_back(std::move(*occurrence));
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return out;
}

Result<std::map<std::string, std::vector<Occurrence>>> ReadAllOccurrences(store::Store& store) {
  std::map<std::string, std::vector<Occurrence>> out;
  auto read = store.ForEachRecord(kOccurrencesExport, [&](const store::StoredRecord& record) {
    auto occurrence = OccurrenceFromRecord(record);
    if (!occurrence) return Status(tl::unexpected(occurrence.error()));
    out[record.person_ref].push_back(std::move(*occurrence));
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return out;
}

}  // namespace tandem::node::panel
