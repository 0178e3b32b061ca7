// A small multipart/form-data reader (RFC 7578) for browser forms with file uploads.
// It reads a body already held in memory (the route's body limit bounds it); it does not
// stream, decode transfer encodings (browsers send none) or handle nested multipart.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/core/result.h"

namespace coopole::http {

struct MultipartPart {
  std::string name;                     // the form field name
  std::optional<std::string> filename;  // present for file fields, possibly ""
  std::string content_type;             // "" when the part declares none
  std::string body;                     // the bytes as sent
};

// The boundary of a "multipart/form-data; boundary=..." Content-Type (quoted or not), or
// nullopt when the type is another one or names no boundary.
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// Splits `body` into its parts. Errors: kBadRequest when the body does not start with the
// boundary, is not terminated by the closing boundary, or a part lacks its header block or a
// Content-Disposition with a name.
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary);

// The first part named `name`, or nullptr.
const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace coopole::http
