#include "node/panel/render_html.h"

#include <array>
#include <utility>

#include "core/panel/agenda.h"

namespace tandem::node::panel {
namespace {

using core::panel::CasePack;

constexpr std::array<std::pair<char, std::string_view>, 5> kEntities = {{
    {'&', "&amp;"},
    {'<', "&lt;"},
    {'>', "&gt;"},
    {'"', "&quot;"},
    {'\'', "&#39;"},
}};

constexpr std::string_view kStyle =
    "body{font-family:sans-serif;font-size:11pt;margin:2em;color:#111}"
    "h1{font-size:16pt}h2{font-size:13pt;border-bottom:1px solid #999;margin-top:1.5em}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:3px 6px;"
    "text-align:left;vertical-align:top}.incomplete{color:#a00;font-weight:bold}"
    "@media print{body{margin:0}h2{page-break-after:avoid}}";

class Html {
 public:
  void Raw(std::string_view s) { out_ += s; }
  void Text(std::string_view s) { out_ += EscapeHtml(s); }
  void Element(std::string_view tag, std::string_view text) {
    out_ += "<" + std::string(tag) + ">" + EscapeHtml(text) + "</" + std::string(tag) + ">";
  }
  void Row(std::initializer_list<std::string_view> cells, std::string_view tag = "td") {
    Raw("<tr>");
    for (std::string_view cell : cells) Element(tag, cell);
    Raw("</tr>\n");
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    std::string_view replacement;
    for (const auto& [ch, entity] : kEntities) {
      if (ch == c) replacement = entity;
    }
    if (replacement.empty()) {
      out += c;
    } else {
      out += replacement;
    }
  }
  return out;
}

std::string RenderCasePackHtml(const CasePack& pack) {
  Html h;
  h.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
  h.Raw(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">");
  h.Raw("<title>");
  h.Text("Case pack " + pack.pack_id);
  h.Raw("</title><style>");
  h.Raw(kStyle);
  h.Raw("</style></head><body>\n");
  h.Element("h1", "Case pack " + pack.pack_id + " - subject " + pack.subject_ref);
  h.Raw("<p>");
  h.Text("Case " + pack.case_id + ", meeting " + pack.meeting_id + ", prepared " +
         pack.prepared_on.ToIso() + ". OFFICIAL-SENSITIVE: for the panel only.");
  h.Raw("</p>\n");
  if (!pack.complete) {
    h.Raw("<p class=\"incomplete\">");
    h.Text("INCOMPLETE: an agency could not be reached; see What is missing.");
    h.Raw("</p>\n");
  }

  h.Element("h2", "Referral");
  h.Raw("<table>\n");
  h.Row({"Referral", pack.referral.referral_id});
  h.Row({"Pathway", pack.referral.pathway});
  h.Row({"Source", pack.referral.source});
  h.Row({"Referrer", pack.referral.referrer});
  h.Row({"Date", pack.referral.referred_on.ToIso()});
  h.Row({"Reason", pack.referral.reason});
  h.Raw("</table>\n");

  h.Element("h2", "Triage");
  const auto& t = pack.triage;
  h.Raw("<table>\n");
  h.Row(
      {"RFGV total", std::to_string(t.total) + " (threshold " + std::to_string(t.threshold) + ")"});
  h.Row({"Recency / frequency / gravity / victims",
         std::to_string(t.recency) + " / " + std::to_string(t.frequency) + " / " +
             std::to_string(t.gravity) + " / " + std::to_string(t.victims)});
  h.Row({"Serial", t.serial ? "yes" : "no"});
  h.Row({"Put forward", t.put_forward ? "yes" : "no"});
  h.Raw("</table>\n<ul>\n");
  for (const std::string& line : t.explanation) {
    h.Element("li", line);
    h.Raw("\n");
  }
  h.Raw("</ul>\n");

  h.Element("h2", "Harm history (CCHI days by month)");
  h.Raw("<table>\n");
  h.Row({"Month", "CCHI days", "Incidents"}, "th");
  for (const auto& m : pack.harm_by_month) {
    std::string month =
        std::to_string(m.year) + "-" + (m.month < 10 ? "0" : "") + std::to_string(m.month);
    h.Row({month, std::to_string(m.cchi_days), std::to_string(m.occurrences)});
  }
  h.Raw("</table>\n");

  h.Element("h2", "Victims and children");
  h.Raw("<table>\n");
  h.Row({"Known victims (count)", std::to_string(pack.known_victims)});
  h.Row({"Children at risk (count)", std::to_string(pack.children_at_risk)});
  h.Raw("</table>\n");

  h.Element("h2", "Agency contributions");
  if (pack.erasure) {
    const core::panel::ContributionErasure& e = *pack.erasure;
    const std::string why = e.request.empty()
                                ? "the ISA keeps what is received for " + e.purpose + " " +
                                      std::to_string(e.retention_days) + " days"
                                : "the subject's record was erased on request " + e.request;
    h.Element("p", "The values the agencies gave were erased on " + e.erased_on.ToIso() + ": " +
                       why + ". Who gave which field, and under which clause, stays.");
  }
  for (const auto& c : pack.contributions) {
    h.Element("h3", std::string(core::AgencyName(c.agency)) + " (" + c.node +
                        "): " + std::string(core::panel::ContributionStatusName(c.status)) +
                        (c.match_band.empty() ? "" : ", match " + c.match_band));
    if (c.fields.empty()) continue;
    h.Raw("<table>\n");
    h.Row({"Field", "Value", "Node", "Record date", "ISA clause"}, "th");
    for (const auto& f : c.fields) {
      h.Row({f.name, pack.erasure ? "(erased)" : f.value, f.provenance.node,
             f.provenance.record_date.ToIso(), f.provenance.isa_clause});
    }
    h.Raw("</table>\n");
  }

  h.Element("h2", "What is missing");
  if (pack.missing.empty()) {
    h.Element("p", "Nothing: every agency answered.");
  } else {
    h.Raw("<ul>\n");
    for (const auto& m : pack.missing) {
      h.Element("li", std::string(core::AgencyName(m.agency)) + " (" + m.node + "): " + m.why);
      h.Raw("\n");
    }
    h.Raw("</ul>\n");
  }
  h.Raw("</body></html>\n");
  return h.Take();
}

}  // namespace tandem::node::panel
