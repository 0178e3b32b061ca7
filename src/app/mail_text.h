// Small helpers of the e-mails the application writes from catalogue texts.
#pragma once

#include <map>
#include <string>

namespace coopole::app {

// `text` with each "{name}" replaced by its value (values are inserted as given: e-mails are
// plain text).
inline std::string FillText(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    const std::string token = "{" + name + "}";
    for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
      text.replace(at, token.size(), value);
  }
  return text;
}

// A subject stays on one line whatever a title holds.
inline std::string OneLine(std::string text) {
  for (auto& c : text)
    if (c == '\r' || c == '\n') c = ' ';
  return text;
}

}  // namespace coopole::app
