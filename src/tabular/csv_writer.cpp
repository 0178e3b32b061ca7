// WriteCsv: the CSV flavour Excel FR opens correctly on double-click (BOM, ';', CRLF),
// with formula-injection defusing.
#include <string>

#include "coopole/core/decimal.h"
#include "coopole/tabular/tabular.h"

namespace coopole::tabular {
namespace {

// A cell Excel or LibreOffice could evaluate as a formula (OWASP "CSV injection").
// Signed plain numbers ("-12,5", "+3.5") cannot, and defusing them would turn them into
// text, so they are left alone. No spaces there: a space is Excel's intersection operator,
// so "+33 6 12 34 56 78" would be evaluated.
bool NeedsDefusing(std::string_view cell) {
  if (cell.empty()) return false;
  char c = cell.front();
  if (c == '=' || c == '@' || c == '\t' || c == '\r') return true;
  if (c == '+' || c == '-') {
    bool plain = cell.find_first_not_of("+-0123456789.,") == std::string_view::npos;
    return !(plain && ParseFixed(cell, 6).has_value());
  }
  return false;
}

void AppendCell(std::string& out, std::string_view cell) {
  std::string value = NeedsDefusing(cell) ? "'" + std::string(cell) : std::string(cell);
  if (value.find_first_of(";\"\r\n") == std::string::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ';';
    AppendCell(out, cells[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string WriteCsv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  AppendRow(out, table.header);
  for (const auto& row : table.rows) AppendRow(out, row);
  return out;
}

}  // namespace coopole::tabular
