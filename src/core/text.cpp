#include "coopole/core/text.h"

#include <cstdint>

namespace coopole {
namespace {

// Decodes one UTF-8 code point at s[i]; advances i. Returns -1 for an invalid sequence
// (and advances by one byte).
std::int32_t DecodeUtf8(std::string_view s, std::size_t& i) {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) { ++i; return b0; }
  int len = (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) { ++i; return -1; }
  std::int32_t cp = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) { ++i; return -1; }
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr std::int32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++i; return -1; }
  i += len;
  return cp;
}

// Base letters of U+00C0..U+017F once folded; '\0' keeps the code point unchanged.
// Two-letter folds (æ, œ, ß) are handled before the table.
constexpr char kLatinFold[] =
    // U+00C0..U+00FF
    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"  // C0..DF (D7 multiplication sign kept)
    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty"  // E0..FF (F7 division sign kept)
    // U+0100..U+017F
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii" "iiijjjkkklllllll"
    "lllnnnnnnnnnoooo" "oooorrrrrrssssss"
    "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

}  // namespace

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::int32_t cp = DecodeUtf8(text, i);
    if (cp < 0) continue;
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    } else if (cp == 0xC6 || cp == 0xE6) {
      out += "ae";
    } else if (cp == 0x152 || cp == 0x153) {
      out += "oe";
    } else if (cp == 0xDF) {
      out += "ss";
    } else if (cp >= 0xC0 && cp <= 0x17F && kLatinFold[cp - 0xC0] != '\0') {
      out += kLatinFold[cp - 0xC0];
    } else if (cp == 0x2019 || cp == 0x2018) {
      out += '\'';  // typographic apostrophes fold to the ASCII one ("l’atelier")
    } else if (cp == 0xA0 || cp == 0x202F) {
      out += ' ';
    } else {
      AppendUtf8(out, static_cast<std::uint32_t>(cp));
    }
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\0' || DecodeUtf8(text, i) < 0) return false;
  }
  return true;
}

std::vector<std::string> Split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto pos = text.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

bool IsPlausibleEmail(std::string_view text) {
  if (text.empty() || text.size() > 254) return false;
  for (unsigned char c : text) {
    if (c <= ' ' || c == 0x7F || c == '<' || c == '>' || c == '"' || c == ',' || c == ';') return false;
  }
  auto at = text.find('@');
  if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) return false;
  auto domain = text.substr(at + 1);
  auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() && domain.back() != '.';
}

bool IsHttpUrl(std::string_view text) {
  std::string_view rest;
  if (text.rfind("https://", 0) == 0) {
    rest = text.substr(8);
  } else if (text.rfind("http://", 0) == 0) {
    rest = text.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/' || text.size() > 2000) return false;
  for (unsigned char c : text) {
    if (c <= ' ' || c == 0x7F || c == '"' || c == '<' || c == '>') return false;
  }
  return true;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::optional<bool> ParseBoolean(std::string_view text) {
  std::string key = FoldForSearch(Trim(text));
  if (key.empty() || key == "0" || key == "false" || key == "non" || key == "no" || key == "faux") return false;
  if (key == "1" || key == "true" || key == "oui" || key == "yes" || key == "vrai" || key == "x" || key == "on")
    return true;
  return std::nullopt;
}

}  // namespace coopole
