// The demo hub's animation: events. A held meeting of a working group with its attendance
// (so that collective time shows), an upcoming group session with invitations and replies,
// a newcomer breakfast for the latest member, a festival in the pooled Salle Belledonne and
// a general assembly. Dates are relative to today in the hub's zone.
#include <stdexcept>

#include "coopole/animation/events.h"
#include "coopole/core/time_zone.h"
#include "demo.h"

namespace coopole::app {

namespace {

std::string Day(const hubs::HubContext& hub, int offset) {
  return FormatIsoDate(AddDays(hubs::TodayIn(SystemClock(), hub.hub), offset));
}

// The next given ISO weekday (1 Monday .. 7 Sunday) at least `after` days from today.
std::string Next(const hubs::HubContext& hub, int weekday, int after) {
  Date day = AddDays(hubs::TodayIn(SystemClock(), hub.hub), after);
  while (IsoWeekday(day) != weekday) day = AddDays(day, 1);
  return FormatIsoDate(day);
}

animation::Event Create(animation::EventService& events, const identity::Actor& admin, const hubs::HubContext& hub,
                        const animation::EventInput& in) {
  auto event = events.CreateEvent(admin, hub, in);
  if (!event.ok()) throw std::runtime_error("demo event " + in.title.value_or("") + ": " + event.error().message);
  return *event;
}

}  // namespace

void LoadEventsDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                    const std::vector<MemberId>& ids) {
  auto& events = app.events();
  std::optional<animation::GroupId> group;
  if (auto groups = events.GroupChoices(admin, hub); groups.ok() && !groups->empty()) group = groups->front().first;
  auto people = events.People(admin, hub);
  if (!people.ok()) throw std::runtime_error("demo events: people");
  auto id = [](std::int64_t v) { return std::to_string(v); };

  // 1. A meeting of the first working group, held nine days ago, with its attendance.
  animation::EventInput held;
  held.kind = "meeting";
  held.title = "Réunion de lancement du groupe de travail";
  held.description = "Tour de table, priorités de l'année, calendrier des séances.";
  held.date = Day(hub, -9);
  held.start_time = "14:00";
  held.end_time = "16:30";
  held.place = "Maison du pôle, Grenoble";
  if (group) held.group_id = id(group->value);
  auto meeting = Create(events, admin, hub, held);
  animation::InviteInput invite;
  if (group) invite.groups.push_back(id(group->value));
  for (std::size_t i = 0; i < 6 && i < ids.size(); ++i) invite.members.push_back(id(ids[i].value));
  (void)events.Invite(admin, hub, meeting.id, invite);
  for (std::size_t i = 0; i < 5 && i < ids.size(); ++i)
    for (const auto& p : *people)
      if (p.member == ids[i]) (void)events.RecordAttendance(admin, hub, meeting.id, id(p.id.value), i == 4 ? "90" : "");
  // Someone who came without an invitation: accepted and flagged.
  for (const auto& p : *people)
    if (ids.size() > 14 && p.member == ids[14]) (void)events.RecordAttendance(admin, hub, meeting.id, id(p.id.value), "");
  if (auto done = events.ChangeStatus(admin, hub, meeting.id, meeting.version, "held"); done.ok())
    (void)events.SaveMinutes(admin, hub, meeting.id, done->version,
                             "Présents : 6 structures.\nDécisions : une séance par mois ; cartographie des besoins "
                             "alimentaires des adhérents d'ici la prochaine séance.");

  // 2. The next session of the group, in ten days, with invitations and some replies.
  animation::EventInput session;
  session.kind = "group_session";
  session.title = "Séance de travail : cartographie des besoins";
  session.date = Day(hub, 10);
  session.start_time = "09:30";
  session.end_time = "12:00";
  session.place = "Cantine Partagée Mistral, Grenoble";
  session.capacity = "8";
  if (group) session.group_id = id(group->value);
  auto next_session = Create(events, admin, hub, session);
  animation::InviteInput members_invite;
  for (std::size_t i = 0; i < 10 && i < ids.size(); ++i) members_invite.members.push_back(id(ids[i].value));
  if (group) members_invite.groups.push_back(id(group->value));
  (void)events.Invite(admin, hub, next_session.id, members_invite);
  if (auto invitations = events.ListInvitations(admin, hub, next_session.id); invitations.ok()) {
    const char* replies[] = {"yes", "yes", "maybe", "no", "yes", "yes"};
    std::size_t k = 0;
    for (const auto& inv : *invitations) {
      if (k >= std::size(replies)) break;
      (void)events.Reply(admin, hub, inv.id, replies[k++]);
    }
  }

  // 3. A welcome breakfast for the latest member (every active member is invited).
  animation::EventInput breakfast;
  breakfast.kind = "newcomer_breakfast";
  breakfast.title = "Petit-déjeuner d'accueil";
  breakfast.newcomer_member_id = id(ids.back().value);
  breakfast.date = Next(hub, 2, 5);
  breakfast.start_time = "08:30";
  breakfast.end_time = "10:00";
  breakfast.place = "Maison du pôle, Grenoble";
  Create(events, admin, hub, breakfast);

  // 4. The autumn festival in the pooled room, booked by the hub's lead member.
  animation::EventInput festival;
  festival.kind = "festival";
  festival.title = "Fête de la coopération";
  festival.description = "Stands des adhérents, ateliers réemploi, goûter partagé.";
  festival.date = Next(hub, 5, 21);
  festival.start_time = "14:00";
  festival.end_time = "18:00";
  festival.host_member_id = id(ids.front().value);
  festival.capacity = "12";
  if (auto rooms = events.RoomChoices(admin, hub); rooms.ok())
    for (const auto& room : *rooms)
      if (room.name.rfind("Salle", 0) == 0) festival.room_resource_id = id(room.resource_id);
  if (!events.CreateEvent(admin, hub, festival).ok()) {  // the room refused: the festival goes elsewhere
    festival.room_resource_id = "";
    festival.place = "Parc Paul Mistral, Grenoble";
    Create(events, admin, hub, festival);
  }

  // 5. The general assembly, planned.
  animation::EventInput assembly;
  assembly.kind = "general_assembly";
  assembly.title = "Assemblée générale annuelle";
  assembly.date = Next(hub, 4, 60);
  assembly.start_time = "17:30";
  assembly.end_time = "20:00";
  assembly.place = "Salle des fêtes de Voiron";
  Create(events, admin, hub, assembly);
}

}  // namespace coopole::app
