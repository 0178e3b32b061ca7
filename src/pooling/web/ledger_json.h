// The API documents of the ledger (see web/openapi/ledger.json): amounts as integer cents
// ("*_cents"), hours as hundredths ("*_hundredths") and as decimal text, dates ISO.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "coopole/pooling/ledger.h"

namespace coopole::pooling::web {

nlohmann::json AgreementJson(const Agreement& agreement);
nlohmann::json PlacementJson(const Placement& placement);
nlohmann::json PlacementMonthJson(const PlacementMonth& month);
nlohmann::json AdvanceJson(const Advance& advance);
// `rent_due` is the rent of the current month, when known.
nlohmann::json LeaseJson(const Lease& lease, std::optional<Money> rent_due = std::nullopt);
nlohmann::json BookingSummaryJson(const Booking& booking);

// "3.5" from 350.
std::string DecimalText(std::int64_t hundredths);

}  // namespace coopole::pooling::web
