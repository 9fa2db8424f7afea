#include "node/eval/emmie.h"

#include <array>

namespace tandem::node::eval {
namespace {

using nlohmann::json;
using std::string_view;

constexpr std::array<string_view, 2> kEffectSections = {"harm_change",
                                                        "reoffending_after_completion"};
constexpr std::array<string_view, 1> kEffectTables = {"reoffending"};
constexpr std::array<string_view, 1> kMechanismSections = {"interventions"};
constexpr std::array<string_view, 2> kMechanismTables = {"coverage-by-type",
                                                         "coverage-by-category"};
constexpr std::array<string_view, 1> kModeratorTables = {"harm-change-by-pathway"};
constexpr std::array<string_view, 4> kImplementationSections = {"referrals", "algorithm_validation",
                                                                "retention", "caseload"};
constexpr std::array<string_view, 2> kImplementationTables = {"referrals-by-pathway",
                                                              "decision-reasons"};
constexpr std::array<string_view, 4> kEconomicFigures = {
    "/parameters/value_per_cchi_day", "/harm_change/harm_before_cchi_days",
    "/harm_change/harm_after_cchi_days", "/harm_change/value_of_harm_reduction_gbp"};

constexpr std::array<EmmieHeading, 5> kHeadings = {{
    {"Effect",
     "Did offending and harm change after adoption, and by how much?",
     kEffectSections,
     {},
     kEffectTables,
     "There is no comparison group. A change from the year before adoption to the year after "
     "includes regression to the mean (people are adopted when their harm is at a peak) and "
     "whatever else changed in that time; the Wilcoxon test says the change is unlikely to be "
     "chance, not that the panel caused it. The later offending of people not taken forward "
     "(under Implementation) is the nearest comparison, and they differ from those adopted."},
    {"Mechanism",
     "Through what did the panel act: which disruptive and rehabilitative interventions, and "
     "civil measures, did the people adopted receive?",
     kMechanismSections,
     {},
     kMechanismTables,
     "Coverage shows what was delivered to whom, not which intervention changed behaviour. "
     "Interventions a partner did not record, or that a partner's node did not return, are "
     "missing."},
    {"Moderators",
     "For whom, and by which route into the panel, did harm change most?",
     {},
     {},
     kModeratorTables,
     "Only the referral pathway is broken down here, and with a small cohort most of its cells "
     "are suppressed. Age band and district are in the anonymised outcome set, for an "
     "evaluator to analyse under k-anonymity."},
    {"Implementation",
     "How was the panel run: where referrals came from, what was decided and why, how long "
     "decisions took, whether the ranking picks the people who go on to cause most harm, and "
     "how many cases each offender manager carries?",
     kImplementationSections,
     {},
     kImplementationTables,
     "Meeting attendance, and actions agencies completed outside Tandem, are not recorded."},
    {"Economic cost",
     "What is the change in harm worth?",
     {},
     kEconomicFigures,
     {},
     "The value of a CCHI day is a parameter (by default the cost of a prison place for a day), "
     "not a measured saving. The panel's own costs (staff time, interventions, orders) are not "
     "recorded in Tandem, so no cost-benefit ratio is given."},
}};

json Strings(std::span<const string_view> items) {
  json out = json::array();
  for (const string_view item : items) out.push_back(item);
  return out;
}

}  // namespace

std::span<const EmmieHeading> EmmieHeadings() { return kHeadings; }

json EmmieToJson() {
  json out = json::array();
  for (const EmmieHeading& h : kHeadings) {
    out.push_back({{"heading", h.heading},
                   {"question", h.question},
                   {"sections", Strings(h.sections)},
                   {"figures", Strings(h.figures)},
                   {"tables", Strings(h.tables)},
                   {"limits", h.limits}});
  }
  return out;
}

}  // namespace tandem::node::eval
