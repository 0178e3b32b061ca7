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

}  // namespace coopole::members
