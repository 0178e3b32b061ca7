#include "store/members_store.h"

#include "member_rules.h"

#include "coopole/core/text.h"

namespace coopole::members::store {
namespace {

constexpr const char* kMemberColumns =
    "SELECT id, hub_id, name, siret, legal_form, is_ess, insertion_type, sectors, commune_insee, commune_name, "
    "epci_siren, epci_name, priority_area, fte_hundredths, insertion_headcount, join_date, college, "
    "charter_accepted_on, website, email, phone, address, description, archived_at, created_at, updated_at, "
    "version FROM members_members ";

constexpr const char* kPersonColumns =
    "SELECT id, member_id, name, role, email, phone, archived_at, version FROM members_people ";

// Sectors are stored as " 88.99B 01.11Z " so that one code is found with LIKE '% 88.99B %'.
std::string EncodeSectors(const std::vector<std::string>& sectors) {
  if (sectors.empty()) return "";
  std::string out = " ";
  for (const auto& code : sectors) {
    out += code;
    out += ' ';
  }
  return out;
}

std::vector<std::string> DecodeSectors(const std::string& text) {
  std::vector<std::string> out;
  for (auto& part : Split(text, ' ')) {
    if (!part.empty()) out.push_back(std::move(part));
  }
  return out;
}

Member ReadMember(const db::Rows& rows, std::size_t r) {
  Member m;
  m.id = MemberId{rows.Int(r, 0)};
  m.hub = HubId{rows.Int(r, 1)};
  m.name = rows.Text(r, 2);
  m.siret = rows.Text(r, 3);
  m.legal_form = rows.Text(r, 4);
  m.is_ess = rows.Int(r, 5) != 0;
  m.insertion_type = rows.Text(r, 6);
  m.sectors = DecodeSectors(rows.Text(r, 7));
  m.commune_insee = rows.Text(r, 8);
  m.commune_name = rows.Text(r, 9);
  m.epci_siren = rows.Text(r, 10);
  m.epci_name = rows.Text(r, 11);
  m.priority_area = rows.Int(r, 12) != 0;
  m.fte_hundredths = rows.OptInt(r, 13);
  m.insertion_headcount = rows.OptInt(r, 14);
  m.join_date = rows.OptDate(r, 15);
  m.college = rows.Text(r, 16);
  m.charter_accepted_on = rows.OptDate(r, 17);
  m.website = rows.Text(r, 18);
  m.email = rows.Text(r, 19);
  m.phone = rows.Text(r, 20);
  m.address = rows.Text(r, 21);
  m.description = rows.Text(r, 22);
  if (auto at = rows.OptInt(r, 23)) m.archived_at = Timestamp{*at};
  m.created_at = Timestamp{rows.Int(r, 24)};
  m.updated_at = Timestamp{rows.Int(r, 25)};
  m.version = rows.Int(r, 26);
  return m;
}

std::vector<Member> ReadMembers(const db::Rows& rows) {
  std::vector<Member> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadMember(rows, r));
  return out;
}

Person ReadPerson(const db::Rows& rows, std::size_t r) {
  Person p;
  p.id = PersonId{rows.Int(r, 0)};
  p.member = MemberId{rows.Int(r, 1)};
  p.name = rows.Text(r, 2);
  p.role = rows.Text(r, 3);
  p.email = rows.Text(r, 4);
  p.phone = rows.Text(r, 5);
  if (auto at = rows.OptInt(r, 6)) p.archived_at = Timestamp{*at};
  p.version = rows.Int(r, 7);
  return p;
}

// "(?, ?, ?)" for n values.
std::string Placeholders(std::size_t n) {
  std::string out = "(";
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  out += ")";
  return out;
}

// The WHERE clause of a filter: fixed SQL fragments, every value bound.
struct Where {
  std::string sql;
  db::Params params;
};

Where BuildWhere(HubId hub, const MemberFilter& f) {
  Where w{"WHERE hub_id = ?", {hub.value}};
  if (!f.include_archived) w.sql += " AND archived_at IS NULL";
  for (const auto& word : f.words) {
    w.sql += " AND search_text LIKE ? ESCAPE '\\'";
    w.params.push_back(db::ContainsPattern(word));
  }
  if (!f.legal_forms.empty()) {
    w.sql += " AND legal_form IN " + Placeholders(f.legal_forms.size());
    for (const auto& v : f.legal_forms) w.params.push_back(v);
  }
  if (!f.insertion_types.empty()) {
    std::vector<std::string> codes;
    bool none = false;
    for (const auto& v : f.insertion_types) {
      if (v == "none") {
        none = true;
      } else {
        codes.push_back(v);
      }
    }
    w.sql += " AND (";
    if (!codes.empty()) {
      w.sql += "insertion_type IN " + Placeholders(codes.size());
      for (auto& v : codes) w.params.push_back(std::move(v));
    }
    if (none) w.sql += codes.empty() ? "insertion_type = ''" : " OR insertion_type = ''";
    w.sql += ")";
  }
  if (!f.sectors.empty()) {
    w.sql += " AND (";
    for (std::size_t i = 0; i < f.sectors.size(); ++i) {
      w.sql += i == 0 ? "sectors LIKE ? ESCAPE '\\'" : " OR sectors LIKE ? ESCAPE '\\'";
      w.params.push_back(db::ContainsPattern(" " + f.sectors[i] + " "));
    }
    w.sql += ")";
  }
  if (!f.epcis.empty()) {
    w.sql += " AND epci_siren IN " + Placeholders(f.epcis.size());
    for (const auto& v : f.epcis) w.params.push_back(v);
  }
  if (f.priority_area) {
    w.sql += " AND priority_area = ?";
    w.params.push_back(std::int64_t{*f.priority_area ? 1 : 0});
  }
  return w;
}

const char* OrderBy(MemberSort sort) {
  switch (sort) {
    case MemberSort::kName: return " ORDER BY name_folded, id";
    case MemberSort::kNameDesc: return " ORDER BY name_folded DESC, id DESC";
    // Members without a commune or a date come last on both databases (SQLite and
    // PostgreSQL disagree on where NULLs sort).
    case MemberSort::kCommune:
      return " ORDER BY CASE WHEN commune_folded = '' THEN 1 ELSE 0 END, commune_folded, name_folded, id";
    case MemberSort::kJoinDate:
      return " ORDER BY CASE WHEN join_date IS NULL THEN 1 ELSE 0 END, join_date, name_folded, id";
    case MemberSort::kUpdated: return " ORDER BY updated_at DESC, id DESC";
  }
  return " ORDER BY name_folded, id";
}

// Values of the written columns in the order of kWriteColumns.
db::Params WriteParams(const Member& m) {
  return {m.name,
          FoldForSearch(m.name),
          m.siret,
          m.legal_form,
          std::int64_t{m.is_ess ? 1 : 0},
          m.insertion_type,
          EncodeSectors(m.sectors),
          m.commune_insee,
          m.commune_name,
          FoldForSearch(m.commune_name),
          m.epci_siren,
          m.epci_name,
          std::int64_t{m.priority_area ? 1 : 0},
          db::Nullable(m.fte_hundredths),
          db::Nullable(m.insertion_headcount),
          db::Nullable(m.join_date),
          m.college,
          db::Nullable(m.charter_accepted_on),
          m.website,
          m.email,
          m.phone,
          m.address,
          m.description,
          SearchTextOf(m),
          db::Nullable(m.archived_at),
          m.updated_at.unix_seconds};
}

}  // namespace

std::optional<Member> FindMember(db::Transaction& tx, HubId hub, MemberId id) {
  auto rows = tx.Query(std::string(kMemberColumns) + "WHERE id = ? AND hub_id = ?", {id.value, hub.value});
  if (rows.empty()) return std::nullopt;
  return ReadMember(rows, 0);
}

bool MemberExists(db::Transaction& tx, HubId hub, MemberId id) {
  return !tx.Query("SELECT 1 FROM members_members WHERE id = ? AND hub_id = ?", {id.value, hub.value}).empty();
}

std::optional<MemberId> FindMemberBySiret(db::Transaction& tx, HubId hub, const std::string& siret) {
  auto rows = tx.Query("SELECT id FROM members_members WHERE hub_id = ? AND siret = ?", {hub.value, siret});
  if (rows.empty()) return std::nullopt;
  return MemberId{rows.Int(0, 0)};
}

std::vector<Member> ListMembers(db::Transaction& tx, HubId hub, const MemberFilter& filter, int limit, int offset) {
  Where w = BuildWhere(hub, filter);
  w.params.push_back(std::int64_t{limit});
  w.params.push_back(std::int64_t{offset});
  return ReadMembers(tx.Query(std::string(kMemberColumns) + w.sql + OrderBy(filter.sort) + " LIMIT ? OFFSET ?",
                              w.params));
}

std::int64_t CountMembers(db::Transaction& tx, HubId hub, const MemberFilter& filter) {
  Where w = BuildWhere(hub, filter);
  return tx.Query("SELECT COUNT(*) FROM members_members " + w.sql, w.params).Int(0, 0);
}

std::vector<Member> ListAllMembers(db::Transaction& tx, HubId hub, const MemberFilter& filter) {
  Where w = BuildWhere(hub, filter);
  return ReadMembers(tx.Query(std::string(kMemberColumns) + w.sql + OrderBy(filter.sort), w.params));
}

std::vector<Member> LoadHubMembers(db::Transaction& tx, HubId hub) {
  return ReadMembers(tx.Query(std::string(kMemberColumns) + "WHERE hub_id = ? ORDER BY id", {hub.value}));
}

std::vector<Member> LoadActiveMembers(db::Transaction& tx, std::optional<HubId> hub) {
  if (hub) {
    return ReadMembers(
        tx.Query(std::string(kMemberColumns) + "WHERE hub_id = ? AND archived_at IS NULL ORDER BY id", {hub->value}));
  }
  return ReadMembers(tx.Query(std::string(kMemberColumns) + "WHERE archived_at IS NULL ORDER BY hub_id, id", {}));
}

MemberId InsertMember(db::Transaction& tx, const Member& member) {
  db::Params params = WriteParams(member);
  params.push_back(member.hub.value);
  params.push_back(member.created_at.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO members_members (name, name_folded, siret, legal_form, is_ess, insertion_type, sectors, "
      "commune_insee, commune_name, commune_folded, epci_siren, epci_name, priority_area, fte_hundredths, "
      "insertion_headcount, join_date, college, charter_accepted_on, website, email, phone, address, description, "
      "search_text, archived_at, updated_at, hub_id, created_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      params);
  return MemberId{rows.Int(0, 0)};
}

bool UpdateMember(db::Transaction& tx, const Member& member, std::int64_t expected_version) {
  db::Params params = WriteParams(member);
  params.push_back(member.id.value);
  params.push_back(member.hub.value);
  params.push_back(expected_version);
  return tx.Execute(
             "UPDATE members_members SET name = ?, name_folded = ?, siret = ?, legal_form = ?, is_ess = ?, "
             "insertion_type = ?, sectors = ?, commune_insee = ?, commune_name = ?, commune_folded = ?, "
             "epci_siren = ?, epci_name = ?, priority_area = ?, fte_hundredths = ?, insertion_headcount = ?, "
             "join_date = ?, college = ?, charter_accepted_on = ?, website = ?, email = ?, phone = ?, address = ?, "
             "description = ?, search_text = ?, archived_at = ?, updated_at = ?, version = version + 1 "
             "WHERE id = ? AND hub_id = ? AND version = ?",
             params) == 1;
}

std::vector<Person> ListPeople(db::Transaction& tx, HubId hub, MemberId member) {
  auto rows = tx.Query(std::string(kPersonColumns) +
                           "WHERE hub_id = ? AND member_id = ? AND archived_at IS NULL ORDER BY name, id",
                       {hub.value, member.value});
  std::vector<Person> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadPerson(rows, r));
  return out;
}

std::vector<Person> ListActivePeople(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query(std::string(kPersonColumns) +
                           "WHERE hub_id = ? AND archived_at IS NULL AND member_id IN "
                           "(SELECT id FROM members_members WHERE hub_id = ? AND archived_at IS NULL) "
                           "ORDER BY member_id, name, id",
                       {hub.value, hub.value});
  std::vector<Person> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadPerson(rows, r));
  return out;
}

std::optional<Person> FindPerson(db::Transaction& tx, HubId hub, PersonId id) {
  auto rows = tx.Query(std::string(kPersonColumns) + "WHERE id = ? AND hub_id = ?", {id.value, hub.value});
  if (rows.empty()) return std::nullopt;
  return ReadPerson(rows, 0);
}

PersonId InsertPerson(db::Transaction& tx, HubId hub, const Person& person, Timestamp now) {
  auto rows = tx.Query(
      "INSERT INTO members_people (hub_id, member_id, name, role, email, phone, archived_at, created_at, "
      "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {hub.value, person.member.value, person.name, person.role, person.email, person.phone,
       db::Nullable(person.archived_at), now.unix_seconds, now.unix_seconds});
  return PersonId{rows.Int(0, 0)};
}

bool UpdatePerson(db::Transaction& tx, HubId hub, const Person& person, std::int64_t expected_version,
                  Timestamp now) {
  return tx.Execute(
             "UPDATE members_people SET name = ?, role = ?, email = ?, phone = ?, archived_at = ?, updated_at = ?, "
             "version = version + 1 WHERE id = ? AND hub_id = ? AND version = ?",
             {person.name, person.role, person.email, person.phone, db::Nullable(person.archived_at), now.unix_seconds,
              person.id.value, hub.value, expected_version}) == 1;
}

std::int64_t DirectoryVersion(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query("SELECT version FROM members_directory_versions WHERE hub_id = ?", {hub.value});
  return rows.empty() ? 0 : rows.Int(0, 0);
}

void BumpDirectoryVersion(db::Transaction& tx, HubId hub) {
  tx.Execute(
      "INSERT INTO members_directory_versions (hub_id, version) VALUES (?, 1) "
      "ON CONFLICT (hub_id) DO UPDATE SET version = members_directory_versions.version + 1",
      {hub.value});
}

std::int64_t CountHubMembers(db::Transaction& tx, HubId hub) {
  return tx.Query("SELECT COUNT(*) FROM members_members WHERE hub_id = ?", {hub.value}).Int(0, 0);
}

}  // namespace coopole::members::store
