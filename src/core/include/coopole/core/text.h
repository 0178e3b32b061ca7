// Text helpers shared by every module: search folding, trimming, UTF-8 checks.
#pragma once

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

// True when `text` is well-formed UTF-8 without NUL bytes.
bool IsValidUtf8(std::string_view text);

// Splits on `sep`, keeping empty parts.
std::vector<std::string> Split(std::string_view text, char sep);

// Lowercase ASCII letters only.
std::string AsciiLower(std::string_view text);

}  // namespace coopole
