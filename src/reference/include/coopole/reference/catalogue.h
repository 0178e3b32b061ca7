// Read-only French reference data: communes with their EPCI, and NAF rev. 2 activity codes.
//
// The data comes from npm packages (@etalab/decoupage-administratif, @socialgouv/codes-naf),
// flattened into TSV files by scripts/build-reference.mjs (default output: build/reference/).
// A Catalogue is immutable once loaded, so one shared instance may be read from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace coopole::reference {

// A current commune ("commune-actuelle"); Paris, Lyon and Marseille appear whole, not by
// municipal arrondissement. epci_siren/epci_name are empty for the few communes in no EPCI.
struct Commune {
  std::string insee, name, department, region, epci_siren, epci_name;
  std::vector<std::string> postal_codes;
  std::int64_t population = 0;  // 0 when unknown
};

// An EPCI (intercommunal body), as named on its member communes.
struct Epci {
  std::string siren, name;
};

// A NAF sub-class: code in the dotted INSEE form ("88.99B"), French label.
struct NafCode {
  std::string code, label;
};

class Catalogue {
 public:
  // Loads communes.tsv and naf.tsv from `dir`.
  // Throws std::runtime_error naming the file (and line) if one is missing, unreadable, empty,
  // not UTF-8 or has a malformed record.
  static std::shared_ptr<const Catalogue> LoadFrom(const std::string& dir);

  // The commune with this INSEE code ("69123"), or nullptr. O(1).
  const Commune* FindCommune(std::string_view insee) const;

  // Communes matching `query`, best first, at most `limit`. Matching ignores case, accents and
  // punctuation ("saint etienne" finds "Saint-Étienne"; "st"/"ste" before another word read as
  // "saint"/"sainte"). Ranks: exact INSEE code, exact name,
  // name prefix, a word of the name starting with the query, name containing the query, postal
  // code starting with the query; within a rank, larger population first. Blank query: none.
  std::vector<const Commune*> SearchCommunes(std::string_view query, std::size_t limit) const;

  // The NAF sub-class for `code`, or nullptr. Accepts "88.99B", "8899B", "8899b", " 88.99 b ".
  const NafCode* FindNaf(std::string_view code) const;

  // NAF sub-classes whose code starts with the query (dots optional: "88.9", "889"), then those
  // whose folded label starts with the folded query, then those where every query word starts
  // a word of the label; code order within each group; at most `limit`. Blank query: none.
  std::vector<const NafCode*> SearchNaf(std::string_view query, std::size_t limit) const;

  // Every distinct EPCI named by a commune, sorted by name (accent- and case-insensitive).
  std::vector<Epci> Epcis() const;

  // All NAF sub-classes, sorted by code.
  const std::vector<NafCode>& naf_codes() const { return naf_codes_; }

  // Use LoadFrom(); public only for std::make_shared.
  Catalogue() = default;
  // Not copyable: the lookup maps hold views into the catalogue's own strings.
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;

 private:
  std::vector<Commune> communes_;
  std::vector<std::string> commune_keys_;  // search key of each commune's name, same index
  std::unordered_map<std::string_view, std::uint32_t> commune_by_insee_;  // views into communes_
  std::vector<NafCode> naf_codes_;
  std::vector<std::string> naf_compact_;   // "8899B", same index as naf_codes_
  std::vector<std::string> naf_keys_;      // search key of each label, same index
  std::unordered_map<std::string_view, std::uint32_t> naf_by_compact_;  // views into naf_compact_
  std::vector<Epci> epcis_;
};

}  // namespace coopole::reference
