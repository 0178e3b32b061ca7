// Pure rules of the cooperation suggestions: who could cooperate with whom, how well, and why.
//
// Candidate generation is indexed, never all-pairs: needs meet offers through buckets keyed by
// (zone, kind) and (zone, NAF division); needs meet members through buckets keyed by (zone,
// NAF code / division), (zone, pooled resource kind) and (zone, description word); groups are
// built per insertion structure from the companies of its sector divisions and the local
// authorities of its zone. The zone is the hub; across hubs (the installation view) it is
// the department of the INSEE code, so that only nearby posts of other hubs meet.
//
// Every score is the sum of named components (weights below); a suggestion also carries its
// reasons as codes with parameters (RenderReason turns them into sentences).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "coopole/cooperation/board.h"

namespace coopole::cooperation::rules {

// The weights, in points out of 100.
inline constexpr double kWeightKind = 30;        // the need's kind is what the offer (or resource) is
inline constexpr double kWeightSector = 15;      // same NAF code (a shared division counts half)
inline constexpr double kWeightTerritory = 25;   // same commune 1, same EPCI 0.7, same department 0.3
inline constexpr double kWeightWords = 20;       // shared significant words, half each, at most 1
inline constexpr double kWeightResource = 30;    // need <-> member: a pooled resource of the need's kind
inline constexpr double kWeightComplementarity = 40;  // group: insertion + company + authority
inline constexpr double kWeightPartnership = 15;      // group: one of them has an open partnership need

// Below this a pair is not suggested.
inline constexpr int kMinimumScore = 35;

// A member as the matcher sees it.
struct MatchMember {
  MemberId id;
  HubId hub;
  std::string name;
  std::string legal_form;
  bool is_ess = false;
  std::string insertion_type;
  std::vector<std::string> sectors;
  std::string commune, commune_name, epci, epci_name;
  std::vector<std::string> words;  // SignificantWords of the description
};

struct MatchPost {
  PostId id;
  HubId hub;
  MemberId member;
  Direction direction = Direction::kNeed;
  std::string kind, title;
  std::vector<std::string> sectors;
  std::string commune, commune_name, epci;
  std::vector<std::string> words;  // SignificantWords of title and description
};

struct MatchResource {
  HubId hub;
  MemberId member;
  std::string kind;                // pooling's code: skill, knowledge, premises, equipment, funds
  std::string name, location;
  std::vector<std::string> words;
};

struct MatchInput {
  std::vector<MatchMember> members;      // active members only: nothing else ever appears
  std::vector<MatchPost> posts;          // open posts; those of absent members are ignored
  std::vector<MatchResource> resources;
  std::unordered_set<std::string> excluded;  // keys dismissed or accepted
  bool cross_hub = false;                // also match needs and offers of different hubs
};

// Which suggestions to return: those involving `member` (all when unset), of `kind` ("" for
// all), the best `limit` of them. Candidates are scored without building their texts; only
// the returned ones get their names and reasons.
struct Selection {
  std::optional<MemberId> member;
  std::string kind;
  std::size_t limit = SIZE_MAX;
};
struct Selected {
  std::vector<Suggestion> items;  // best first: score descending, then kind, then ids ascending
  std::size_t total = 0;          // matching the selection, before the limit
};
Selected Suggest(const MatchInput& input, const Selection& selection);
// Every suggestion, best first.
std::vector<Suggestion> Suggest(const MatchInput& input);

// ---- the pieces, exposed for tests and for notifications ----------------------------------

// Folded words of 4 letters or more that are not common French/English words, distinct, sorted;
// plurals folded ("camions" -> "camion") and the common pooling synonyms named by their concept ("camionnette", "fourgon",
// "utilitaire" -> "vehicule"; "entrepôt" -> "stockage"; "comptable" -> "comptabilite").
std::vector<std::string> SignificantWords(std::string_view text);
// The NAF codes or divisions ("69.20Z", "62") of the activities that provide the concepts
// among `words` (SignificantWords): a need of "comptabilité" is a need of 69.20Z. Sorted, distinct.
std::vector<std::string> ImpliedSectors(const std::vector<std::string>& words);
// "38" for "38185", "2A" for "2A004", "974" for "97411"; "" when unknown.
std::string DepartmentOf(std::string_view insee);
// "56" for "56.10A".
std::string DivisionOf(std::string_view naf);
// The pooling resource kinds that serve a post kind (equipment -> equipment, skill -> skill
// and knowledge, premises -> premises, funding -> funds, service -> skill); empty when none.
std::vector<std::string> ResourceKindsFor(std::string_view post_kind);
// Company: a commercial legal form, not of the social economy. Authority: local_authority or public_body.
bool IsCompany(const MatchMember& member);
bool IsAuthority(const MatchMember& member);
bool IsInsertion(const MatchMember& member);

// Territory nearness in [0, 1] with its reason code ("same_commune", "same_epci",
// "same_department"; "" for none).
struct Nearness {
  double value = 0;
  std::string code;
};
Nearness NearnessOf(std::string_view commune_a, std::string_view epci_a, std::string_view commune_b,
                    std::string_view epci_b);
// Sector closeness in [0, 1] and the shared code or division ("" for none).
struct SectorMatch {
  double value = 0;
  std::string shared;
};
SectorMatch SectorOf(const std::vector<std::string>& a, const std::vector<std::string>& b);
// Shared words of two sorted word lists.
std::vector<std::string> SharedWords(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Whether a new post fits a member's profile (for notifications): its sector (for a need, also
// the activity its words name, see ImpliedSectors) or its kind
// (the member offers that kind in a post or a pooled resource, or for an offer needs it) and
// the same EPCI (the same department when an EPCI is unknown). The posting member never fits.
// Returns the reason ("sector", "kind", "sector_kind") or "" when it does not fit.
std::string FitsProfile(const MatchPost& post, const MatchMember& member, const std::vector<MatchPost>& member_posts,
                        const std::vector<MatchResource>& member_resources);

// The sentence of a reason: `text` of its code's catalogue entry with each "{name}"
// replaced by the parameter's value ("" when the code has no text).
std::string RenderReason(const Reason& reason, const std::function<std::string(const std::string& key)>& text);

// The members in a suggestion key: nullopt when the key is malformed.
struct KeyParts {
  std::vector<PostId> posts;
  std::vector<MemberId> members;
};
std::optional<KeyParts> ParseKey(std::string_view key);

}  // namespace coopole::cooperation::rules
