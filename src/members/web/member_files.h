// Files in and out of the member directory: the CSV of an import request (browser upload
// form or raw body) and the CSV / XLSX download of an export.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "coopole/http/http.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "coopole/tabular/tabular.h"

namespace coopole::members::web {

struct CsvUpload {
  std::string bytes;  // the file as sent
  ImportMode mode = ImportMode::kApply;
};

// The CSV of an import request: either multipart/form-data (file field "file", checkbox
// "dry_run", hidden "csrf") or a raw body (text/csv, application/csv, text/plain,
// application/vnd.ms-excel, application/octet-stream) with ?dry_run=true|1 in the query.
// Errors: kBadRequest (malformed multipart body), kInvalidArgument {"file": "import.no_file"}
// (no file or an empty one), kUnsupportedMediaType (another content type).
Result<CsvUpload> ReadCsvUpload(const http::Request& req);

enum class ExportFormat { kCsv, kXlsx };
// "csv" (the default when absent) or "xlsx". Errors: kBadRequest {"format": "validation.choice"}.
Result<ExportFormat> ParseExportFormat(const std::optional<std::string>& text);

// The export as a download named "membres-<hub slug>-YYYY-MM-DD.csv|xlsx" (today, UTC):
// CSV for Excel FR, or XLSX with ETP as numbers, headcounts as integers and dates as real
// dates (the table's DD/MM/YYYY cells are converted). `sheet_name` names the worksheet.
http::Response ExportDownload(const tabular::Table& table, ExportFormat format, const hubs::HubContext& hub,
                              const std::string& sheet_name);

}  // namespace coopole::members::web
