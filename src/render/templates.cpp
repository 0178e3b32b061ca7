#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unordered_map>

#include "coopole/core/text.h"
#include "coopole/render/render.h"

namespace coopole::render {
namespace {

namespace fs = std::filesystem;

// Replaces {{> name}} by the partial's raw source, recursively (depth-limited).
std::string ExpandPartials(const std::string& source, const std::map<std::string, std::string>& raw, int depth) {
  if (depth > 8) throw std::runtime_error("partials nested too deeply");
  std::string out;
  std::size_t pos = 0;
  while (true) {
    auto open = source.find("{{>", pos);
    if (open == std::string::npos) break;
    auto close = source.find("}}", open);
    if (close == std::string::npos) throw std::runtime_error("unclosed partial tag");
    std::string name(source.substr(open + 3, close - open - 3));
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    auto it = raw.find(name);
    if (it == raw.end()) throw std::runtime_error("unknown partial " + name);
    out += source.substr(pos, open - pos);
    out += ExpandPartials(it->second, raw, depth + 1);
    pos = close + 2;
  }
  out += source.substr(pos);
  return out;
}

// Replaces [[key]] by the escaped message text of `lang`.
std::string Translate(const std::string& source, const Messages& messages, std::string_view lang) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    auto open = source.find("[[", pos);
    if (open == std::string::npos) break;
    auto close = source.find("]]", open);
    if (close == std::string::npos) throw std::runtime_error("unclosed [[ message tag");
    std::string key = source.substr(open + 2, close - open - 2);
    if (!messages.Has(lang, key)) throw std::runtime_error("unknown message key " + key);
    out += source.substr(pos, open - pos);
    out += HtmlEscape(messages.Get(lang, key));
    pos = close + 2;
  }
  out += source.substr(pos);
  return out;
}

std::atomic<std::uint64_t> g_generation{0};

}  // namespace

std::shared_ptr<const Templates> Templates::Load(const std::string& dir, std::shared_ptr<const Messages> messages) {
  std::map<std::string, std::string> raw;
  if (!fs::is_directory(dir)) throw std::runtime_error("template directory not found: " + dir);
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto name = fs::relative(entry.path(), dir).replace_extension().generic_string();
    raw.emplace(std::move(name), std::move(text));
  }
  auto templates = std::make_shared<Templates>();
  templates->messages_ = std::move(messages);
  templates->generation_ = ++g_generation;
  for (const auto& [name, text] : raw) {
    std::string expanded;
    try {
      expanded = ExpandPartials(text, raw, 0);
    } catch (const std::exception& e) {
      throw std::runtime_error("template " + name + ": " + e.what());
    }
    for (auto lang : kLanguages) {
      std::string translated;
      try {
        translated = Translate(expanded, *templates->messages_, lang);
      } catch (const std::exception& e) {
        throw std::runtime_error("template " + name + " (" + std::string(lang) + "): " + e.what());
      }
      kainjow::mustache::mustache check(translated);
      if (!check.is_valid()) throw std::runtime_error("template " + name + ": " + check.error_message());
      templates->sources_.emplace(std::string(lang) + "/" + name, std::move(translated));
    }
  }
  return templates;
}

std::string Templates::Render(std::string_view name, std::string_view lang, const View& view) const {
  if (!IsSupportedLanguage(lang)) lang = kDefaultLanguage;
  std::string key = std::string(lang) + "/" + std::string(name);
  // Compiled templates per thread, keyed by the Templates generation so that reloading
  // templates (tests) never serves a stale copy.
  thread_local std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> compiled;
  thread_local std::uint64_t compiled_generation = 0;
  if (compiled_generation != generation_) {
    compiled.clear();
    compiled_generation = generation_;
  }
  auto it = compiled.find(key);
  if (it == compiled.end()) {
    auto source = sources_.find(key);
    if (source == sources_.end()) throw std::out_of_range("unknown template " + std::string(name));
    it = compiled.emplace(key, std::make_unique<kainjow::mustache::mustache>(source->second)).first;
  }
  std::string out;
  out.reserve(16 * 1024);
  it->second->render(view, [&out](const std::string& s) { out += s; });
  return out;
}

std::vector<std::string> Templates::names() const {
  std::vector<std::string> out;
  for (const auto& [key, source] : sources_) {
    if (key.rfind("fr/", 0) == 0) out.push_back(key.substr(3));
  }
  return out;
}

}  // namespace coopole::render
