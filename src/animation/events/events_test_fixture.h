// An event service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" (Europe/Paris) with three member
// organisations and their people, and "pole-nord" with one, and a working group written into
// the groups part's tables. A recording mailer keeps every message with the transaction's
// outcome unknown to it; a fake room directory books "Salle du Lac" unless the slot is taken.
// The clock stands on Monday 23 November 2026, 10:00 in Paris.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <utility>

#include "animation_test_fixture.h"
#include "coopole/animation/events.h"
#include "coopole/animation/groups.h"
#include "coopole/animation/notices.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::animation {

class EventServiceTest : public AnimationServiceTest {
 protected:
  EventServiceTest() : AnimationServiceTest(Paris(2026, 11, 23, 10, 0)) {}

  void SetUp() override {
    OpenDatabase({NoticeService::Migrations(), GroupService::Migrations(), EventService::Migrations()});
    CreateHubs();
    Directory directory = MembersDirectory();
    directory.rooms = [](db::Transaction&, HubId) { return std::vector<Room>{{7, "Salle du Lac", "Rez-de-chaussée", 12}}; };
    directory.book_room =
            [this](const Actor&, const HubContext&, const RoomBookingRequest& r) -> Result<std::int64_t> {
              if (auto hook = std::exchange(on_book_, nullptr)) hook();  // once: e.g. a concurrent edit
              for (const auto& [id, slot] : bookings_)
                if (slot.first < r.ends_at && r.starts_at < slot.second)
                  return Error{ErrorCode::kFailedPrecondition, "room taken", {{"room", "taken"}}};
              const std::int64_t id = next_booking_++;
              bookings_[id] = {r.starts_at, r.ends_at};
              return id;
            };
    directory.cancel_room =
            [this](const Actor&, const HubContext&, std::int64_t id, const std::string&) -> Result<bool> {
              if (refuse_cancel_) return Error::Denied();
              cancelled_.push_back(id);
              bookings_.erase(id);
              return true;
            };
    service_ = std::make_unique<EventService>(*pool_, clock_, *identity_, directory);
    service_->SetEventMailer([this](db::Transaction&, const EventMessage& m) { messages_.push_back(m); });

    insertion_ = AddMember(coordinator_, "Chantier d'Insertion Belledonne");
    company_ = AddMember(coordinator_, "Menuiserie Durand SARL");
    scop_ = AddMember(coordinator_, "Scop Énergie Partagée");
    nordiste_ = AddMember(other_hub_, "Coopérative du Nord");
    lea_ = AddPerson(coordinator_, insertion_, "Léa Martin", "lea@belledonne.fr");
    paul_ = AddPerson(coordinator_, insertion_, "Paul Girard", "");
    marc_ = AddPerson(coordinator_, company_, "Marc Durand", "marc@durand.fr");
    ines_ = AddPerson(coordinator_, scop_, "Inès Benali", "ines@scop.fr");
    nord_person_ = AddPerson(other_hub_, nordiste_, "Jean Nord", "jean@nord.fr");
    // Working group 1 "Alimentation durable" led by the company: the insertion structure as a
    // member (Léa and Paul) and Inès as a person.
    pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
      db::Params g;
      g.push_back(coordinator_.hub.id.value);
      g.push_back(company_.value);
      tx.Execute("INSERT INTO animation_groups (id, hub_id, name, name_folded, search_text, status, lead_member_id, "
                 "created_by, created_at, updated_at) VALUES (1, ?, 'Alimentation durable', 'alimentation durable', "
                 "'alimentation durable', 'active', ?, 0, 0, 0)", g);
      tx.Execute("INSERT INTO animation_group_members (group_id, member_id) VALUES (1, ?)", {insertion_.value});
      db::Params p;
      p.push_back(ines_.value);
      p.push_back(scop_.value);
      tx.Execute("INSERT INTO animation_group_people (group_id, person_id, member_id) VALUES (1, ?, ?)", p);
      tx.Execute("INSERT INTO animation_group_people (group_id, person_id, member_id) VALUES (1, ?, ?)",
                 db::Params{db::Value(lea_.value), db::Value(insertion_.value)});
    });
  }

  HubContext MemberRole(MemberId member) const {
    return HubContext{coordinator_.hub, identity::HubAccess{coordinator_.hub.id, identity::Role::kMember, member}};
  }
  static std::string Id(std::int64_t id) { return std::to_string(id); }

  // A meeting of the group on Thursday 3 December 2026, 14:00-16:00 in Paris.
  EventInput Meeting(const std::string& capacity = "") const {
    EventInput in;
    in.kind = "meeting";
    in.title = "Réunion du groupe Alimentation durable";
    in.date = "2026-12-03";
    in.start_time = "14:00";
    in.end_time = "16:00";
    in.place = "Maison des associations";
    in.group_id = "1";
    in.capacity = capacity;
    return in;
  }

  Event CreateMeeting(const std::string& capacity = "") {
    auto event = service_->CreateEvent(actor_, coordinator_, Meeting(capacity));
    EXPECT_TRUE(event.ok()) << (event.ok() ? "" : event.error().message);
    return *event;
  }

  Invitation InvitationOf(EventId event, PersonId person) {
    auto list = service_->ListInvitations(actor_, coordinator_, event);
    for (const auto& i : *list)
      if (i.person == person) return i;
    ADD_FAILURE() << "no invitation for person " << person.value;
    return {};
  }

  std::int64_t Count(const std::string& table) {
    auto tx = pool_->Begin(db::TxMode::kRead);
    return tx.Query("SELECT COUNT(*) FROM " + table).Int(0, 0);
  }

  std::unique_ptr<EventService> service_;
  std::vector<EventMessage> messages_;
  std::map<std::int64_t, std::pair<Timestamp, Timestamp>> bookings_;
  std::vector<std::int64_t> cancelled_;
  std::function<void()> on_book_;  // run (once) when the next room is booked
  bool refuse_cancel_ = false;  // pooling refuses to release a booking (another organisation's)
  std::int64_t next_booking_ = 100;
  MemberId insertion_, company_, scop_, nordiste_;
  PersonId lea_, paul_, marc_, ines_, nord_person_;
};

}  // namespace coopole::animation
