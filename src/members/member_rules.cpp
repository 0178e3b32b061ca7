// Pure rules of the member directory: parsing raw text onto a member or a person, SIRET
// checks, CSV header mapping. No I/O; the catalogue is read-only.
#include "member_rules.h"

#include <algorithm>
#include <unordered_map>

#include "coopole/core/decimal.h"
#include "coopole/core/text.h"
#include "coopole/members/members.h"

namespace coopole::members {
namespace {

using Fields = std::map<std::string, std::string>;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Trims `raw`, checks encoding and length; on success stores it in `out`.
void SetText(const std::optional<std::string>& raw, const char* field, std::size_t max_bytes, std::string& out,
             Fields& fields) {
  if (!raw) return;
  std::string_view text = Trim(*raw);
  if (!IsValidUtf8(text)) {
    fields[field] = "validation.encoding";
  } else if (text.size() > max_bytes) {
    fields[field] = "validation.too_long";
  } else {
    out = std::string(text);
  }
}

// A closed vocabulary indexed by HeaderKey of its codes (so "SCIC" and "endowment fund"
// read as codes) and of its French aliases. Built once: imports look up every row.
using CodeIndex = std::unordered_map<std::string, std::string>;

CodeIndex MakeIndex(const std::vector<std::string>& codes,
                    std::initializer_list<std::pair<const char*, const char*>> aliases) {
  CodeIndex index;
  for (const auto& code : codes) index.emplace(HeaderKey(code), code);
  for (const auto& [alias, code] : aliases) index.emplace(HeaderKey(alias), code);
  return index;
}

const CodeIndex& LegalFormIndex() {
  static const CodeIndex index = MakeIndex(LegalForms(), {
      {"asso", "association"},
      {"association loi 1901", "association"},
      {"fondation", "foundation"},
      {"fonds de dotation", "endowment_fund"},
      {"société coopérative d'intérêt collectif", "scic"},
      {"société coopérative et participative", "scop"},
      {"société coopérative ouvrière de production", "scop"},
      {"société coopérative", "cooperative"},
      {"coopérative", "cooperative"},
      {"mutuelle", "mutual"},
      {"entreprise individuelle", "sole_trader"},
      {"micro-entrepreneur", "sole_trader"},
      {"auto-entrepreneur", "sole_trader"},
      {"collectivité", "local_authority"},
      {"collectivité territoriale", "local_authority"},
      {"établissement public", "public_body"},
      {"recherche", "research"},
      {"organisme de recherche", "research"},
      {"formation", "training"},
      {"organisme de formation", "training"},
      {"autre", "other"},
  });
  return index;
}

const CodeIndex& InsertionTypeIndex() {
  static const CodeIndex index = MakeIndex(InsertionTypes(), {
      {"atelier chantier d'insertion", "aci"},
      {"entreprise d'insertion", "ei"},
      {"association intermédiaire", "ai"},
      {"entreprise de travail temporaire d'insertion", "etti"},
      {"entreprise adaptée", "ea"},
      {"établissement et service d'aide par le travail", "esat"},
      {"groupement d'employeurs pour l'insertion et la qualification", "geiq"},
  });
  return index;
}

std::optional<std::string> LookUpCode(const std::string& key, const CodeIndex& index) {
  auto it = index.find(key);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

void SetBoolean(const std::optional<std::string>& raw, const char* field, bool& out, Fields& fields) {
  if (!raw) return;
  if (auto value = ParseBoolean(*raw)) {
    out = *value;
  } else {
    fields[field] = "validation.boolean";
  }
}

void SetDate(const std::optional<std::string>& raw, const char* field, std::optional<Date>& out, Fields& fields) {
  if (!raw) return;
  std::string_view text = Trim(*raw);
  if (text.empty()) {
    out.reset();
  } else if (auto date = ParseDate(text)) {
    out = *date;
  } else {
    fields[field] = "validation.date";
  }
}

void SetSectors(const std::string& raw, const reference::Catalogue& catalogue, Member& member, Fields& fields) {
  std::vector<std::string> codes;
  std::string token;
  auto flush = [&] {
    if (token.empty()) return;
    if (const auto* naf = catalogue.FindNaf(token)) {
      if (std::find(codes.begin(), codes.end(), naf->code) == codes.end()) codes.push_back(naf->code);
    } else {
      fields["sectors"] = "validation.naf";
    }
    token.clear();
  };
  for (char c : raw) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
    } else {
      token += c;
    }
  }
  flush();
  if (fields.count("sectors")) return;
  if (codes.size() > kMaxSectors) {
    fields["sectors"] = "validation.too_many";
    return;
  }
  member.sectors = std::move(codes);
}

void SetCommune(const std::string& raw, const reference::Catalogue& catalogue, Member& member, Fields& fields) {
  std::string_view insee = Trim(raw);
  if (insee.empty()) {
    member.commune_insee.clear();
    member.commune_name.clear();
    member.epci_siren.clear();
    member.epci_name.clear();
    return;
  }
  const auto* commune = catalogue.FindCommune(insee);
  if (commune == nullptr) {
    fields["commune_insee"] = "validation.commune";
    return;
  }
  member.commune_insee = commune->insee;
  member.commune_name = commune->name;
  member.epci_siren = commune->epci_siren;
  member.epci_name = commune->epci_name;
}

}  // namespace

std::string CompactSiret(std::string_view text) {
  std::string out;
  out.reserve(14);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t') continue;
    // U+00A0 (C2 A0) and U+202F (E2 80 AF): spreadsheets group digits with them.
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      ++i;
      continue;
    }
    if (c == '\xE2' && text.substr(i, 3) == "\xE2\x80\xAF") {
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

bool IsValidSiret(std::string_view siret) {
  if (siret.size() != 14 || !std::all_of(siret.begin(), siret.end(), IsAsciiDigit)) return false;
  int luhn = 0;
  int digits = 0;
  for (std::size_t i = 0; i < 14; ++i) {
    int d = siret[i] - '0';
    digits += d;
    // Luhn from the right: the second, fourth, ... digit from the right is doubled,
    // which for 14 digits are those at even positions from the left.
    if (i % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    luhn += d;
  }
  if (luhn % 10 == 0) return true;
  // La Poste: its establishments share SIREN 356000000 and are numbered past what Luhn
  // allows; INSEE checks instead that the digit sum is a multiple of 5.
  return siret.substr(0, 9) == "356000000" && digits % 5 == 0;
}

std::string HeaderKey(std::string_view header) {
  std::string folded = FoldForSearch(header);
  std::string key;
  key.reserve(folded.size());
  bool pending_space = false;
  for (char c : folded) {
    bool alnum = (c >= 'a' && c <= 'z') || IsAsciiDigit(c) || (static_cast<unsigned char>(c) >= 0x80);
    if (alnum) {
      if (pending_space && !key.empty()) key += ' ';
      pending_space = false;
      key += c;
    } else {
      pending_space = true;
    }
  }
  return key;
}

std::string FieldForColumn(std::string_view header) {
  static const std::unordered_map<std::string, std::string> fields = {
      {"nom", "name"},
      {"name", "name"},
      {"raison sociale", "name"},
      {"nom de la structure", "name"},
      {"structure", "name"},
      {"denomination", "name"},
      {"organisation", "name"},
      {"organization", "name"},
      {"siret", "siret"},
      {"n siret", "siret"},
      {"numero siret", "siret"},
      {"forme juridique", "legal_form"},
      {"statut juridique", "legal_form"},
      {"statut", "legal_form"},
      {"legal form", "legal_form"},
      {"ess", "is_ess"},
      {"is ess", "is_ess"},
      {"economie sociale et solidaire", "is_ess"},
      {"type iae", "insertion_type"},
      {"iae", "insertion_type"},
      {"siae", "insertion_type"},
      {"insertion", "insertion_type"},
      {"insertion type", "insertion_type"},
      {"secteurs", "sectors"},
      {"secteur", "sectors"},
      {"secteurs naf", "sectors"},
      {"codes naf", "sectors"},
      {"code naf", "sectors"},
      {"naf", "sectors"},
      {"code ape", "sectors"},
      {"ape", "sectors"},
      {"sectors", "sectors"},
      {"naf codes", "sectors"},
      {"code insee", "commune_insee"},
      {"commune insee", "commune_insee"},
      {"code commune", "commune_insee"},
      {"insee", "commune_insee"},
      {"insee code", "commune_insee"},
      {"commune code", "commune_insee"},
      {"qpv", "priority_area"},
      {"quartier prioritaire", "priority_area"},
      {"priority area", "priority_area"},
      {"etp", "fte"},
      {"fte", "fte"},
      {"equivalent temps plein", "fte"},
      {"salaries en insertion", "insertion_headcount"},
      {"insertion headcount", "insertion_headcount"},
      {"insertion employees", "insertion_headcount"},
      {"date d adhesion", "join_date"},
      {"date adhesion", "join_date"},
      {"adhesion", "join_date"},
      {"join date", "join_date"},
      {"college", "college"},
      {"charte acceptee le", "charter_accepted_on"},
      {"charte", "charter_accepted_on"},
      {"date charte", "charter_accepted_on"},
      {"charter accepted on", "charter_accepted_on"},
      {"site web", "website"},
      {"site internet", "website"},
      {"site", "website"},
      {"website", "website"},
      {"web", "website"},
      {"url", "website"},
      {"e mail", "email"},
      {"email", "email"},
      {"courriel", "email"},
      {"mail", "email"},
      {"adresse e mail", "email"},
      {"telephone", "phone"},
      {"tel", "phone"},
      {"phone", "phone"},
      {"adresse", "address"},
      {"adresse postale", "address"},
      {"address", "address"},
      {"description", "description"},
      {"presentation", "description"},
  };
  auto it = fields.find(HeaderKey(header));
  return it == fields.end() ? std::string() : it->second;
}

Fields ApplyMemberInput(const MemberInput& input, const reference::Catalogue& catalogue, Member& member) {
  Fields fields;
  SetText(input.name, "name", kMaxNameBytes, member.name, fields);
  if (input.siret) {
    std::string siret = CompactSiret(Trim(*input.siret));
    if (siret.empty() || IsValidSiret(siret)) {
      member.siret = std::move(siret);
    } else {
      fields["siret"] = "validation.siret";
    }
  }
  if (input.legal_form) {
    std::string_view text = Trim(*input.legal_form);
    if (text.empty()) {
      member.legal_form.clear();
    } else if (auto code = LookUpCode(HeaderKey(text), LegalFormIndex())) {
      member.legal_form = *code;
    } else {
      fields["legal_form"] = "validation.choice";
    }
  }
  SetBoolean(input.is_ess, "is_ess", member.is_ess, fields);
  if (input.insertion_type) {
    std::string_view text = Trim(*input.insertion_type);
    std::string key = HeaderKey(text);
    if (key.empty() || key == "aucun" || key == "none" || key == "non") {
      member.insertion_type.clear();
    } else if (auto code = LookUpCode(key, InsertionTypeIndex())) {
      member.insertion_type = *code;
    } else {
      fields["insertion_type"] = "validation.choice";
    }
  }
  if (input.sectors) SetSectors(*input.sectors, catalogue, member, fields);
  if (input.commune_insee) SetCommune(*input.commune_insee, catalogue, member, fields);
  SetBoolean(input.priority_area, "priority_area", member.priority_area, fields);
  if (input.fte) {
    std::string_view text = Trim(*input.fte);
    if (text.empty()) {
      member.fte_hundredths.reset();
    } else {
      auto value = ParseFixed(text, 2);
      if (value && *value >= 0 && *value <= 100000 * 100LL) {
        member.fte_hundredths = *value;
      } else {
        fields["fte"] = "validation.number";
      }
    }
  }
  if (input.insertion_headcount) {
    std::string_view text = Trim(*input.insertion_headcount);
    if (text.empty()) {
      member.insertion_headcount.reset();
    } else {
      auto value = ParseFixed(text, 0);
      if (value && *value >= 0 && *value <= 1000000) {
        member.insertion_headcount = *value;
      } else {
        fields["insertion_headcount"] = "validation.number";
      }
    }
  }
  SetDate(input.join_date, "join_date", member.join_date, fields);
  SetText(input.college, "college", kMaxShortTextBytes, member.college, fields);
  SetDate(input.charter_accepted_on, "charter_accepted_on", member.charter_accepted_on, fields);
  if (input.website) {
    std::string website;
    SetText(input.website, "website", kMaxLongTextBytes, website, fields);
    if (!fields.count("website")) {
      // "www.atelier.fr" as people type it: no scheme and no colon at all, so
      // "javascript:..." is not turned into an https URL.
      if (!website.empty() && website.find(':') == std::string::npos) website = "https://" + website;
      if (website.empty() || IsHttpUrl(website)) {
        member.website = std::move(website);
      } else {
        fields["website"] = "validation.url";
      }
    }
  }
  if (input.email) {
    std::string email;
    SetText(input.email, "email", kMaxShortTextBytes, email, fields);
    if (!fields.count("email")) {
      if (email.empty() || IsPlausibleEmail(email)) {
        member.email = std::move(email);
      } else {
        fields["email"] = "validation.email";
      }
    }
  }
  SetText(input.phone, "phone", kMaxShortTextBytes, member.phone, fields);
  SetText(input.address, "address", kMaxLongTextBytes, member.address, fields);
  SetText(input.description, "description", kMaxDescriptionBytes, member.description, fields);

  // Rules on the resulting member, whether the field came with this input or not.
  if (!fields.count("name") && member.name.empty()) fields["name"] = "validation.required";
  if (!fields.count("legal_form") && member.legal_form.empty()) fields["legal_form"] = "validation.required";
  return fields;
}

Fields ApplyPersonInput(const PersonInput& input, Person& person) {
  Fields fields;
  SetText(input.name, "name", kMaxNameBytes, person.name, fields);
  SetText(input.role, "role", kMaxShortTextBytes, person.role, fields);
  if (input.email) {
    std::string email;
    SetText(input.email, "email", kMaxShortTextBytes, email, fields);
    if (!fields.count("email")) {
      if (email.empty() || IsPlausibleEmail(email)) {
        person.email = std::move(email);
      } else {
        fields["email"] = "validation.email";
      }
    }
  }
  SetText(input.phone, "phone", kMaxShortTextBytes, person.phone, fields);
  if (!fields.count("name") && person.name.empty()) fields["name"] = "validation.required";
  return fields;
}

std::string SearchTextOf(const Member& m) {
  std::string text = m.name;
  for (const std::string* part : {&m.commune_name, &m.epci_name, &m.description, &m.siret, &m.college}) {
    if (part->empty()) continue;
    text += ' ';
    text += *part;
  }
  return FoldForSearch(text);
}

}  // namespace coopole::members
