// Import and export of the member directory as spreadsheet tables.
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "coopole/core/decimal.h"
#include "coopole/core/text.h"
#include "coopole/members/members.h"
#include "member_rules.h"
#include "member_service_internal.h"
#include "store/members_store.h"

namespace coopole::members {
namespace {

using identity::Actor;
using identity::Permission;

using InputMember = std::optional<std::string> MemberInput::*;


// Columns our export writes next to "Code INSEE" from the reference data: read back, they
// are derived from the INSEE code, so they are neither imported nor reported as unknown.
bool IsDerivedFromInsee(std::string_view header) {
  std::string key = HeaderKey(header);
  return key == "commune" || key == "nom commune" || key == "nom de la commune" || key == "ville" ||
         key == "city" || key == "epci" || key == "intercommunalite";
}

// WriteCsv defuses formulas by prefixing "'" to cells starting with = + - @ tab or CR
// ("+33 6 ..."); read back, that quote is not part of the value.
std::string CellValue(const std::string& cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && std::strchr("=+-@\t\r", cell[1]) != nullptr) return cell.substr(1);
  return cell;
}

struct MappedColumn {
  std::size_t index;
  std::string header;
  InputMember target;
};

struct Mapping {
  std::map<std::string, MappedColumn> by_field;
  std::vector<std::string> unknown;
  std::vector<ImportIssue> issues;
};

Mapping MapColumns(const std::vector<std::string>& header) {
  Mapping m;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string field = FieldForColumn(header[i]);
    if (field.empty()) continue;
    if (m.by_field.count(field)) {
      m.issues.push_back({1, header[i], field, "import.duplicate_column", header[i]});
      continue;
    }
    for (const auto& input_field : MemberInputFields()) {
      if (input_field.name == field) m.by_field.emplace(field, MappedColumn{i, header[i], input_field.value});
    }
  }
  bool has_insee = m.by_field.count("commune_insee") > 0;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (!FieldForColumn(header[i]).empty()) continue;
    if (has_insee && IsDerivedFromInsee(header[i])) continue;
    m.unknown.push_back(header[i]);
  }
  if (!m.by_field.count("name")) m.issues.push_back({1, "", "name", "import.missing_column", ""});
  return m;
}

// Existing members of the hub, indexed the ways an imported row may designate one.
class MemberIndex {
 public:
  explicit MemberIndex(std::vector<Member> members) : members_(std::move(members)) {
    matched_.assign(members_.size(), false);
    for (std::size_t i = 0; i < members_.size(); ++i) {
      const Member& m = members_[i];
      if (!m.siret.empty()) by_siret_.emplace(m.siret, i);
      std::string name = FoldForSearch(m.name);
      by_name_[name].push_back(i);
      by_name_commune_[NameCommuneKey(name, m.commune_insee)].push_back(i);
    }
  }

  // The member with this SIRET, if any.
  std::optional<std::size_t> BySiret(const std::string& siret) const {
    auto it = by_siret_.find(siret);
    if (it == by_siret_.end()) return std::nullopt;
    return it->second;
  }

  // The first member not matched yet with this folded name (and commune when the file has
  // a commune column), whose SIRET does not contradict `siret`.
  std::optional<std::size_t> ByName(const std::string& folded_name, const std::optional<std::string>& insee,
                                    const std::string& siret) const {
    const auto& map = insee ? by_name_commune_ : by_name_;
    auto it = map.find(insee ? NameCommuneKey(folded_name, *insee) : folded_name);
    if (it == map.end()) return std::nullopt;
    for (std::size_t i : it->second) {
      if (matched_[i]) continue;
      if (!siret.empty() && !members_[i].siret.empty() && members_[i].siret != siret) continue;
      return i;
    }
    return std::nullopt;
  }

  bool Matched(std::size_t i) const { return matched_[i]; }
  void MarkMatched(std::size_t i) { matched_[i] = true; }
  const Member& at(std::size_t i) const { return members_[i]; }

 private:
  static std::string NameCommuneKey(const std::string& folded_name, std::string_view insee) {
    std::string key = folded_name;
    key += '\x1f';
    key += Trim(insee);
    return key;
  }

  std::vector<Member> members_;
  std::vector<bool> matched_;
  std::unordered_map<std::string, std::size_t> by_siret_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_name_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_name_commune_;
};

// One row as it will be written: `existing` is the index of the member it updates.
struct PlannedRow {
  Member member;
  std::optional<std::size_t> existing;
};

std::string UpperCode(std::string code) {
  for (char& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return code;
}

std::string YesNo(bool value) { return value ? "oui" : "non"; }

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += sep;
    out += part;
  }
  return out;
}

}  // namespace

Result<ImportReport> MemberService::ImportMembers(const Actor& actor, const hubs::HubContext& hub,
                                                  const tabular::Table& table, ImportMode mode) {
  if (!identity::Allows(actor, hub.access, Permission::kManageMembers)) return Error::Denied();
  ImportReport report;
  report.rows = static_cast<int>(table.rows.size());
  Mapping mapping = MapColumns(table.header);
  report.unknown_columns = mapping.unknown;
  report.issues = mapping.issues;
  if (!report.issues.empty()) return report;

  const auto column_of = [&](const std::string& field) -> const MappedColumn* {
    auto it = mapping.by_field.find(field);
    return it == mapping.by_field.end() ? nullptr : &it->second;
  };
  const MappedColumn* name_column = column_of("name");
  const MappedColumn* siret_column = column_of("siret");
  const MappedColumn* insee_column = column_of("commune_insee");

  // Matching and writing happen in one transaction, so that nobody changes the members
  // between the two; a dry run only reads.
  auto tx = pool_.Begin(mode == ImportMode::kApply ? db::TxMode::kWrite : db::TxMode::kRead);
  MemberIndex index(store::LoadHubMembers(tx, hub.hub.id));
  std::vector<PlannedRow> planned;
  planned.reserve(table.rows.size());
  std::unordered_map<std::string, int> file_sirets;  // SIRET -> first line that names it
  // Rows without a SIRET designate a structure by folded name (and commune when the file has
  // that column): two such rows for the same key are the same structure twice.
  std::unordered_map<std::string, int> file_names;
  const Timestamp now = clock_.Now();

  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& cells = table.rows[r];
    const int line = r < table.line_numbers.size() ? table.line_numbers[r] : static_cast<int>(r) + 2;
    const auto cell = [&](const MappedColumn* column) {
      return column && column->index < cells.size() ? CellValue(cells[column->index]) : std::string();
    };
    MemberInput input;
    for (const auto& [field, column] : mapping.by_field) input.*(column.target) = cell(&column);

    std::string siret = siret_column ? CompactSiret(Trim(cell(siret_column))) : std::string();
    if (!siret.empty()) {
      auto [it, first] = file_sirets.emplace(siret, line);
      if (!first) {
        report.issues.push_back({line, siret_column->header, "siret", "import.duplicate", cell(siret_column)});
        continue;
      }
    }
    std::optional<std::string> insee;
    if (insee_column) insee = std::string(Trim(cell(insee_column)));
    const std::string folded_name = FoldForSearch(Trim(cell(name_column)));
    if (siret.empty() && !folded_name.empty()) {
      auto [it, first] = file_names.emplace(folded_name + '\x1f' + insee.value_or(""), line);
      if (!first) {
        report.issues.push_back({line, name_column->header, "name", "import.duplicate", cell(name_column)});
        continue;
      }
    }
    std::optional<std::size_t> existing = siret.empty() ? std::nullopt : index.BySiret(siret);
    if (!existing) existing = index.ByName(folded_name, insee, siret);
    if (existing && index.Matched(*existing)) {
      // Matched by SIRET a member another row already updates (by name): ambiguous.
      report.issues.push_back({line, siret_column ? siret_column->header : "", "siret", "import.duplicate",
                               cell(siret_column)});
      continue;
    }

    PlannedRow row;
    if (existing) {
      index.MarkMatched(*existing);
      row.member = index.at(*existing);
      row.existing = existing;
    } else {
      row.member.hub = hub.hub.id;
      row.member.created_at = now;
    }
    row.member.updated_at = now;
    auto fields = ApplyMemberInput(input, *catalogue_, row.member);
    for (const auto& [field, message] : fields) {
      const MappedColumn* column = column_of(field);
      report.issues.push_back({line, column ? column->header : "", field, message, cell(column)});
    }
    if (fields.empty() && !row.member.siret.empty()) {
      auto holder = index.BySiret(row.member.siret);
      if (holder && (!existing || index.at(*holder).id != row.member.id)) {
        report.issues.push_back({line, siret_column ? siret_column->header : "", "siret", "validation.siret_taken",
                                 cell(siret_column)});
      }
    }
    if (existing) {
      ++report.updated;
    } else {
      ++report.created;
    }
    planned.push_back(std::move(row));
  }

  if (!report.issues.empty() || mode == ImportMode::kDryRun) return report;

  try {
    for (auto& row : planned) {
      std::string before;
      if (row.existing) {
        const Member& current = index.at(*row.existing);
        if (!store::UpdateMember(tx, row.member, current.version)) return internal::Stale("member");
        row.member.version = current.version + 1;
        before = internal::MemberJson(current);
      } else {
        row.member.id = store::InsertMember(tx, row.member);
      }
      identity_.RecordAudit(tx, actor,
                            {hub.hub.id, "import", "member", row.member.id.value, before,
                             internal::MemberJson(row.member)});
    }
  } catch (const db::ConstraintError&) {
    // Two rows trading SIRETs with existing members, or a concurrent write.
    return internal::SiretTaken();
  }
  store::BumpDirectoryVersion(tx, hub.hub.id);
  tx.Commit();
  report.applied = true;
  return report;
}

Result<tabular::Table> MemberService::ExportMembers(const Actor& actor, const hubs::HubContext& hub,
                                                    const MemberQuery& query) {
  if (!identity::Allows(actor, hub.access, Permission::kViewHub)) return Error::Denied();
  std::vector<Member> members;
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    members = store::ListAllMembers(tx, hub.hub.id, internal::ToFilter(query, *catalogue_));
  }
  tabular::Table table;
  table.header = {"Nom",         "SIRET",       "Forme juridique",     "ESS",
                  "Type IAE",    "Secteurs",    "Code INSEE",          "Commune",
                  "EPCI",        "QPV",         "ETP",                 "Salariés en insertion",
                  "Date d'adhésion", "Collège", "Charte acceptée le", "Site web",
                  "E-mail",      "Téléphone",   "Adresse",             "Description"};
  table.rows.reserve(members.size());
  table.line_numbers.reserve(members.size());
  const auto date = [](const std::optional<Date>& d) { return d ? FormatDate(*d, "fr") : std::string(); };
  for (const Member& m : members) {
    table.rows.push_back({m.name,
                          m.siret,
                          m.legal_form,
                          YesNo(m.is_ess),
                          UpperCode(m.insertion_type),
                          Join(m.sectors, ", "),
                          m.commune_insee,
                          m.commune_name,
                          m.epci_name,
                          YesNo(m.priority_area),
                          m.fte_hundredths ? FormatFixed(*m.fte_hundredths, 2, "fr") : std::string(),
                          m.insertion_headcount ? std::to_string(*m.insertion_headcount) : std::string(),
                          date(m.join_date),
                          m.college,
                          date(m.charter_accepted_on),
                          m.website,
                          m.email,
                          m.phone,
                          m.address,
                          m.description});
    table.line_numbers.push_back(static_cast<int>(table.rows.size()) + 1);
  }
  return table;
}

}  // namespace coopole::members
