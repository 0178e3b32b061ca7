// Server-side HTML rendering: mustache templates (escaping by default) and the message
// catalogues that translate them. Web handlers build a View (the view model) and call
// Templates::Render; domain code never includes this header.
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace coopole::render {

using View = kainjow::mustache::data;
using ViewList = kainjow::mustache::list;

// The languages of the interface; French first.
inline constexpr std::string_view kLanguages[] = {"fr", "en"};
inline constexpr std::string_view kDefaultLanguage = "fr";

// Picks "fr" or "en" from an Accept-Language header by quality; "fr" when nothing matches.
std::string NegotiateLanguage(std::string_view accept_language);
// True for a supported language code.
bool IsSupportedLanguage(std::string_view lang);

// Message catalogues: web/i18n/<lang>/<module>.json, nested objects flattened to dotted keys
// ("members.title"). Every language must define every key French defines.
class Messages {
 public:
  // Throws std::runtime_error naming the file and key on a parse error or a missing key.
  static std::shared_ptr<const Messages> Load(const std::string& dir);
  // The text for `key` in `lang`, else in French, else the key itself (never throws).
  const std::string& Get(std::string_view lang, std::string_view key) const;
  bool Has(std::string_view lang, std::string_view key) const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> by_lang_;
};

// Templates loaded from web/templates/**/*.mustache, named by relative path without the
// extension ("members/list"). At load time, for each language, `[[key]]` is replaced by the
// HTML-escaped catalogue text and `{{> name}}` by the named template's source, so a render
// costs no lookup of partials or translations.
class Templates {
 public:
  // Throws std::runtime_error for an unknown partial, an unknown message key, or a
  // template that does not parse.
  static std::shared_ptr<const Templates> Load(const std::string& dir, std::shared_ptr<const Messages> messages);
  // Renders `name` in `lang`. Throws std::out_of_range for an unknown template.
  std::string Render(std::string_view name, std::string_view lang, const View& view) const;
  const Messages& messages() const { return *messages_; }
  std::vector<std::string> names() const;

 private:
  std::shared_ptr<const Messages> messages_;
  // Expanded source per "lang/name"; each thread compiles its own copy on first use
  // because kainjow's renderer keeps mutable state.
  std::map<std::string, std::string, std::less<>> sources_;
  std::uint64_t generation_ = 0;
};

}  // namespace coopole::render
