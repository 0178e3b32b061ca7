#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "coopole/render/render.h"

namespace coopole::render {
namespace {

void Flatten(const nlohmann::json& node, const std::string& prefix, std::map<std::string, std::string, std::less<>>& out) {
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object()) {
      Flatten(*it, key, out);
    } else if (it->is_string()) {
      out[key] = it->get<std::string>();
    } else {
      throw std::runtime_error("message " + key + " is not a string");
    }
  }
}

}  // namespace

std::shared_ptr<const Messages> Messages::Load(const std::string& dir) {
  auto messages = std::make_shared<Messages>();
  // Each language is a folder of catalogues, one per module: <dir>/<lang>/<module>.json.
  for (auto lang : kLanguages) {
    std::filesystem::path folder = std::filesystem::path(dir) / std::string(lang);
    if (!std::filesystem::is_directory(folder)) throw std::runtime_error("missing message folder " + folder.string());
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path);
      nlohmann::json doc;
      try {
        doc = nlohmann::json::parse(in);
      } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path.string() + ": " + e.what());
      }
      Flatten(doc, "", messages->by_lang_[std::string(lang)]);
    }
  }
  const auto& french = messages->by_lang_.at("fr");
  for (const auto& [lang, table] : messages->by_lang_) {
    for (const auto& [key, text] : french) {
      if (!table.count(key)) throw std::runtime_error("message catalogue " + lang + " lacks the key " + key);
    }
    for (const auto& [key, text] : table) {
      if (!french.count(key)) throw std::runtime_error("message catalogue " + lang + " has the unknown key " + key);
    }
  }
  return messages;
}

const std::string& Messages::Get(std::string_view lang, std::string_view key) const {
  for (auto l : {lang, kDefaultLanguage}) {
    auto table = by_lang_.find(l);
    if (table == by_lang_.end()) continue;
    auto it = table->second.find(key);
    if (it != table->second.end()) return it->second;
  }
  thread_local std::string missing;
  missing = std::string(key);
  return missing;
}

bool Messages::Has(std::string_view lang, std::string_view key) const {
  auto table = by_lang_.find(lang);
  return table != by_lang_.end() && table->second.count(key) > 0;
}

bool IsSupportedLanguage(std::string_view lang) {
  for (auto l : kLanguages) {
    if (l == lang) return true;
  }
  return false;
}

std::string NegotiateLanguage(std::string_view header) {
  std::string best(kDefaultLanguage);
  double best_q = -1;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    double q = 1.0;
    if (auto semi = item.find(';'); semi != std::string_view::npos) {
      auto params = item.substr(semi + 1);
      item = item.substr(0, semi);
      if (auto qpos = params.find("q="); qpos != std::string_view::npos) {
        try {
          q = std::stod(std::string(params.substr(qpos + 2)));
        } catch (...) {
          q = 0;
        }
      }
    }
    std::string primary(item.substr(0, item.find('-')));
    for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (IsSupportedLanguage(primary) && q > best_q) {
      best = primary;
      best_q = q;
    }
  }
  return best;
}

}  // namespace coopole::render
