#include "config.h"

#include <cstdlib>
#include <toml++/toml.h>

namespace coopole::app {
namespace {

bool ParseBool(const std::string& text, bool& out) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") { out = true; return true; }
  if (text == "0" || text == "false" || text == "no" || text == "off") { out = false; return true; }
  return false;
}

bool ParseInt(const std::string& text, int& out, int min, int max) {
  try {
    std::size_t used = 0;
    int v = std::stoi(text, &used);
    if (used != text.size() || v < min || v > max) return false;
    out = v;
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace

Result<Config> LoadConfig(const std::string& path) {
  Config c;
  std::map<std::string, std::string> values;  // key -> text, file first, then environment
  if (!path.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      return Error::Invalid({{"config", std::string(e.description())}}, "cannot parse " + path);
    }
    for (const auto& [key, node] : table) {
      std::string k(key.str());
      if (auto s = node.value<std::string>()) values[k] = *s;
      else if (auto i = node.value<std::int64_t>()) values[k] = std::to_string(*i);
      else if (auto b = node.value<bool>()) values[k] = *b ? "true" : "false";
      else return Error::Invalid({{k, "unsupported value type"}}, "bad configuration key " + k);
    }
  }
  static const char* kKeys[] = {"listen", "database", "web_dir", "reference_dir", "io_threads", "worker_threads",
                                "pool_size", "secure_cookies", "trust_proxy", "access_log", "log_level",
                                "public_url", "smtp_url", "smtp_security", "smtp_username", "smtp_password", "smtp_from",
                                "smtp_from_name"};
  for (const char* key : kKeys) {
    std::string env = "COOPOLE_";
    for (const char* p = key; *p; ++p) env += static_cast<char>(std::toupper(static_cast<unsigned char>(*p)));
    if (const char* v = std::getenv(env.c_str()); v && *v) values[key] = v;
  }
  std::map<std::string, std::string> errors;
  for (const auto& [key, text] : values) {
    bool ok = true;
    if (key == "listen") c.listen = text;
    else if (key == "database") c.database = text;
    else if (key == "web_dir") c.web_dir = text;
    else if (key == "reference_dir") c.reference_dir = text;
    else if (key == "io_threads") ok = ParseInt(text, c.io_threads, 1, 64);
    else if (key == "worker_threads") ok = ParseInt(text, c.worker_threads, 1, 256);
    else if (key == "pool_size") ok = ParseInt(text, c.pool_size, 1, 256);
    else if (key == "secure_cookies") ok = ParseBool(text, c.secure_cookies);
    else if (key == "trust_proxy") ok = ParseBool(text, c.trust_proxy);
    else if (key == "access_log") ok = ParseBool(text, c.access_log);
    else if (key == "log_level") c.log_level = text;
    else if (key == "public_url") {
      ok = text.starts_with("http://") || text.starts_with("https://");
      c.public_url = text;
      while (c.public_url.ends_with("/")) c.public_url.pop_back();
    } else if (key == "smtp_url") {
      ok = text.starts_with("smtp://") || text.starts_with("smtps://");
      c.smtp_url = text;
    } else if (key == "smtp_security") {
      ok = text == "starttls" || text == "tls" || text == "none";
      c.smtp_security = text;
    }
    else if (key == "smtp_username") c.smtp_username = text;
    else if (key == "smtp_password") c.smtp_password = text;
    else if (key == "smtp_from") c.smtp_from = text;
    else if (key == "smtp_from_name") c.smtp_from_name = text;
    else errors[key] = "unknown key";
    if (!ok) errors[key] = "invalid value: " + text;
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors), "invalid configuration");
  return c;
}

}  // namespace coopole::app
