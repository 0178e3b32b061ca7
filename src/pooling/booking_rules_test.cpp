#include "booking_rules.h"

#include <gtest/gtest.h>

namespace coopole::pooling {
namespace {

LocalDateTime L(int y, int mo, int d, int h, int mi) { return LocalDateTime{Date{y, mo, d}, h * 60 + mi}; }

const TimeZone& Paris() { return *TimeZone::Load("Europe/Paris"); }

Slot SlotOf(LocalDateTime start, LocalDateTime end) { return ToSlot(start, end, Paris()).value(); }

Resource Room() {
  Resource r;
  r.kind = ResourceKind::kPremises;
  r.name = "Salle Belledonne";
  r.capacity = 12;
  r.opening = *ParseOpeningHours("lun-ven 08:00-12:00,14:00-19:00");
  r.pricing = {PriceUnit::kHour, Money{1500}, Money{2500}, Money{800}};
  return r;
}

// Monday 23 November 2026, 10:00 in Paris.
const Timestamp kNow = *TimeZone::Load("Europe/Paris")->ToUtc(LocalDateTime{Date{2026, 11, 23}, 600});

TEST(OpeningHours, ParsesFrenchAndEnglishAndFormatsGroupedDays) {
  auto hours = ParseOpeningHours("lun-ven 08:00-12:00, 14:00-18:00; Samedi 09:00-12:00");
  ASSERT_TRUE(hours);
  EXPECT_EQ(hours->days[0], (std::vector<std::pair<int, int>>{{480, 720}, {840, 1080}}));
  EXPECT_EQ(hours->days[5], (std::vector<std::pair<int, int>>{{540, 720}}));
  EXPECT_TRUE(hours->days[6].empty());
  EXPECT_EQ(FormatOpeningHours(*hours), "mon-fri 08:00-12:00,14:00-18:00; sat 09:00-12:00");
  EXPECT_EQ(DisplayOpeningHours(*hours, "fr"), "lun-ven 08:00-12:00,14:00-18:00; sam 09:00-12:00");
  EXPECT_EQ(ParseOpeningHours(FormatOpeningHours(*hours))->days, hours->days);
  EXPECT_TRUE(ParseOpeningHours("")->Unrestricted());
  EXPECT_EQ(ParseOpeningHours("sun 00:00-24:00")->days[6], (std::vector<std::pair<int, int>>{{0, 1440}}));
}

TEST(OpeningHours, RejectsMalformedOverlappingOrRepeatedDays) {
  EXPECT_FALSE(ParseOpeningHours("lun 12:00-08:00"));
  EXPECT_FALSE(ParseOpeningHours("lun 08:00-12:00,11:00-13:00"));
  EXPECT_FALSE(ParseOpeningHours("lun 08:00-12:00; lun-mar 14:00-15:00"));
  EXPECT_FALSE(ParseOpeningHours("funday 08:00-12:00"));
  EXPECT_FALSE(ParseOpeningHours("ven-lun 08:00-12:00"));
  EXPECT_FALSE(ParseOpeningHours("lun 8h-12h"));
}

TEST(ApplyResourceInput, ValidatesEveryField) {
  Resource r;
  auto errors = ApplyResourceInput({.kind = "castle", .category = "vehicle", .name = "  ", .capacity = "-3",
                                    .opening_hours = "lun 25:00-26:00", .min_minutes = "120", .max_minutes = "60",
                                    .approval_required = "peut-être", .price_unit = "hour", .price_member = "12,345"},
                                   r);
  EXPECT_EQ(errors.at("kind"), "validation.choice");
  EXPECT_EQ(errors.at("name"), "validation.required");
  EXPECT_EQ(errors.at("capacity"), "validation.integer");
  EXPECT_EQ(errors.at("opening_hours"), "validation.opening_hours");
  EXPECT_EQ(errors.at("max_minutes"), "validation.max_below_min");
  EXPECT_EQ(errors.at("approval_required"), "validation.boolean");
  EXPECT_EQ(errors.at("price_member"), "validation.amount");
}

TEST(ApplyResourceInput, CategoryMustBelongToTheKind) {
  Resource r;
  auto errors = ApplyResourceInput({.kind = "premises", .category = "vehicle", .name = "Salle"}, r);
  EXPECT_EQ(errors.at("category"), "validation.choice");
  errors = ApplyResourceInput({.kind = "equipment", .category = "vehicle", .name = "Camion"}, r);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(r.kind, ResourceKind::kEquipment);
}

TEST(ApplyResourceInput, PricedUnitNeedsAPriceAndTiersDefaultToMemberPrice) {
  Resource r;
  auto errors = ApplyResourceInput({.kind = "premises", .name = "Salle", .price_unit = "day"}, r);
  EXPECT_EQ(errors.at("price_member"), "validation.price_missing");
  errors = ApplyResourceInput({.price_member = "60", .price_non_member = "", .price_solidarity = "30,50"}, r);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(r.pricing.PriceFor(PriceTier::kNonMember), Money{6000});
  EXPECT_EQ(r.pricing.PriceFor(PriceTier::kSolidarity), Money{3050});
}

TEST(ToSlot, RejectsSkippedLocalTimesAndInvertedSlots) {
  EXPECT_EQ(ToSlot(L(2026, 3, 29, 2, 30), L(2026, 3, 29, 4, 0), Paris()).error().fields.at("starts_at"),
            "validation.nonexistent_time");
  EXPECT_EQ(ToSlot(L(2026, 12, 1, 10, 0), L(2026, 12, 1, 9, 0), Paris()).error().fields.at("ends_at"),
            "validation.end_before_start");
}

TEST(ToSlot, NightsOfClockChangesLastTheirRealLength) {
  EXPECT_EQ(SlotOf(L(2026, 3, 29, 1, 0), L(2026, 3, 29, 4, 0)).Minutes(), 120);
  EXPECT_EQ(SlotOf(L(2026, 10, 25, 1, 0), L(2026, 10, 25, 4, 0)).Minutes(), 240);
}

TEST(CheckSlot, AcceptsASlotInsideOpeningHours) {
  EXPECT_TRUE(CheckSlot(Room(), SlotOf(L(2026, 11, 24, 9, 0), L(2026, 11, 24, 12, 0)), {.now = kNow}).empty());
}

TEST(CheckSlot, RejectsThePast) {
  EXPECT_EQ(CheckSlot(Room(), SlotOf(L(2026, 11, 23, 8, 0), L(2026, 11, 23, 9, 0)), {.now = kNow}).at("starts_at"),
            "validation.in_the_past");
}

TEST(CheckSlot, RejectsOutsideOpeningHours) {
  auto room = Room();
  // Across the lunch break, on a Saturday, and over midnight.
  EXPECT_EQ(CheckSlot(room, SlotOf(L(2026, 11, 24, 11, 0), L(2026, 11, 24, 15, 0)), {.now = kNow}).at("starts_at"),
            "validation.outside_opening_hours");
  EXPECT_EQ(CheckSlot(room, SlotOf(L(2026, 11, 28, 9, 0), L(2026, 11, 28, 10, 0)), {.now = kNow}).at("starts_at"),
            "validation.outside_opening_hours");
  room.opening = *ParseOpeningHours("mon-sun 00:00-24:00");
  EXPECT_TRUE(CheckSlot(room, SlotOf(L(2026, 11, 24, 20, 0), L(2026, 11, 25, 0, 0)), {.now = kNow}).empty());
  EXPECT_EQ(CheckSlot(room, SlotOf(L(2026, 11, 24, 20, 0), L(2026, 11, 25, 1, 0)), {.now = kNow}).at("starts_at"),
            "validation.outside_opening_hours");
}

TEST(CheckSlot, RejectsTooLongTooShortAndShortNotice) {
  auto room = Room();
  room.opening = {};
  room.rules.max_minutes = 240;
  room.rules.min_minutes = 60;
  room.rules.notice_minutes = 48 * 60;
  EXPECT_EQ(CheckSlot(room, SlotOf(L(2026, 11, 30, 8, 0), L(2026, 11, 30, 13, 0)), {.now = kNow}).at("ends_at"),
            "validation.booking_too_long");
  EXPECT_EQ(CheckSlot(room, SlotOf(L(2026, 11, 30, 8, 0), L(2026, 11, 30, 8, 30)), {.now = kNow}).at("ends_at"),
            "validation.booking_too_short");
  EXPECT_EQ(CheckSlot(room, SlotOf(L(2026, 11, 24, 9, 0), L(2026, 11, 24, 10, 0)), {.now = kNow}).at("starts_at"),
            "validation.notice");
  room.rules.max_minutes = 0;
  EXPECT_EQ(CheckSlot(room, SlotOf(L(2026, 12, 1, 8, 0), L(2027, 1, 5, 8, 0)), {.now = kNow}).at("ends_at"),
            "validation.booking_too_long");
}

TEST(CheckSlot, RejectsOverCapacityMissingPrerequisiteAndUnbookableKinds) {
  auto slot = SlotOf(L(2026, 11, 24, 9, 0), L(2026, 11, 24, 10, 0));
  EXPECT_EQ(CheckSlot(Room(), slot, {.now = kNow, .attendees = 13}).at("attendees"), "validation.over_capacity");
  EXPECT_EQ(CheckSlot(Room(), slot, {.now = kNow, .qualified = false}).at("resource_id"), "validation.prerequisite");
  auto skill = Room();
  skill.kind = ResourceKind::kSkill;
  EXPECT_EQ(CheckSlot(skill, slot, {.now = kNow}).at("resource_id"), "validation.not_bookable");
  auto archived = Room();
  archived.archived_at = kNow;
  EXPECT_EQ(CheckSlot(archived, slot, {.now = kNow}).at("resource_id"), "validation.not_bookable");
}

TEST(PriceOf, HourlyProRataOfRealMinutesAcrossClockChanges) {
  Pricing hourly{PriceUnit::kHour, Money{1500}, Money{2500}, Money{800}};
  EXPECT_EQ(PriceOf(hourly, PriceTier::kMember, SlotOf(L(2026, 11, 24, 9, 0), L(2026, 11, 24, 10, 30))), Money{2250});
  EXPECT_EQ(PriceOf(hourly, PriceTier::kNonMember, SlotOf(L(2026, 11, 24, 9, 0), L(2026, 11, 24, 10, 0))),
            Money{2500});
  EXPECT_EQ(PriceOf(hourly, PriceTier::kSolidarity, SlotOf(L(2026, 11, 24, 9, 0), L(2026, 11, 24, 9, 20))),
            Money{267});  // 800 * 20 / 60 = 266.67, rounded half up
  EXPECT_EQ(PriceOf(hourly, PriceTier::kMember, SlotOf(L(2026, 3, 29, 1, 0), L(2026, 3, 29, 4, 0))), Money{3000});
  EXPECT_EQ(PriceOf(hourly, PriceTier::kMember, SlotOf(L(2026, 10, 25, 1, 0), L(2026, 10, 25, 4, 0))), Money{6000});
}

TEST(PriceOf, HalfDaysDaysUnitsAndFree) {
  Pricing half{PriceUnit::kHalfDay, Money{4000}, std::nullopt, std::nullopt};
  EXPECT_EQ(PriceOf(half, PriceTier::kMember, SlotOf(L(2026, 11, 24, 8, 0), L(2026, 11, 24, 12, 0))), Money{4000});
  EXPECT_EQ(PriceOf(half, PriceTier::kMember, SlotOf(L(2026, 11, 24, 8, 0), L(2026, 11, 24, 12, 1))), Money{8000});
  Pricing daily{PriceUnit::kDay, Money{6000}, std::nullopt, std::nullopt};
  EXPECT_EQ(PriceOf(daily, PriceTier::kMember, SlotOf(L(2026, 11, 24, 8, 0), L(2026, 11, 24, 18, 0))), Money{6000});
  EXPECT_EQ(PriceOf(daily, PriceTier::kMember, SlotOf(L(2026, 11, 24, 8, 0), L(2026, 11, 26, 0, 0))), Money{12000});
  EXPECT_EQ(PriceOf(daily, PriceTier::kMember, SlotOf(L(2026, 11, 24, 18, 0), L(2026, 11, 25, 9, 0))), Money{12000});
  Pricing unit{PriceUnit::kUnit, Money{500}, std::nullopt, std::nullopt};
  EXPECT_EQ(PriceOf(unit, PriceTier::kNonMember, SlotOf(L(2026, 11, 24, 8, 0), L(2026, 11, 26, 0, 0))), Money{500});
  Pricing free{PriceUnit::kFree, Money{999}, std::nullopt, std::nullopt};
  EXPECT_EQ(PriceOf(free, PriceTier::kMember, SlotOf(L(2026, 11, 24, 8, 0), L(2026, 11, 24, 9, 0))), Money{0});
}

TEST(ExpandRecurrence, WeeklyKeepsLocalTimesAcrossTheOctoberChange) {
  auto occurrences = ExpandRecurrence(L(2026, 10, 13, 9, 0), L(2026, 10, 13, 11, 0), Frequency::kWeekly,
                                      Date{2026, 11, 3})
                         .value();
  ASSERT_EQ(occurrences.size(), 4u);
  EXPECT_EQ(occurrences[3].first, L(2026, 11, 3, 9, 0));
  // Same wall time, different UTC offset after 25 October.
  EXPECT_EQ(SlotOf(occurrences[0].first, occurrences[0].second).starts_at.unix_seconds % 86400, 7 * 3600);
  EXPECT_EQ(SlotOf(occurrences[3].first, occurrences[3].second).starts_at.unix_seconds % 86400, 8 * 3600);
}

TEST(ExpandRecurrence, MonthlyClampsToTheMonthEnd) {
  auto occurrences = ExpandRecurrence(L(2027, 1, 31, 9, 0), L(2027, 1, 31, 10, 0), Frequency::kMonthly,
                                      Date{2027, 4, 30})
                         .value();
  ASSERT_EQ(occurrences.size(), 4u);
  EXPECT_EQ(occurrences[1].first.date, (Date{2027, 2, 28}));
  EXPECT_EQ(occurrences[2].first.date, (Date{2027, 3, 31}));
  EXPECT_EQ(occurrences[3].first.date, (Date{2027, 4, 30}));
}

TEST(ExpandRecurrence, RefusesMoreThan500OccurrencesAndAnEndBeforeTheStart) {
  auto ok = ExpandRecurrence(L(2027, 1, 4, 9, 0), L(2027, 1, 4, 10, 0), Frequency::kWeekly,
                             AddDays(Date{2027, 1, 4}, 499 * 7));
  EXPECT_EQ(ok.value().size(), 500u);
  auto too_many = ExpandRecurrence(L(2027, 1, 4, 9, 0), L(2027, 1, 4, 10, 0), Frequency::kWeekly,
                                   AddDays(Date{2027, 1, 4}, 500 * 7));
  EXPECT_EQ(too_many.error().fields.at("recurrence_until"), "validation.too_many_occurrences");
  auto inverted = ExpandRecurrence(L(2027, 1, 4, 9, 0), L(2027, 1, 4, 10, 0), Frequency::kWeekly, Date{2027, 1, 1});
  EXPECT_EQ(inverted.error().fields.at("recurrence_until"), "validation.date_order");
  EXPECT_EQ(ExpandRecurrence(L(2027, 1, 4, 9, 0), L(2027, 1, 4, 10, 0), Frequency::kNone, Date{}).value().size(), 1u);
}

}  // namespace
}  // namespace coopole::pooling
