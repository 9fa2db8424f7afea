// The evaluator's routes (node/runtime/eval_api.h) over a real ISA policy and an empty panel.
#include "node/runtime/eval_api.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "node/isa/isa_policy.h"
#include "protocol/isa.h"
#include "tests/node/temp_dir.h"

namespace tandem::node::runtime {
namespace {

const protocol::Seconds kNoon = *protocol::ParseTimestamp("2026-06-01T12:00:00Z");

// The evaluator does not own the police data: an error from reading the occurrences names the
// record for the coordinator, but reaches the evaluator by its code only.
TEST(EvalApiTest, AnUnreadableOccurrenceReachesTheEvaluatorWithoutItsReference) {
  auto isa = protocol::ParseIsa(
      testing::ReadWholeFile(std::string(TANDEM_SOURCE_DIR) + "/tests/vectors/isa/isa.json"));
  ASSERT_TRUE(isa) << isa.error().message;
  auto policy = isa::IsaPolicy::Create(*isa, "police");
  ASSERT_TRUE(policy) << policy.error().message;
  exchange::CurrentPolicy current(std::shared_ptr<const isa::IsaPolicy>(std::move(*policy)));
  auto book = core::panel::PanelBook::Create({});
  ASSERT_TRUE(book) << book.error().message;

  EvalApiContext context;
  context.self = "police";
  context.policy = &current;
  context.clock = [] { return kNoon; };
  context.panel = [&book](const auto& read) { return read(*book, {}); };
  context.occurrences =
      []() -> Result<std::map<std::string, std::vector<core::panel::Occurrence>>> {
    return Fail(Code::kCorruption, "stored occurrence OC20231187: committed_on is not valid");
  };
  EvalApi api(std::move(context));

  for (const LocalRoute& route : api.Routes()) {
    const net::HttpResponse response =
        route.handler(net::HttpRequest{"POST", route.path, {}, "{}", ""}, nullptr);
    EXPECT_EQ(response.status, 500) << route.path;
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << route.path << ": " << response.body;
    EXPECT_EQ(body["error"]["code"], "corruption") << route.path;
    EXPECT_EQ(body["error"]["message"], "the police occurrences could not be read") << route.path;
    EXPECT_EQ(response.body.find("OC20231187"), std::string::npos) << route.path;
  }
}

}  // namespace
}  // namespace tandem::node::runtime
