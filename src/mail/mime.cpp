#include "mime.h"

#include <ctime>

namespace coopole::mail {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool IsPlainAscii(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// "Name <address>" with the name encoded when needed (quoted when it holds specials).
std::string Mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return "<" + std::string(address) + ">";
  std::string shown;
  if (IsPlainAscii(name)) {
    shown = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') shown += '\\';
      shown += c;
    }
    shown += "\"";
  } else {
    shown = EncodeHeaderWord(name);
  }
  return shown + " <" + std::string(address) + ">";
}

// A file name safe inside a quoted header parameter.
std::string SafeFilename(std::string_view name) {
  std::string out;
  for (unsigned char c : name) out += (c < 0x20 || c == 0x7f || c == '"' || c == '\\') ? '_' : static_cast<char>(c);
  return out.empty() ? "attachment" : out;
}

void Header(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string Base64(std::string_view bytes, std::size_t line) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4 + (line ? bytes.size() / line * 2 : 0) + 4);
  std::size_t column = 0;
  auto put = [&](char c) {
    if (line && column == line) {
      out += "\r\n";
      column = 0;
    }
    out += c;
    ++column;
  };
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    put(kAlphabet[(v >> 18) & 63]);
    put(kAlphabet[(v >> 12) & 63]);
    put(kAlphabet[(v >> 6) & 63]);
    put(kAlphabet[v & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    put(kAlphabet[(v >> 18) & 63]);
    put(kAlphabet[(v >> 12) & 63]);
    put(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    put('=');
  }
  return out;
}

std::string EncodeHeaderWord(std::string_view text) {
  if (IsPlainAscii(text)) return std::string(text);
  // 45 bytes of text make 60 base64 characters: with "=?UTF-8?B?" and "?=" a word stays
  // within 75 characters.
  constexpr std::size_t kChunk = 45;
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + kChunk);
    // Back off to the start of a UTF-8 sequence (a byte that is not 10xxxxxx).
    while (end < text.size() && end > start && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string Rfc5322Date(Timestamp t) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = static_cast<std::time_t>(t.unix_seconds);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

bool IsMailAddress(std::string_view address) {
  if (address.size() < 3 || address.size() > 254) return false;
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  for (unsigned char c : address)
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') return false;
  return address.find('.', at) != std::string_view::npos;
}

std::string BuildMime(const MailMessage& message, const Envelope& envelope) {
  std::string out;
  Header(out, "From", Mailbox(envelope.from_name, envelope.from));
  Header(out, "To", Mailbox(message.to_name, message.to));
  Header(out, "Subject", EncodeHeaderWord(message.subject));
  Header(out, "Date", Rfc5322Date(envelope.date));
  Header(out, "Message-ID", "<" + envelope.message_id + ">");
  Header(out, "MIME-Version", "1.0");
  Header(out, "Auto-Submitted", "auto-generated");
  const std::string text_headers = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n";
  if (message.attachments.empty()) {
    out += text_headers + "\r\n" + Base64(message.text_body, 76) + "\r\n";
    return out;
  }
  Header(out, "Content-Type", "multipart/mixed; boundary=\"" + envelope.boundary + "\"");
  out += "\r\nThis is a multi-part message in MIME format.\r\n";
  out += "--" + envelope.boundary + "\r\n" + text_headers + "\r\n" + Base64(message.text_body, 76) + "\r\n";
  for (const auto& attachment : message.attachments) {
    const std::string name = EncodeHeaderWord(SafeFilename(attachment.filename));
    out += "--" + envelope.boundary + "\r\n";
    out += "Content-Type: " + attachment.content_type + "; name=\"" + name + "\"\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "Content-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n";
    out += Base64(attachment.content, 76) + "\r\n";
  }
  out += "--" + envelope.boundary + "--\r\n";
  return out;
}

}  // namespace coopole::mail
