// Use cases of time logged by hand: list, read, log, change, delete, validate or refuse.
#include "store/time_store.h"
#include "time_internal.h"
#include "time_rules.h"

namespace coopole::animation {

using namespace time_internal;

TimeService::TimeService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory)
    : pool_(pool), clock_(clock), identity_(identity), directory_(std::move(directory)) {}

namespace {

using Errors = std::map<std::string, std::string>;

bool IsEntryKind(std::string_view kind) {
  for (const char* k : kEntryKinds)
    if (kind == k) return true;
  return false;
}

std::optional<std::int64_t> PositiveId(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.empty() || t.size() > 15) return std::nullopt;
  std::int64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v > 0 ? std::optional<std::int64_t>(v) : std::nullopt;
}

// Characters (code points) of valid UTF-8 text: limits are in characters, as the forms' maxlength.
std::size_t Characters(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

void Name(TimeEntry& e, const std::map<std::int64_t, DirectoryPerson>& people) {
  if (auto it = people.find(e.person.value); it != people.end()) {
    e.person_name = it->second.name;
    e.member_name = it->second.member_name;
  }
}

// Applies the input to `entry`; field errors go to `errors`. The person must be of the hub
// (`people`), the day not after `today`, the event / group of the hub.
void ApplyInput(db::Transaction& tx, const HubContext& hub, const TimeEntryInput& in,
                const std::map<std::int64_t, DirectoryPerson>& people, Date today, TimeEntry& e, Errors& errors) {
  auto person = PositiveId(in.person_id);
  if (!person || !people.count(*person)) {
    errors["person_id"] = "animation.time.error.person";
  } else {
    e.person = PersonId{*person};
    e.member = people.at(*person).member;
  }
  auto day = ParseDate(Trim(in.on_date));
  if (!day) errors["on_date"] = "validation.date";
  else if (*day > today) errors["on_date"] = "animation.time.error.future";
  else e.on = *day;
  std::optional<std::int64_t> minutes = in.minutes;
  if (!minutes) minutes = time_rules::ParseDuration(in.duration);
  if (!minutes) errors["minutes"] = "animation.time.error.duration";
  else if (*minutes <= 0) errors["minutes"] = "animation.time.error.not_positive";
  else if (*minutes > time_rules::kMinutesPerDay) errors["minutes"] = "animation.time.error.day_total";
  else e.minutes = *minutes;
  std::string kind(Trim(in.kind));
  if (kind.empty()) kind = "other";
  if (!IsEntryKind(kind)) errors["kind"] = "validation.choice";
  else e.kind = kind;
  e.event.reset();
  if (!Trim(in.event_id).empty()) {
    auto id = PositiveId(in.event_id);
    if (!id || !time_store::EventInHub(tx, hub.hub.id, *id)) errors["event_id"] = "animation.time.error.event";
    else e.event = EventId{*id};
  }
  e.group.reset();
  if (!Trim(in.group_id).empty()) {
    auto id = PositiveId(in.group_id);
    if (!id || !time_store::GroupInHub(tx, hub.hub.id, *id)) errors["group_id"] = "animation.time.error.group";
    else e.group = GroupId{*id};
  }
  if (!IsValidUtf8(in.note)) errors["note"] = "validation.encoding";
  else if (Characters(Trim(in.note)) > 2000) errors["note"] = "validation.too_long";
  else e.note = std::string(Trim(in.note));
}

// The 24 h rule: 422 on "minutes" naming the day's total.
std::optional<Error> CheckDay(db::Transaction& tx, const HubContext& hub, const TimeEntry& e,
                              std::optional<TimeEntryId> except) {
  const auto already = time_store::DayMinutes(tx, hub.hub.id, e.person, FormatIsoDate(e.on), except);
  if (!time_rules::PassesDay(already, e.minutes)) return std::nullopt;
  return Error::Invalid({{"minutes", "animation.time.error.day_total"}},
                        time_rules::DayTotalMessage(already + e.minutes));
}

}  // namespace

Result<std::vector<TimeEntry>> TimeService::ListEntries(const Actor& actor, const HubContext& hub,
                                                        const TimeEntryQuery& query) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  time_store::Range range{"0000-01-01", "9999-12-31"};
  if (query.year) {
    if (*query.year < 2000 || *query.year > 2100) return FieldError("year", "animation.time.error.year");
    range = {std::to_string(*query.year) + "-01-01", std::to_string(*query.year) + "-12-31"};
  }
  if (query.status && *query.status != "pending" && *query.status != "validated" && *query.status != "refused")
    return FieldError("status", "validation.choice");
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto entries = time_store::ListEntries(tx, hub.hub.id, range, query.status, query.person, OwnMember(actor, hub));
  const auto people = PeopleById(directory_, tx, hub.hub.id);
  for (auto& e : entries) Name(e, people);
  return entries;
}

Result<TimeEntry> TimeService::GetEntry(const Actor& actor, const HubContext& hub, TimeEntryId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto entry = time_store::FindEntry(tx, hub.hub.id, id);
  auto own = OwnMember(actor, hub);
  if (!entry || (own && *own != entry->member)) return Error::NotFound("time entry");
  Name(*entry, PeopleById(directory_, tx, hub.hub.id));
  return *entry;
}

Result<TimeEntry> TimeService::CreateEntry(const Actor& actor, const HubContext& hub, const TimeEntryInput& input) {
  if (!IsCoordinator(actor, hub) && !OwnMember(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  const auto people = PeopleById(directory_, tx, hub.hub.id);
  TimeEntry e;
  e.hub = hub.hub.id;
  Errors errors;
  ApplyInput(tx, hub, input, people, hubs::TodayIn(clock_, hub.hub), e, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!ActsFor(actor, hub, e.member)) return Error::Denied();
  if (auto day = CheckDay(tx, hub, e, std::nullopt)) return *day;
  e.status = "pending";
  e.created_at = e.updated_at = clock_.Now();
  e.id = time_store::InsertEntry(tx, e, actor.user);
  Name(e, people);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "time_entry", e.id.value, "", AuditJson(EntryJson(e))});
  PostEntryNotice(tx, hub, e, "time_to_validate", clock_.Now());
  tx.Commit();
  return e;
}

Result<TimeEntry> TimeService::UpdateEntry(const Actor& actor, const HubContext& hub, TimeEntryId id,
                                           std::int64_t version, const TimeEntryInput& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = time_store::FindEntry(tx, hub.hub.id, id);
  auto own = OwnMember(actor, hub);
  if (!current || (own && *own != current->member)) return Error::NotFound("time entry");
  const bool coordinator = IsCoordinator(actor, hub);
  if (!ActsFor(actor, hub, current->member)) return Error::Denied();
  if (!coordinator && current->status != "pending") return FieldError("status", "animation.time.error.decided");
  if (current->version != version) return Stale();
  const auto people = PeopleById(directory_, tx, hub.hub.id);
  TimeEntry e = *current;
  Errors errors;
  ApplyInput(tx, hub, input, people, hubs::TodayIn(clock_, hub.hub), e, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!ActsFor(actor, hub, e.member)) return Error::Denied();
  if (e.status != "refused")
    if (auto day = CheckDay(tx, hub, e, id)) return *day;
  e.updated_at = clock_.Now();
  if (!time_store::UpdateEntry(tx, e, version)) return Stale();
  e.version = version + 1;
  Name(*current, people);
  Name(e, people);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "time_entry", id.value, AuditJson(EntryJson(*current)),
                                    AuditJson(EntryJson(e))});
  tx.Commit();
  return e;
}

Result<bool> TimeService::DeleteEntry(const Actor& actor, const HubContext& hub, TimeEntryId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = time_store::FindEntry(tx, hub.hub.id, id);
  auto own = OwnMember(actor, hub);
  if (!current || (own && *own != current->member)) return Error::NotFound("time entry");
  if (!ActsFor(actor, hub, current->member)) return Error::Denied();
  if (!IsCoordinator(actor, hub) && current->status != "pending")
    return FieldError("status", "animation.time.error.decided");
  time_store::DeleteEntry(tx, hub.hub.id, id);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "delete", "time_entry", id.value, AuditJson(EntryJson(*current)), ""});
  tx.Commit();
  return true;
}

Result<TimeEntry> TimeService::Decide(const Actor& actor, const HubContext& hub, TimeEntryId id, bool validate,
                                      const std::string& reason) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = time_store::FindEntry(tx, hub.hub.id, id);
  auto own = OwnMember(actor, hub);
  if (!current || (own && *own != current->member)) return Error::NotFound("time entry");
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  if (current->status != "pending") return FieldError("status", "animation.time.error.decided");
  TimeEntry e = *current;
  if (!IsValidUtf8(reason)) return FieldError("reason", "validation.encoding");
  e.reason = std::string(Trim(reason));
  if (!validate && e.reason.empty()) return FieldError("reason", "animation.time.error.reason");
  if (Characters(e.reason) > 2000) return FieldError("reason", "validation.too_long");
  e.status = validate ? "validated" : "refused";
  e.decided_by = actor.user;
  e.decided_at = e.updated_at = clock_.Now();
  if (!time_store::UpdateEntry(tx, e, current->version)) return Stale();
  e.version = current->version + 1;
  Name(e, PeopleById(directory_, tx, hub.hub.id));
  identity_.RecordAudit(tx, actor, {hub.hub.id, validate ? "validate" : "refuse", "time_entry", id.value,
                                    AuditJson(EntryJson(*current)), AuditJson(EntryJson(e))});
  PostEntryNotice(tx, hub, e, validate ? "time_validated" : "time_refused", clock_.Now());
  tx.Commit();
  return e;
}

}  // namespace coopole::animation
