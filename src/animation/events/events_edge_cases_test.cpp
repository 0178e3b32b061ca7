// Edge cases found in review, on both databases: concurrent "yes" replies never take more
// seats than the capacity; moving an event inside its own room slot; compensated attendance
// keeps its minutes; a cancellation whose room pooling will not release is refused; a stale
// move puts the booking back.
#include <algorithm>
#include <latch>
#include <thread>

#include "events_test_fixture.h"

namespace coopole::animation {
namespace {

// Four people reply "yes" at once to an event with one seat: exactly one holds it and the
// others wait at positions 1, 2, 3. (PostgreSQL's write transactions are READ COMMITTED:
// without the event's lock, each reply counted the seats before the others committed.)
TEST_P(EventServiceTest, ConcurrentYesRepliesNeverTakeMoreSeatsThanTheCapacity) {
  for (int round = 0; round < 5; ++round) {
    auto event = CreateMeeting("1");
    ASSERT_TRUE(service_->Invite(actor_, coordinator_, event.id, {{}, {}, {Id(lea_.value), Id(paul_.value),
                                                                       Id(marc_.value), Id(ines_.value)}}).ok());
    std::vector<std::string> tokens;
    for (auto person : {lea_, paul_, marc_, ines_}) tokens.push_back(InvitationOf(event.id, person).token);
    std::latch start(static_cast<std::ptrdiff_t>(tokens.size()));
    std::vector<std::thread> threads;
    for (const auto& token : tokens)
      threads.emplace_back([&, token] {
        start.arrive_and_wait();
        for (int attempt = 0; attempt < 20; ++attempt) {
          try {
            if (service_->ReplyByToken(token, "yes").ok()) return;
          } catch (const db::SerializationError&) {  // SQLite's busy writer: try again
          }
        }
      });
    for (auto& t : threads) t.join();
    auto list = *service_->ListInvitations(actor_, coordinator_, event.id);
    std::vector<std::int64_t> positions;
    int seated = 0;
    for (const auto& i : list) {
      EXPECT_EQ(i.reply, "yes");
      if (i.waitlist_position) positions.push_back(*i.waitlist_position);
      else ++seated;
    }
    std::sort(positions.begin(), positions.end());
    EXPECT_EQ(seated, 1) << "round " << round;
    EXPECT_EQ(positions, (std::vector<std::int64_t>{1, 2, 3})) << "round " << round;
  }
}

// Moving a meeting by an hour in the same room overlaps its own booking: the old booking is
// released and the new slot booked; a move refused by the room keeps the event on a live
// booking of its old slot.
TEST_P(EventServiceTest, MovingAnEventWithinItsOwnRoomSlotRebooksIt) {
  auto in = Meeting();
  in.room_resource_id = "7";
  in.host_member_id = Id(insertion_.value);
  auto event = service_->CreateEvent(actor_, coordinator_, in);
  ASSERT_TRUE(event.ok()) << event.error().message;
  const auto first = *event->room_booking_id;
  EventInput later;
  later.start_time = "15:00";
  later.end_time = "17:00";
  auto moved = service_->UpdateEvent(actor_, coordinator_, event->id, event->version, later);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  ASSERT_TRUE(moved->room_booking_id);
  EXPECT_NE(*moved->room_booking_id, first);
  EXPECT_EQ(cancelled_, std::vector<std::int64_t>{first});
  EXPECT_EQ(bookings_.count(*moved->room_booking_id), 1u);
  EXPECT_EQ(bookings_.size(), 1u);
  // Someone else takes the room from 17:30; stretching the meeting to 18:00 is refused.
  bookings_[999] = {Paris(2026, 12, 3, 17, 30), Paris(2026, 12, 3, 19, 0)};
  EventInput longer;
  longer.end_time = "18:00";
  auto refused = service_->UpdateEvent(actor_, coordinator_, event->id, moved->version, longer);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.count("room"), 1u);
  auto now = *service_->GetEvent(actor_, coordinator_, event->id);
  EXPECT_EQ(now.version, moved->version);
  EXPECT_EQ(now.starts_at, Paris(2026, 12, 3, 15, 0));
  ASSERT_TRUE(now.room_booking_id);
  ASSERT_EQ(bookings_.count(*now.room_booking_id), 1u) << "the event points at a released booking";
  EXPECT_EQ(bookings_[*now.room_booking_id].first, Paris(2026, 12, 3, 15, 0));
  EXPECT_EQ(bookings_[*now.room_booking_id].second, Paris(2026, 12, 3, 17, 0));
}

// Someone else saves the event while it is being moved inside its own slot: the move is
// refused (409) and the event keeps a live booking of its unchanged slot.
TEST_P(EventServiceTest, AStaleMoveInsideItsOwnRoomSlotPutsTheBookingBack) {
  auto in = Meeting();
  in.room_resource_id = "7";
  in.host_member_id = Id(insertion_.value);
  auto event = service_->CreateEvent(actor_, coordinator_, in);
  ASSERT_TRUE(event.ok()) << event.error().message;
  on_book_ = [this] {
    pool_->InTransaction(db::TxMode::kWrite,
                         [](db::Transaction& tx) { tx.Execute("UPDATE animation_events SET version = version + 1"); });
  };
  EventInput later;
  later.start_time = "15:00";
  later.end_time = "17:00";
  auto stale = service_->UpdateEvent(actor_, coordinator_, event->id, event->version, later);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto now = *service_->GetEvent(actor_, coordinator_, event->id);
  EXPECT_EQ(now.starts_at, Paris(2026, 12, 3, 14, 0));
  ASSERT_TRUE(now.room_booking_id);
  ASSERT_EQ(bookings_.count(*now.room_booking_id), 1u) << "the event points at a released booking";
  EXPECT_EQ(bookings_[*now.room_booking_id].first, Paris(2026, 12, 3, 14, 0));
  EXPECT_EQ(bookings_.size(), 1u) << "the booking of the refused slot was released";
}

// Pooling refuses to release the room (a group lead cancelling an event whose room is in the
// host's name): the cancellation is refused rather than leaving the room booked.
TEST_P(EventServiceTest, ACancellationWhoseRoomCannotBeReleasedIsRefused) {
  auto in = Meeting();
  in.room_resource_id = "7";
  in.host_member_id = Id(insertion_.value);
  auto event = service_->CreateEvent(actor_, coordinator_, in);
  ASSERT_TRUE(event.ok()) << event.error().message;
  refuse_cancel_ = true;
  auto refused = service_->ChangeStatus(actor_, MemberRole(company_), event->id, event->version, "cancelled");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at("room"), "animation.events.error.room_release");
  EXPECT_EQ(service_->GetEvent(actor_, coordinator_, event->id)->status, "planned");
  EXPECT_EQ(bookings_.count(*event->room_booking_id), 1u);
  refuse_cancel_ = false;
  // A stale cancellation is refused before the room is touched.
  auto stale = service_->ChangeStatus(actor_, coordinator_, event->id, event->version + 5, "cancelled");
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto cancelled = service_->ChangeStatus(actor_, coordinator_, event->id, event->version, "cancelled");
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_TRUE(bookings_.empty());
}

// The time part compensated these minutes: they can no longer be changed (nor removed).
TEST_P(EventServiceTest, CompensatedAttendanceKeepsItsMinutes) {
  auto event = CreateMeeting();
  ASSERT_TRUE(service_->RecordAttendance(actor_, coordinator_, event.id, Id(lea_.value), "90").ok());
  pool_->InTransaction(db::TxMode::kWrite,
                       [](db::Transaction& tx) { tx.Execute("UPDATE animation_attendance SET compensated = 1"); });
  auto changed = service_->RecordAttendance(actor_, coordinator_, event.id, Id(lea_.value), "30");
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().fields.at("minutes"), "animation.attendance.error.compensated_minutes");
  {
    auto tx = pool_->Begin(db::TxMode::kRead);
    EXPECT_EQ(tx.Query("SELECT minutes FROM animation_attendance").Int(0, 0), 90);
  }
  EXPECT_TRUE(service_->RecordAttendance(actor_, coordinator_, event.id, Id(lea_.value), "90").ok());
  EXPECT_EQ(service_->RemoveAttendance(actor_, coordinator_, event.id, Id(lea_.value)).error().fields.count("person_id"), 1u);
}

}  // namespace
}  // namespace coopole::animation
