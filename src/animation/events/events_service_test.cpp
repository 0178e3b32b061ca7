// Event use cases on both databases: creation and validation (times in the hub's zone,
// skipped local times, end after start), rooms (conflict, booking released when the event is
// not saved or cancelled), invitations (members, groups, people, dedup, idempotent), replies
// (waiting list, promotion, polite refusal after the event), attendance (uninvited flagged,
// cancelled event refused, copies follow the event), mail calls, roles, hub isolation, stale
// versions.
#include "events_test_fixture.h"

namespace coopole::animation {
namespace {

using Reason = EventMessage::Reason;

TEST_P(EventServiceTest, CreatesAMeetingWithTimesInTheHubsZone) {
  auto event = CreateMeeting("10");
  EXPECT_EQ(event.starts_at, Paris(2026, 12, 3, 14, 0));
  EXPECT_EQ(event.ends_at, Paris(2026, 12, 3, 16, 0));
  EXPECT_EQ(event.status, "planned");
  EXPECT_EQ(event.group_name, "Alimentation durable");
  ASSERT_TRUE(event.capacity);
  EXPECT_EQ(*event.capacity, 10);
  auto read = service_->GetEvent(actor_, observer_, event.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->title, "Réunion du groupe Alimentation durable");
}

TEST_P(EventServiceTest, EndNotAfterStartAndBadInputAre422NamingTheField) {
  auto in = Meeting();
  in.end_time = "13:00";
  auto r1 = service_->CreateEvent(actor_, coordinator_, in);
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r1.error().fields.at("ends_at"), "animation.events.error.ends_before");
  auto bad = Meeting();
  bad.kind = "party";
  bad.title = "  ";
  bad.capacity = "-3";
  bad.group_id = "999";
  bad.host_member_id = Id(nordiste_.value);
  auto r2 = service_->CreateEvent(actor_, coordinator_, bad);
  ASSERT_FALSE(r2.ok());
  for (const char* field : {"kind", "title", "capacity", "group_id", "host_member_id"})
    EXPECT_EQ(r2.error().fields.count(field), 1u) << field;
  EXPECT_EQ(Count("animation_events"), 0);
}

TEST_P(EventServiceTest, ALocalTimeSkippedByTheClockChangeIs422) {
  auto in = Meeting();
  in.date = "2027-03-28";  // clocks go from 02:00 to 03:00 in Paris
  in.start_time = "02:30";
  in.end_time = "04:00";
  auto r = service_->CreateEvent(actor_, coordinator_, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at("start_time"), "animation.events.error.skipped_time");
}

TEST_P(EventServiceTest, InvitesGroupsMembersAndPeopleOnceAndReInvitingIsIdempotent) {
  auto event = CreateMeeting();
  InviteInput in{{Id(company_.value)}, {"1"}, {Id(lea_.value)}};
  auto first = service_->Invite(actor_, coordinator_, event.id, in);
  ASSERT_TRUE(first.ok()) << first.error().message;
  // Group: Léa, Paul (member org), Inès (person); member: Marc; person: Léa again.
  EXPECT_EQ(first->invited, 4);
  auto again = service_->Invite(actor_, coordinator_, event.id, in);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->invited, 0);
  EXPECT_EQ(again->already, 4);
  EXPECT_EQ(Count("animation_invitations"), 4);
  auto invitations = service_->ListInvitations(actor_, coordinator_, event.id);
  for (const auto& i : *invitations) {
    EXPECT_EQ(i.token.size(), 43u);
    EXPECT_EQ(i.reply, "pending");
  }
  EXPECT_EQ(InvitationOf(event.id, lea_).invited_via, "person");
  EXPECT_EQ(InvitationOf(event.id, paul_).invited_via, "group");
  EXPECT_EQ(InvitationOf(event.id, marc_).invited_via, "member");
}

TEST_P(EventServiceTest, TheMailerIsCalledWithTheNewRecipientsAndTheRightReasons) {
  auto event = CreateMeeting();
  ASSERT_TRUE(service_->Invite(actor_, coordinator_, event.id, {{}, {}, {Id(lea_.value), Id(marc_.value)}}).ok());
  ASSERT_EQ(messages_.size(), 1u);
  EXPECT_EQ(messages_[0].reason, Reason::kInvitation);
  EXPECT_EQ(messages_[0].recipients.size(), 2u);
  EXPECT_EQ(messages_[0].hub_slug, "pole-sud");
  EXPECT_EQ(messages_[0].starts_at, Paris(2026, 12, 3, 14, 0));
  ASSERT_TRUE(service_->Invite(actor_, coordinator_, event.id, {{}, {}, {Id(lea_.value), Id(ines_.value)}}).ok());
  ASSERT_EQ(messages_.size(), 2u);
  ASSERT_EQ(messages_[1].recipients.size(), 1u);  // only the new one
  EXPECT_EQ(messages_[1].recipients[0].person, ines_);
  // Marc declines: a change of time tells Léa and Inès, not him.
  ASSERT_TRUE(service_->ReplyByToken(InvitationOf(event.id, marc_).token, "no").ok());
  auto current = *service_->GetEvent(actor_, coordinator_, event.id);
  EventInput later;
  later.start_time = "15:00";
  later.end_time = "17:00";
  auto moved = service_->UpdateEvent(actor_, coordinator_, event.id, current.version, later);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  ASSERT_EQ(messages_.size(), 3u);
  EXPECT_EQ(messages_[2].reason, Reason::kUpdate);
  EXPECT_EQ(messages_[2].recipients.size(), 2u);
  EXPECT_GT(messages_[2].sequence, messages_[0].sequence);
  auto cancelled = service_->ChangeStatus(actor_, coordinator_, event.id, moved->version, "cancelled");
  ASSERT_TRUE(cancelled.ok());
  ASSERT_EQ(messages_.size(), 4u);
  EXPECT_EQ(messages_[3].reason, Reason::kCancellation);
  EXPECT_EQ(messages_[3].recipients.size(), 2u);
}

TEST_P(EventServiceTest, AYesBeyondCapacityWaitsAndIsPromotedWhenASeatFreesUp) {
  auto event = CreateMeeting("2");
  ASSERT_TRUE(service_->Invite(actor_, coordinator_, event.id, {{}, {"1"}, {Id(marc_.value)}}).ok());
  messages_.clear();
  for (auto person : {lea_, paul_, ines_, marc_})
    ASSERT_TRUE(service_->ReplyByToken(InvitationOf(event.id, person).token, "yes").ok());
  EXPECT_FALSE(InvitationOf(event.id, lea_).waitlist_position);
  EXPECT_FALSE(InvitationOf(event.id, paul_).waitlist_position);
  EXPECT_EQ(InvitationOf(event.id, ines_).waitlist_position, std::optional<std::int64_t>(1));
  EXPECT_EQ(InvitationOf(event.id, marc_).waitlist_position, std::optional<std::int64_t>(2));
  auto changed = service_->ReplyByToken(InvitationOf(event.id, paul_).token, "maybe");
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(InvitationOf(event.id, ines_).waitlist_position);
  EXPECT_EQ(InvitationOf(event.id, marc_).waitlist_position, std::optional<std::int64_t>(1));
  ASSERT_EQ(messages_.size(), 1u);
  EXPECT_EQ(messages_[0].reason, Reason::kPromoted);
  ASSERT_EQ(messages_[0].recipients.size(), 1u);
  EXPECT_EQ(messages_[0].recipients[0].person, ines_);
  // More places: Marc is promoted too.
  auto current = *service_->GetEvent(actor_, coordinator_, event.id);
  EventInput more;
  more.capacity = "5";
  ASSERT_TRUE(service_->UpdateEvent(actor_, coordinator_, event.id, current.version, more).ok());
  EXPECT_FALSE(InvitationOf(event.id, marc_).waitlist_position);
  EXPECT_EQ(messages_.back().reason, Reason::kPromoted);
}

TEST_P(EventServiceTest, AReplyAfterTheEventIsRefusedPolitelyAndWritesNothing) {
  auto event = CreateMeeting();
  ASSERT_TRUE(service_->Invite(actor_, coordinator_, event.id, {{}, {}, {Id(lea_.value)}}).ok());
  const auto token = InvitationOf(event.id, lea_).token;
  clock_.Advance(20 * 86400);
  auto late = service_->ReplyByToken(token, "yes");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_EQ(late.error().fields.at("event_over"), "animation.invitations.error.over");
  EXPECT_EQ(InvitationOf(event.id, lea_).reply, "pending");
  auto page = service_->InvitationByToken(token);
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->open);
  EXPECT_EQ(service_->InvitationByToken("no-such-token").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->ReplyByToken(token, "perhaps").error().fields.count("reply"), 1u);
}

TEST_P(EventServiceTest, AttendanceOfSomeoneNotInvitedIsAcceptedAndFlagged) {
  auto event = CreateMeeting();
  ASSERT_TRUE(service_->Invite(actor_, coordinator_, event.id, {{}, {}, {Id(lea_.value)}}).ok());
  auto invited = service_->RecordAttendance(actor_, coordinator_, event.id, Id(lea_.value), "");
  ASSERT_TRUE(invited.ok()) << invited.error().message;
  EXPECT_TRUE(invited->invited);
  EXPECT_EQ(invited->minutes, 120);
  auto walk_in = service_->RecordAttendance(actor_, coordinator_, event.id, Id(marc_.value), "90");
  ASSERT_TRUE(walk_in.ok());
  EXPECT_FALSE(walk_in->invited);
  EXPECT_EQ(walk_in->minutes, 90);
  EXPECT_EQ(service_->RecordAttendance(actor_, coordinator_, event.id, Id(nord_person_.value), "").error().fields.count("person_id"), 1u);
  EXPECT_EQ(service_->RecordAttendance(actor_, coordinator_, event.id, Id(paul_.value), "2000").error().fields.count("minutes"), 1u);
  auto sheet = service_->Attendance(actor_, observer_, event.id);
  ASSERT_EQ(sheet->present.size(), 2u);
  // The copies follow the event: moving it a day later moves on_date.
  auto current = *service_->GetEvent(actor_, coordinator_, event.id);
  EventInput next_day;
  next_day.date = "2026-12-04";
  ASSERT_TRUE(service_->UpdateEvent(actor_, coordinator_, event.id, current.version, next_day).ok());
  auto tx = pool_->Begin(db::TxMode::kRead);
  auto rows = tx.Query("SELECT DISTINCT on_date, kind, group_id FROM animation_attendance");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.Text(0, 0), "2026-12-04");
  EXPECT_EQ(rows.Text(0, 1), "meeting");
  EXPECT_EQ(rows.Int(0, 2), 1);
}

TEST_P(EventServiceTest, AttendanceOfACancelledEventIs422) {
  auto event = CreateMeeting();
  ASSERT_TRUE(service_->ChangeStatus(actor_, coordinator_, event.id, event.version, "cancelled").ok());
  auto r = service_->RecordAttendance(actor_, coordinator_, event.id, Id(lea_.value), "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields.at("status"), "animation.attendance.error.cancelled");
}

TEST_P(EventServiceTest, ARoomIsBookedAConflictIs422AndCancellingReleasesIt) {
  auto in = Meeting();
  in.room_resource_id = "7";
  in.host_member_id = Id(insertion_.value);
  auto event = service_->CreateEvent(actor_, coordinator_, in);
  ASSERT_TRUE(event.ok()) << event.error().message;
  ASSERT_TRUE(event->room_booking_id);
  EXPECT_EQ(event->place, "Maison des associations");
  auto clash = service_->CreateEvent(actor_, coordinator_, in);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(clash.error().fields.at("room"), "animation.events.error.room_taken");
  EXPECT_EQ(Count("animation_events"), 1);
  auto cancelled = service_->ChangeStatus(actor_, coordinator_, event->id, event->version, "cancelled");
  ASSERT_TRUE(cancelled.ok());
  ASSERT_EQ(cancelled_.size(), 1u);
  EXPECT_EQ(cancelled_[0], *event->room_booking_id);
  auto unknown = Meeting();
  unknown.room_resource_id = "8";
  EXPECT_EQ(service_->CreateEvent(actor_, coordinator_, unknown).error().fields.at("room"), "animation.events.error.room_unknown");
}

TEST_P(EventServiceTest, MovingAnEventWithARoomBooksTheNewSlotThenReleasesTheOld) {
  auto in = Meeting();
  in.room_resource_id = "7";
  in.host_member_id = Id(insertion_.value);
  auto event = service_->CreateEvent(actor_, coordinator_, in);
  ASSERT_TRUE(event.ok()) << event.error().message;
  const auto first_booking = *event->room_booking_id;
  EventInput later;
  later.date = "2026-12-10";
  auto moved = service_->UpdateEvent(actor_, coordinator_, event->id, event->version, later);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  ASSERT_TRUE(moved->room_booking_id);
  EXPECT_NE(*moved->room_booking_id, first_booking);
  EXPECT_EQ(cancelled_, std::vector<std::int64_t>{first_booking});
  // A move onto a taken slot is refused and keeps the event and its booking as they were.
  auto other = Meeting();
  other.date = "2026-12-17";
  other.room_resource_id = "7";
  other.host_member_id = Id(company_.value);
  ASSERT_TRUE(service_->CreateEvent(actor_, coordinator_, other).ok());
  EventInput clash;
  clash.date = "2026-12-17";
  auto refused = service_->UpdateEvent(actor_, coordinator_, event->id, moved->version, clash);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.count("room"), 1u);
  EXPECT_EQ(service_->GetEvent(actor_, coordinator_, event->id)->room_booking_id, moved->room_booking_id);
  // A cancelled event cannot be edited.
  auto cancelled = service_->ChangeStatus(actor_, coordinator_, event->id, moved->version, "cancelled");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(service_->UpdateEvent(actor_, coordinator_, event->id, cancelled->version, later).error().fields.count("status"), 1u);
}

TEST_P(EventServiceTest, ANewcomerBreakfastInvitesEveryActiveMembersPeople) {
  EventInput in;
  in.kind = "newcomer_breakfast";
  in.title = "Petit-déjeuner d'accueil";
  in.newcomer_member_id = Id(scop_.value);
  in.date = "2026-12-01";
  in.start_time = "08:30";
  in.end_time = "10:00";
  auto event = service_->CreateEvent(actor_, coordinator_, in);
  ASSERT_TRUE(event.ok()) << event.error().message;
  EXPECT_EQ(event->newcomer_name, "Scop Énergie Partagée");
  EXPECT_EQ(event->pending, 4);
  ASSERT_EQ(messages_.size(), 1u);
  EXPECT_EQ(messages_[0].recipients.size(), 4u);
}

TEST_P(EventServiceTest, RolesOtherHubsAndStaleVersions) {
  auto event = CreateMeeting();
  // Observers read only.
  EXPECT_EQ(service_->CreateEvent(actor_, observer_, Meeting()).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Invite(actor_, observer_, event.id, {{}, {}, {Id(lea_.value)}}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->RecordAttendance(actor_, observer_, event.id, Id(lea_.value), "").error().code,
            ErrorCode::kPermissionDenied);
  // The group's lead organisation (the company) takes attendance; another member does not.
  EXPECT_TRUE(service_->RecordAttendance(actor_, MemberRole(company_), event.id, Id(lea_.value), "").ok());
  EXPECT_EQ(service_->RecordAttendance(actor_, MemberRole(scop_), event.id, Id(lea_.value), "").error().code,
            ErrorCode::kPermissionDenied);
  // A member replies for its own people only.
  ASSERT_TRUE(service_->Invite(actor_, coordinator_, event.id, {{}, {}, {Id(lea_.value)}}).ok());
  auto lea = InvitationOf(event.id, lea_);
  EXPECT_TRUE(service_->Reply(actor_, MemberRole(insertion_), lea.id, "yes").ok());
  EXPECT_EQ(service_->Reply(actor_, MemberRole(scop_), lea.id, "no").error().code, ErrorCode::kPermissionDenied);
  // Another hub's ids are 404.
  EXPECT_EQ(service_->GetEvent(actor_, other_hub_, event.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->Reply(actor_, other_hub_, lea.id, "no").error().code, ErrorCode::kNotFound);
  // A stale version is 409 and writes nothing.
  EventInput retitle;
  retitle.title = "Nouveau titre";
  auto stale = service_->UpdateEvent(actor_, coordinator_, event.id, event.version + 5, retitle);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(service_->GetEvent(actor_, coordinator_, event.id)->title, event.title);
}

TEST_P(EventServiceTest, StatusesMinutesListAndAccentInsensitiveSearch) {
  auto event = CreateMeeting();
  EXPECT_EQ(service_->ChangeStatus(actor_, coordinator_, event.id, event.version, "planned").error().fields.count("status"), 1u);
  auto held = service_->ChangeStatus(actor_, coordinator_, event.id, event.version, "held");
  ASSERT_TRUE(held.ok());
  auto minutes = service_->SaveMinutes(actor_, MemberRole(company_), event.id, held->version, "Décisions : <b>ok</b>");
  ASSERT_TRUE(minutes.ok()) << minutes.error().message;
  EXPECT_EQ(minutes->minutes, "Décisions : <b>ok</b>");
  auto found = service_->ListEvents(actor_, observer_, {.text = "REUNION alimentation"});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->total, 1);
  EXPECT_EQ(service_->ListEvents(actor_, observer_, {.when = "past"})->total, 0);
  EXPECT_EQ(service_->ListEvents(actor_, observer_, {.kind = "festival"})->total, 0);
  EXPECT_EQ(service_->ListEvents(actor_, other_hub_, {})->total, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventServiceTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::animation
