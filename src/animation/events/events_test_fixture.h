// An event service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" (Europe/Paris) with three member
// organisations and their people, and "pole-nord" with one. The working-group tables of the
// groups part are created here with the contract's columns (events reads them; it does not
// link the groups part). A recording mailer keeps every message with the transaction's
// outcome unknown to it; a fake room directory books "Salle du Lac" unless the slot is taken.
// The clock stands on Monday 23 November 2026, 10:00 in Paris.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <utility>

#include "coopole/animation/events.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::animation {

class EventServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    if (!catalogue_) catalogue_ = reference::Catalogue::LoadFrom(testing::ReferenceDir());
  }

  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    pool_ = db::Pool::Open(database_->url(), {.size = 4});
    db::Migrate(*pool_, identity::IdentityService::Migrations());
    db::Migrate(*pool_, hubs::HubService::Migrations());
    db::Migrate(*pool_, members::MemberService::Migrations());
    pool_->InTransaction(db::TxMode::kWrite, [](db::Transaction& tx) {
      tx.conn().ExecuteScript(
          "CREATE TABLE IF NOT EXISTS animation_groups (id BIGINT PRIMARY KEY, hub_id BIGINT NOT NULL, name TEXT NOT NULL, "
          "status TEXT NOT NULL DEFAULT 'active', lead_member_id BIGINT, lead_person_id BIGINT);"
          "CREATE TABLE IF NOT EXISTS animation_group_members (group_id BIGINT NOT NULL, member_id BIGINT NOT NULL, "
          "PRIMARY KEY (group_id, member_id));"
          "CREATE TABLE IF NOT EXISTS animation_group_people (group_id BIGINT NOT NULL, person_id BIGINT NOT NULL, "
          "member_id BIGINT NOT NULL, PRIMARY KEY (group_id, person_id));");
    });
    db::Migrate(*pool_, EventService::Migrations());
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_,
                                                            identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_,
                                               &members::MemberService::MemberBelongsToHub);
    members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_,
                                                        members::MemberServiceOptions{.directory_cache_members = 0});
    Directory directory{
        .active_members = members::MemberService::ActiveMembers,
        .people =
            [](db::Transaction& tx, HubId hub) {
              std::map<std::int64_t, std::string> names;
              for (const auto& m : members::MemberService::ActiveMembers(tx, hub)) names[m.id.value] = m.name;
              std::vector<DirectoryPerson> out;
              for (auto& p : members::MemberService::ActivePeople(tx, hub))
                out.push_back({p.id, p.member, p.name, names[p.member.value], p.email, p.role});
              return out;
            },
        .rooms = [](db::Transaction&, HubId) { return std::vector<Room>{{7, "Salle du Lac", "Rez-de-chaussée", 12}}; },
        .book_room =
            [this](const Actor&, const HubContext&, const RoomBookingRequest& r) -> Result<std::int64_t> {
              if (auto hook = std::exchange(on_book_, nullptr)) hook();  // once: e.g. a concurrent edit
              for (const auto& [id, slot] : bookings_)
                if (slot.first < r.ends_at && r.starts_at < slot.second)
                  return Error{ErrorCode::kFailedPrecondition, "room taken", {{"room", "taken"}}};
              const std::int64_t id = next_booking_++;
              bookings_[id] = {r.starts_at, r.ends_at};
              return id;
            },
        .cancel_room =
            [this](const Actor&, const HubContext&, std::int64_t id, const std::string&) -> Result<bool> {
              if (refuse_cancel_) return Error::Denied();
              cancelled_.push_back(id);
              bookings_.erase(id);
              return true;
            },
    };
    service_ = std::make_unique<EventService>(*pool_, clock_, *identity_, directory);
    service_->SetEventMailer([this](db::Transaction&, const EventMessage& m) { messages_.push_back(m); });

    auto user = identity_->CreateUser(
        {.email = "claire@pole.fr", .name = "Claire", .password = "correct horse", .is_admin = true});
    identity::Actor admin{.user = user->id, .name = "Claire", .is_admin = true};
    auto hub = hubs_->CreateHub(admin, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    auto other = hubs_->CreateHub(admin, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    actor_ = identity::Actor{.user = user->id, .name = "Claire", .request_id = "req-1"};
    coordinator_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kCoordinator, std::nullopt}};
    observer_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kObserver, std::nullopt}};
    other_hub_ = HubContext{other, identity::HubAccess{other.id, identity::Role::kCoordinator, std::nullopt}};
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
      g.push_back(hub.id.value);
      g.push_back(company_.value);
      tx.Execute("INSERT INTO animation_groups (id, hub_id, name, status, lead_member_id) VALUES (1, ?, 'Alimentation durable', 'active', ?)", g);
      tx.Execute("INSERT INTO animation_group_members (group_id, member_id) VALUES (1, ?)", {insertion_.value});
      db::Params p;
      p.push_back(ines_.value);
      p.push_back(scop_.value);
      tx.Execute("INSERT INTO animation_group_people (group_id, person_id, member_id) VALUES (1, ?, ?)", p);
      tx.Execute("INSERT INTO animation_group_people (group_id, person_id, member_id) VALUES (1, ?, ?)",
                 db::Params{db::Value(lea_.value), db::Value(insertion_.value)});
    });
  }

  MemberId AddMember(const HubContext& hub, const std::string& name) {
    auto member = members_->CreateMember(actor_, hub, members::MemberInput{.name = name, .legal_form = "association"});
    EXPECT_TRUE(member.ok()) << (member.ok() ? "" : member.error().message);
    return member->id;
  }
  PersonId AddPerson(const HubContext& hub, MemberId member, const std::string& name, const std::string& email) {
    auto person = members_->AddPerson(actor_, hub, member, members::PersonInput{.name = name, .email = email});
    EXPECT_TRUE(person.ok()) << (person.ok() ? "" : person.error().message);
    return person->id;
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

  static Timestamp Paris(int y, int mo, int d, int h, int mi) {
    return *TimeZone::Load("Europe/Paris")->ToUtc(LocalDateTime{Date{y, mo, d}, h * 60 + mi});
  }

  static inline std::shared_ptr<const reference::Catalogue> catalogue_;
  FakeClock clock_{Paris(2026, 11, 23, 10, 0)};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<hubs::HubService> hubs_;
  std::unique_ptr<members::MemberService> members_;
  std::unique_ptr<EventService> service_;
  std::vector<EventMessage> messages_;
  std::map<std::int64_t, std::pair<Timestamp, Timestamp>> bookings_;
  std::vector<std::int64_t> cancelled_;
  std::function<void()> on_book_;
  bool refuse_cancel_ = false;  // pooling refuses to release a booking (another organisation's)  // run (once) when the next room is booked
  std::int64_t next_booking_ = 100;
  identity::Actor actor_;
  HubContext coordinator_, observer_, other_hub_;
  MemberId insertion_, company_, scop_, nordiste_;
  PersonId lea_, paul_, marc_, ines_, nord_person_;
};

}  // namespace coopole::animation
