#include "node/panel/render_json.h"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "node/panel/panel_json.h"

namespace tandem::node::panel {
namespace {

using core::panel::CasePack;
using nlohmann::json;

json Month(const core::panel::MonthHarm& m) {
  std::array<char, 8> text{};
  (void)std::snprintf(text.data(), text.size(), "%04d-%02d", m.year, m.month);
  return {{"month", text.data()}, {"cchi_days", m.cchi_days}, {"occurrences", m.occurrences}};
}

}  // namespace

std::string RenderCasePackJson(const CasePack& pack) {
  json contributions = json::array();
  for (const auto& c : pack.contributions) {
    json fields = json::array();
    for (const auto& f : c.fields) {
      fields.push_back({{"name", f.name},
                        {"value", f.value},
                        {"provenance",
                         {{"node", f.provenance.node},
                          {"record_date", f.provenance.record_date.ToIso()},
                          {"isa_clause", f.provenance.isa_clause}}}});
    }
    contributions.push_back({{"node", c.node},
                             {"agency", std::string(core::AgencyName(c.agency))},
                             {"status", std::string(core::panel::ContributionStatusName(c.status))},
                             {"match_band", c.match_band},
                             {"note", c.note},
                             {"fields", fields}});
  }
  json missing = json::array();
  for (const auto& m : pack.missing) {
    missing.push_back({{"node", m.node},
                       {"agency", std::string(core::AgencyName(m.agency))},
                       {"status", std::string(core::panel::ContributionStatusName(m.status))},
                       {"why", m.why}});
  }
  json harm = json::array();
  for (const auto& m : pack.harm_by_month) harm.push_back(Month(m));
  const auto& t = pack.triage;
  json doc = {
      {"pack_id", pack.pack_id},
      {"subject_ref", pack.subject_ref},
      {"case_id", pack.case_id},
      {"meeting_id", pack.meeting_id},
      {"prepared_on", pack.prepared_on.ToIso()},
      {"complete", pack.complete},
      {"referral",
       {{"referral_id", pack.referral.referral_id},
        {"pathway", pack.referral.pathway},
        {"source", pack.referral.source},
        {"reason", pack.referral.reason},
        {"referrer", pack.referral.referrer},
        {"referred_on", pack.referral.referred_on.ToIso()}}},
      {"triage",
       {{"total", t.total},
        {"recency", t.recency},
        {"frequency", t.frequency},
        {"gravity", t.gravity},
        {"victims", t.victims},
        {"threshold", t.threshold},
        {"serial", t.serial},
        {"put_forward", t.put_forward},
        {"explanation", t.explanation}}},
      {"harm_by_month", harm},
      {"known_victims_count", pack.known_victims},
      {"children_at_risk_count", pack.children_at_risk},
      {"contributions", contributions},
      {"missing", missing},
  };
  if (pack.erasure) doc["erasure"] = ErasureToJson(*pack.erasure);
  return doc.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace tandem::node::panel
