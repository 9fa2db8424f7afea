#include "node/panel/delivered_interventions.h"

#include <gtest/gtest.h>

#include <functional>

#include "tests/node/panel/store_fixture.h"

namespace tandem::node::panel {
namespace {

using core::Date;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

constexpr char kAt[] = "2026-11-02T09:00:00Z";

DeliveredIntervention Programme() {
  DeliveredIntervention item;
  item.export_kind = "probation_cases";
  item.ref = "X000001";
  item.intervention_id = "behaviour-change-programme";
  item.started_on = D(2026, 3, 1);
  item.ended_on = D(2026, 6, 1);
  item.completed = true;
  return item;
}

class DeliveredInterventionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.AddPerson("probation_cases", "X000001");
    store_.AddPerson("probation_cases", "X000002");
  }
  testing::PanelStore store_;
  core::panel::InterventionCatalogue catalogue_ = core::panel::InterventionCatalogue::Default();
};

TEST_F(DeliveredInterventionsTest, ARecordedInterventionIsReadBackForItsRecordOnly) {
  auto recorded = RecordDelivered(*store_, catalogue_, Programme(), kAt);
  ASSERT_TRUE(recorded) << recorded.error().message;
  EXPECT_GT(recorded->id, 0);
  EXPECT_EQ(recorded->category, "rehabilitative");
  EXPECT_TRUE(recorded->civil_order.empty());
  DeliveredIntervention other = Programme();
  other.ref = "X000002";
  other.intervention_id = "unannounced-visits";
  other.completed = false;
  other.ended_on.reset();
  ASSERT_TRUE(RecordDelivered(*store_, catalogue_, other, kAt));

  auto first = DeliveredFor(*store_, "probation_cases", "X000001");
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].intervention_id, "behaviour-change-programme");
  EXPECT_EQ((*first)[0].started_on, D(2026, 3, 1));
  EXPECT_EQ((*first)[0].ended_on, D(2026, 6, 1));
  EXPECT_TRUE((*first)[0].completed);
  auto second = DeliveredFor(*store_, "probation_cases", "X000002");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->size(), 1u);
  EXPECT_FALSE((*second)[0].ended_on.has_value());
}

TEST_F(DeliveredInterventionsTest, ACivilOrderKeepsItsOrderDatesAndName) {
  DeliveredIntervention order = Programme();
  order.intervention_id = "dvpo";
  order.completed = false;
  order.ended_on.reset();
  order.order_made_on = D(2026, 3, 2);
  order.order_expires_on = D(2026, 3, 30);
  auto recorded = RecordDelivered(*store_, catalogue_, order, kAt);
  ASSERT_TRUE(recorded) << recorded.error().message;
  EXPECT_EQ(recorded->civil_order, "Domestic Violence Protection Order");
  auto read = DeliveredFor(*store_, "probation_cases", "X000001");
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].order_made_on, D(2026, 3, 2));
  EXPECT_EQ((*read)[0].order_expires_on, D(2026, 3, 30));
  EXPECT_EQ((*read)[0].category, "disruptive");
}

TEST_F(DeliveredInterventionsTest, RefusesWhatTheCatalogueAndTheDatesDoNotAllowNamingTheField) {
  struct Case {
    const char* why;
    std::function<void(DeliveredIntervention&)> change;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"unknown intervention", [](auto& i) { i.intervention_id = "hypnosis"; }, "intervention"},
      {"wrong category", [](auto& i) { i.category = "disruptive"; }, "category"},
      {"end before start", [](auto& i) { i.ended_on = D(2026, 2, 1); }, "ended_on"},
      {"completed without end", [](auto& i) { i.ended_on.reset(); }, "completed"},
      {"order dates on a measure", [](auto& i) { i.order_made_on = D(2026, 3, 1); },
       "order_made_on"},
      {"civil order without date",
       [](auto& i) {
         i.intervention_id = "dvpo";
         i.completed = false;
       },
       "order_made_on"},
  };
  for (const Case& c : cases) {
    DeliveredIntervention item = Programme();
    c.change(item);
    auto refused = RecordDelivered(*store_, catalogue_, item, kAt);
    ASSERT_FALSE(refused) << c.why;
    EXPECT_EQ(refused.error().code, Code::kInvalidArgument) << c.why;
    EXPECT_EQ(refused.error().message.rfind(c.field, 0), 0u)
        << c.why << ": " << refused.error().message;
  }
  auto read = DeliveredFor(*store_, "probation_cases", "X000001");
  ASSERT_TRUE(read);
  EXPECT_TRUE(read->empty());
}

TEST_F(DeliveredInterventionsTest, AnInterventionAboutARecordThisNodeDoesNotHoldIsNotFound) {
  DeliveredIntervention item = Programme();
  item.ref = "X999999";
  auto refused = RecordDelivered(*store_, catalogue_, item, kAt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kNotFound);
  EXPECT_EQ(refused.error().message.find("X999999"), std::string::npos);
}

}  // namespace
}  // namespace tandem::node::panel
