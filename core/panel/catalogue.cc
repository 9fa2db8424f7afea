#include "core/panel/catalogue.h"

#include <algorithm>
#include <array>

#include "core/check.h"

namespace tandem::core::panel {
namespace {

using C = InterventionCategory;
using K = InterventionKind;

struct Row {
  std::string_view id;
  std::string_view name;
  C category;
  K kind;
};

// docs/domain.md, "Interventions", in its order.
constexpr std::array<Row, 52> kDefault = {{
    {"police-flags", "Add or check police system flags and warnings", C::kDisruptive, K::kMeasure},
    {"pnc-print", "PNC print", C::kDisruptive, K::kMeasure},
    {"pnc-marker", "PNC marker", C::kDisruptive, K::kMeasure},
    {"trigger-plan", "Trigger plan", C::kDisruptive, K::kMeasure},
    {"intelligence-reports", "Intelligence reports", C::kDisruptive, K::kMeasure},
    {"community-impact-statement", "Community impact statement", C::kDisruptive, K::kMeasure},
    {"store-banning-letter", "Store banning letter", C::kDisruptive, K::kMeasure},
    {"briefing-slide", "Briefing slide", C::kDisruptive, K::kMeasure},
    {"cbo", "Criminal Behaviour Order", C::kDisruptive, K::kCivilOrder},
    {"community-order", "Community order", C::kDisruptive, K::kMeasure},
    {"dvds", "Domestic Violence Disclosure Scheme (Clare's Law) referral or disclosure",
     C::kDisruptive, K::kDisclosure},
    {"message-switch", "Message switch service", C::kDisruptive, K::kMeasure},
    {"pnd-checks", "Police National Database checks", C::kDisruptive, K::kMeasure},
    {"notify-family", "Notify family", C::kDisruptive, K::kMeasure},
    {"liaise-other-force", "Liaise with other force", C::kDisruptive, K::kMeasure},
    {"dvpn", "Domestic Violence Protection Notice", C::kDisruptive, K::kCivilOrder},
    {"dvpo", "Domestic Violence Protection Order", C::kDisruptive, K::kCivilOrder},
    {"spo", "Stalking Protection Order", C::kDisruptive, K::kCivilOrder},
    {"shpo", "Sexual Harm Prevention Order", C::kDisruptive, K::kCivilOrder},
    {"electronic-monitoring", "Electronic monitoring / GPS tag", C::kDisruptive, K::kMeasure},
    {"cpn", "Community Protection Notice", C::kDisruptive, K::kCivilOrder},
    {"bail-check", "Bail check", C::kDisruptive, K::kMeasure},
    {"cbo-address-check", "CBO address check", C::kDisruptive, K::kMeasure},
    {"location-checks", "Location-of-interest checks", C::kDisruptive, K::kMeasure},
    {"vehicle-research", "Vehicle research", C::kDisruptive, K::kMeasure},
    {"photo-circulation", "Photo circulation", C::kDisruptive, K::kMeasure},
    {"intelligence-report-5x5", "Intelligence report (5x5)", C::kDisruptive, K::kMeasure},
    {"breach-of-order", "Breach of order", C::kDisruptive, K::kMeasure},
    {"neighbourhood-tasking", "Neighbourhood team tasking", C::kDisruptive, K::kMeasure},
    {"marac-referral", "MARAC referral", C::kDisruptive, K::kMeasure},
    {"act-marker", "ACT marker", C::kDisruptive, K::kMeasure},
    {"restraining-order", "Restraining order", C::kDisruptive, K::kCivilOrder},
    {"press-release", "Press release", C::kDisruptive, K::kMeasure},
    {"drugs-test", "Drugs test", C::kDisruptive, K::kMeasure},
    {"ete-help", "Help with education, training or employment", C::kRehabilitative, K::kMeasure},
    {"travel-warrant", "Travel warrant", C::kRehabilitative, K::kMeasure},
    {"accommodation-help", "Help with accommodation", C::kRehabilitative, K::kMeasure},
    {"property-enquiries", "Property enquiries", C::kRehabilitative, K::kMeasure},
    {"behaviour-change-programme", "Behaviour change programme (e.g. Up2U)", C::kRehabilitative,
     K::kMeasure},
    {"benefits-help", "Benefits help", C::kRehabilitative, K::kMeasure},
    {"contact-with-person", "Contact with the person", C::kBoth, K::kMeasure},
    {"professional-meeting-updates", "Updates from professional meetings", C::kBoth, K::kMeasure},
    {"living-arrangements", "Establish living arrangements", C::kBoth, K::kMeasure},
    {"childrens-services-contact", "Contact children's services", C::kBoth, K::kMeasure},
    {"address-checks", "Address checks", C::kBoth, K::kMeasure},
    {"iom-nomination", "Nominate to IOM", C::kBoth, K::kMeasure},
    {"seven-pathways", "Seven pathways discussed", C::kBoth, K::kMeasure},
    {"victim-engagement", "Engagement with victim", C::kBoth, K::kMeasure},
    {"unannounced-visits", "Unannounced visits", C::kBoth, K::kMeasure},
    {"liaison-other-services", "Liaison with other services", C::kBoth, K::kMeasure},
    {"substance-misuse-referral", "Substance misuse treatment referral", C::kBoth, K::kMeasure},
    {"mental-health-referral", "Mental health treatment referral", C::kBoth, K::kMeasure},
}};

bool IsSlug(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

std::string_view InterventionCategoryName(InterventionCategory category) {
  constexpr std::array<std::string_view, 3> kNames = {"disruptive", "rehabilitative", "both"};
  return kNames[static_cast<std::size_t>(category)];
}

std::string_view InterventionKindName(InterventionKind kind) {
  constexpr std::array<std::string_view, 3> kNames = {"measure", "civil-order", "disclosure"};
  return kNames[static_cast<std::size_t>(kind)];
}

InterventionCatalogue InterventionCatalogue::Default() {
  InterventionCatalogue catalogue;
  for (const Row& row : kDefault) {
    Status added =
        catalogue.Add({std::string(row.id), std::string(row.name), row.category, row.kind});
    TANDEM_CHECK(added.has_value());
  }
  return catalogue;
}

Status InterventionCatalogue::Add(Intervention intervention) {
  if (!IsSlug(intervention.id)) {
    return Fail(Code::kInvalidArgument,
                "intervention id '" + intervention.id +
                    "' must be lower-case letters, digits and '-', and not empty");
  }
  if (Find(intervention.id) != nullptr) {
    return Fail(Code::kInvalidArgument,
                "intervention '" + intervention.id + "' is already in the catalogue");
  }
  if (intervention.name.empty()) {
    return Fail(Code::kInvalidArgument, "intervention '" + intervention.id + "' has no name");
  }
  entries_.push_back(std::move(intervention));
  return Ok();
}

const Intervention* InterventionCatalogue::Find(std::string_view id) const {
  for (const Intervention& entry : entries_) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

}  // namespace tandem::core::panel
