#include "time_export.h"

#include "time_rules.h"

namespace coopole::animation::time_export {
namespace {

// Cents as "1234,50" (CSV, French decimal comma) or "1234.50".
std::string Euros(Money m, char point) {
  const bool negative = m.cents < 0;
  const std::int64_t c = negative ? -m.cents : m.cents;
  std::string out = (negative ? "-" : "") + std::to_string(c / 100) + point;
  out += static_cast<char>('0' + (c % 100) / 10);
  out += static_cast<char>('0' + c % 10);
  return out;
}

// The label of a line as shown to people.
std::string Label(const TimeTotals& totals, const TotalsLine& line, const Translate& t) {
  if (totals.query.by == "kind") return t("animation.time.kind." + line.key);
  if (totals.query.by == "month") return t("animation.time.month." + line.key);
  if (totals.query.by == "group" && line.key.empty()) return t("animation.time.no_group");
  return line.label;
}

std::vector<std::string> Row(const std::string& label, const TotalsLine& l, char point) {
  return {label,
          time_rules::DecimalHours(l.minutes, point),
          Euros(l.value, point),
          time_rules::DecimalHours(l.compensated_minutes, point),
          Euros(l.compensated_value, point),
          time_rules::DecimalHours(l.unvalued_minutes, point)};
}

std::vector<std::string> Header(const TimeTotals& totals, const Translate& t) {
  std::vector<std::string> header{t("animation.time.by." + totals.query.by)};
  for (const char* column : {"hours", "value", "compensated_hours", "compensated_value", "unvalued_hours"})
    header.push_back(t(std::string("animation.time.column.") + column));
  return header;
}

tabular::Table Build(const TimeTotals& totals, const Translate& t, char point) {
  tabular::Table table;
  table.header = Header(totals, t);
  for (const auto& line : totals.lines) table.rows.push_back(Row(Label(totals, line, t), line, point));
  table.rows.push_back(Row(t("animation.time.total"), totals.scope_total, point));
  return table;
}

}  // namespace

tabular::Table TotalsTable(const TimeTotals& totals, const Translate& t) { return Build(totals, t, ','); }

std::string TotalsCsv(const TimeTotals& totals, const Translate& t) { return tabular::WriteCsv(TotalsTable(totals, t)); }

std::string TotalsXlsx(const TimeTotals& totals, const Translate& t) {
  tabular::Table table = Build(totals, t, '.');
  tabular::Sheet sheet;
  sheet.name = t("animation.time.by." + totals.query.by);
  sheet.header = table.header;
  sheet.kinds = {tabular::CellKind::kText,   tabular::CellKind::kNumber, tabular::CellKind::kNumber,
                 tabular::CellKind::kNumber, tabular::CellKind::kNumber, tabular::CellKind::kNumber};
  sheet.rows = std::move(table.rows);
  return tabular::WriteXlsx({sheet});
}

std::string FileStem(const TimeTotals& totals) {
  std::string stem = "temps-collectif-" + std::to_string(totals.query.year);
  if (totals.query.month) stem += "-" + std::string(*totals.query.month < 10 ? "0" : "") + std::to_string(*totals.query.month);
  return stem + "-" + totals.query.by;
}

}  // namespace coopole::animation::time_export
