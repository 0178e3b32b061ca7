// The fields of the ledger's inputs, named as forms and JSON bodies name them.
#pragma once

#include "coopole/pooling/ledger.h"
#include "ledger_common.h"

namespace coopole::pooling::web {

inline constexpr InputField<AgreementInput> kAgreementFields[] = {
    {"resource_id", &AgreementInput::resource_id},
    {"provider_member_id", &AgreementInput::provider_member_id},
    {"beneficiary_member_id", &AgreementInput::beneficiary_member_id},
    {"what", &AgreementInput::what},
    {"hours", &AgreementInput::hours},
    {"amount", &AgreementInput::amount, true},
};

inline constexpr InputField<PlacementInput> kPlacementFields[] = {
    {"employer_member_id", &PlacementInput::employer_member_id},
    {"host_member_id", &PlacementInput::host_member_id},
    {"person", &PlacementInput::person},
    {"starts_on", &PlacementInput::starts_on},
    {"ends_on", &PlacementInput::ends_on},
    {"weekly_hours", &PlacementInput::weekly_hours},
    {"hourly_cost", &PlacementInput::hourly_cost, true},
};

inline constexpr InputField<AdvanceInput> kAdvanceFields[] = {
    {"lender_member_id", &AdvanceInput::lender_member_id},
    {"borrower_member_id", &AdvanceInput::borrower_member_id},
    {"amount", &AdvanceInput::amount, true},
    {"purpose", &AdvanceInput::purpose},
    {"installments", &AdvanceInput::installments},
    {"first_due_on", &AdvanceInput::first_due_on},
};

inline constexpr InputField<LeaseInput> kLeaseFields[] = {
    {"tenant_member_id", &LeaseInput::tenant_member_id},
    {"resource_id", &LeaseInput::resource_id},
    {"space", &LeaseInput::space},
    {"monthly_rent", &LeaseInput::monthly_rent, true},
    {"starts_on", &LeaseInput::starts_on},
    {"ends_on", &LeaseInput::ends_on},
    {"precarious", &LeaseInput::precarious},
    {"notes", &LeaseInput::notes},
};

// Lease from a form: the precarious checkbox reads "0" when the browser sends nothing.
inline LeaseInput LeaseInputFromForm(const http::FormFields& form) {
  LeaseInput input = InputFromForm(form, kLeaseFields);
  if (!input.precarious) input.precarious = "0";
  return input;
}

}  // namespace coopole::pooling::web
