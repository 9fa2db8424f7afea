#include "node/panel/delivered_interventions.h"

#include <array>
#include <nlohmann/json.hpp>

namespace tandem::node::panel {
namespace {

using nlohmann::json;

json OptionalDate(const std::optional<core::Date>& date) {
  return date ? json(date->ToIso()) : json(nullptr);
}

Result<std::optional<core::Date>> ReadOptionalDate(const json& doc, const char* name) {
  if (!doc.contains(name) || doc[name].is_null()) return std::optional<core::Date>();
  if (!doc[name].is_string()) return Fail(Code::kCorruption, std::string(name) + " is not a date");
  auto date = core::Date::FromIso(doc[name].get<std::string>());
  if (!date) return Fail(Code::kCorruption, std::string(name) + " is not a date");
  return std::optional<core::Date>(*date);
}

Result<DeliveredIntervention> ReadEntry(const store::JournalEntry& entry) {
  const json doc = json::parse(entry.body, nullptr, false);
  const auto damaged = [&](const std::string& why) {
    return Fail(Code::kCorruption,
                "delivered intervention, journal entry " + std::to_string(entry.id) + ": " + why);
  };
  if (!doc.is_object()) return damaged("not a JSON object");
  for (const char* name : {"export", "ref", "intervention", "category", "started_on"}) {
    if (!doc.contains(name) || !doc[name].is_string()) {
      return damaged(std::string("member '") + name + "' is missing");
    }
  }
  DeliveredIntervention item;
  item.id = entry.id;
  item.export_kind = doc["export"].get<std::string>();
  item.ref = doc["ref"].get<std::string>();
  item.intervention_id = doc["intervention"].get<std::string>();
  item.category = doc["category"].get<std::string>();
  auto started = core::Date::FromIso(doc["started_on"].get<std::string>());
  if (!started) return damaged("started_on is not a date");
  item.started_on = *started;
  item.completed = doc.value("completed", false);
  item.civil_order = doc.value("civil_order", "");
  for (const auto& [name, out] : std::array<std::pair<const char*, std::optional<core::Date>*>, 3>{
           {{"ended_on", &item.ended_on},
            {"order_made_on", &item.order_made_on},
            {"order_expires_on", &item.order_expires_on}}}) {
    auto date = ReadOptionalDate(doc, name);
    if (!date) return damaged(date.error().message);
    *out = *date;
  }
  return item;
}

}  // namespace

Result<DeliveredIntervention> RecordDelivered(store::Store& store,
                                              const core::panel::InterventionCatalogue& catalogue,
                                              DeliveredIntervention item,
                                              std::string_view recorded_at) {
  const core::panel::Intervention* entry = catalogue.Find(item.intervention_id);
  if (entry == nullptr) {
    return Fail(Code::kInvalidArgument,
                "intervention: '" + item.intervention_id + "' is not in the catalogue");
  }
  const std::string category(core::panel::InterventionCategoryName(entry->category));
  if (!item.category.empty() && item.category != category) {
    return Fail(Code::kInvalidArgument, "category: '" + item.intervention_id + "' is " + category +
                                            ", not '" + item.category + "'");
  }
  item.category = category;
  if (item.ended_on && *item.ended_on < item.started_on) {
    return Fail(Code::kInvalidArgument, "ended_on: before started_on");
  }
  if (item.completed && !item.ended_on) {
    return Fail(Code::kInvalidArgument, "completed: an intervention completed needs ended_on");
  }
  const bool civil = entry->kind == core::panel::InterventionKind::kCivilOrder;
  if (!civil) {
    if (item.order_made_on || item.order_expires_on) {
      return Fail(Code::kInvalidArgument, "order_made_on: '" + item.intervention_id +
                                              "' is not a civil order; leave the order dates out");
    }
    item.civil_order.clear();
  } else {
    if (!item.order_made_on) {
      return Fail(Code::kInvalidArgument,
                  "order_made_on: a civil order needs the date it was made");
    }
    if (item.order_expires_on && *item.order_expires_on < *item.order_made_on) {
      return Fail(Code::kInvalidArgument, "order_expires_on: before order_made_on");
    }
    item.civil_order = entry->name;
  }
  auto record = store.GetRecord(item.export_kind, item.ref);
  if (!record) return tl::unexpected(record.error());
  if (!*record || (*record)->identity.empty()) {
    return Fail(Code::kNotFound, "no person record with that export and reference");
  }
  json body = {{"export", item.export_kind},
               {"ref", item.ref},
               {"intervention", item.intervention_id},
               {"category", item.category},
               {"started_on", item.started_on.ToIso()},
               {"ended_on", OptionalDate(item.ended_on)},
               {"completed", item.completed}};
  if (civil) {
    body["civil_order"] = item.civil_order;
    body["order_made_on"] = OptionalDate(item.order_made_on);
    body["order_expires_on"] = OptionalDate(item.order_expires_on);
  }
  auto id = store.AppendJournal(kDeliveredJournalKind, recorded_at, body.dump());
  if (!id) return tl::unexpected(id.error());
  item.id = *id;
  return item;
}

Result<std::vector<DeliveredIntervention>> DeliveredFor(store::Store& store,
                                                        std::string_view export_kind,
                                                        std::string_view ref) {
  std::vector<DeliveredIntervention> items;
  const std::array<std::string_view, 1> kinds = {kDeliveredJournalKind};
  auto read = store.ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto item = ReadEntry(entry);
    if (!item) return tl::unexpected(item.error());
    if (item->export_kind == export_kind && item->ref == ref) items.push_back(std::move(*item));
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return items;
}

}  // namespace tandem::node::panel
