#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/panel/case_pack.h"
#include "node/panel/render_html.h"
#include "node/panel/render_json.h"

namespace tandem::node::panel {
namespace {

using core::AgencyKind;
using core::Date;
using namespace core::panel;

const std::string kHostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&amp;";

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

CasePack HostilePack() {
  CasePack pack;
  pack.pack_id = "P1";
  pack.subject_ref = "S-" + kHostile;
  pack.case_id = "C1";
  pack.meeting_id = "M1";
  pack.prepared_on = D(2026, 11, 1);
  pack.referral = {"R1",     "partner-agency",          "probation",
                   kHostile, "O'Brien \"the officer\"", D(2026, 10, 5)};
  pack.triage.total = 12;
  pack.triage.threshold = 10;
  pack.triage.explanation = {"recency: " + kHostile};
  pack.harm_by_month = {{2026, 9, 365, 1}, {2026, 10, 0, 0}};
  pack.known_victims = 2;
  pack.children_at_risk = 3;
  pack.contributions = {
      {"probation",
       AgencyKind::kProbation,
       ContributionStatus::kMatched,
       "definite",
       "",
       {{"rosh", kHostile, {"probation", D(2026, 9, 12), "4.2"}}}},
      {"housing", AgencyKind::kHousing, ContributionStatus::kUnavailable, "", kHostile, {}},
  };
  EXPECT_TRUE(FinalisePack(pack).has_value());
  return pack;
}

TEST(EscapeHtmlTest, ReplacesEveryCharacterThatCouldOpenMarkupOrCloseAnAttribute) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("plain text, 12 Kings Road"), "plain text, 12 Kings Road");
}

TEST(RenderHtmlTest, PrintsHostileStringsAsTextNeverAsMarkup) {
  const std::string html = RenderCasePackHtml(HostilePack());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("onerror=alert(1)>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&amp;amp;"), std::string::npos);
  EXPECT_NE(html.find("O&#39;Brien &quot;the officer&quot;"), std::string::npos);
  // Self-contained and printable: no external resource, the incompleteness stated.
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("src=\""), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_NE(html.find("INCOMPLETE"), std::string::npos);
  EXPECT_NE(html.find("Known victims (count)</td><td>2<"), std::string::npos);
  EXPECT_NE(html.find("4.2"), std::string::npos);  // the ISA clause of the field
}

TEST(RenderHtmlTest, AnErasedPackSaysWhenAndWhyAndShowsNoValue) {
  CasePack pack = HostilePack();
  pack.contributions[0].fields[0].value = "VERYHIGHROSH";
  EraseContributedValues(
      pack, {.erased_on = D(2028, 11, 2), .purpose = "hhpp-case-pack", .retention_days = 730});
  const std::string html = RenderCasePackHtml(pack);
  EXPECT_NE(html.find("erased on 2028-11-02"), std::string::npos);
  EXPECT_NE(html.find("hhpp-case-pack 730 days"), std::string::npos);
  EXPECT_NE(html.find("<td>rosh</td><td>(erased)</td><td>probation</td>"), std::string::npos)
      << html;
  EXPECT_EQ(html.find("VERYHIGHROSH"), std::string::npos);
}

TEST(RenderHtmlTest, APackErasedOnRequestNamesTheRequestAndShowsNoValue) {
  CasePack pack = HostilePack();
  pack.contributions[0].fields[0].value = "VERYHIGHROSH";
  EraseContributedValues(pack, {.erased_on = D(2026, 11, 24), .request = "DSR-2026-42"});
  const std::string html = RenderCasePackHtml(pack);
  EXPECT_NE(html.find("erased on 2026-11-24: the subject&#39;s record was erased on request "
                      "DSR-2026-42."),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("the ISA keeps"), std::string::npos);
  EXPECT_NE(html.find("<td>rosh</td><td>(erased)</td><td>probation</td>"), std::string::npos);
  EXPECT_EQ(html.find("VERYHIGHROSH"), std::string::npos);
}

TEST(RenderJsonTest, RoundTripsHostileStringsExactly) {
  const CasePack pack = HostilePack();
  const nlohmann::json doc = nlohmann::json::parse(RenderCasePackJson(pack));
  EXPECT_EQ(doc["subject_ref"], pack.subject_ref);
  EXPECT_EQ(doc["referral"]["reason"], kHostile);
  EXPECT_EQ(doc["contributions"][0]["fields"][0]["value"], kHostile);
  EXPECT_EQ(doc["contributions"][0]["fields"][0]["provenance"]["isa_clause"], "4.2");
  EXPECT_EQ(doc["contributions"][0]["fields"][0]["provenance"]["record_date"], "2026-09-12");
  EXPECT_EQ(doc["complete"], false);
  EXPECT_EQ(doc["missing"][0]["status"], "unavailable");
  EXPECT_EQ(doc["harm_by_month"][0]["month"], "2026-09");
}

// Every key in the document, with the path to it.
void CollectKeys(const nlohmann::json& j, const std::string& path,
                 std::vector<std::pair<std::string, const nlohmann::json*>>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      out.push_back({path + "/" + it.key(), &it.value()});
      CollectKeys(it.value(), path + "/" + it.key(), out);
    }
  } else if (j.is_array()) {
    for (const auto& item : j) CollectKeys(item, path + "[]", out);
  }
}

TEST(RenderJsonTest, CarriesVictimsAndChildrenAsCountsOnlyAndNoNameField) {
  const nlohmann::json doc = nlohmann::json::parse(RenderCasePackJson(HostilePack()));
  const std::set<std::string> top = {"pack_id",
                                     "subject_ref",
                                     "case_id",
                                     "meeting_id",
                                     "prepared_on",
                                     "complete",
                                     "referral",
                                     "triage",
                                     "harm_by_month",
                                     "known_victims_count",
                                     "children_at_risk_count",
                                     "contributions",
                                     "missing"};
  std::set<std::string> keys;
  for (auto it = doc.begin(); it != doc.end(); ++it) keys.insert(it.key());
  EXPECT_EQ(keys, top);
  std::vector<std::pair<std::string, const nlohmann::json*>> all;
  CollectKeys(doc, "", all);
  for (const auto& [path, value] : all) {
    const std::string key = path.substr(path.rfind('/') + 1);
    if (key.find("victim") != std::string::npos || key.find("child") != std::string::npos) {
      EXPECT_TRUE(value->is_number_integer()) << path << " is not a count";
    }
    // The only "name" is a field's name inside a contribution (e.g. "rosh").
    if (key.find("name") != std::string::npos) {
      EXPECT_EQ(path, "/contributions[]/fields[]/name");
    }
    EXPECT_EQ(key.find("dob"), std::string::npos) << path;
  }
  EXPECT_EQ(doc["known_victims_count"], 2);
  EXPECT_EQ(doc["children_at_risk_count"], 3);
  EXPECT_EQ(doc["triage"]["victims"], 0);  // RFGV points, an integer
}

TEST(RenderJsonTest, NeverThrowsOnTextThatIsNotUtf8) {
  CasePack pack = HostilePack();
  pack.referral.reason = std::string("bad \xff\xfe bytes");
  std::string json;
  EXPECT_NO_THROW(json = RenderCasePackJson(pack));
  const nlohmann::json doc = nlohmann::json::parse(json);
  EXPECT_EQ(doc["referral"]["reason"], "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
}

}  // namespace
}  // namespace tandem::node::panel
