#include "node/eval/partner_rows.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

namespace tandem::node::eval {
namespace {

using nlohmann::json;

// A partner as the evaluation-request endpoint answers: per item, the pseudonym it was given
// and the interventions it delivered to the person behind its handle.
struct Partner {
  std::map<std::string, std::string> intervention_of_handle;
  std::vector<json> requests;

  Result<std::string> Answer(const std::string&, const std::string& body) {
    const json request = json::parse(body);
    requests.push_back(request);
    json rows = json::array();
    std::size_t unresolved = 0;
    for (const json& item : request["items"]) {
      const auto found = intervention_of_handle.find(item["handle"]);
      if (found == intervention_of_handle.end()) {
        ++unresolved;
        continue;
      }
      rows.push_back({{"evaluation_pseudonym", item["pseudonym"]},
                      {"interventions",
                       {{{"intervention", found->second},
                         {"started_month", "2024-03"},
                         {"ended_month", "2024-09"},
                         {"completed", true}}}}});
    }
    return json{
        {"evaluation_id", request["evaluation_id"]}, {"rows", rows}, {"unresolved", unresolved}}
        .dump();
  }
};

TEST(PartnerRowsTest, SendsHandlesWithFreshPseudonymsAndKeysRowsByThem) {
  EvaluationPseudonyms pseudonyms;
  Partner partner{{{"aa", "behaviour-change-programme"}, {"bb", "dvpo"}}, {}};
  const std::vector<std::string> cohort = {"N1", "N2", "N3"};
  const auto handles = [](const std::string& subject) -> std::vector<PartnerHandle> {
    if (subject == "N1") return {{"probation", "aa"}};
    if (subject == "N2") return {{"probation", "bb"}};
    if (subject == "N3") return {{"probation", "cc"}};  // expired at the partner
    return {};
  };
  auto rows = GatherPartnerRows(
      "eval-1", cohort, handles, pseudonyms,
      [&](const std::string& node, const std::string& body) { return partner.Answer(node, body); });
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(partner.requests.size(), 1u);
  const json& request = partner.requests[0];
  EXPECT_EQ(request["evaluation_id"], "eval-1");
  ASSERT_EQ(request["items"].size(), 3u);
  for (const json& item : request["items"]) {
    EXPECT_EQ(item.size(), 2u);  // handle and pseudonym, nothing else
    EXPECT_EQ(item["pseudonym"].get<std::string>().size(), 32u);
  }
  EXPECT_EQ(request.dump().find("N1"), std::string::npos);  // no subject key leaves
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[0].pseudonym, pseudonyms.For("N1"));
  EXPECT_EQ(rows->rows[0].intervention, "behaviour-change-programme");
  EXPECT_EQ(rows->rows[0].node, "probation");
  EXPECT_EQ(rows->rows[1].pseudonym, pseudonyms.For("N2"));
  ASSERT_EQ(rows->partners.size(), 1u);
  EXPECT_EQ(rows->partners[0].asked, 3u);
  EXPECT_EQ(rows->partners[0].unresolved, 1u);
  EXPECT_TRUE(rows->partners[0].error.empty());
}

TEST(PartnerRowsTest, DropsAPartnerThatNamesAPseudonymItWasNotSent) {
  EvaluationPseudonyms pseudonyms;
  const std::vector<std::string> cohort = {"N1"};
  auto rows = GatherPartnerRows(
      "eval-2", cohort,
      [](const std::string&) {
        return std::vector<PartnerHandle>{{"nhs", "aa"}};
      },
      pseudonyms,
      [](const std::string&, const std::string&) -> Result<std::string> {
        return json{
            {"rows",
             {{{"evaluation_pseudonym", std::string(32, 'f')}, {"interventions", json::array()}}}}}
            .dump();
      });
  ASSERT_TRUE(rows.has_value());
  EXPECT_TRUE(rows->rows.empty());
  ASSERT_EQ(rows->partners.size(), 1u);
  EXPECT_NE(rows->partners[0].error.find("not sent"), std::string::npos);
}

TEST(PartnerRowsTest, ReportsAPartnerThatCannotBeReached) {
  EvaluationPseudonyms pseudonyms;
  const std::vector<std::string> cohort = {"N1"};
  auto rows = GatherPartnerRows(
      "eval-3", cohort,
      [](const std::string&) {
        return std::vector<PartnerHandle>{{"housing", "aa"}};
      },
      pseudonyms,
      [](const std::string&, const std::string&) -> Result<std::string> {
        return Fail(Code::kUnavailable, "peer 'housing' did not answer");
      });
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->partners.size(), 1u);
  EXPECT_EQ(rows->partners[0].error, "peer 'housing' did not answer");
}

}  // namespace
}  // namespace tandem::node::eval
