// Use cases of the member directory: authorise -> validate -> one transaction -> store.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "coopole/members/members.h"
#include "directory_index.h"
#include "member_service_internal.h"
#include "store/members_store.h"

namespace coopole::members {
namespace internal {
namespace {

nlohmann::json OptionalJson(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json OptionalJson(const std::optional<Date>& value) {
  return value ? nlohmann::json(FormatIsoDate(*value)) : nlohmann::json(nullptr);
}

}  // namespace

std::string MemberJson(const Member& m) {
  nlohmann::json j = {{"id", m.id.value},
                      {"name", m.name},
                      {"siret", m.siret},
                      {"legal_form", m.legal_form},
                      {"is_ess", m.is_ess},
                      {"insertion_type", m.insertion_type},
                      {"sectors", m.sectors},
                      {"commune_insee", m.commune_insee},
                      {"commune_name", m.commune_name},
                      {"epci_siren", m.epci_siren},
                      {"priority_area", m.priority_area},
                      {"fte_hundredths", OptionalJson(m.fte_hundredths)},
                      {"insertion_headcount", OptionalJson(m.insertion_headcount)},
                      {"join_date", OptionalJson(m.join_date)},
                      {"college", m.college},
                      {"charter_accepted_on", OptionalJson(m.charter_accepted_on)},
                      {"website", m.website},
                      {"email", m.email},
                      {"phone", m.phone},
                      {"address", m.address},
                      {"description", m.description},
                      {"archived_at", m.archived_at ? nlohmann::json(m.archived_at->unix_seconds) : nullptr},
                      {"version", m.version}};
  // Replace rather than throw on invalid UTF-8: stored text is validated, but the audit
  // log must never be the reason a write fails.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string PersonJson(const Person& p) {
  nlohmann::json j = {{"id", p.id.value},       {"member_id", p.member.value}, {"name", p.name},
                      {"role", p.role},         {"email", p.email},            {"phone", p.phone},
                      {"archived_at", p.archived_at ? nlohmann::json(p.archived_at->unix_seconds) : nullptr},
                      {"version", p.version}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

store::MemberFilter ToFilter(const MemberQuery& query, const reference::Catalogue& catalogue) {
  store::MemberFilter f;
  std::string folded = FoldForSearch(query.text);
  std::string word;
  for (char c : folded + ' ') {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!word.empty()) f.words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  f.legal_forms = query.legal_forms;
  f.insertion_types = query.insertion_types;
  for (const auto& code : query.sectors) {
    const auto* naf = catalogue.FindNaf(code);
    f.sectors.push_back(naf ? naf->code : std::string(Trim(code)));
  }
  f.epcis = query.epcis;
  f.priority_area = query.priority_area;
  f.include_archived = query.include_archived;
  f.sort = query.sort;
  return f;
}

Error SiretTaken() {
  return Error{ErrorCode::kConflict, "another member of the hub has this SIRET", {{"siret", "validation.siret_taken"}}};
}

Error Stale(const char* what) {
  return Error{ErrorCode::kConflict, std::string("the ") + what + " was changed by someone else",
               {{"version", "validation.stale"}}};
}

}  // namespace internal

namespace {

using identity::Actor;
using identity::Permission;
using internal::MemberJson;
using internal::PersonJson;

bool May(const Actor& actor, const hubs::HubContext& hub, Permission permission,
         std::optional<MemberId> member = std::nullopt) {
  return identity::Allows(actor, hub.access, permission, member);
}

}  // namespace

MemberService::MemberService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity,
                             std::shared_ptr<const reference::Catalogue> catalogue, MemberServiceOptions options)
    : pool_(pool),
      clock_(clock),
      identity_(identity),
      catalogue_(std::move(catalogue)),
      directory_(std::make_shared<DirectoryCache>(options.directory_cache_members)) {}

Result<MemberPage> MemberService::ListMembers(const Actor& actor, const hubs::HubContext& hub,
                                              const MemberQuery& query) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  MemberPage page;
  page.per_page = std::clamp(query.per_page, 1, 200);
  page.page = std::max(query.page, 1);
  auto filter = internal::ToFilter(query, *catalogue_);
  // Past the last int page the offset would overflow: such a page is simply empty.
  std::int64_t offset = static_cast<std::int64_t>(page.page - 1) * page.per_page;
  auto tx = pool_.Begin(db::TxMode::kRead);
  const HubId hub_id = hub.hub.id;
  auto index = DirectoryOf(tx, hub_id);
  if (index) {
    page.total = index->Query(filter, page.per_page, offset, page.items);
    return page;
  }
  page.total = store::CountMembers(tx, hub.hub.id, filter);
  if (offset < page.total) {
    page.items = store::ListMembers(tx, hub.hub.id, filter, page.per_page, static_cast<int>(offset));
  }
  return page;
}

std::shared_ptr<const DirectoryIndex> MemberService::DirectoryOf(db::Transaction& tx, HubId hub) {
  return directory_->Get(
      hub, store::DirectoryVersion(tx, hub), [&] { return store::CountHubMembers(tx, hub); },
      [&] { return store::LoadHubMembers(tx, hub); });
}

Result<DirectoryStatistics> MemberService::Statistics(const Actor& actor, const hubs::HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  const HubId hub_id = hub.hub.id;
  auto index = DirectoryOf(tx, hub_id);
  return ComputeStatistics(index ? index->members() : store::LoadHubMembers(tx, hub_id));
}

Result<Member> MemberService::GetMember(const Actor& actor, const hubs::HubContext& hub, MemberId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto member = store::FindMember(tx, hub.hub.id, id);
  if (!member) return Error::NotFound("member");
  return *member;
}

Result<Member> MemberService::CreateMember(const Actor& actor, const hubs::HubContext& hub, const MemberInput& input) {
  if (!May(actor, hub, Permission::kManageMembers)) return Error::Denied();
  Member member;
  member.hub = hub.hub.id;
  auto fields = ApplyMemberInput(input, *catalogue_, member);
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  member.created_at = member.updated_at = clock_.Now();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (!member.siret.empty() && store::FindMemberBySiret(tx, member.hub, member.siret)) return internal::SiretTaken();
  try {
    member.id = store::InsertMember(tx, member);
  } catch (const db::ConstraintError&) {
    return internal::SiretTaken();  // a concurrent insert took the SIRET after our check
  }
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "member", member.id.value, "", MemberJson(member)});
  store::BumpDirectoryVersion(tx, hub.hub.id);
  tx.Commit();
  return member;
}

Result<Member> MemberService::UpdateMember(const Actor& actor, const hubs::HubContext& hub, MemberId id,
                                           std::int64_t expected_version, const MemberInput& input) {
  if (!May(actor, hub, Permission::kEditOwnMember, id)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindMember(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("member");
  Member member = *current;
  auto fields = ApplyMemberInput(input, *catalogue_, member);
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  if (current->version != expected_version) return internal::Stale("member");
  if (!member.siret.empty() && member.siret != current->siret) {
    auto holder = store::FindMemberBySiret(tx, member.hub, member.siret);
    if (holder && *holder != member.id) return internal::SiretTaken();
  }
  member.updated_at = clock_.Now();
  try {
    if (!store::UpdateMember(tx, member, expected_version)) return internal::Stale("member");
  } catch (const db::ConstraintError&) {
    return internal::SiretTaken();
  }
  member.version = expected_version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "member", id.value, MemberJson(*current), MemberJson(member)});
  store::BumpDirectoryVersion(tx, hub.hub.id);
  tx.Commit();
  return member;
}

namespace {

// Archives (`archived` set) or restores a member; unchanged when it already is so.
Result<Member> SetMemberArchived(db::Pool& pool, identity::IdentityService& identity, const Clock& clock,
                                 const Actor& actor, const hubs::HubContext& hub, MemberId id, bool archive) {
  if (!May(actor, hub, Permission::kManageMembers)) return Error::Denied();
  auto tx = pool.Begin(db::TxMode::kWrite);
  auto current = store::FindMember(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("member");
  if (current->archived_at.has_value() == archive) return *current;
  Member member = *current;
  member.updated_at = clock.Now();
  if (archive) {
    member.archived_at = member.updated_at;
  } else {
    member.archived_at.reset();
  }
  if (!store::UpdateMember(tx, member, current->version)) return internal::Stale("member");
  member.version = current->version + 1;
  identity.RecordAudit(tx, actor, {hub.hub.id, archive ? "archive" : "restore", "member", id.value,
                                   MemberJson(*current), MemberJson(member)});
  store::BumpDirectoryVersion(tx, hub.hub.id);
  tx.Commit();
  return member;
}

}  // namespace

Result<Member> MemberService::ArchiveMember(const Actor& actor, const hubs::HubContext& hub, MemberId id) {
  return SetMemberArchived(pool_, identity_, clock_, actor, hub, id, true);
}

Result<Member> MemberService::RestoreMember(const Actor& actor, const hubs::HubContext& hub, MemberId id) {
  return SetMemberArchived(pool_, identity_, clock_, actor, hub, id, false);
}

Result<std::vector<Person>> MemberService::ListPeople(const Actor& actor, const hubs::HubContext& hub,
                                                      MemberId member) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  if (!store::MemberExists(tx, hub.hub.id, member)) return Error::NotFound("member");
  return store::ListPeople(tx, hub.hub.id, member);
}

Result<Person> MemberService::GetPerson(const Actor& actor, const hubs::HubContext& hub, PersonId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto person = store::FindPerson(tx, hub.hub.id, id);
  if (!person) return Error::NotFound("person");
  return *person;
}

Result<Person> MemberService::AddPerson(const Actor& actor, const hubs::HubContext& hub, MemberId member,
                                        const PersonInput& input) {
  if (!May(actor, hub, Permission::kEditOwnMember, member)) return Error::Denied();
  // Existence first: another hub's member is not found, whatever the input.
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (!store::MemberExists(tx, hub.hub.id, member)) return Error::NotFound("member");
  Person person;
  person.member = member;
  auto fields = ApplyPersonInput(input, person);
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  person.id = store::InsertPerson(tx, hub.hub.id, person, clock_.Now());
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "person", person.id.value, "", PersonJson(person)});
  tx.Commit();
  return person;
}

Result<Person> MemberService::UpdatePerson(const Actor& actor, const hubs::HubContext& hub, PersonId id,
                                           std::int64_t expected_version, const PersonInput& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindPerson(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("person");
  if (!May(actor, hub, Permission::kEditOwnMember, current->member)) return Error::Denied();
  Person person = *current;
  auto fields = ApplyPersonInput(input, person);
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  if (current->version != expected_version) return internal::Stale("person");
  if (!store::UpdatePerson(tx, hub.hub.id, person, expected_version, clock_.Now())) return internal::Stale("person");
  person.version = expected_version + 1;
  identity_.RecordAudit(tx, actor,
                        {hub.hub.id, "update", "person", id.value, PersonJson(*current), PersonJson(person)});
  tx.Commit();
  return person;
}

Result<Person> MemberService::ArchivePerson(const Actor& actor, const hubs::HubContext& hub, PersonId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindPerson(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("person");
  if (!May(actor, hub, Permission::kEditOwnMember, current->member)) return Error::Denied();
  if (current->archived_at) return *current;
  Person person = *current;
  auto now = clock_.Now();
  person.archived_at = now;
  if (!store::UpdatePerson(tx, hub.hub.id, person, current->version, now)) return internal::Stale("person");
  person.version = current->version + 1;
  identity_.RecordAudit(tx, actor,
                        {hub.hub.id, "archive", "person", id.value, PersonJson(*current), PersonJson(person)});
  tx.Commit();
  return person;
}

bool MemberService::MemberBelongsToHub(db::Transaction& tx, HubId hub, MemberId member) {
  return store::MemberExists(tx, hub, member);
}

std::optional<std::string> MemberService::MemberNameInHub(db::Transaction& tx, HubId hub, MemberId member) {
  auto found = store::FindMember(tx, hub, member);
  if (!found || found->archived_at) return std::nullopt;
  return found->name;
}

std::vector<Member> MemberService::ActiveMembers(db::Transaction& tx, std::optional<HubId> hub) {
  return store::LoadActiveMembers(tx, hub);
}

std::vector<Person> MemberService::ActivePeople(db::Transaction& tx, HubId hub) {
  return store::ListActivePeople(tx, hub);
}

}  // namespace coopole::members
