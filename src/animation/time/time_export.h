// The totals as spreadsheet files for funders and offices: one row per line of the
// breakdown plus a total row; hours as decimals, amounts in euros. CSV for Excel FR (';',
// decimal comma, UTF-8 BOM) and XLSX (real numbers and amounts), via the tabular module.
#pragma once

#include <functional>
#include <string>

#include "coopole/animation/time.h"
#include "coopole/tabular/tabular.h"

namespace coopole::animation::time_export {

// Translates a catalogue key (animation.time.*) for the header, kinds and "no group".
using Translate = std::function<std::string(const std::string& key)>;

// Columns: <by>, hours, value (€), compensated hours, compensated value (€), hours without
// rate. The last row is the total of the lines.
tabular::Table TotalsTable(const TimeTotals& totals, const Translate& t);
std::string TotalsCsv(const TimeTotals& totals, const Translate& t);
std::string TotalsXlsx(const TimeTotals& totals, const Translate& t);
// "temps-collectif-2026-par-personne": the file name without extension.
std::string FileStem(const TimeTotals& totals);

}  // namespace coopole::animation::time_export
