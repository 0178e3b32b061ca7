// WriteXlsx: typed worksheets through libxlsxwriter. libxlsxwriter 1.1.4 can only write to
// a file (no output_buffer option yet), so the workbook goes through a private temp file.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include <xlsxwriter.h>

#include "coopole/core/decimal.h"
#include "coopole/core/text.h"
#include "coopole/tabular/tabular.h"

namespace coopole::tabular {
namespace {

constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 60;
constexpr std::size_t kMaxSheetName = LXW_SHEETNAME_MAX;

[[noreturn]] void Fail(const std::string& what) { throw std::runtime_error("WriteXlsx: " + what); }

void Check(lxw_error error, const std::string& what) {
  if (error != LXW_NO_ERROR) Fail(what + ": " + lxw_strerror(error));
}

std::string Where(const Sheet& sheet, std::size_t row, std::size_t col) {
  return "sheet \"" + sheet.name + "\" row " + std::to_string(row) + " column " + std::to_string(col + 1);
}

// Code points, a fair proxy for display width in Latin text.
std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// First `n` code points of valid UTF-8 text.
std::string_view PrefixCodePoints(std::string_view text, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && count++ == n) return text.substr(0, i);
  }
  return text;
}

// Makes names Excel accepts: no []:*?/\, no apostrophe at either end, 1 to 31 characters,
// unique ignoring case and accents (a superset of Excel's case-insensitive rule).
std::string SheetName(std::string_view wanted, std::size_t index, std::set<std::string>& used) {
  std::string base(wanted);
  for (char& c : base) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  }
  while (!base.empty() && base.front() == '\'') base.erase(0, 1);
  while (!base.empty() && base.back() == '\'') base.pop_back();
  if (Trim(base).empty()) base = "Feuil" + std::to_string(index + 1);
  std::string name(PrefixCodePoints(base, kMaxSheetName));
  for (int n = 2; used.count(FoldForSearch(name)) > 0; ++n) {
    std::string suffix = " (" + std::to_string(n) + ")";
    name = std::string(PrefixCodePoints(base, kMaxSheetName - suffix.size())) + suffix;
  }
  used.insert(FoldForSearch(name));
  return name;
}

// "YYYY-MM-DD" within Excel's 1900..9999 range, or nullopt.
std::optional<lxw_datetime> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  int y = std::atoi(std::string(text.substr(0, 4)).c_str());
  unsigned m = static_cast<unsigned>(std::atoi(std::string(text.substr(5, 2)).c_str()));
  unsigned d = static_cast<unsigned>(std::atoi(std::string(text.substr(8, 2)).c_str()));
  if (y < 1900 || !std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)).ok()) {
    return std::nullopt;
  }
  return lxw_datetime{y, static_cast<uint8_t>(m), static_cast<uint8_t>(d), 0, 0, 0.0};
}

struct Formats {
  lxw_format* header;
  lxw_format* integer;
  lxw_format* date;
  lxw_format* money;
};

// Writes one cell per its kind; returns its display width. Unparsable values fall back to
// text so nothing is lost. Strings always go through worksheet_write_string: shared
// strings, XML-escaped, never formulas.
std::size_t WriteCell(lxw_worksheet* ws, const Formats& formats, lxw_row_t row, lxw_col_t col,
                      CellKind kind, const std::string& value, const std::string& where) {
  if (value.empty()) return 0;
  if (!IsValidUtf8(value)) Fail(where + ": invalid UTF-8");
  switch (kind) {
    case CellKind::kNumber:
      if (auto scaled = ParseFixed(value, 6)) {
        Check(worksheet_write_number(ws, row, col, static_cast<double>(*scaled) / 1e6, nullptr), where);
        return CodePoints(value);
      }
      break;
    case CellKind::kInteger:
      if (auto number = ParseFixed(value, 0)) {
        Check(worksheet_write_number(ws, row, col, static_cast<double>(*number), formats.integer), where);
        return std::to_string(*number).size();
      }
      break;
    case CellKind::kMoneyCents:
      if (auto cents = ParseFixed(value, 0)) {
        Check(worksheet_write_number(ws, row, col, static_cast<double>(*cents) / 100.0, formats.money), where);
        return std::to_string(*cents).size() + 5;  // separators, decimal comma, " €"
      }
      break;
    case CellKind::kDate:
      if (auto date = ParseDate(value)) {
        Check(worksheet_write_datetime(ws, row, col, &*date, formats.date), where);
        return 10;
      }
      break;
    case CellKind::kText:
      break;
  }
  Check(worksheet_write_string(ws, row, col, value.c_str(), nullptr), where);
  return CodePoints(value);
}

void WriteSheet(lxw_workbook* wb, const Formats& formats, const Sheet& sheet, const std::string& name) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (ws == nullptr) Fail("cannot add worksheet \"" + name + "\"");
  std::size_t columns = sheet.header.size();
  for (const auto& row : sheet.rows) columns = std::max(columns, row.size());
  if (columns > LXW_COL_MAX) Fail("sheet \"" + sheet.name + "\" has more columns than Excel allows");
  if (sheet.rows.size() + 1 > LXW_ROW_MAX) Fail("sheet \"" + sheet.name + "\" has more rows than Excel allows");

  std::vector<std::size_t> widths(columns, 0);
  for (std::size_t c = 0; c < sheet.header.size(); ++c) {
    const std::string& text = sheet.header[c];
    std::string where = Where(sheet, 1, c);
    if (!IsValidUtf8(text)) Fail(where + ": invalid UTF-8");
    Check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), text.c_str(), formats.header), where);
    widths[c] = CodePoints(text) + 2;  // room for the autofilter button
  }
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      CellKind kind = c < sheet.kinds.size() ? sheet.kinds[c] : CellKind::kText;
      std::size_t width = WriteCell(ws, formats, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), kind,
                                    sheet.rows[r][c], Where(sheet, r + 2, c));
      widths[c] = std::max(widths[c], width);
    }
  }
  for (std::size_t c = 0; c < columns; ++c) {
    double width = std::clamp(static_cast<double>(widths[c]) + 1, kMinWidth, kMaxWidth);
    Check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr), "set_column");
  }
  if (!sheet.header.empty()) {
    worksheet_freeze_panes(ws, 1, 0);
    Check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                               static_cast<lxw_col_t>(columns - 1)),
          "autofilter");
  }
}

// A private (0600) file under $TMPDIR, removed on scope exit whatever happens.
class TempFile {
 public:
  TempFile() {
    path_ = (std::filesystem::temp_directory_path() / "coopole-xlsx-XXXXXX").string();
    int fd = mkstemp(path_.data());
    if (fd < 0) Fail("cannot create a temporary file in " + std::filesystem::temp_directory_path().string());
    close(fd);
  }
  ~TempFile() { unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Closes the workbook exactly once: explicitly on success (to see the error), from the
// destructor when a cell failed, so libxlsxwriter's memory is always freed.
class WorkbookCloser {
 public:
  explicit WorkbookCloser(lxw_workbook* wb) : wb_(wb) {}
  ~WorkbookCloser() {
    if (wb_ != nullptr) workbook_close(wb_);
  }
  WorkbookCloser(const WorkbookCloser&) = delete;
  WorkbookCloser& operator=(const WorkbookCloser&) = delete;
  lxw_error Close() { return workbook_close(std::exchange(wb_, nullptr)); }

 private:
  lxw_workbook* wb_;
};

}  // namespace

std::string WriteXlsx(const std::vector<Sheet>& sheets) {
  TempFile file;
  std::string tmpdir = std::filesystem::temp_directory_path().string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(file.path().c_str(), &options);
  if (wb == nullptr) Fail("cannot create workbook");
  WorkbookCloser closer(wb);

  Formats formats{workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb)};
  format_set_bold(formats.header);
  format_set_num_format(formats.integer, "0");  // no scientific notation for long integers
  format_set_num_format(formats.date, "dd/mm/yyyy");
  format_set_num_format(formats.money, "#,##0.00 \xE2\x82\xAC");

  std::set<std::string> used_names;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    if (!IsValidUtf8(sheets[i].name)) Fail("sheet name is not valid UTF-8");
    WriteSheet(wb, formats, sheets[i], SheetName(sheets[i].name, i, used_names));
  }
  Check(closer.Close(), "cannot write workbook");

  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) Fail("cannot read back the workbook");
  return bytes;
}

}  // namespace coopole::tabular
