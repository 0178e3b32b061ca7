// Use cases of attendance: the sheet of an event, marking someone present (invited or not:
// the uninvited are accepted and flagged), the minutes counted, removing a mark.
#include <algorithm>

#include "events_internal.h"
#include "store/events_store.h"

namespace coopole::animation {

using namespace events_internal;

namespace {
// Coordinators, the host member's users and the group's lead organisation's users.
bool MayTakeAttendance(const Actor& actor, const HubContext& hub, const Event& event, std::optional<MemberId> lead) {
  return ActsFor(actor, hub, lead) || ActsFor(actor, hub, event.host);
}
}  // namespace

Result<EventRights> EventService::Rights(const Actor& actor, const HubContext& hub, EventId id) {
  if (!MayRead(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto event = events_store::FindEvent(tx, hub.hub.id, id);
  if (!event) return Error::NotFound("event");
  std::optional<MemberId> lead;
  if (event->group) lead = events_store::GroupLead(tx, *event->group);
  EventRights rights;
  rights.manage = ActsFor(actor, hub, lead);
  rights.minutes = rights.manage || ActsFor(actor, hub, event->host);
  rights.attendance = MayTakeAttendance(actor, hub, *event, lead);
  return rights;
}

Result<AttendanceSheet> EventService::Attendance(const Actor& actor, const HubContext& hub, EventId id) {
  if (!MayRead(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto event = events_store::FindEvent(tx, hub.hub.id, id);
  if (!event) return Error::NotFound("event");
  AttendanceSheet sheet;
  sheet.event = *event;
  sheet.invitations = events_store::ListInvitations(tx, id);
  sheet.present = events_store::ListAttendance(tx, id);
  sheet.default_minutes = DurationMinutes(*event);
  return sheet;
}

Result<AttendanceRow> EventService::RecordAttendance(const Actor& actor, const HubContext& hub, EventId id,
                                                     const std::string& person_id, const std::string& minutes) {
  if (!MayRead(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto event = events_store::FindEvent(tx, hub.hub.id, id);
  if (!event) return Error::NotFound("event");
  std::optional<MemberId> lead;
  if (event->group) lead = events_store::GroupLead(tx, *event->group);
  if (!MayTakeAttendance(actor, hub, *event, lead)) return Error::Denied();
  if (event->status == "cancelled") return FieldError("status", "animation.attendance.error.cancelled");
  auto pid = ParsePositiveId(person_id);
  std::optional<DirectoryPerson> person;
  if (pid && directory_.people)
    for (auto& p : directory_.people(tx, hub.hub.id))
      if (p.id.value == *pid) person = std::move(p);
  if (!person) return FieldError("person_id", "animation.attendance.error.person");
  AttendanceRow row;
  row.person = person->id;
  row.member = person->member;
  row.person_name = person->name;
  row.member_name = person->member_name;
  auto before = events_store::FindAttendance(tx, id, person->id);
  const std::string counted(Trim(minutes));
  if (counted.empty()) {
    row.minutes = before ? before->minutes : DurationMinutes(*event);
  } else {
    bool digits = counted.size() <= 5 && std::all_of(counted.begin(), counted.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoll(counted) > 1440) return FieldError("minutes", "animation.attendance.error.minutes");
    row.minutes = std::stoll(counted);
  }
  // The time part compensated these minutes: changing them would make its totals lie.
  if (before && before->compensated && row.minutes != before->minutes)
    return FieldError("minutes", "animation.attendance.error.compensated_minutes");
  bool invited = false;
  for (const auto& i : events_store::ListInvitations(tx, id))
    if (i.person == person->id) invited = true;
  row.invited = invited;
  events_store::UpsertAttendance(tx, *event, LocalDateOf(hub.hub, event->starts_at), row, actor.user, clock_.Now());
  auto saved = events_store::FindAttendance(tx, id, person->id).value_or(row);
  identity_.RecordAudit(tx, actor, {hub.hub.id, before ? "update" : "create", "attendance", saved.id.value,
                                    before ? AuditJson(AttendanceJson(*before)) : "", AuditJson(AttendanceJson(saved))});
  tx.Commit();
  return saved;
}

Result<bool> EventService::RemoveAttendance(const Actor& actor, const HubContext& hub, EventId id,
                                            const std::string& person_id) {
  if (!MayRead(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto event = events_store::FindEvent(tx, hub.hub.id, id);
  if (!event) return Error::NotFound("event");
  std::optional<MemberId> lead;
  if (event->group) lead = events_store::GroupLead(tx, *event->group);
  if (!MayTakeAttendance(actor, hub, *event, lead)) return Error::Denied();
  auto pid = ParsePositiveId(person_id);
  if (!pid) return FieldError("person_id", "animation.attendance.error.person");
  auto before = events_store::FindAttendance(tx, id, PersonId{*pid});
  if (!before) return false;
  if (before->compensated) return FieldError("person_id", "animation.attendance.error.compensated");
  events_store::DeleteAttendance(tx, id, PersonId{*pid});
  identity_.RecordAudit(tx, actor, {hub.hub.id, "delete", "attendance", before->id.value, AuditJson(AttendanceJson(*before)), ""});
  tx.Commit();
  return true;
}

Result<std::vector<DirectoryPerson>> EventService::SearchPeople(const Actor& actor, const HubContext& hub,
                                                                const std::string& text) {
  if (!MayRead(actor, hub)) return Error::Denied();
  std::vector<DirectoryPerson> out;
  const std::string needle = FoldForSearch(Trim(text));
  if (needle.empty() || !directory_.people) return out;
  auto tx = pool_.Begin(db::TxMode::kRead);
  for (auto& p : directory_.people(tx, hub.hub.id)) {
    if (FoldForSearch(p.name + " " + p.member_name).find(needle) == std::string::npos) continue;
    out.push_back(std::move(p));
    if (out.size() >= 20) break;
  }
  return out;
}

}  // namespace coopole::animation

namespace coopole::animation {

Result<std::vector<std::pair<GroupId, std::string>>> EventService::GroupChoices(const Actor& actor,
                                                                               const HubContext& hub) {
  if (!events_internal::MayRead(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  return events_store::GroupChoices(tx, hub.hub.id);
}

Result<std::vector<Room>> EventService::RoomChoices(const Actor& actor, const HubContext& hub) {
  if (!events_internal::MayRead(actor, hub)) return Error::Denied();
  if (!directory_.rooms) return std::vector<Room>{};
  auto tx = pool_.Begin(db::TxMode::kRead);
  return directory_.rooms(tx, hub.hub.id);
}

Result<std::vector<DirectoryPerson>> EventService::People(const Actor& actor, const HubContext& hub) {
  if (!events_internal::MayRead(actor, hub)) return Error::Denied();
  if (!directory_.people) return std::vector<DirectoryPerson>{};
  auto tx = pool_.Begin(db::TxMode::kRead);
  return directory_.people(tx, hub.hub.id);
}

}  // namespace coopole::animation
