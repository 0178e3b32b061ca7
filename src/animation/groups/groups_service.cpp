// Use cases of working groups: list, read, create, edit, status, join and leave, decisions
// and document links; and the statics the events part calls inside its transactions.
#include <algorithm>

#include "groups_internal.h"
#include "groups_rules.h"
#include "store/groups_store.h"

namespace coopole::animation {

using namespace groups_internal;

GroupService::GroupService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory)
    : pool_(pool), clock_(clock), identity_(identity), directory_(std::move(directory)) {}

std::vector<PersonId> GroupService::GroupInvitees(db::Transaction& tx, HubId hub, GroupId group) {
  return groups_store::Invitees(tx, hub, group);
}

bool GroupService::GroupInHub(db::Transaction& tx, HubId hub, GroupId group) {
  return groups_store::GroupInHub(tx, hub, group);
}

namespace {

using Errors = std::map<std::string, std::string>;

std::map<std::int64_t, std::string> ActiveMemberNames(const Directory& directory, db::Transaction& tx, HubId hub) {
  std::map<std::int64_t, std::string> names;
  if (!directory.active_members) return names;
  for (const auto& member : directory.active_members(tx, hub)) names[member.id.value] = member.name;
  return names;
}

// A lead as typed: "" clears it; an id among `known` sets it; otherwise an error on `field`.
template <typename IdT, typename Map>
void ApplyLead(const std::optional<std::string>& text, const Map& known, const char* field, std::optional<IdT>& lead,
               Errors& errors) {
  if (!text) return;
  if (Trim(*text).empty()) {
    lead.reset();
    return;
  }
  auto id = ParsePositiveId(*text);
  if (id && known.count(*id)) lead = IdT{*id};
  else errors[field] = "animation.groups.error.lead_not_member";
}

// Applies the input to `group` (absent fields stay); errors name the fields.
void ApplyGroupInput(const GroupInput& input, const std::map<std::int64_t, std::string>& names,
                     const std::map<std::int64_t, groups_store::PersonRow>& people, Group& group, Errors& errors) {
  if (input.name) group.name = CheckedText(*input.name, "name", 200, errors);
  if (group.name.empty() && !errors.count("name")) errors["name"] = "validation.required";
  if (input.theme) group.theme = CheckedText(*input.theme, "theme", 200, errors);
  if (input.description) group.description = CheckedText(*input.description, "description", 10000, errors);
  std::vector<std::int64_t> member_ids, person_ids;
  if (input.member_ids) {
    group.members.clear();
    for (const auto& text : *input.member_ids) {
      if (Trim(text).empty()) continue;  // an empty row of the form
      auto id = ParsePositiveId(text);
      if (!id || !names.count(*id)) {
        errors["member_ids"] = "animation.groups.error.not_member";
        continue;
      }
      member_ids.push_back(*id);
      group.members.push_back({MemberId{*id}, names.at(*id)});
    }
  } else {
    for (const auto& m : group.members) member_ids.push_back(m.member.value);
  }
  if (input.person_ids) {
    group.people.clear();
    for (const auto& text : *input.person_ids) {
      if (Trim(text).empty()) continue;
      auto id = ParsePositiveId(text);
      if (!id || !people.count(*id)) {
        errors["person_ids"] = "animation.groups.error.unknown_person";
        continue;
      }
      person_ids.push_back(*id);
      const auto& p = people.at(*id);
      group.people.push_back({PersonId{*id}, p.member, p.name, p.member_name});
    }
  } else {
    for (const auto& p : group.people) person_ids.push_back(p.person.value);
  }
  ApplyLead(input.lead_member_id, names, "lead_member_id", group.lead_member, errors);
  ApplyLead(input.lead_person_id, people, "lead_person_id", group.lead_person, errors);
  auto lead_member = group.lead_member ? std::optional<std::int64_t>(group.lead_member->value) : std::nullopt;
  auto lead_person = group.lead_person ? std::optional<std::int64_t>(group.lead_person->value) : std::nullopt;
  for (const auto& [field, key] : groups_rules::CheckComposition(member_ids, person_ids, lead_member, lead_person))
    if (!errors.count(field)) errors[field] = key;
  group.lead_member_name = group.lead_member && names.count(group.lead_member->value) ? names.at(group.lead_member->value) : "";
  group.lead_person_name =
      group.lead_person && people.count(group.lead_person->value) ? people.at(group.lead_person->value).name : "";
  groups_store::SortComposition(group);
}

}  // namespace

Result<GroupPage> GroupService::ListGroups(const Actor& actor, const HubContext& hub, const GroupQuery& query) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  GroupPage page;
  page.page = groups_rules::ClampPage(query.page);
  page.per_page = groups_rules::ClampPerPage(query.per_page);
  const std::string folded = FoldForSearch(Trim(query.search));
  auto tx = pool_.Begin(db::TxMode::kRead);
  page.total = groups_store::CountGroups(tx, hub.hub.id, folded, query.status);
  page.items = groups_store::ListGroups(tx, hub.hub.id, folded, query.status, page.per_page,
                                        (page.page - 1) * page.per_page);
  return page;
}

Result<std::vector<DirectoryPerson>> GroupService::PeopleChoices(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  std::vector<DirectoryPerson> out;
  for (const auto& [id, row] : groups_store::ActivePeople(tx, hub.hub.id))
    out.push_back({PersonId{id}, row.member, row.name, row.member_name, "", ""});
  std::stable_sort(out.begin(), out.end(), [](const DirectoryPerson& a, const DirectoryPerson& b) {
    const auto ma = FoldForSearch(a.member_name), mb = FoldForSearch(b.member_name);
    return ma != mb ? ma < mb : FoldForSearch(a.name) < FoldForSearch(b.name);
  });
  return out;
}

Result<Group> GroupService::GetGroup(const Actor& actor, const HubContext& hub, GroupId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto group = groups_store::FindGroup(tx, hub.hub.id, id);
  if (!group) return Error::NotFound("group");
  groups_store::LoadDetails(tx, *group);
  group->meetings = groups_store::Meetings(tx, hub.hub.id, id);
  return *group;
}

Result<Group> GroupService::CreateGroup(const Actor& actor, const HubContext& hub, const GroupInput& input) {
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  Group group;
  group.hub = hub.hub.id;
  GroupInput effective = input;
  if (!effective.name) effective.name = "";
  auto tx = pool_.Begin(db::TxMode::kWrite);
  Errors errors;
  ApplyGroupInput(effective, ActiveMemberNames(directory_, tx, hub.hub.id), groups_store::ActivePeople(tx, hub.hub.id),
                  group, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  group.created_at = group.updated_at = clock_.Now();
  group.id = groups_store::InsertGroup(tx, group, actor.user);
  groups_store::ReplaceComposition(tx, group);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "animation_group", group.id.value, "", AuditJson(GroupJson(group))});
  tx.Commit();
  return group;
}

Result<Group> GroupService::Edit(const Actor& actor, const HubContext& hub, GroupId id,
                                 const std::function<Result<bool>(db::Transaction&, Group&)>& change,
                                 const char* action) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = groups_store::FindGroup(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("group");
  groups_store::LoadDetails(tx, *current);
  Group group = *current;
  auto changed = change(tx, group);
  if (!changed) return changed.error();
  if (*changed) {
    // The lead's names follow the composition (leaving may have removed the lead), and the
    // organisations and people stay by name, as GetGroup gives them.
    group.lead_member_name.clear();
    for (const auto& m : group.members)
      if (group.lead_member == m.member) group.lead_member_name = m.name;
    group.lead_person_name.clear();
    for (const auto& p : group.people)
      if (group.lead_person == p.person) group.lead_person_name = p.name;
    groups_store::SortComposition(group);
    group.updated_at = clock_.Now();
    if (!groups_store::UpdateGroup(tx, group, current->version)) return Stale("group");
    group.version = current->version + 1;
    groups_store::ReplaceComposition(tx, group);
    groups_store::LoadDetails(tx, group);
    identity_.RecordAudit(tx, actor,
                          {hub.hub.id, action, "animation_group", id.value, AuditJson(GroupJson(*current)),
                           AuditJson(GroupJson(group))});
  }
  group.meetings = groups_store::Meetings(tx, hub.hub.id, id);
  tx.Commit();
  return group;
}

Result<Group> GroupService::UpdateGroup(const Actor& actor, const HubContext& hub, GroupId id, std::int64_t version,
                                        const GroupInput& input) {
  return Edit(
      actor, hub, id,
      [&](db::Transaction& tx, Group& group) -> Result<bool> {
        if (!MayEditGroup(actor, hub, group)) return Error::Denied();
        if (group.version != version) return Stale("group");
        const auto before_lead = group.lead_member;
        Errors errors;
        ApplyGroupInput(input, ActiveMemberNames(directory_, tx, hub.hub.id),
                        groups_store::ActivePeople(tx, hub.hub.id), group, errors);
        if (!errors.empty()) return Error::Invalid(std::move(errors));
        // Handing the lead to another organisation is acting for that one too.
        if (group.lead_member != before_lead && !IsCoordinator(actor, hub) &&
            !(group.lead_member && ActsFor(actor, hub, *group.lead_member)))
          return Error::Denied();
        return true;
      },
      "update");
}

Result<Group> GroupService::ChangeStatus(const Actor& actor, const HubContext& hub, GroupId id, std::int64_t version,
                                         const std::string& status) {
  return Edit(
      actor, hub, id,
      [&](db::Transaction&, Group& group) -> Result<bool> {
        if (!MayEditGroup(actor, hub, group)) return Error::Denied();
        if (group.version != version) return Stale("group");
        auto to = ParseGroupStatus(Trim(status));
        if (!to) return FieldError("status", "validation.choice");
        if (!groups_rules::MayMove(group.status, *to)) return FieldError("status", "animation.groups.error.transition");
        group.status = *to;
        return true;
      },
      "status");
}

Result<Group> GroupService::JoinMember(const Actor& actor, const HubContext& hub, GroupId id,
                                       const std::string& member_id) {
  return Edit(
      actor, hub, id,
      [&](db::Transaction& tx, Group& group) -> Result<bool> {
        auto parsed = ParsePositiveId(member_id);
        if (!parsed && OwnMember(hub) && Trim(member_id).empty()) parsed = OwnMember(hub)->value;
        const auto names = ActiveMemberNames(directory_, tx, hub.hub.id);
        if (!parsed || !names.count(*parsed)) return FieldError("member_id", "animation.groups.error.not_member");
        const MemberId member{*parsed};
        if (!MayEditGroup(actor, hub, group) && !ActsFor(actor, hub, member)) return Error::Denied();
        for (const auto& m : group.members)
          if (m.member == member) return false;
        group.members.push_back({member, names.at(*parsed)});
        return true;
      },
      "join");
}

Result<Group> GroupService::LeaveMember(const Actor& actor, const HubContext& hub, GroupId id, MemberId member) {
  return Edit(
      actor, hub, id,
      [&](db::Transaction&, Group& group) -> Result<bool> {
        if (!MayEditGroup(actor, hub, group) && !ActsFor(actor, hub, member)) return Error::Denied();
        // Like LeavePerson: an organisation that is not in the group (another hub's among
        // them) is not found, rather than a silent success.
        if (std::none_of(group.members.begin(), group.members.end(), [&](const GroupMember& m) { return m.member == member; }) &&
            std::none_of(group.people.begin(), group.people.end(), [&](const GroupPerson& p) { return p.member == member; }))
          return Error::NotFound("member");
        const auto before = group.members.size() + group.people.size();
        std::erase_if(group.members, [&](const GroupMember& m) { return m.member == member; });
        std::erase_if(group.people, [&](const GroupPerson& p) { return p.member == member; });
        if (group.lead_member == member) group.lead_member.reset();
        if (group.lead_person && std::none_of(group.people.begin(), group.people.end(),
                                              [&](const GroupPerson& p) { return p.person == *group.lead_person; }))
          group.lead_person.reset();
        return group.members.size() + group.people.size() != before;
      },
      "leave");
}

Result<Group> GroupService::JoinPerson(const Actor& actor, const HubContext& hub, GroupId id,
                                       const std::string& person_id) {
  return Edit(
      actor, hub, id,
      [&](db::Transaction& tx, Group& group) -> Result<bool> {
        const auto people = groups_store::ActivePeople(tx, hub.hub.id);
        auto parsed = ParsePositiveId(person_id);
        if (!parsed || !people.count(*parsed)) return FieldError("person_id", "animation.groups.error.unknown_person");
        const auto& row = people.at(*parsed);
        if (!MayEditGroup(actor, hub, group) && !ActsFor(actor, hub, row.member)) return Error::Denied();
        const PersonId person{*parsed};
        for (const auto& p : group.people)
          if (p.person == person) return false;
        group.people.push_back({person, row.member, row.name, row.member_name});
        return true;
      },
      "join_person");
}

Result<Group> GroupService::LeavePerson(const Actor& actor, const HubContext& hub, GroupId id, PersonId person) {
  return Edit(
      actor, hub, id,
      [&](db::Transaction&, Group& group) -> Result<bool> {
        auto it = std::find_if(group.people.begin(), group.people.end(),
                               [&](const GroupPerson& p) { return p.person == person; });
        if (it == group.people.end()) return Error::NotFound("person");
        if (!MayEditGroup(actor, hub, group) && !ActsFor(actor, hub, it->member)) return Error::Denied();
        group.people.erase(it);
        if (group.lead_person == person) group.lead_person.reset();
        return true;
      },
      "leave_person");
}

Result<Group> GroupService::AddDecision(const Actor& actor, const HubContext& hub, GroupId id,
                                        const DecisionInput& input) {
  return Edit(
      actor, hub, id,
      [&](db::Transaction& tx, Group& group) -> Result<bool> {
        if (!MayEditGroup(actor, hub, group)) return Error::Denied();
        Errors errors;
        Decision d;
        if (auto date = ParseDate(Trim(input.decided_on))) d.decided_on = *date;
        else errors["decided_on"] = "validation.date";
        d.text = CheckedText(input.text, "text", 5000, errors);
        if (d.text.empty() && !errors.count("text")) errors["text"] = "validation.required";
        if (!Trim(input.event_id).empty()) {
          auto event = ParsePositiveId(input.event_id);
          if (event && groups_store::EventInHub(tx, hub.hub.id, EventId{*event})) d.event = EventId{*event};
          else errors["event_id"] = "animation.groups.error.unknown_event";
        }
        if (!errors.empty()) return Error::Invalid(std::move(errors));
        d.id = groups_store::InsertDecision(tx, group.id, d, clock_.Now());
        return true;
      },
      "add_decision");
}

Result<Group> GroupService::AddLink(const Actor& actor, const HubContext& hub, GroupId id, const LinkInput& input) {
  return Edit(
      actor, hub, id,
      [&](db::Transaction& tx, Group& group) -> Result<bool> {
        if (!MayEditGroup(actor, hub, group)) return Error::Denied();
        Errors errors;
        DocumentLink link;
        link.label = CheckedText(input.label, "label", 300, errors);
        if (link.label.empty() && !errors.count("label")) errors["label"] = "validation.required";
        link.url = CheckedText(input.url, "url", 2000, errors);
        if (!errors.count("url") && !groups_rules::IsWebAddress(link.url)) errors["url"] = "animation.groups.error.url";
        if (!errors.empty()) return Error::Invalid(std::move(errors));
        link.id = groups_store::InsertLink(tx, group.id, link, clock_.Now());
        return true;
      },
      "add_link");
}

Result<Group> GroupService::RemoveLink(const Actor& actor, const HubContext& hub, GroupId id, std::int64_t link) {
  return Edit(
      actor, hub, id,
      [&](db::Transaction& tx, Group& group) -> Result<bool> {
        if (!MayEditGroup(actor, hub, group)) return Error::Denied();
        if (!groups_store::DeleteLink(tx, group.id, link)) return Error::NotFound("link");
        return true;
      },
      "remove_link");
}

}  // namespace coopole::animation
