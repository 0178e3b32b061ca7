// The closed vocabularies of the member directory. Codes are stored and exchanged; labels
// live in the message catalogues ("members.legal_form.<code>", "members.insertion_type.<code>").
#include "coopole/members/members.h"

namespace coopole::members {

const std::vector<std::string>& LegalForms() {
  static const std::vector<std::string> forms = {
      "association", "foundation", "endowment_fund", "scic",        "scop",            "cooperative",
      "mutual",      "sarl",       "sas",            "sasu",        "sa",              "eurl",
      "sole_trader", "local_authority", "public_body", "research", "training", "other"};
  return forms;
}

const std::vector<std::string>& InsertionTypes() {
  static const std::vector<std::string> types = {"aci", "ei", "ai", "etti", "ea", "esat", "geiq"};
  return types;
}

std::span<const MemberInputField> MemberInputFields() {
  static constexpr MemberInputField kFields[] = {
      {"name", &MemberInput::name},
      {"siret", &MemberInput::siret},
      {"legal_form", &MemberInput::legal_form},
      {"is_ess", &MemberInput::is_ess},
      {"insertion_type", &MemberInput::insertion_type},
      {"sectors", &MemberInput::sectors},
      {"commune_insee", &MemberInput::commune_insee},
      {"priority_area", &MemberInput::priority_area},
      {"fte", &MemberInput::fte},
      {"insertion_headcount", &MemberInput::insertion_headcount},
      {"join_date", &MemberInput::join_date},
      {"college", &MemberInput::college},
      {"charter_accepted_on", &MemberInput::charter_accepted_on},
      {"website", &MemberInput::website},
      {"email", &MemberInput::email},
      {"phone", &MemberInput::phone},
      {"address", &MemberInput::address},
      {"description", &MemberInput::description},
  };
  return kFields;
}

std::span<const PersonInputField> PersonInputFields() {
  static constexpr PersonInputField kFields[] = {
      {"name", &PersonInput::name},
      {"role", &PersonInput::role},
      {"email", &PersonInput::email},
      {"phone", &PersonInput::phone},
  };
  return kFields;
}

}  // namespace coopole::members
