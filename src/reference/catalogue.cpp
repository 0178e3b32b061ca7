#include "coopole/reference/catalogue.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <tuple>

#include "coopole/core/text.h"

namespace coopole::reference {
namespace {

// Search key: FoldForSearch, then ASCII punctuation and spaces collapsed to single spaces, so
// "Saint-Étienne", "saint etienne" and "SAINT  ETIENNE" share the key "saint etienne".
// Bytes >= 0x80 (non-Latin letters left by the fold) count as word characters.
std::string SearchKey(std::string_view text) {
  std::string folded = FoldForSearch(text);
  std::string key;
  key.reserve(folded.size());
  for (char c : folded) {
    auto u = static_cast<unsigned char>(c);
    bool word = u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) {
      key += c;
    } else if (!key.empty() && key.back() != ' ') {
      key += ' ';
    }
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

// Search key of a user query: as SearchKey, with the usual abbreviations "st"/"ste" spelled out
// when another word follows ("st etienne" -> "saint etienne"); a lone trailing "st" stays a
// prefix, so "st" still finds "Stains".
std::string QueryKey(std::string_view query) {
  std::vector<std::string> words = Split(SearchKey(query), ' ');
  std::string key;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i + 1 < words.size() && words[i] == "st") words[i] = "saint";
    if (i + 1 < words.size() && words[i] == "ste") words[i] = "sainte";
    if (i > 0) key += ' ';
    key += words[i];
  }
  return key;
}

// True when `word` starts `key` or starts one of its space-separated words.
bool StartsAWord(std::string_view key, std::string_view word) {
  for (std::size_t pos = key.find(word); pos != std::string_view::npos; pos = key.find(word, pos + 1)) {
    if (pos == 0 || key[pos - 1] == ' ') return true;
  }
  return false;
}

// NAF code without dots or spaces, letters uppercased ("88.99b" -> "8899B").
std::string CompactNaf(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '.' || c == ' ' || c == '\t') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
  return out;
}

// Reads a whole TSV file and calls `on_record(fields, line_number)` for each non-empty line.
// Throws std::runtime_error naming the file when it cannot be read, is empty or is not UTF-8.
template <typename OnRecord>
void ReadTsv(const std::string& path, OnRecord on_record) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("reference data: cannot open " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error("reference data: cannot read " + path);
  if (text.empty()) throw std::runtime_error("reference data: " + path + " is empty");
  if (!IsValidUtf8(text)) throw std::runtime_error("reference data: " + path + " is not valid UTF-8");
  std::size_t line_number = 0;
  std::size_t start = 0;
  std::vector<std::string_view> fields;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    fields.clear();
    for (std::size_t from = 0;;) {
      std::size_t tab = line.find('\t', from);
      fields.push_back(line.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from));
      if (tab == std::string_view::npos) break;
      from = tab + 1;
    }
    on_record(fields, line_number);
  }
}

[[noreturn]] void Corrupt(const std::string& path, std::size_t line_number, const std::string& why) {
  throw std::runtime_error("reference data: " + path + ":" + std::to_string(line_number) + ": " + why);
}

std::string JoinPath(const std::string& dir, const char* file) {
  if (dir.empty()) return file;
  return dir.back() == '/' ? dir + file : dir + "/" + file;
}

void LoadCommunes(const std::string& path, std::vector<Commune>& communes) {
  communes.reserve(36000);
  ReadTsv(path, [&](const std::vector<std::string_view>& f, std::size_t line_number) {
    if (f.size() != 8) Corrupt(path, line_number, "expected 8 fields, got " + std::to_string(f.size()));
    if (f[0].empty() || f[1].empty()) Corrupt(path, line_number, "empty INSEE code or name");
    Commune c{.insee = std::string(f[0]),
              .name = std::string(f[1]),
              .department = std::string(f[2]),
              .region = std::string(f[3]),
              .epci_siren = std::string(f[4]),
              .epci_name = std::string(f[5])};
    if (!f[6].empty()) c.postal_codes = Split(f[6], ',');
    if (!f[7].empty()) {
      auto [end, ec] = std::from_chars(f[7].data(), f[7].data() + f[7].size(), c.population);
      if (ec != std::errc() || end != f[7].data() + f[7].size() || c.population < 0) {
        Corrupt(path, line_number, "bad population");
      }
    }
    communes.push_back(std::move(c));
  });
  communes.shrink_to_fit();
}

void LoadNaf(const std::string& path, std::vector<NafCode>& codes) {
  ReadTsv(path, [&](const std::vector<std::string_view>& f, std::size_t line_number) {
    if (f.size() != 2) Corrupt(path, line_number, "expected 2 fields, got " + std::to_string(f.size()));
    if (f[0].empty() || f[1].empty()) Corrupt(path, line_number, "empty code or label");
    codes.push_back(NafCode{.code = std::string(f[0]), .label = std::string(f[1])});
  });
  std::sort(codes.begin(), codes.end(), [](const NafCode& a, const NafCode& b) { return a.code < b.code; });
}

}  // namespace

std::shared_ptr<const Catalogue> Catalogue::LoadFrom(const std::string& dir) {
  auto catalogue = std::make_shared<Catalogue>();
  const std::string communes_path = JoinPath(dir, "communes.tsv");
  const std::string naf_path = JoinPath(dir, "naf.tsv");
  LoadCommunes(communes_path, catalogue->communes_);
  LoadNaf(naf_path, catalogue->naf_codes_);

  // Indexes are built only once the vectors are final: the maps hold views into their strings.
  auto& c = *catalogue;
  c.commune_keys_.reserve(c.communes_.size());
  c.commune_by_insee_.reserve(c.communes_.size());
  std::unordered_map<std::string_view, std::string_view> epci_names;  // siren -> name
  for (std::uint32_t i = 0; i < c.communes_.size(); ++i) {
    const Commune& commune = c.communes_[i];
    c.commune_keys_.push_back(SearchKey(commune.name));
    if (!c.commune_by_insee_.emplace(commune.insee, i).second) {
      throw std::runtime_error("reference data: " + communes_path + ": duplicate INSEE code " + commune.insee);
    }
    if (!commune.epci_siren.empty()) epci_names.emplace(commune.epci_siren, commune.epci_name);
  }
  // Sorted on the folded name so "Métropole" sits among the "M"s; siren breaks ties.
  std::vector<std::pair<std::string, Epci>> keyed;
  keyed.reserve(epci_names.size());
  for (const auto& [siren, name] : epci_names) {
    keyed.emplace_back(FoldForSearch(name), Epci{std::string(siren), std::string(name)});
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.siren) < std::tie(b.first, b.second.siren);
  });
  c.epcis_.reserve(keyed.size());
  for (auto& [key, epci] : keyed) c.epcis_.push_back(std::move(epci));

  c.naf_compact_.reserve(c.naf_codes_.size());
  c.naf_keys_.reserve(c.naf_codes_.size());
  for (const NafCode& naf : c.naf_codes_) {
    c.naf_compact_.push_back(CompactNaf(naf.code));
    c.naf_keys_.push_back(SearchKey(naf.label));
  }
  for (std::uint32_t i = 0; i < c.naf_compact_.size(); ++i) {
    if (!c.naf_by_compact_.emplace(c.naf_compact_[i], i).second) {
      throw std::runtime_error("reference data: " + naf_path + ": duplicate code " + c.naf_codes_[i].code);
    }
  }
  return catalogue;
}

const Commune* Catalogue::FindCommune(std::string_view insee) const {
  auto it = commune_by_insee_.find(Trim(insee));
  return it == commune_by_insee_.end() ? nullptr : &communes_[it->second];
}

std::vector<const Commune*> Catalogue::SearchCommunes(std::string_view query, std::size_t limit) const {
  std::vector<const Commune*> out;
  const std::string key = QueryKey(query);
  if (key.empty() || limit == 0) return out;
  const std::string_view trimmed = Trim(query);
  const bool digits = std::all_of(trimmed.begin(), trimmed.end(), [](char ch) { return ch >= '0' && ch <= '9'; });

  enum Rank : int { kInsee, kExactName, kNamePrefix, kWordPrefix, kContains, kPostalCode };
  std::vector<std::pair<int, std::uint32_t>> hits;  // (rank, index)
  for (std::uint32_t i = 0; i < communes_.size(); ++i) {
    const std::string& name_key = commune_keys_[i];
    int rank = -1;
    if (digits && communes_[i].insee == trimmed) {
      rank = kInsee;
    } else if (name_key == key) {
      rank = kExactName;
    } else if (name_key.starts_with(key)) {
      rank = kNamePrefix;
    } else if (StartsAWord(name_key, key)) {
      rank = kWordPrefix;
    } else if (name_key.find(key) != std::string::npos) {
      rank = kContains;
    } else if (digits) {
      for (const std::string& postal : communes_[i].postal_codes) {
        if (postal.starts_with(trimmed)) {
          rank = kPostalCode;
          break;
        }
      }
    }
    if (rank >= 0) hits.emplace_back(rank, i);
  }
  auto better = [this](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const Commune& ca = communes_[a.second];
    const Commune& cb = communes_[b.second];
    if (ca.population != cb.population) return ca.population > cb.population;
    return ca.insee < cb.insee;
  };
  const std::size_t n = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(), better);
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) out.push_back(&communes_[hits[k].second]);
  return out;
}

const NafCode* Catalogue::FindNaf(std::string_view code) const {
  auto it = naf_by_compact_.find(CompactNaf(code));
  return it == naf_by_compact_.end() ? nullptr : &naf_codes_[it->second];
}

std::vector<const NafCode*> Catalogue::SearchNaf(std::string_view query, std::size_t limit) const {
  std::vector<const NafCode*> out;
  const std::string key = SearchKey(query);
  if (key.empty() || limit == 0) return out;
  const std::string compact = CompactNaf(Trim(query));
  const std::vector<std::string> words = Split(key, ' ');

  enum Rank : int { kCodePrefix, kLabelPrefix, kAllWords };
  std::vector<std::pair<int, std::uint32_t>> hits;  // (rank, index); indexes already in code order
  for (std::uint32_t i = 0; i < naf_codes_.size(); ++i) {
    int rank = -1;
    if (!compact.empty() && naf_compact_[i].starts_with(compact)) {
      rank = kCodePrefix;
    } else if (naf_keys_[i].starts_with(key)) {
      rank = kLabelPrefix;
    } else if (std::all_of(words.begin(), words.end(),
                           [&](const std::string& w) { return StartsAWord(naf_keys_[i], w); })) {
      rank = kAllWords;
    }
    if (rank >= 0) hits.emplace_back(rank, i);
  }
  std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::size_t n = std::min(limit, hits.size());
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) out.push_back(&naf_codes_[hits[k].second]);
  return out;
}

std::vector<Epci> Catalogue::Epcis() const { return epcis_; }

}  // namespace coopole::reference
