// SQL of the members module (members_* tables). Every function takes the caller's
// transaction and binds every query to a hub: a row of another hub is never read or written.
#pragma once

#include <optional>
#include <vector>

#include "coopole/members/members.h"

namespace coopole::members::store {

// Filters of MemberQuery as the store applies them. `words` are already folded with
// FoldForSearch; sectors are NAF codes. Paging is applied only by ListMembers.
struct MemberFilter {
  std::vector<std::string> words;
  std::vector<std::string> legal_forms;
  std::vector<std::string> insertion_types;  // "none": without insertion type
  std::vector<std::string> sectors;
  std::vector<std::string> epcis;
  std::optional<bool> priority_area;
  bool include_archived = false;
  MemberSort sort = MemberSort::kName;
};

std::optional<Member> FindMember(db::Transaction& tx, HubId hub, MemberId id);
bool MemberExists(db::Transaction& tx, HubId hub, MemberId id);
// The member of `hub` holding `siret` (non-empty), if any.
std::optional<MemberId> FindMemberBySiret(db::Transaction& tx, HubId hub, const std::string& siret);
// The matching members, sorted, `limit` from `offset`; and how many match in all.
std::vector<Member> ListMembers(db::Transaction& tx, HubId hub, const MemberFilter& filter, int limit, int offset);
std::int64_t CountMembers(db::Transaction& tx, HubId hub, const MemberFilter& filter);
// Every matching member, sorted (exports).
std::vector<Member> ListAllMembers(db::Transaction& tx, HubId hub, const MemberFilter& filter);
// Every member of the hub, archived included, in id order (import matching).
std::vector<Member> LoadHubMembers(db::Transaction& tx, HubId hub);
// Every active member of the hub (or of every hub when nullopt), in (hub, id) order.
std::vector<Member> LoadActiveMembers(db::Transaction& tx, std::optional<HubId> hub);

// The hub's directory version: bumped in every transaction that writes members_members, so
// that the in-memory directory index knows when it is stale (directory_index.h). 0 before
// the first write. Callers of InsertMember/UpdateMember call BumpDirectoryVersion once
// before committing.
std::int64_t DirectoryVersion(db::Transaction& tx, HubId hub);
void BumpDirectoryVersion(db::Transaction& tx, HubId hub);
// Members of the hub, archived included.
std::int64_t CountHubMembers(db::Transaction& tx, HubId hub);

// Inserts with version 1; returns the new id. Throws db::ConstraintError (SIRET taken).
MemberId InsertMember(db::Transaction& tx, const Member& member);
// Writes every field when the stored version is `expected_version`, bumping it; false
// otherwise (or when the member is not of member.hub). Throws db::ConstraintError.
bool UpdateMember(db::Transaction& tx, const Member& member, std::int64_t expected_version);

std::vector<Person> ListPeople(db::Transaction& tx, HubId hub, MemberId member);
// The unarchived people of the hub's unarchived members, by member then name.
std::vector<Person> ListActivePeople(db::Transaction& tx, HubId hub);
std::optional<Person> FindPerson(db::Transaction& tx, HubId hub, PersonId id);
PersonId InsertPerson(db::Transaction& tx, HubId hub, const Person& person, Timestamp now);
// Same contract as UpdateMember.
bool UpdatePerson(db::Transaction& tx, HubId hub, const Person& person, std::int64_t expected_version,
                  Timestamp now);

}  // namespace coopole::members::store
