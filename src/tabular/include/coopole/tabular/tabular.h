// Spreadsheet-like files exchanged with hub offices: CSV in (as Excel FR and LibreOffice
// write it), CSV and XLSX out. Pure functions over bytes; no I/O besides WriteXlsx's temp file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/core/result.h"

namespace coopole::tabular {

// A table read from or written to a spreadsheet-like file: a header row and data rows.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each exactly header.size() cells after ReadCsv
  // 1-based physical line where each row starts in the source file, for error reports.
  std::vector<int> line_numbers;
  // Set by ReadCsv: "utf-8", "utf-8-bom" or "windows-1252" (transcoded to UTF-8).
  std::string detected_encoding;
  // Set by ReadCsv: the delimiter found in the header line (';', ',' or '\t').
  char delimiter = ';';
};

struct CsvReadOptions {
  std::size_t max_rows = 200000;  // data rows beyond this are an error, not a truncation
};

// Reads CSV as French offices produce it:
// - encoding: UTF-8 with or without BOM. A file that is not valid UTF-8 as a whole is taken
//   as Windows-1252 (Excel FR "CSV (séparateur: point-virgule)") and transcoded to UTF-8.
//   Rejected, naming the line: invalid UTF-8 after a UTF-8 BOM, files mixing UTF-8 and
//   Windows-1252 lines (transcoding would garble the UTF-8 part), bytes undefined in
//   Windows-1252, NUL bytes; UTF-16 files are rejected up front.
// - delimiter: the most frequent of ';', ',', '\t' in the header line outside quotes;
//   ';' wins ties (Excel FR writes it), then ','.
// - RFC 4180 quoting: doubled quotes, delimiters and newlines inside quoted fields (newlines
//   there become "\n"). A quote inside an unquoted field is literal; text after a closing
//   quote is appended (as Excel does). An unterminated quote is an error naming its line.
// - CRLF, LF or lone CR line ends. Rows whose cells are all empty (blank lines, ";;;" left
//   by Excel) are skipped wherever they are; line_numbers keep the physical lines.
// - header cells are trimmed; data cells are kept verbatim ("2,5" stays "2,5").
// - rows shorter than the header are padded with ""; extra cells that are all empty are
//   dropped; a row with more non-empty cells than the header is an error naming the line.
// Errors: code kInvalidArgument, an English message naming the line when there is one,
// and fields {"file": <the same message>}. Empty input (or only blank lines) is an error.
Result<Table> ReadCsv(std::string_view bytes, CsvReadOptions options = {});

// Writes CSV for Excel FR: UTF-8 with BOM, ';' delimiter, CRLF, quoting when a cell holds
// ';', '"', CR or LF. Cells starting with '=', '+', '-', '@', tab or CR are prefixed with a
// single quote to defuse spreadsheet formula injection (OWASP CSV injection), except plain
// numbers such as "-12,5" or "+3.5". Header then rows; line_numbers, detected_encoding and
// delimiter are ignored. Cells must be UTF-8.
std::string WriteCsv(const Table& table);

// Column kinds for XLSX so numbers and dates are real spreadsheet values.
enum class CellKind {
  kText,
  kNumber,      // decimal text with '.' or ',' (up to 6 decimals, spaces as thousands)
  kInteger,
  kDate,        // "YYYY-MM-DD", shown dd/mm/yyyy
  kMoneyCents,  // integer cents, written as euros with format "#,##0.00 €"
};

struct Sheet {
  std::string name;  // sanitized for Excel: []:*?/\ -> '_', 31 chars max, made unique
  std::vector<std::string> header;
  std::vector<CellKind> kinds;  // per column; missing entries are kText
  std::vector<std::vector<std::string>> rows;
};

// Builds an .xlsx workbook with one worksheet per Sheet: bold frozen header row, autofilter,
// column widths from content (capped), dates as real dates formatted dd/mm/yyyy. Empty cells
// are left blank; a cell that does not parse as its kind is written as text, so nothing is
// lost. Text cells are written as strings, never as formulas, so "=cmd|..." stays inert.
// libxlsxwriter 1.1.4 has no in-memory output, so the workbook goes through a 0600 temp
// file under $TMPDIR that is always removed. Throws std::runtime_error on libxlsxwriter
// failure (including Excel limits: 1048576 rows, 32767 chars per cell) or invalid UTF-8.
std::string WriteXlsx(const std::vector<Sheet>& sheets);

}  // namespace coopole::tabular
