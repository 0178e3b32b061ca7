// Totals on both databases, checked against figures computed by hand: every breakdown,
// valuation by rate, compensation, pending time apart, the FTE share, a member's scope, and
// the CSV export.
//
// The hub: default 25 €/h, volunteers 12 €/h, the Scop declares 40 €/h, Bruno volunteers;
// the insertion structure carries the hub with 1 FTE.
// 2026: Amina meeting 10/03 120 min (group 7), training 12/03 90 min, preparation 11/03
// 90 min validated = 300 min x 25 € = 125,00 €; Bruno meeting 10/03 120 min (group 7) x 12 €
// = 24,00 €; Chloé festival 02/04 200 min x 40 € = 133,33 € (133,333 rounded). Hub: 620 min,
// 282,33 €. Not counted: Chloé's pending 45 min, Bruno's refused 2 h, 2025, the other hub.
#include "time_export.h"
#include "time_test_fixture.h"

namespace coopole::animation {
namespace {

class TimeTotalsTest : public TimeServiceTest {
 protected:
  void SetUp() override {
    TimeServiceTest::SetUp();
    ASSERT_TRUE(service_
                    ->SaveSettings(actor_, coordinator_,
                                   {.default_hourly = "25", .volunteer_hourly = "12", .staff_fte = "1",
                                    .carrier_member_id = std::to_string(insertion_.value)})
                    .ok());
    ASSERT_TRUE(service_->SetMemberRate(actor_, coordinator_, scop_, "40").ok());
    ASSERT_TRUE(service_->SetPersonRate(actor_, coordinator_, bruno_, true, "").ok());
    AddGroup(7, coordinator_, "Énergie");
    Attend(1, coordinator_, amina_, insertion_, "2026-03-10", "meeting", 120, 7);
    Attend(2, coordinator_, amina_, insertion_, "2026-03-12", "training", 90);
    Attend(3, coordinator_, bruno_, insertion_, "2026-03-10", "meeting", 120, 7);
    Attend(4, coordinator_, chloe_, scop_, "2026-04-02", "festival", 200);
    Attend(5, coordinator_, amina_, insertion_, "2025-12-31", "meeting", 60);
    Attend(6, other_hub_, denis_, nordiste_, "2026-03-10", "meeting", 600);
    Validated(amina_, "2026-03-11", "1,5");
    ASSERT_TRUE(service_->CreateEntry(actor_, coordinator_, Entry(chloe_, "2026-04-03", "0:45", "travel")).ok());
    auto refused = service_->CreateEntry(actor_, coordinator_, Entry(bruno_, "2026-04-05", "2", "other"));
    ASSERT_TRUE(refused.ok());
    ASSERT_TRUE(service_->Decide(actor_, coordinator_, refused->id, false, "hors périmètre").ok());
  }

  TimeTotals Totals(const std::string& by, const HubContext& hub, std::optional<int> month = std::nullopt) {
    auto totals = service_->Totals(actor_, hub, {.year = 2026, .month = month, .by = by});
    EXPECT_TRUE(totals.ok()) << (totals.ok() ? "" : totals.error().message);
    return *totals;
  }

  static const TotalsLine& Line(const TimeTotals& t, const std::string& key) {
    for (const auto& l : t.lines)
      if (l.key == key) return l;
    throw std::runtime_error("no line " + key);
  }
};

TEST_P(TimeTotalsTest, PerPersonValuesEachAtItsRateAndTheHubTotalSumsThem) {
  auto t = Totals("person", coordinator_);
  ASSERT_EQ(t.lines.size(), 3u);
  EXPECT_EQ(Line(t, std::to_string(amina_.value)).minutes, 300);
  EXPECT_EQ(Line(t, std::to_string(amina_.value)).value.cents, 12500);
  EXPECT_EQ(Line(t, std::to_string(bruno_.value)).value.cents, 2400);
  EXPECT_EQ(Line(t, std::to_string(chloe_.value)).value.cents, 13333);
  EXPECT_EQ(Line(t, std::to_string(chloe_.value)).label, "Chloé Vidal (Scop Énergie Partagée)");
  EXPECT_EQ(t.hub_total.minutes, 620);
  EXPECT_EQ(t.hub_total.value.cents, 28233);
  EXPECT_EQ(t.pending_count, 1);
  EXPECT_EQ(t.pending_minutes, 45);
}

TEST_P(TimeTotalsTest, PerOrganisationKindMonthAndGroup) {
  auto members = Totals("member", coordinator_);
  EXPECT_EQ(Line(members, std::to_string(insertion_.value)).minutes, 420);
  EXPECT_EQ(Line(members, std::to_string(insertion_.value)).value.cents, 14900);
  EXPECT_EQ(Line(members, std::to_string(scop_.value)).value.cents, 13333);
  auto kinds = Totals("kind", coordinator_);
  ASSERT_EQ(kinds.lines.size(), 4u);
  EXPECT_EQ(kinds.lines[0].key, "meeting");  // event kinds first, in their order
  EXPECT_EQ(Line(kinds, "meeting").minutes, 240);
  EXPECT_EQ(Line(kinds, "meeting").value.cents, 7400);
  EXPECT_EQ(Line(kinds, "training").value.cents, 3750);
  EXPECT_EQ(Line(kinds, "preparation").value.cents, 3750);
  EXPECT_EQ(kinds.lines.back().key, "preparation");
  auto months = Totals("month", coordinator_);
  ASSERT_EQ(months.lines.size(), 2u);
  EXPECT_EQ(months.lines[0].key, "03");
  EXPECT_EQ(months.lines[0].value.cents, 14900);
  EXPECT_EQ(months.lines[1].minutes, 200);
  auto groups = Totals("group", coordinator_);
  ASSERT_EQ(groups.lines.size(), 2u);
  EXPECT_EQ(groups.lines[0].label, "Énergie");
  EXPECT_EQ(groups.lines[0].value.cents, 7400);
  EXPECT_EQ(groups.lines[1].key, "");  // outside any group, last
  EXPECT_EQ(groups.lines[1].value.cents, 20833);
  auto april = Totals("person", coordinator_, 4);
  EXPECT_EQ(april.hub_total.minutes, 200);
}

TEST_P(TimeTotalsTest, AFteShareIsComputedFromTheCarriersPeople) {
  auto t = Totals("person", coordinator_);
  EXPECT_EQ(t.fte.fte_spent_hundredths, 1);  // 620 min / 96,420 min
  EXPECT_EQ(t.fte.carrier_minutes, 420);
  ASSERT_TRUE(t.fte.share_bp.has_value());
  EXPECT_EQ(*t.fte.share_bp, 44);  // 420 / 96,420 = 0.4356 %
  // March alone (420 min, all the carrier's) against a month of FTE (8,035 min): 5.23 %.
  auto march = Totals("person", coordinator_, 3);
  EXPECT_EQ(march.fte.carrier_minutes, 420);
  EXPECT_EQ(march.fte.fte_spent_hundredths, 5);  // 420 / 8,035 = 0.052 FTE
  ASSERT_TRUE(march.fte.share_bp.has_value());
  EXPECT_EQ(*march.fte.share_bp, 523);
}

TEST_P(TimeTotalsTest, CompensatingAPersonsMonthShowsInTheCompensatedPart) {
  CompensateInput in{.person_id = std::to_string(amina_.value), .month = "2026-03"};
  auto done = service_->Compensate(actor_, coordinator_, in);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->attendance, 2);
  EXPECT_EQ(done->entries, 1);
  auto t = Totals("person", coordinator_);
  EXPECT_EQ(Line(t, std::to_string(amina_.value)).compensated_minutes, 300);
  EXPECT_EQ(Line(t, std::to_string(amina_.value)).compensated_value.cents, 12500);
  EXPECT_EQ(t.hub_total.compensated_value.cents, 12500);
  EXPECT_EQ(service_->Compensate(actor_, MemberRole(insertion_), in).error().code, ErrorCode::kPermissionDenied);
  auto bad = service_->Compensate(actor_, coordinator_, {.person_id = std::to_string(amina_.value), .month = "2026-13"});
  EXPECT_EQ(bad.error().fields.at("month"), "animation.time.error.month");
}

TEST_P(TimeTotalsTest, AMemberSeesItsOwnLinesAndTheHubTotal) {
  auto t = Totals("person", MemberRole(scop_));
  EXPECT_TRUE(t.own_only);
  ASSERT_EQ(t.lines.size(), 1u);
  EXPECT_EQ(t.lines[0].key, std::to_string(chloe_.value));
  EXPECT_EQ(t.scope_total.value.cents, 13333);
  EXPECT_EQ(t.hub_total.value.cents, 28233);
  auto kinds = Totals("kind", MemberRole(scop_));
  ASSERT_EQ(kinds.lines.size(), 1u);
  EXPECT_EQ(kinds.lines[0].key, "festival");
  EXPECT_EQ(Totals("person", other_hub_).hub_total.minutes, 600);  // the other hub sees its own only
}

TEST_P(TimeTotalsTest, EveryBreakdownAddsUpExactlyToTheTotalValue) {
  // Chloé (Scop, 40 €/h): 1 min = 66,67 c in three more kinds and months. Valued line by line
  // that would give 133,33 + 3 x 0,67 = 135,34 €; her 203 min are worth 135,33 €.
  Attend(10, coordinator_, chloe_, scop_, "2026-05-04", "meeting", 1);
  Attend(11, coordinator_, chloe_, scop_, "2026-06-05", "training", 1);
  Attend(12, coordinator_, chloe_, scop_, "2026-07-06", "learning_visit", 1);
  ASSERT_TRUE(service_->Compensate(actor_, coordinator_, {.person_id = std::to_string(chloe_.value), .month = "2026-05"})
                  .ok());
  ASSERT_TRUE(service_->Compensate(actor_, coordinator_, {.person_id = std::to_string(chloe_.value), .month = "2026-06"})
                  .ok());
  for (const char* by : {"person", "member", "group", "kind", "month"}) {
    for (const auto& hub : {coordinator_, MemberRole(scop_)}) {
      auto t = Totals(by, hub);
      std::int64_t value = 0, compensated = 0, minutes = 0;
      for (const auto& l : t.lines) {
        value += l.value.cents;
        compensated += l.compensated_value.cents;
        minutes += l.minutes;
      }
      EXPECT_EQ(value, t.scope_total.value.cents) << by;
      EXPECT_EQ(compensated, t.scope_total.compensated_value.cents) << by;
      EXPECT_EQ(minutes, t.scope_total.minutes) << by;
    }
  }
  auto t = Totals("member", coordinator_);
  EXPECT_EQ(Line(t, std::to_string(scop_.value)).value.cents, 13533);
  EXPECT_EQ(Line(t, std::to_string(scop_.value)).compensated_value.cents, 133);  // 2 min = 133,33 c
  EXPECT_EQ(t.hub_total.value.cents, 28433);
}

TEST_P(TimeTotalsTest, BadQueriesAre422) {
  EXPECT_EQ(service_->Totals(actor_, coordinator_, {.year = 1900}).error().fields.count("year"), 1u);
  EXPECT_EQ(service_->Totals(actor_, coordinator_, {.year = 2026, .month = 13}).error().fields.count("month"), 1u);
  EXPECT_EQ(service_->Totals(actor_, coordinator_, {.year = 2026, .by = "weather"}).error().fields.count("by"), 1u);
}

TEST_P(TimeTotalsTest, TheCsvHasOneRowPerLineAndATotalInFrenchFormat) {
  auto t = Totals("kind", coordinator_);
  auto csv = time_export::TotalsCsv(t, [](const std::string& key) { return key.substr(key.rfind('.') + 1); });
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("kind;hours;value;compensated_hours;compensated_value;unvalued_hours\r\n"), std::string::npos)
      << csv;
  EXPECT_NE(csv.find("meeting;4,00;74,00;0,00;0,00;0,00\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("festival;3,33;133,33;"), std::string::npos) << csv;
  EXPECT_NE(csv.find("total;10,33;282,33;"), std::string::npos) << csv;
  auto xlsx = time_export::TotalsXlsx(t, [](const std::string& key) { return key; });
  EXPECT_EQ(xlsx.substr(0, 2), "PK");
}

TEST_P(TimeTotalsTest, ExportedNamesThatLookLikeFormulasAreDefused) {
  AddGroup(8, coordinator_, "=HYPERLINK(\"http://evil.example\";\"x\")");
  AddGroup(9, coordinator_, "@SUM(A1:A9)");
  Attend(20, coordinator_, chloe_, scop_, "2026-05-04", "meeting", 60, 8);
  Attend(21, coordinator_, chloe_, scop_, "2026-05-05", "meeting", 60, 9);
  auto t = Totals("group", coordinator_);
  auto csv = time_export::TotalsCsv(t, [](const std::string& key) { return key.substr(key.rfind('.') + 1); });
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\")\";"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n'@SUM(A1:A9);"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("\r\n=HYPERLINK"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("\r\n\"=HYPERLINK"), std::string::npos) << csv;
}

INSTANTIATE_TEST_SUITE_P(Backends, TimeTotalsTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::animation
