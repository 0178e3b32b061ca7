#include "suggestion_rules.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "coopole/core/text.h"

namespace coopole::cooperation::rules {
namespace {

// Words too common in posts and descriptions to say anything (folded, 4 letters or more).
const std::unordered_set<std::string>& StopWords() {
  static const std::unordered_set<std::string> words = {
      "pour", "avec", "dans", "chez", "nous", "vous", "notre", "votre", "leur", "leurs", "cette", "entre", "plus",
      "sans", "sous", "mais", "comme", "aussi", "tout", "tous", "toute", "toutes", "chaque", "etre", "avoir", "fait",
      "faire", "cherche", "cherchons", "recherche", "propose", "proposons", "besoin", "offre", "partir", "depuis",
      "selon", "autre", "autres", "tres", "bien", "peut", "pouvons", "structure", "structures", "pole", "this",
      "that", "with", "from", "have", "need", "needs", "offer", "offers", "looking", "some", "other", "each", "were",
      "will", "would", "their", "they", "them", "your", "ours", "also", "into", "about"};
  return words;
}

// The words members use for the same thing, folded and stemmed (see Stem), each mapped to one
// concept (the concept's own name maps to itself). Kept to the common pooling vocabulary:
// things lent or shared, premises, and the services a member's activity (NAF) provides.
struct ConceptEntry {
  const char* name;  // the concept
  std::vector<const char*> words;
  const char* naf;  // the activity that provides it ("69.20Z", or a division "62"), or nullptr
};
const std::vector<ConceptEntry>& ConceptTable() {
  static const std::vector<ConceptEntry> table = {
      {"vehicule", {"camion", "camionnette", "fourgon", "fourgonnette", "utilitaire", "minibu", "voiture", "vehicle",
                    "truck"}, nullptr},
      {"stockage", {"entrepot", "entreposage", "hangar", "stocker", "warehouse", "storage"}, nullptr},
      {"local", {"locau", "salle", "room", "premise"}, nullptr},
      {"bureau", {"coworking", "office"}, nullptr},
      {"cuisine", {"kitchen"}, nullptr},
      {"audiovisuel", {"videoprojecteur", "projecteur", "sonorisation", "sono", "ecran", "projector"}, nullptr},
      {"comptabilite", {"comptable", "compta", "accounting", "accountant"}, "69.20Z"},  // not "compte": "compte rendu"
      {"juridique", {"juriste", "avocat", "lawyer", "legal"}, "69.10Z"},
      {"nettoyage", {"menage", "proprete", "cleaning"}, "81.21Z"},
      {"impression", {"imprimerie", "imprimer", "reprographie", "flyer", "affiche", "printing"}, "18.12Z"},
      {"formation", {"formateur", "formatrice", "training"}, "85.59A"},
      {"communication", {"graphisme", "graphiste"}, "73"},
      {"informatique", {"ordinateur", "logiciel", "computer"}, "62"},
      {"restauration", {"traiteur", "repa", "catering"}, "56"},
      {"jardin", {"jardinage", "paysager", "paysage", "paysagiste"}, "81.30Z"},
      {"transport", {"livraison", "logistique", "delivery"}, "49"},
  };
  return table;
}
const std::unordered_map<std::string, const ConceptEntry*>& ConceptOfWord() {
  static const auto index = [] {
    std::unordered_map<std::string, const ConceptEntry*> map;
    for (const auto& entry : ConceptTable()) {
      map.emplace(entry.name, &entry);
      for (const char* word : entry.words) map.emplace(word, &entry);
    }
    return map;
  }();
  return index;
}

// Plural folding so that a word and its plural meet ("camions", "bureaux"), then the concept of
// a known word ("camionnette" -> "vehicule"). No further stemming: the shared words are shown
// to people in the reasons, and "atelie" for "atelier" would read as a typo.
std::string Stem(std::string word) {
  if (word.size() > 4 && (word.back() == 's' || word.back() == 'x')) word.pop_back();
  if (auto it = ConceptOfWord().find(word); it != ConceptOfWord().end()) return it->second->name;
  return word;
}

bool IsConceptWord(const std::string& word) {
  auto it = ConceptOfWord().find(word);
  return it != ConceptOfWord().end() && word == it->second->name;
}

// The concept words among sorted words (SignificantWords), sorted.
std::vector<std::string> ConceptsOf(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& w : words)
    if (IsConceptWord(w)) out.push_back(w);
  return out;
}

// Whether two sorted concept lists (ConceptsOf) name specific concepts and none in common: a van
// and a projector are both equipment, and still no match. "local" (premises in general)
// agrees with any of them.
bool ConceptsDisagree(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  auto specific = [](const std::string& w) { return w != "local"; };
  if (std::none_of(a.begin(), a.end(), specific) || std::none_of(b.begin(), b.end(), specific)) return false;
  for (const auto& w : a)
    if (std::binary_search(b.begin(), b.end(), w)) return false;
  return true;
}

// Whether two sorted concept lists share one.
bool ShareConcept(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& w : a)
    if (std::binary_search(b.begin(), b.end(), w)) return true;
  return false;
}

std::string Join(const std::vector<std::string>& words, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < words.size() && i < max; ++i) out += (i ? ", " : "") + words[i];
  return out;
}

std::string PostKey(PostId id) { return "post:" + std::to_string(id.value); }

// Shared words of two sorted lists, counted without building them.
std::size_t CountShared(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t n = 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

// Equipment and premises are things: the kind alone says what is needed. Other kinds are broad.
bool IsConcrete(std::string_view kind) { return kind == "equipment" || kind == "premises" || kind == "funding"; }

double WordsValue(std::size_t shared) { return std::min(1.0, static_cast<double>(shared) / 2.0); }

// Where a territory reason names its place.
Reason TerritoryReason(const Nearness& near, const std::string& commune_name, const std::string& epci_name,
                       const std::string& commune) {
  Reason r{near.code, {}};
  if (near.code == "same_commune") r.params["commune"] = commune_name.empty() ? commune : commune_name;
  if (near.code == "same_epci") r.params["epci"] = epci_name;
  if (near.code == "same_department") r.params["department"] = DepartmentOf(commune);
  return r;
}

int Total(const std::vector<ScoreComponent>& components) {
  double sum = 0;
  for (const auto& c : components) sum += c.Points();
  return std::clamp(static_cast<int>(std::lround(sum)), 0, 100);
}

// Buckets of indices keyed by text ("h12|equipment", "d38|div:56", ...).
using Buckets = std::unordered_map<std::string, std::vector<std::uint32_t>>;

// The zones a record is matched in: its hub and, across hubs, its department.
std::vector<std::string> ZonesOf(HubId hub, const std::string& commune, bool cross_hub) {
  std::vector<std::string> zones{"h" + std::to_string(hub.value)};
  if (cross_hub) {
    auto department = DepartmentOf(commune);
    if (!department.empty()) zones.push_back("d" + department);
  }
  return zones;
}

// The bucket keys of a post's or member's sectors: exact codes and divisions.
std::vector<std::string> SectorKeys(const std::vector<std::string>& sectors) {
  std::vector<std::string> keys;
  for (const auto& code : sectors) {
    keys.push_back("naf:" + code);
    auto division = DivisionOf(code);
    if (!division.empty()) keys.push_back("div:" + division);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void Dedupe(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// A scored candidate before its texts exist: indices into the input.
//   need_offer: a = need post, b = offer post; need_member: a = need post, b = member;
//   group: a = insertion structure, b = company, c = authority (members).
struct Candidate {
  SuggestionKind kind;
  int score;
  std::uint32_t a, b, c;
};

// A suggestion key as numbers (kind, ids), for the excluded set and for ordering.
struct KeyIds {
  int kind = 0;
  std::int64_t x = 0, y = 0, z = 0;
  bool operator==(const KeyIds&) const = default;
  auto operator<=>(const KeyIds&) const = default;
};
struct KeyHash {
  std::size_t operator()(const KeyIds& k) const {
    std::uint64_t h = static_cast<std::uint64_t>(k.kind);
    for (auto v : {k.x, k.y, k.z}) h = h * 1000003u ^ static_cast<std::uint64_t>(v);
    return static_cast<std::size_t>(h);
  }
};

KeyIds GroupKey(std::int64_t a, std::int64_t b, std::int64_t c) {
  std::int64_t ids[3] = {a, b, c};
  std::sort(ids, ids + 3);
  return {2, ids[0], ids[1], ids[2]};
}

struct Matcher {
  const MatchInput& input;
  std::unordered_map<std::int64_t, std::uint32_t> member_at;  // member id -> index in input.members
  std::vector<std::uint32_t> needs, offers;                    // indices into input.posts
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> resources_of;  // member id -> resources
  std::unordered_map<std::int64_t, std::uint32_t> partnership_of;            // member id -> its partnership need
  std::unordered_set<KeyIds, KeyHash> excluded;
  // (need post id, member id) already met through one of the member's offers (suggested,
  // accepted or dismissed): not suggested again as need <-> member.
  std::unordered_set<KeyIds, KeyHash> paired;
  std::vector<Candidate> out;
  std::vector<std::vector<std::string>> post_concepts;  // ConceptsOf each post's words, same index

  explicit Matcher(const MatchInput& in) : input(in) {
    post_concepts.reserve(in.posts.size());
    for (const auto& p : in.posts) post_concepts.push_back(ConceptsOf(p.words));
    member_at.reserve(in.members.size());
    for (std::uint32_t i = 0; i < in.members.size(); ++i) member_at.emplace(in.members[i].id.value, i);
    for (std::uint32_t i = 0; i < in.posts.size(); ++i) {
      const auto& p = in.posts[i];
      if (!member_at.count(p.member.value)) continue;  // an archived member's posts never appear
      (p.direction == Direction::kNeed ? needs : offers).push_back(i);
      if (p.direction == Direction::kNeed && p.kind == "partnership") partnership_of.emplace(p.member.value, i);
    }
    for (std::uint32_t i = 0; i < in.resources.size(); ++i)
      if (member_at.count(in.resources[i].member.value)) resources_of[in.resources[i].member.value].push_back(i);
    std::unordered_map<std::int64_t, std::int64_t> member_of_post;
    if (!in.excluded.empty())
      for (const auto& p : in.posts) member_of_post.emplace(p.id.value, p.member.value);
    for (const auto& key : in.excluded) {
      auto parts = ParseKey(key);
      if (!parts) continue;
      if (parts->members.size() >= 3)
        excluded.insert(GroupKey(parts->members[0].value, parts->members[1].value, parts->members[2].value));
      else if (parts->posts.size() == 2) {
        excluded.insert({0, parts->posts[0].value, parts->posts[1].value, 0});
        if (auto it = member_of_post.find(parts->posts[1].value); it != member_of_post.end())
          paired.insert({0, parts->posts[0].value, it->second, 0});
      }
      else if (parts->posts.size() == 1 && parts->members.size() == 1)
        excluded.insert({1, parts->posts[0].value, parts->members[0].value, 0});
    }
  }

  const MatchMember& MemberOf(MemberId id) const { return input.members[member_at.at(id.value)]; }

  KeyIds Key(const Candidate& c) const {
    switch (c.kind) {
      case SuggestionKind::kNeedOffer: return {0, input.posts[c.a].id.value, input.posts[c.b].id.value, 0};
      case SuggestionKind::kNeedMember: return {1, input.posts[c.a].id.value, input.members[c.b].id.value, 0};
      case SuggestionKind::kGroup:
        return GroupKey(input.members[c.a].id.value, input.members[c.b].id.value, input.members[c.c].id.value);
    }
    return {};
  }

  bool Involves(const Candidate& c, MemberId m) const {
    switch (c.kind) {
      case SuggestionKind::kNeedOffer: return input.posts[c.a].member == m || input.posts[c.b].member == m;
      case SuggestionKind::kNeedMember: return input.posts[c.a].member == m || input.members[c.b].id == m;
      case SuggestionKind::kGroup:
        return input.members[c.a].id == m || input.members[c.b].id == m || input.members[c.c].id == m;
    }
    return false;
  }

  void Add(SuggestionKind kind, int score, std::uint32_t a, std::uint32_t b, std::uint32_t c = 0) {
    Candidate candidate{kind, score, a, b, c};
    if (kind == SuggestionKind::kNeedOffer) paired.insert({0, input.posts[a].id.value, input.posts[b].member.value, 0});
    if (!excluded.empty() && excluded.count(Key(candidate))) return;
    out.push_back(candidate);
  }
};

// ---- need <-> offer --------------------------------------------------------------------------

// The offer is what the need asks for: the same kind, or a shared concept across kinds (a
// "service" of deliveries by van and an "equipment" van).
double KindValue(const MatchPost& n, const MatchPost& o, bool same_concept) {
  return o.kind == n.kind || same_concept ? 1.0 : 0.0;
}

std::vector<ScoreComponent> NeedOfferComponents(const MatchPost& n, const MatchPost& o, std::size_t shared,
                                                bool same_concept) {
  return {{"kind", kWeightKind, KindValue(n, o, same_concept)},
          {"sector", kWeightSector, SectorOf(n.sectors, o.sectors).value},
          {"territory", kWeightTerritory, NearnessOf(n.commune, n.epci, o.commune, o.epci).value},
          {"words", kWeightWords, WordsValue(shared)}};
}

int NeedOfferScore(const MatchPost& n, const MatchPost& o, std::size_t shared, bool same_concept) {
  double sum = kWeightKind * KindValue(n, o, same_concept) + kWeightSector * SectorOf(n.sectors, o.sectors).value +
               kWeightTerritory * NearnessOf(n.commune, n.epci, o.commune, o.epci).value +
               kWeightWords * WordsValue(shared);
  return std::clamp(static_cast<int>(std::lround(sum)), 0, 100);
}

// A concept bucket of more offers than this is not searched across kinds.
constexpr std::size_t kMaxConceptBucket = 200;

void NeedsAndOffers(Matcher& m) {
  const auto& posts = m.input.posts;
  const bool cross = m.input.cross_hub;
  Buckets by_kind, by_sector;
  for (std::uint32_t i : m.offers) {
    const auto& o = posts[i];
    for (const auto& zone : ZonesOf(o.hub, o.commune, cross)) {
      by_kind[zone + "|" + o.kind].push_back(i);
      for (const auto& key : SectorKeys(o.sectors))
        if (key.rfind("div:", 0) == 0) by_sector[zone + "|" + key].push_back(i);
      for (const auto& word : m.post_concepts[i]) by_sector[zone + "|w:" + word].push_back(i);
    }
  }
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t ni : m.needs) {
    const auto& n = posts[ni];
    candidates.clear();
    for (const auto& zone : ZonesOf(n.hub, n.commune, cross)) {
      if (auto it = by_kind.find(zone + "|" + n.kind); it != by_kind.end())
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
      for (const auto& key : SectorKeys(n.sectors))
        if (key.rfind("div:", 0) == 0)
          if (auto it = by_sector.find(zone + "|" + key); it != by_sector.end())
            candidates.insert(candidates.end(), it->second.begin(), it->second.end());
      // Offers of another kind naming the same concept (bounded: a concept everyone names says little).
      for (const auto& word : m.post_concepts[ni])
        if (auto it = by_sector.find(zone + "|w:" + word); it != by_sector.end() && it->second.size() <= kMaxConceptBucket)
          candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
    Dedupe(candidates);
    for (std::uint32_t oi : candidates) {
      const auto& o = posts[oi];
      if (o.member == n.member) continue;
      if (ConceptsDisagree(m.post_concepts[ni], m.post_concepts[oi])) continue;  // both say what they are, and differ
      const bool same_concept = ShareConcept(m.post_concepts[ni], m.post_concepts[oi]);
      const std::size_t shared = CountShared(n.words, o.words);
      if (o.kind != n.kind && shared == 0) continue;  // a shared sector alone is no match for a need
      // Broad kinds (a skill, a service...) say too little alone: they need a word or a sector.
      if (shared == 0 && !IsConcrete(n.kind) && SectorOf(n.sectors, o.sectors).value == 0) continue;
      const int score = NeedOfferScore(n, o, shared, same_concept);
      if (score >= kMinimumScore) m.Add(SuggestionKind::kNeedOffer, score, ni, oi);
    }
  }
}

Suggestion MaterialiseNeedOffer(const Matcher& m, const Candidate& c) {
  const auto& n = m.input.posts[c.a];
  const auto& o = m.input.posts[c.b];
  const auto& need_member = m.MemberOf(n.member);
  const auto& offer_member = m.MemberOf(o.member);
  auto shared = SharedWords(n.words, o.words);
  auto sector = SectorOf(n.sectors, o.sectors);
  auto near = NearnessOf(n.commune, n.epci, o.commune, o.epci);
  Suggestion sg;
  sg.key = PostKey(n.id) + "-" + PostKey(o.id);
  sg.kind = SuggestionKind::kNeedOffer;
  sg.hub = n.hub;
  sg.members = {n.member, o.member};
  sg.member_names = {need_member.name, offer_member.name};
  sg.member_hubs = {n.hub, o.hub};
  sg.need = n.id;
  sg.offer = o.id;
  sg.title = n.title;
  sg.components = NeedOfferComponents(n, o, shared.size(), ShareConcept(m.post_concepts[c.a], m.post_concepts[c.b]));
  sg.score = Total(sg.components);
  sg.reasons.push_back({o.commune_name.empty() ? "need_offer" : "need_offer_at",
                        {{"need_member", need_member.name},
                         {"need", n.title},
                         {"offer_member", offer_member.name},
                         {"offer", o.title},
                         {"commune", o.commune_name}}});
  if (!near.code.empty()) {
    const std::string& epci_name = offer_member.epci == o.epci ? offer_member.epci_name : need_member.epci_name;
    sg.reasons.push_back(TerritoryReason(near, o.commune_name, epci_name, o.commune));
  }
  if (!sector.shared.empty()) sg.reasons.push_back({"same_sector", {{"sector", sector.shared}}});
  if (!shared.empty()) sg.reasons.push_back({"shared_words", {{"words", Join(shared, 5)}}});
  if (o.hub != n.hub) sg.reasons.push_back({"other_hub", {}});
  return sg;
}

// ---- need <-> member -------------------------------------------------------------------------

// A bucket of more members than this says nothing about any of them (a word everyone uses).
constexpr std::size_t kMaxWordBucket = 60;

// The member's resource serving the need best (most shared words), or nullptr.
const MatchResource* BestResource(const Matcher& m, const MatchPost& n, const MatchMember& member,
                                  const std::vector<std::string>& kinds, std::size_t* shared_out) {
  const MatchResource* best = nullptr;
  std::size_t best_shared = 0;
  auto it = m.resources_of.find(member.id.value);
  if (it == m.resources_of.end()) return nullptr;
  for (std::uint32_t r : it->second) {
    const auto& res = m.input.resources[r];
    if (std::find(kinds.begin(), kinds.end(), res.kind) == kinds.end()) continue;
    const std::size_t shared = CountShared(n.words, res.words);
    if (shared == 0 && !IsConcrete(n.kind)) continue;  // a skill serves a need only when it says so
    if (ConceptsDisagree(ConceptsOf(n.words), ConceptsOf(res.words))) continue;  // a projector serves no van need
    if (!best || shared > best_shared) {
      best = &res;
      best_shared = shared;
    }
  }
  if (shared_out) *shared_out = best_shared;
  return best;
}

// The concepts among a need's words that a member's activity provides ("comptabilite" for a
// member of 69.20Z): words of the member's profile even when its description does not say them.
std::vector<std::string> ActivityWords(const std::vector<std::string>& need_words, const MatchMember& member) {
  std::vector<std::string> out;
  for (const auto& w : need_words) {
    auto it = ConceptOfWord().find(w);
    if (it == ConceptOfWord().end() || !it->second->naf || w != it->second->name) continue;
    const std::string naf = it->second->naf;
    for (const auto& code : member.sectors)
      if (code == naf || (naf.size() == 2 && DivisionOf(code) == naf)) {
        out.push_back(w);
        break;
      }
  }
  return out;
}

// The words a need shares with a member's description, activity and the chosen resource.
std::vector<std::string> MemberSharedWords(const MatchPost& n, const MatchMember& member, const MatchResource* resource) {
  auto shared = SharedWords(n.words, member.words);
  for (const auto& w : ActivityWords(n.words, member))
    if (std::find(shared.begin(), shared.end(), w) == shared.end()) shared.push_back(w);
  if (resource)
    for (const auto& w : SharedWords(n.words, resource->words))
      if (std::find(shared.begin(), shared.end(), w) == shared.end()) shared.push_back(w);
  std::sort(shared.begin(), shared.end());
  return shared;
}

// The need's sectors or, failing a better match, those its words imply ("comptabilité": 69.20Z).
SectorMatch NeedSectorOf(const MatchPost& n, const MatchMember& member, bool* implied = nullptr) {
  auto stated = SectorOf(n.sectors, member.sectors);
  auto by_words = SectorOf(ImpliedSectors(n.words), member.sectors);
  if (implied) *implied = by_words.value > stated.value;
  return by_words.value > stated.value ? by_words : stated;
}

std::vector<ScoreComponent> NeedMemberComponents(const MatchPost& n, const MatchMember& member, bool resource,
                                                 std::size_t shared) {
  return {{"resource", kWeightResource, resource ? 1.0 : 0.0},
          {"sector", kWeightSector, NeedSectorOf(n, member).value},
          {"territory", kWeightTerritory, NearnessOf(n.commune, n.epci, member.commune, member.epci).value},
          {"words", kWeightWords, WordsValue(shared)}};
}

void NeedsAndMembers(Matcher& m) {
  const auto& members = m.input.members;
  Buckets index;
  for (std::uint32_t i = 0; i < members.size(); ++i) {
    const auto& member = members[i];
    const std::string zone = "h" + std::to_string(member.hub.value) + "|";
    for (const auto& key : SectorKeys(member.sectors)) index[zone + key].push_back(i);
    std::set<std::string> words(member.words.begin(), member.words.end());
    std::set<std::string> kinds;
    if (auto it = m.resources_of.find(member.id.value); it != m.resources_of.end())
      for (std::uint32_t r : it->second) {
        kinds.insert(m.input.resources[r].kind);
        words.insert(m.input.resources[r].words.begin(), m.input.resources[r].words.end());
      }
    for (const auto& kind : kinds) index[zone + "res:" + kind].push_back(i);
    for (const auto& word : words) index[zone + "w:" + word].push_back(i);
  }
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t ni : m.needs) {
    const auto& n = m.input.posts[ni];
    const std::string zone = "h" + std::to_string(n.hub.value) + "|";
    const auto kinds = ResourceKindsFor(n.kind);
    candidates.clear();
    auto add = [&](const std::string& key, bool bounded) {
      auto it = index.find(key);
      if (it == index.end() || (bounded && it->second.size() > kMaxWordBucket)) return;
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    };
    for (const auto& key : SectorKeys(n.sectors)) add(zone + key, false);
    for (const auto& key : SectorKeys(ImpliedSectors(n.words))) add(zone + key, false);
    for (const auto& kind : kinds) add(zone + "res:" + kind, false);
    for (const auto& word : n.words) add(zone + "w:" + word, true);
    Dedupe(candidates);
    const bool sector_kind = n.kind == "partnership" || n.kind == "skill" || n.kind == "service";
    for (std::uint32_t mi : candidates) {
      const auto& member = members[mi];
      if (member.id == n.member) continue;
      const MatchResource* resource = BestResource(m, n, member, kinds, nullptr);
      // Words shared with the description or the resource (counted once).
      std::size_t shared = CountShared(n.words, member.words);
      if (resource)
        for (const auto& w : resource->words)
          if (std::binary_search(n.words.begin(), n.words.end(), w) &&
              !std::binary_search(member.words.begin(), member.words.end(), w))
            ++shared;
      for (const auto& w : ActivityWords(n.words, member))
        if (!std::binary_search(member.words.begin(), member.words.end(), w)) ++shared;
      const double sector = NeedSectorOf(n, member).value;
      // Without a resource or the same sector, one common word is chance: two are a reason.
      if (!resource && shared < 2 && !(sector >= 1.0 && sector_kind)) continue;
      if (m.paired.count({0, n.id.value, member.id.value, 0})) continue;  // already met through an offer
      const int score = Total(NeedMemberComponents(n, member, resource != nullptr, shared));
      if (score >= kMinimumScore) m.Add(SuggestionKind::kNeedMember, score, ni, mi);
    }
  }
}

Suggestion MaterialiseNeedMember(const Matcher& m, const Candidate& c) {
  const auto& n = m.input.posts[c.a];
  const auto& member = m.input.members[c.b];
  const auto& need_member = m.MemberOf(n.member);
  const auto kinds = ResourceKindsFor(n.kind);
  const MatchResource* resource = BestResource(m, n, member, kinds, nullptr);
  auto shared = MemberSharedWords(n, member, resource);
  bool implied = false;
  auto sector = NeedSectorOf(n, member, &implied);
  auto near = NearnessOf(n.commune, n.epci, member.commune, member.epci);
  Suggestion sg;
  sg.key = PostKey(n.id) + "-member:" + std::to_string(member.id.value);
  sg.kind = SuggestionKind::kNeedMember;
  sg.hub = n.hub;
  sg.members = {n.member, member.id};
  sg.member_names = {need_member.name, member.name};
  sg.member_hubs = {n.hub, member.hub};
  sg.need = n.id;
  sg.title = n.title;
  sg.components = NeedMemberComponents(n, member, resource != nullptr, shared.size());
  sg.score = Total(sg.components);
  if (resource) {
    sg.reasons.push_back({"need_resource",
                          {{"need_member", need_member.name},
                           {"need", n.title},
                           {"member", member.name},
                           {"resource", resource->name}}});
  } else {
    sg.reasons.push_back({"need_member", {{"need_member", need_member.name}, {"need", n.title}, {"member", member.name}}});
  }
  if (!near.code.empty()) sg.reasons.push_back(TerritoryReason(near, member.commune_name, member.epci_name, member.commune));
  if (implied) sg.reasons.push_back({"activity", {{"member", member.name}, {"sector", sector.shared}}});
  else if (!sector.shared.empty()) sg.reasons.push_back({"same_sector", {{"sector", sector.shared}}});
  if (!shared.empty()) sg.reasons.push_back({"shared_words", {{"words", Join(shared, 5)}}});
  return sg;
}

// ---- complementary groups for a joint bid ------------------------------------------------------

// How many companies are proposed with each insertion structure.
constexpr std::size_t kCompaniesPerGroup = 2;

// The group's partnership need (of any of the three), or nullptr.
const MatchPost* GroupNeed(const Matcher& m, const MatchMember& a, const MatchMember& b, const MatchMember& c) {
  for (const auto* x : {&a, &b, &c})
    if (auto it = m.partnership_of.find(x->id.value); it != m.partnership_of.end()) return &m.input.posts[it->second];
  return nullptr;
}

std::vector<ScoreComponent> GroupComponents(const Matcher& m, const MatchMember& ins, const MatchMember& company,
                                            const MatchMember& authority) {
  const double territory = std::min(NearnessOf(ins.commune, ins.epci, company.commune, company.epci).value,
                                    NearnessOf(ins.commune, ins.epci, authority.commune, authority.epci).value);
  return {{"complementarity", kWeightComplementarity, 1.0},
          {"sector", kWeightSector, SectorOf(ins.sectors, company.sectors).value},
          {"territory", kWeightTerritory, territory},
          {"partnership", kWeightPartnership, GroupNeed(m, ins, company, authority) ? 1.0 : 0.0}};
}

void Groups(Matcher& m) {
  const auto& members = m.input.members;
  Buckets companies, authorities;
  for (std::uint32_t i = 0; i < members.size(); ++i) {
    const auto& member = members[i];
    const std::string zone = "h" + std::to_string(member.hub.value) + "|";
    if (IsCompany(member)) {
      for (const auto& key : SectorKeys(member.sectors))
        if (key.rfind("div:", 0) == 0) companies[zone + key].push_back(i);
      if (m.partnership_of.count(member.id.value)) companies[zone + "partnership"].push_back(i);
      companies[zone + "all"].push_back(i);
    }
    if (IsAuthority(member)) authorities[zone].push_back(i);
  }
  std::vector<std::uint32_t> candidates;
  std::vector<std::pair<int, std::uint32_t>> options;
  for (std::uint32_t ii = 0; ii < members.size(); ++ii) {
    const auto& ins = members[ii];
    if (!IsInsertion(ins)) continue;
    const std::string zone = "h" + std::to_string(ins.hub.value) + "|";
    auto authority_bucket = authorities.find(zone);
    if (authority_bucket == authorities.end()) continue;
    // The nearest authority (same EPCI before same department), lowest index on a tie.
    std::optional<std::uint32_t> authority;
    double authority_near = 0;
    for (std::uint32_t a : authority_bucket->second) {
      const double near = NearnessOf(ins.commune, ins.epci, members[a].commune, members[a].epci).value;
      if (near > authority_near) {
        authority = a;
        authority_near = near;
      }
    }
    if (!authority) continue;  // "on the same EPCI or department": none near
    const bool ins_or_authority_need =
        m.partnership_of.count(ins.id.value) || m.partnership_of.count(members[*authority].id.value);
    candidates.clear();
    for (const auto& key : SectorKeys(ins.sectors))
      if (key.rfind("div:", 0) == 0)
        if (auto it = companies.find(zone + key); it != companies.end())
          candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    // A partnership sought by the insertion structure or the authority: any company of the hub.
    if (auto it = companies.find(zone + (ins_or_authority_need ? "all" : "partnership")); it != companies.end())
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    Dedupe(candidates);
    options.clear();
    for (std::uint32_t ci : candidates) {
      const auto& company = members[ci];
      const bool need = ins_or_authority_need || m.partnership_of.count(company.id.value);
      if (SectorOf(ins.sectors, company.sectors).value == 0 && !need) continue;
      if (NearnessOf(ins.commune, ins.epci, company.commune, company.epci).value == 0) continue;
      const int score = Total(GroupComponents(m, ins, company, members[*authority]));
      if (score >= kMinimumScore) options.emplace_back(-score, ci);
    }
    std::sort(options.begin(), options.end());
    for (std::size_t k = 0; k < options.size() && k < kCompaniesPerGroup; ++k)
      m.Add(SuggestionKind::kGroup, -options[k].first, ii, options[k].second, *authority);
  }
}

Suggestion MaterialiseGroup(const Matcher& m, const Candidate& c) {
  const auto& ins = m.input.members[c.a];
  const auto& company = m.input.members[c.b];
  const auto& authority = m.input.members[c.c];
  const KeyIds key = GroupKey(ins.id.value, company.id.value, authority.id.value);
  Suggestion sg;
  sg.key = "group:" + std::to_string(key.x) + "-" + std::to_string(key.y) + "-" + std::to_string(key.z);
  sg.kind = SuggestionKind::kGroup;
  sg.hub = ins.hub;
  sg.members = {ins.id, company.id, authority.id};
  sg.member_names = {ins.name, company.name, authority.name};
  sg.member_hubs = {ins.hub, company.hub, authority.hub};
  sg.title = ins.name + " + " + company.name + " + " + authority.name;
  sg.components = GroupComponents(m, ins, company, authority);
  sg.score = Total(sg.components);
  sg.reasons.push_back({"group", {{"insertion", ins.name}, {"company", company.name}, {"authority", authority.name}}});
  auto near_company = NearnessOf(ins.commune, ins.epci, company.commune, company.epci);
  auto near_authority = NearnessOf(ins.commune, ins.epci, authority.commune, authority.epci);
  const auto& near = near_company.value <= near_authority.value ? near_company : near_authority;
  if (!near.code.empty()) sg.reasons.push_back(TerritoryReason(near, ins.commune_name, ins.epci_name, ins.commune));
  auto sector = SectorOf(ins.sectors, company.sectors);
  if (!sector.shared.empty()) sg.reasons.push_back({"same_sector", {{"sector", sector.shared}}});
  if (const auto* need = GroupNeed(m, ins, company, authority))
    sg.reasons.push_back({"group_partnership", {{"member", m.MemberOf(need->member).name}, {"need", need->title}}});
  return sg;
}

Suggestion Materialise(const Matcher& m, const Candidate& c) {
  switch (c.kind) {
    case SuggestionKind::kNeedOffer: return MaterialiseNeedOffer(m, c);
    case SuggestionKind::kNeedMember: return MaterialiseNeedMember(m, c);
    case SuggestionKind::kGroup: return MaterialiseGroup(m, c);
  }
  return {};
}

}  // namespace

std::vector<std::string> SignificantWords(std::string_view text) {
  const std::string folded = FoldForSearch(text);
  std::vector<std::string> words;
  std::string word;
  auto flush = [&]() {
    if (word.size() >= 4 && !StopWords().count(word)) {
      bool digits = std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digits) words.push_back(Stem(word));
    }
    word.clear();
  };
  for (char c : folded) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) word += c;
    else flush();
  }
  flush();
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::vector<std::string> ImpliedSectors(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& w : words)
    if (auto it = ConceptOfWord().find(w); it != ConceptOfWord().end() && it->second->naf && w == it->second->name)
      out.push_back(it->second->naf);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string DepartmentOf(std::string_view insee) {
  if (insee.size() != 5) return "";
  if (insee.substr(0, 2) == "97" || insee.substr(0, 2) == "98") return std::string(insee.substr(0, 3));
  return std::string(insee.substr(0, 2));
}

std::string DivisionOf(std::string_view naf) {
  if (naf.size() < 2 || naf[0] < '0' || naf[0] > '9' || naf[1] < '0' || naf[1] > '9') return "";
  return std::string(naf.substr(0, 2));
}

std::vector<std::string> ResourceKindsFor(std::string_view post_kind) {
  if (post_kind == "equipment") return {"equipment"};
  if (post_kind == "premises") return {"premises"};
  if (post_kind == "skill") return {"skill", "knowledge"};
  if (post_kind == "service") return {"skill"};
  if (post_kind == "funding") return {"funds"};
  return {};
}

bool IsCompany(const MatchMember& m) {
  static const std::unordered_set<std::string> forms = {"sarl", "sas", "sasu", "sa", "eurl", "sole_trader",
                                                        "scop", "scic", "cooperative"};
  return !m.is_ess && m.insertion_type.empty() && forms.count(m.legal_form) > 0;
}

bool IsAuthority(const MatchMember& m) { return m.legal_form == "local_authority" || m.legal_form == "public_body"; }

bool IsInsertion(const MatchMember& m) { return !m.insertion_type.empty(); }

Nearness NearnessOf(std::string_view commune_a, std::string_view epci_a, std::string_view commune_b,
                    std::string_view epci_b) {
  if (!commune_a.empty() && commune_a == commune_b) return {1.0, "same_commune"};
  if (!epci_a.empty() && epci_a == epci_b) return {0.7, "same_epci"};
  auto department = DepartmentOf(commune_a);
  if (!department.empty() && department == DepartmentOf(commune_b)) return {0.3, "same_department"};
  return {};
}

SectorMatch SectorOf(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  SectorMatch best;
  for (const auto& x : a)
    for (const auto& y : b) {
      if (x == y) return {1.0, x};
      auto division = DivisionOf(x);
      if (!division.empty() && division == DivisionOf(y) && best.value < 0.5) best = {0.5, division};
    }
  return best;
}

std::vector<std::string> SharedWords(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::string FitsProfile(const MatchPost& post, const MatchMember& member, const std::vector<MatchPost>& member_posts,
                        const std::vector<MatchResource>& member_resources) {
  if (post.member == member.id) return "";
  const bool near = (!post.epci.empty() && !member.epci.empty())
                        ? post.epci == member.epci
                        : !DepartmentOf(post.commune).empty() && DepartmentOf(post.commune) == DepartmentOf(member.commune);
  if (!near) return "";
  // A need also fits the members whose activity its words name ("comptabilité": 69.20Z).
  const bool sector = SectorOf(post.sectors, member.sectors).value > 0 ||
                      (post.direction == Direction::kNeed && SectorOf(ImpliedSectors(post.words), member.sectors).value > 0);
  bool kind = false;
  const Direction wanted = post.direction == Direction::kNeed ? Direction::kOffer : Direction::kNeed;
  for (const auto& p : member_posts)
    if (p.member == member.id && p.direction == wanted && p.kind == post.kind) kind = true;
  if (post.direction == Direction::kNeed) {
    const auto kinds = ResourceKindsFor(post.kind);
    for (const auto& r : member_resources)
      if (r.member == member.id && std::find(kinds.begin(), kinds.end(), r.kind) != kinds.end()) kind = true;
  }
  if (sector && kind) return "sector_kind";
  if (sector) return "sector";
  if (kind) return "kind";
  return "";
}

std::string RenderReason(const Reason& reason, const std::function<std::string(const std::string& key)>& text) {
  std::string pattern = text("cooperation.reason." + reason.code);
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      auto end = pattern.find('}', i);
      if (end != std::string::npos) {
        auto it = reason.params.find(pattern.substr(i + 1, end - i - 1));
        if (it != reason.params.end()) {
          out += it->second;
          i = end;
          continue;
        }
      }
    }
    out += pattern[i];
  }
  return out;
}

std::optional<KeyParts> ParseKey(std::string_view key) {
  auto number = [](std::string_view text) -> std::optional<std::int64_t> {
    if (text.empty() || text.size() > 15) return std::nullopt;
    std::int64_t v = 0;
    for (char c : text) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v > 0 ? std::optional<std::int64_t>(v) : std::nullopt;
  };
  KeyParts parts;
  if (key.rfind("group:", 0) == 0) {
    for (const auto& piece : Split(key.substr(6), '-')) {
      auto id = number(piece);
      if (!id) return std::nullopt;
      parts.members.push_back(MemberId{*id});
    }
    if (parts.members.size() < 3) return std::nullopt;
    return parts;
  }
  auto dash = key.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  for (auto piece : {key.substr(0, dash), key.substr(dash + 1)}) {
    if (piece.rfind("post:", 0) == 0) {
      auto id = number(piece.substr(5));
      if (!id) return std::nullopt;
      parts.posts.push_back(PostId{*id});
    } else if (piece.rfind("member:", 0) == 0) {
      auto id = number(piece.substr(7));
      if (!id) return std::nullopt;
      parts.members.push_back(MemberId{*id});
    } else {
      return std::nullopt;
    }
  }
  if (parts.posts.empty() || key.rfind("post:", 0) != 0) return std::nullopt;
  return parts;
}

Selected Suggest(const MatchInput& input, const Selection& selection) {
  Matcher m(input);
  NeedsAndOffers(m);
  NeedsAndMembers(m);
  Groups(m);
  std::vector<Candidate>& all = m.out;
  if (selection.member || !selection.kind.empty()) {
    std::erase_if(all, [&](const Candidate& c) {
      if (!selection.kind.empty() && selection.kind != SuggestionKindCode(c.kind)) return true;
      return selection.member && !m.Involves(c, *selection.member);
    });
  }
  Selected result;
  result.total = all.size();
  auto better = [&](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return m.Key(a) < m.Key(b);
  };
  const std::size_t keep = std::min(selection.limit, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(), better);
  result.items.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) result.items.push_back(Materialise(m, all[i]));
  return result;
}

std::vector<Suggestion> Suggest(const MatchInput& input) { return Suggest(input, Selection{}).items; }

}  // namespace coopole::cooperation::rules

namespace coopole::cooperation {

std::string ExplainReason(const Reason& reason, const std::function<std::string(const std::string& key)>& text) {
  return rules::RenderReason(reason, text);
}

}  // namespace coopole::cooperation
