// Text helpers shared by every module: search folding, trimming, UTF-8 checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coopole {

// Folds text for accent- and case-insensitive search: lowercases and strips diacritics
// of the Latin letters ("Économie" -> "economie", "Œuvre" -> "oeuvre", "ß" -> "ss").
// Other characters are kept as they are (lowercased when ASCII). Invalid UTF-8 bytes are dropped.
std::string FoldForSearch(std::string_view text);

// Removes ASCII whitespace at both ends.
std::string_view Trim(std::string_view text);

// Yes/no as people type it in forms and spreadsheets: "1/0", "true/false", "oui/non",
// "yes/no", "vrai/faux", "x", "on" (HTML checkboxes); "" is false. Accents and case are
// ignored. nullopt for anything else.
std::optional<bool> ParseBoolean(std::string_view text);

// True when `text` is well-formed UTF-8 without NUL bytes.
bool IsValidUtf8(std::string_view text);

// Appends code point `cp` (a valid Unicode scalar value) encoded as UTF-8.
void AppendUtf8(std::string& out, std::uint32_t cp);

// Splits on `sep`, keeping empty parts.
std::vector<std::string> Split(std::string_view text, char sep);

// A plausible e-mail address: one '@', a non-empty local part, a dotted domain, no spaces
// or control characters, at most 254 bytes. Deliverability is not checked.
bool IsPlausibleEmail(std::string_view text);

// An absolute http(s) URL with a host and no spaces or control characters.
bool IsHttpUrl(std::string_view text);

// Escapes text for HTML content and attribute values (& < > " ').
std::string HtmlEscape(std::string_view text);

// Lowercase ASCII letters only.
std::string AsciiLower(std::string_view text);

}  // namespace coopole
