// ReadCsv: decode to UTF-8 (BOM, plain UTF-8 or Windows-1252), detect the delimiter from
// the header line, then parse RFC 4180 records while counting physical lines.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/text.h"
#include "coopole/tabular/tabular.h"

namespace coopole::tabular {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

Error CsvError(std::string message) {
  return Error{ErrorCode::kInvalidArgument, message, {{"file", message}}};
}

std::string AtLine(int line, std::string_view what) {
  return "line " + std::to_string(line) + ": " + std::string(what);
}

// Calls `fn(line_text, line_number)` for each physical line; CRLF, LF and lone CR all end
// a line, so numbering matches the parser's. Stops early when `fn` returns false.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  int line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\r' && text[i] != '\n') continue;
    if (!fn(text.substr(start, i - start), line)) return;
    if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
    start = i + 1;
    ++line;
  }
}

bool HasNonAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// Unicode code points of Windows-1252 bytes 0x80..0x9F; 0 marks the five undefined bytes.
// Bytes 0xA0..0xFF map to U+00A0..U+00FF like Latin-1.
constexpr std::uint16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

struct Decoded {
  std::string text;
  std::string encoding;
};

// Returns the input as UTF-8, transcoding from Windows-1252 when the file as a whole is
// not UTF-8. See ReadCsv's contract for what is rejected and why.
Result<Decoded> Decode(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return CsvError("the file is UTF-16 (Excel \"Unicode text\"); save it as \"CSV UTF-8\" instead");
  }
  bool bom = bytes.starts_with(kUtf8Bom);
  if (bom) bytes.remove_prefix(kUtf8Bom.size());
  if (IsValidUtf8(bytes)) return Decoded{std::string(bytes), bom ? "utf-8-bom" : "utf-8"};

  // Not UTF-8 as a whole: find the first bad line, and whether other lines look like UTF-8.
  std::optional<int> bad_line;
  bool has_utf8_text = false;
  bool has_nul = false;
  ForEachLine(bytes, [&](std::string_view line_text, int line) {
    if (line_text.find('\0') != std::string_view::npos) {
      has_nul = true;
      bad_line = line;
      return false;
    }
    if (!IsValidUtf8(line_text)) {
      if (!bad_line) bad_line = line;
    } else if (HasNonAscii(line_text)) {
      has_utf8_text = true;
    }
    return true;
  });
  int line = bad_line.value_or(1);
  if (has_nul) return CsvError(AtLine(line, "NUL byte; this is not a text CSV file"));
  if (bom) {
    return CsvError(AtLine(line, "invalid UTF-8 although the file starts with a UTF-8 BOM; "
                                 "the file is probably partly Windows-1252 (\"Latin-1\")"));
  }
  if (has_utf8_text) {
    return CsvError(AtLine(line, "invalid UTF-8 in a file whose other lines are UTF-8; the file "
                                 "probably mixes UTF-8 and Windows-1252 (\"Latin-1\") text"));
  }

  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  int current_line = 1;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    if (b == '\n' || (b == '\r' && !(i + 1 < bytes.size() && bytes[i + 1] == '\n'))) ++current_line;
    if (b < 0x80) {
      out += static_cast<char>(b);
    } else if (b >= 0xA0) {
      AppendUtf8(out, b);
    } else if (kCp1252High[b - 0x80] != 0) {
      AppendUtf8(out, kCp1252High[b - 0x80]);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", b);
      return CsvError(AtLine(current_line, std::string("byte ") + hex +
                                               " is neither UTF-8 nor Windows-1252 (\"Latin-1\")"));
    }
  }
  return Decoded{std::move(out), "windows-1252"};
}

// Most frequent of ';', ',', '\t' in the first non-blank line, outside quotes; ';' wins ties,
// then ','. A file without any of them is one column, and ';' is reported.
char DetectDelimiter(std::string_view text) {
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  std::size_t i = text.find_first_not_of("\r\n");
  bool in_quotes = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      in_quotes = !in_quotes;  // a doubled quote toggles twice: still inside
    } else if (!in_quotes) {
      if (c == '\r' || c == '\n') break;
      if (c == ';') ++semicolons;
      if (c == ',') ++commas;
      if (c == '\t') ++tabs;
    }
  }
  if (semicolons >= commas && semicolons >= tabs) return ';';
  return commas >= tabs ? ',' : '\t';
}

struct Record {
  std::vector<std::string> cells;
  int line = 0;  // physical line where the record starts
};

// Splits UTF-8 text into records. `on_record` returns an error to stop parsing.
template <typename OnRecord>
std::optional<Error> ParseRecords(std::string_view text, char delimiter, OnRecord on_record) {
  enum class State { kFieldStart, kUnquoted, kQuoted, kAfterQuote };
  State state = State::kFieldStart;
  Record record{{}, 1};
  std::string field;
  int line = 1;
  int quote_line = 1;
  bool in_record = false;

  auto end_record = [&]() -> std::optional<Error> {
    record.cells.push_back(std::move(field));
    field.clear();
    std::optional<Error> error = on_record(std::move(record));
    record = Record{{}, line};
    state = State::kFieldStart;
    in_record = false;
    return error;
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool newline = c == '\r' || c == '\n';
    bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if (state == State::kQuoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          state = State::kAfterQuote;
        }
      } else if (newline) {
        field += '\n';
        if (crlf) ++i;
        ++line;
      } else {
        field += c;
      }
      continue;
    }
    if (newline) {
      if (crlf) ++i;
      ++line;
      if (auto error = end_record()) return error;
      continue;
    }
    in_record = true;
    if (c == delimiter) {
      record.cells.push_back(std::move(field));
      field.clear();
      state = State::kFieldStart;
    } else if (c == '"' && state == State::kFieldStart) {
      state = State::kQuoted;
      quote_line = line;
    } else {
      field += c;
      state = State::kUnquoted;
    }
  }
  if (state == State::kQuoted) {
    return CsvError(AtLine(quote_line, "quoted field is never closed (missing '\"')"));
  }
  if (in_record) return end_record();
  return std::nullopt;
}

bool AllEmpty(const std::vector<std::string>& cells) {
  for (const auto& cell : cells) {
    if (!cell.empty()) return false;
  }
  return true;
}

}  // namespace

Result<Table> ReadCsv(std::string_view bytes, CsvReadOptions options) {
  auto decoded = Decode(bytes);
  if (!decoded.ok()) return decoded.error();
  Table table;
  table.detected_encoding = std::move(decoded->encoding);
  table.delimiter = DetectDelimiter(decoded->text);

  bool have_header = false;
  auto error = ParseRecords(decoded->text, table.delimiter, [&](Record record) -> std::optional<Error> {
    if (AllEmpty(record.cells)) return std::nullopt;
    if (!have_header) {
      for (auto& cell : record.cells) cell = std::string(Trim(cell));
      table.header = std::move(record.cells);
      have_header = true;
      return std::nullopt;
    }
    if (table.rows.size() >= options.max_rows) {
      return CsvError(AtLine(record.line, "too many rows; at most " + std::to_string(options.max_rows) +
                                              " data rows are accepted"));
    }
    auto& cells = record.cells;
    while (cells.size() > table.header.size() && cells.back().empty()) cells.pop_back();
    if (cells.size() > table.header.size()) {
      return CsvError(AtLine(record.line, std::to_string(cells.size()) + " cells but the header has " +
                                              std::to_string(table.header.size()) + " columns"));
    }
    cells.resize(table.header.size());
    table.rows.push_back(std::move(cells));
    table.line_numbers.push_back(record.line);
    return std::nullopt;
  });
  if (error) return *error;
  if (!have_header) return CsvError("the file is empty");
  return table;
}

}  // namespace coopole::tabular
