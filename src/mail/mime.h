// The RFC 5322 / MIME text of a message (pure: no I/O). Lines end in CRLF; bodies and
// attachments are base64 in lines of 76 characters; non-ASCII header words are RFC 2047
// encoded words (UTF-8, base64).
#pragma once

#include <string>
#include <string_view>

#include "coopole/mail/mail.h"

namespace coopole::mail {

struct Envelope {
  std::string from, from_name;
  Timestamp date;
  std::string message_id;  // without the angle brackets: "abc@coopole"
  std::string boundary;    // for multipart messages; must not occur in the content
};

std::string BuildMime(const MailMessage& message, const Envelope& envelope);

// Base64 of `bytes` (RFC 4648, with padding), wrapped every `line` characters with CRLF when
// `line` > 0.
std::string Base64(std::string_view bytes, std::size_t line = 0);
// `text` as is when printable ASCII, else as encoded words of at most 75 characters that
// never split a UTF-8 sequence.
std::string EncodeHeaderWord(std::string_view text);
// "Sun, 06 Dec 2026 21:00:00 +0000"
std::string Rfc5322Date(Timestamp t);
// Whether `address` looks like local@domain with no space, no control character, no angle
// bracket (what an SMTP envelope accepts).
bool IsMailAddress(std::string_view address);

}  // namespace coopole::mail
