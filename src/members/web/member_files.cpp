#include "member_files.h"

#include "coopole/core/text.h"
#include "coopole/core/time.h"
#include "coopole/web/web.h"
#include "member_views.h"
#include "coopole/http/multipart.h"

namespace coopole::members::web {
namespace {

namespace cw = coopole::web;

// Content types a raw CSV body may carry: what curl, scripts and spreadsheet exports send.
constexpr std::string_view kCsvTypes[] = {"text/csv", "application/csv", "text/plain", "application/vnd.ms-excel",
                                          "application/octet-stream"};

std::string MediaType(std::string_view content_type) {
  return AsciiLower(Trim(content_type.substr(0, content_type.find(';'))));
}

bool IsDryRun(const std::optional<std::string>& text) {
  if (!text) return false;
  std::string v = AsciiLower(Trim(*text));
  return v == "1" || v == "true" || v == "on" || v == "yes";
}

Error NoFile() { return Error::Invalid({{"file", "import.no_file"}}, "no CSV file in the request"); }


}  // namespace

Result<CsvUpload> ReadCsvUpload(const http::Request& req) {
  const std::string_view content_type = req.Header("content-type");
  CsvUpload upload;
  if (auto boundary = http::MultipartBoundary(content_type)) {
    auto parts = http::ParseMultipart(req.body, *boundary);
    if (!parts) return parts.error();
    const http::MultipartPart* file = http::FindPart(*parts, "file");
    if (!file || file->body.empty()) return NoFile();
    upload.bytes = file->body;
    const http::MultipartPart* dry_run = http::FindPart(*parts, "dry_run");
    upload.mode = dry_run && IsDryRun(dry_run->body) ? ImportMode::kDryRun : ImportMode::kApply;
    return upload;
  }
  const std::string type = MediaType(content_type);
  bool accepted = false;
  for (auto csv_type : kCsvTypes) accepted = accepted || type == csv_type;
  if (!accepted) {
    return Error{ErrorCode::kUnsupportedMediaType, "expected text/csv or multipart/form-data", {}};
  }
  if (req.body.empty()) return NoFile();
  upload.bytes = req.body;
  upload.mode = IsDryRun(req.Query("dry_run")) ? ImportMode::kDryRun : ImportMode::kApply;
  return upload;
}

Result<ExportFormat> ParseExportFormat(const std::optional<std::string>& text) {
  if (!text || *text == "csv") return ExportFormat::kCsv;
  if (*text == "xlsx") return ExportFormat::kXlsx;
  return Error::BadRequest("format must be csv or xlsx", {{"format", "validation.choice"}});
}

http::Response ExportDownload(const tabular::Table& table, ExportFormat format, const hubs::HubContext& hub,
                              const std::string& sheet_name) {
  const std::string stem = "membres-" + hub.hub.slug + "-" + FormatIsoDate(HubDateOf(hub, SystemClock().Now()));
  if (format == ExportFormat::kCsv) {
    return http::Response::Download(tabular::WriteCsv(table), "text/csv; charset=utf-8", stem + ".csv");
  }
  tabular::Sheet sheet{sheet_name, table.header, {}, table.rows};
  // Column kinds follow the field each header maps to, so they stay right whatever the
  // export's column order or wording.
  std::vector<std::size_t> date_columns;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const std::string field = FieldForColumn(table.header[i]);
    tabular::CellKind kind = tabular::CellKind::kText;
    if (field == "fte") kind = tabular::CellKind::kNumber;
    if (field == "insertion_headcount") kind = tabular::CellKind::kInteger;
    if (field == "join_date" || field == "charter_accepted_on") {
      kind = tabular::CellKind::kDate;
      date_columns.push_back(i);
    }
    sheet.kinds.push_back(kind);
  }
  // The table holds French dates (DD/MM/YYYY) so that it reads back on import; XLSX dates
  // want ISO text. A cell that is no date stays as it is (WriteXlsx then writes it as text).
  for (auto& row : sheet.rows) {
    for (std::size_t column : date_columns) {
      if (column >= row.size()) continue;
      if (auto date = ParseDate(Trim(row[column]))) row[column] = FormatIsoDate(*date);
    }
  }
  return http::Response::Download(tabular::WriteXlsx({sheet}),
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem + ".xlsx");
}

}  // namespace coopole::members::web
