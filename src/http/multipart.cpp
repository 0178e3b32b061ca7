#include "coopole/http/multipart.h"

#include <cctype>

namespace coopole::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The parameters of a header value such as `form-data; name="file"; filename="a;b.csv"`:
// the leading token is skipped; names are lowercased; quoted values may contain ';' and
// backslash escapes.
std::vector<std::pair<std::string, std::string>> HeaderParameters(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = value.find(';');
  while (i != std::string_view::npos && i < value.size()) {
    ++i;  // past ';'
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    std::size_t eq = value.find('=', i);
    std::size_t semi = value.find(';', i);
    if (eq == std::string_view::npos || (semi != std::string_view::npos && semi < eq)) {
      i = semi;  // a parameter without value: skip it
      continue;
    }
    std::string name = Lower(TrimSpaces(value.substr(i, eq - i)));
    i = eq + 1;
    std::string param;
    if (i < value.size() && value[i] == '"') {
      ++i;
      while (i < value.size() && value[i] != '"') {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        param += value[i++];
      }
      i = value.find(';', i);
    } else {
      std::size_t end = value.find(';', i);
      param = std::string(TrimSpaces(value.substr(i, end == std::string_view::npos ? value.size() - i : end - i)));
      i = end;
    }
    out.emplace_back(std::move(name), std::move(param));
  }
  return out;
}

Error Malformed(std::string what) {
  return Error::BadRequest("malformed multipart body: " + std::move(what), {{"file", "import.malformed_upload"}});
}

// Reads the header block of one part (up to and excluding the blank line) into `part`.
Status ReadPartHeaders(std::string_view block, MultipartPart& part) {
  bool has_disposition = false;
  while (!block.empty()) {
    std::size_t end = block.find(kCrlf);
    std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view{} : block.substr(end + kCrlf.size());
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Malformed("part header without ':'");
    std::string name = Lower(TrimSpaces(line.substr(0, colon)));
    std::string_view value = TrimSpaces(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (Lower(value.substr(0, value.find(';'))) != "form-data") return Malformed("part is not form-data");
      has_disposition = true;
      for (auto& [key, text] : HeaderParameters(value)) {
        if (key == "name") part.name = std::move(text);
        if (key == "filename") part.filename = std::move(text);
      }
    } else if (name == "content-type") {
      part.content_type = std::string(value);
    }
  }
  if (!has_disposition || part.name.empty()) return Malformed("part without a named Content-Disposition");
  return OkStatus();
}

// Whether the bytes after a delimiter at `pos` end a delimiter line: "--" (the closing
// delimiter) or optional spaces then CRLF. Anything else means the content merely contains
// the boundary text.
bool EndsDelimiterLine(std::string_view body, std::size_t pos) {
  if (body.substr(pos, 2) == "--") return true;
  while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
  return body.substr(pos, kCrlf.size()) == kCrlf;
}

// The next "\r\n--boundary" at or after `from` that is a real delimiter line, or npos.
std::size_t FindSeparator(std::string_view body, std::string_view separator, std::size_t from) {
  while (true) {
    std::size_t at = body.find(separator, from);
    if (at == std::string_view::npos || EndsDelimiterLine(body, at + separator.size())) return at;
    from = at + 1;
  }
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  std::string type = Lower(TrimSpaces(content_type.substr(0, content_type.find(';'))));
  if (type != "multipart/form-data") return std::nullopt;
  for (auto& [key, value] : HeaderParameters(content_type)) {
    // RFC 2046: 1 to 70 characters.
    if (key == "boundary" && !value.empty() && value.size() <= 70) return value;
  }
  return std::nullopt;
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary) {
  if (boundary.empty()) return Malformed("empty boundary");
  const std::string delimiter = "--" + std::string(boundary);
  const std::string separator = std::string(kCrlf) + delimiter;
  // The first delimiter opens the body or follows a preamble that is ignored (RFC 2046).
  std::size_t pos;
  if (body.substr(0, delimiter.size()) == delimiter && EndsDelimiterLine(body, delimiter.size())) {
    pos = delimiter.size();
  } else {
    pos = FindSeparator(body, separator, 0);
    if (pos == std::string_view::npos) return Malformed("boundary not found");
    pos += separator.size();
  }
  std::vector<MultipartPart> parts;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;                               // the closing delimiter
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // transport padding
    if (body.substr(pos, kCrlf.size()) != kCrlf) return Malformed("no line break after the boundary");
    pos += kCrlf.size();
    MultipartPart part;
    std::size_t headers_end;
    if (body.substr(pos, kCrlf.size()) == kCrlf) {
      headers_end = pos;  // no headers at all: rejected below for lack of a name
    } else {
      headers_end = body.find("\r\n\r\n", pos);
      if (headers_end == std::string_view::npos) return Malformed("part headers not terminated");
    }
    if (auto status = ReadPartHeaders(body.substr(pos, headers_end - pos), part); !status) return status.error();
    std::size_t content_start = headers_end + (headers_end == pos ? 2 : 4);
    std::size_t content_end = FindSeparator(body, separator, content_start);
    if (content_end == std::string_view::npos) return Malformed("closing boundary missing");
    part.body = std::string(body.substr(content_start, content_end - content_start));
    parts.push_back(std::move(part));
    pos = content_end + separator.size();
  }
}

const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const auto& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

}  // namespace coopole::http
