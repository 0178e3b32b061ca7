// The member directory: organisations of a hub and the people attached to them.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "coopole/core/result.h"
#include "coopole/core/time.h"
#include "coopole/db/db.h"
#include "coopole/db/migrations.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/reference/catalogue.h"
#include "coopole/tabular/tabular.h"

namespace coopole::members {

using identity::HubId;
using identity::MemberId;
using PersonId = Id<struct PersonTag>;

// Closed vocabularies. Codes are stored; labels come from the message catalogues
// ("members.legal_form.scic").
const std::vector<std::string>& LegalForms();      // association, foundation, scic, scop, ...
const std::vector<std::string>& InsertionTypes();  // aci, ei, ai, etti, ea, esat, geiq

struct Member {
  MemberId id;
  HubId hub;
  std::string name;
  std::string siret;                    // 14 digits or ""
  std::string legal_form;               // a LegalForms() code
  bool is_ess = false;
  std::string insertion_type;           // an InsertionTypes() code or ""
  std::vector<std::string> sectors;     // NAF codes "88.99B"
  std::string commune_insee;            // "" when unknown
  std::string commune_name;             // resolved from the reference data
  std::string epci_siren;
  std::string epci_name;
  bool priority_area = false;           // QPV
  std::optional<std::int64_t> fte_hundredths;      // 2.5 FTE -> 250
  std::optional<std::int64_t> insertion_headcount;
  std::optional<Date> join_date;
  std::string college;
  std::optional<Date> charter_accepted_on;
  std::string website;
  std::string email;
  std::string phone;
  std::string address;
  std::string description;
  std::optional<Timestamp> archived_at;
  Timestamp created_at;
  Timestamp updated_at;
  std::int64_t version = 1;
};

// Raw text from a form, JSON or a CSV row. On update an absent field keeps its value.
// Booleans accept "1/0", "true/false", "oui/non", "yes/no", "x"/"" ; decimals accept a comma.
// `sectors` is a list of NAF codes separated by commas, semicolons or spaces.
struct MemberInput {
  std::optional<std::string> name, siret, legal_form, is_ess, insertion_type, sectors, commune_insee,
      priority_area, fte, insertion_headcount, join_date, college, charter_accepted_on, website, email, phone,
      address, description;
};

// The text fields of MemberInput and PersonInput by name: the names forms, JSON bodies,
// CSV column mapping (FieldForColumn) and field errors all use.
struct MemberInputField {
  const char* name;
  std::optional<std::string> MemberInput::*value;
};
std::span<const MemberInputField> MemberInputFields();

struct Person {
  PersonId id;
  MemberId member;
  std::string name;
  std::string role;
  std::string email;
  std::string phone;
  std::optional<Timestamp> archived_at;
  std::int64_t version = 1;
};

struct PersonInput {
  std::optional<std::string> name, role, email, phone;
};

struct PersonInputField {
  const char* name;
  std::optional<std::string> PersonInput::*value;
};
std::span<const PersonInputField> PersonInputFields();

enum class MemberSort { kName, kNameDesc, kCommune, kJoinDate, kUpdated };

struct MemberQuery {
  std::string text;                          // accent- and case-insensitive, over name, commune, description, SIRET
  std::vector<std::string> legal_forms;      // any of
  std::vector<std::string> insertion_types;  // any of; "none" means without insertion type
  std::vector<std::string> sectors;          // any of (NAF codes)
  std::vector<std::string> epcis;            // any of (SIREN)
  std::optional<bool> priority_area;
  bool include_archived = false;
  MemberSort sort = MemberSort::kName;
  int page = 1;        // 1-based
  int per_page = 50;   // 1..200
};

struct MemberPage {
  std::vector<Member> items;
  std::int64_t total = 0;  // matching rows across all pages
  int page = 1;
  int per_page = 50;
};

// What the directory says about the hub, published for dashboards and, later, for the
// impact reports and the network observatory (which read statistics, never tables).
// Archived members are left out.
struct DirectoryStatistics {
  std::int64_t members = 0;
  std::int64_t ess = 0;                    // members of the social and solidarity economy
  std::int64_t insertion_structures = 0;   // members with an insertion (IAE/EA) type
  std::int64_t priority_area = 0;          // members in a QPV
  std::int64_t fte_hundredths = 0;         // total FTE of those that declared it
  std::int64_t insertion_headcount = 0;    // total insertion employees declared
  std::int64_t communes = 0;               // distinct communes
  // Counts by code, largest first then by code.
  std::vector<std::pair<std::string, std::int64_t>> by_legal_form;
  std::vector<std::pair<std::string, std::int64_t>> by_insertion_type;
  std::vector<std::pair<std::string, std::int64_t>> by_epci;  // EPCI name ("" without commune)
};

// Pure: the statistics of a set of members (member_statistics.cpp).
DirectoryStatistics ComputeStatistics(const std::vector<Member>& members);

enum class ImportMode { kDryRun, kApply };

// One problem of one imported row, for the report shown to the user.
struct ImportIssue {
  int line = 0;            // physical line in the file
  std::string column;      // header as written in the file, "" for the whole row
  std::string field;       // MemberInput field name
  std::string message;     // message key, e.g. "validation.required"
  std::string value;       // the offending text
};

struct ImportReport {
  int rows = 0;
  int created = 0;         // rows that would create (dry run) or created a member
  int updated = 0;         // matched an existing member by SIRET, else by name and commune
  bool applied = false;    // true only when nothing was invalid and the mode was kApply
  std::vector<std::string> unknown_columns;
  std::vector<ImportIssue> issues;
};

// Pure rules (member_rules.cpp): parse raw input onto a member and validate it.
// Returns field -> message key for every field at fault.
std::map<std::string, std::string> ApplyMemberInput(const MemberInput& input, const reference::Catalogue& catalogue,
                                                    Member& member);
std::map<std::string, std::string> ApplyPersonInput(const PersonInput& input, Person& person);
bool IsValidSiret(std::string_view siret);
// Maps a CSV header ("Raison sociale", "Forme juridique", "SIRET", "Code INSEE", "ETP", ...;
// French or English, accents and case ignored) to a MemberInput field name, or "".
std::string FieldForColumn(std::string_view header);

struct MemberServiceOptions {
  // Members kept in the in-memory directory index across hubs; 0 turns it off (every
  // directory query then runs in SQL).
  std::size_t directory_cache_members = 50000;
};

class DirectoryCache;
class DirectoryIndex;

class MemberService {
 public:
  MemberService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity,
                std::shared_ptr<const reference::Catalogue> catalogue, MemberServiceOptions options = {});

  // Errors of every use case: kNotFound for a member or person of another hub,
  // kPermissionDenied when the role does not allow the action.
  Result<MemberPage> ListMembers(const identity::Actor& actor, const hubs::HubContext& hub, const MemberQuery& query);
  Result<Member> GetMember(const identity::Actor& actor, const hubs::HubContext& hub, MemberId id);
  // Errors: kInvalidArgument with fields; kConflict (SIRET already in the hub).
  Result<Member> CreateMember(const identity::Actor& actor, const hubs::HubContext& hub, const MemberInput& input);
  // Errors: kInvalidArgument; kConflict (stale version: someone else saved first; SIRET taken).
  Result<Member> UpdateMember(const identity::Actor& actor, const hubs::HubContext& hub, MemberId id,
                              std::int64_t expected_version, const MemberInput& input);
  Result<Member> ArchiveMember(const identity::Actor& actor, const hubs::HubContext& hub, MemberId id);
  Result<Member> RestoreMember(const identity::Actor& actor, const hubs::HubContext& hub, MemberId id);

  Result<std::vector<Person>> ListPeople(const identity::Actor& actor, const hubs::HubContext& hub, MemberId member);
  Result<Person> GetPerson(const identity::Actor& actor, const hubs::HubContext& hub, PersonId id);
  Result<Person> AddPerson(const identity::Actor& actor, const hubs::HubContext& hub, MemberId member,
                           const PersonInput& input);
  Result<Person> UpdatePerson(const identity::Actor& actor, const hubs::HubContext& hub, PersonId id,
                              std::int64_t expected_version, const PersonInput& input);
  Result<Person> ArchivePerson(const identity::Actor& actor, const hubs::HubContext& hub, PersonId id);

  // Validates every row first; writes nothing if any row is invalid (the report says why,
  // per line and column). Rows matching an existing member (SIRET, else folded name and
  // commune) update it instead of creating a duplicate. All rows commit in one transaction.
  Result<ImportReport> ImportMembers(const identity::Actor& actor, const hubs::HubContext& hub,
                                     const tabular::Table& table, ImportMode mode);
  // The directory (filters of `query` apply, all pages) as a table with French headers that
  // ImportMembers reads back.
  Result<tabular::Table> ExportMembers(const identity::Actor& actor, const hubs::HubContext& hub,
                                       const MemberQuery& query);

  // The directory's statistics. Errors: kPermissionDenied.
  Result<DirectoryStatistics> Statistics(const identity::Actor& actor, const hubs::HubContext& hub);

  // For hubs::MemberInHub: whether `member` belongs to `hub` (inside the caller's transaction).
  static bool MemberBelongsToHub(db::Transaction& tx, HubId hub, MemberId member);
  // For other modules (pooling): the name of an active (unarchived) member of `hub`, else
  // nullopt -- new bookings, services and loans involve active members only.
  static std::optional<std::string> MemberNameInHub(db::Transaction& tx, HubId hub, MemberId member);
  // For other modules (cooperation): every active (unarchived) member of `hub`, or of every
  // hub when nullopt, in (hub, id) order, inside the caller's transaction.
  static std::vector<Member> ActiveMembers(db::Transaction& tx, std::optional<HubId> hub);
  // For other modules (animation): the unarchived people of the active members of `hub`, by
  // member then name, inside the caller's transaction.
  static std::vector<Person> ActivePeople(db::Transaction& tx, HubId hub);
  static std::vector<db::Migration> Migrations();

 private:
  // The hub's in-memory directory as of `tx`, or nullptr when the hub is not cached.
  std::shared_ptr<const DirectoryIndex> DirectoryOf(db::Transaction& tx, HubId hub);

  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  std::shared_ptr<const reference::Catalogue> catalogue_;
  std::shared_ptr<DirectoryCache> directory_;
};

}  // namespace coopole::members
