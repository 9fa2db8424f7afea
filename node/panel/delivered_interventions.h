// Interventions and civil orders an agency delivered, recorded at that agency's own node
// (journal kind "delivered-intervention"), each about one of its own records: the export kind
// and reference of the record, the catalogue intervention, its category, start, end and
// completion, and for a civil order when it was made and when it expires. These stay at the
// node; they flow back to the coordinator only through an outcome-request (outcome_route.h),
// which gives the ISA's fields and nothing else. Free functions over a Store (not thread-safe:
// callers serialise, endpoints::SharedStore).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/panel/catalogue.h"
#include "core/result.h"
#include "node/store/store.h"

namespace tandem::node::panel {

inline constexpr std::string_view kDeliveredJournalKind = "delivered-intervention";

struct DeliveredIntervention {
  std::int64_t id = 0;  // the journal entry's id; set by RecordDelivered and when read back
  std::string export_kind;
  std::string ref;              // this node's own record; never leaves the node
  std::string intervention_id;  // catalogue id ("dvpo")
  std::string category;         // "disruptive", "rehabilitative", "both" (from the catalogue)
  core::Date started_on = core::Date::FromDaysSinceEpoch(0);
  std::optional<core::Date> ended_on;
  bool completed = false;
  // Civil orders only (catalogue kind civil-order): the order's name, made and expiry dates.
  std::string civil_order;
  std::optional<core::Date> order_made_on;
  std::optional<core::Date> order_expires_on;
};

// Checks `item` against the store and `catalogue`, fills its category (and, for a civil order,
// civil_order with the catalogue name), journals it and returns it with its id.
// kInvalidArgument naming the field: an intervention not in the catalogue, a category that is
// not the catalogue's, an end before the start, completed without an end, order dates on an
// intervention that is not a civil order, a civil order without the date it was made, an expiry
// before it was made. kNotFound when the store holds no person record (export_kind, ref).
Result<DeliveredIntervention> RecordDelivered(store::Store& store,
                                              const core::panel::InterventionCatalogue& catalogue,
                                              DeliveredIntervention item,
                                              std::string_view recorded_at);

// Every intervention recorded about record (export_kind, ref), oldest first. kCorruption for
// a damaged entry.
Result<std::vector<DeliveredIntervention>> DeliveredFor(store::Store& store,
                                                        std::string_view export_kind,
                                                        std::string_view ref);

}  // namespace tandem::node::panel
