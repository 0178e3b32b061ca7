// The suggestion rules: candidates, ranking and reasons. Each test fails if the ranking
// logic it names breaks.
#include "suggestion_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace coopole::cooperation::rules {
namespace {

constexpr HubId kHub{1};
constexpr HubId kOtherHub{2};

MatchMember Member(std::int64_t id, std::string name, std::string commune, std::string epci,
                   std::vector<std::string> sectors = {}, std::string description = "", HubId hub = kHub) {
  MatchMember m;
  m.id = MemberId{id};
  m.hub = hub;
  m.name = std::move(name);
  m.legal_form = "association";
  m.is_ess = true;
  m.sectors = std::move(sectors);
  m.commune = commune;
  m.commune_name = "Commune " + commune;
  m.epci = std::move(epci);
  m.epci_name = "EPCI " + m.epci;
  m.words = SignificantWords(description);
  return m;
}

MatchPost Post(std::int64_t id, std::int64_t member, Direction direction, std::string kind, std::string title,
               std::string commune, std::string epci, std::vector<std::string> sectors = {}, HubId hub = kHub) {
  MatchPost p;
  p.id = PostId{id};
  p.hub = hub;
  p.member = MemberId{member};
  p.direction = direction;
  p.kind = std::move(kind);
  p.title = title;
  p.sectors = std::move(sectors);
  p.commune = std::move(commune);
  p.commune_name = "Commune " + p.commune;
  p.epci = std::move(epci);
  p.words = SignificantWords(title);
  return p;
}

const Suggestion* Find(const std::vector<Suggestion>& all, const std::string& key) {
  for (const auto& s : all)
    if (s.key == key) return &s;
  return nullptr;
}

std::size_t Rank(const std::vector<Suggestion>& all, const std::string& key) {
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].key == key) return i;
  return all.size();
}

// A need of a van in Grenoble (EPCI A); a van offered in Meylan (same EPCI), another in
// Voiron (same department, another EPCI), another by the same member.
MatchInput VanInput() {
  MatchInput in;
  in.members = {Member(1, "Cantine", "38185", "200040715"), Member(2, "Mobilité", "38229", "200040715"),
                Member(3, "Transports Voiron", "38563", "200040111"), Member(4, "Repair Café", "38169", "200040715")};
  in.posts = {Post(10, 1, Direction::kNeed, "equipment", "Camion frigorifique le mardi", "38185", "200040715"),
              Post(20, 2, Direction::kOffer, "equipment", "Fourgon utilitaire", "38229", "200040715"),
              Post(30, 3, Direction::kOffer, "equipment", "Fourgon utilitaire", "38563", "200040111"),
              Post(40, 1, Direction::kOffer, "equipment", "Camion frigorifique", "38185", "200040715")};
  return in;
}

TEST(SuggestionRules, SameEpciKindMatchRanksAboveADistantOne) {
  auto all = Suggest(VanInput());
  const auto* near = Find(all, "post:10-post:20");
  ASSERT_NE(near, nullptr);
  const auto* far = Find(all, "post:10-post:30");
  ASSERT_NE(far, nullptr);
  EXPECT_LT(Rank(all, "post:10-post:20"), Rank(all, "post:10-post:30"));
  EXPECT_GT(near->score, far->score);
  EXPECT_EQ(near->members, (std::vector<MemberId>{MemberId{1}, MemberId{2}}));
  EXPECT_EQ(near->need, PostId{10});
  EXPECT_EQ(near->offer, PostId{20});
}

TEST(SuggestionRules, AMemberIsNeverSuggestedToItself) {
  auto all = Suggest(VanInput());
  EXPECT_EQ(Find(all, "post:10-post:40"), nullptr);
}

TEST(SuggestionRules, AWordMatchAddsToTheScore) {
  auto in = VanInput();
  auto before = Find(Suggest(in), "post:10-post:20")->score;
  in.posts[1].title = "Camion frigorifique 12 m3";
  in.posts[1].words = SignificantWords(in.posts[1].title);
  auto after = Suggest(in);
  const auto* s = Find(after, "post:10-post:20");
  ASSERT_NE(s, nullptr);
  EXPECT_GT(s->score, before);
  auto words = std::find_if(s->reasons.begin(), s->reasons.end(), [](const Reason& r) { return r.code == "shared_words"; });
  ASSERT_NE(words, s->reasons.end());
  EXPECT_NE(words->params.at("words").find("frigorifique"), std::string::npos);
}

TEST(SuggestionRules, AnArchivedMemberNeverAppears) {
  auto in = VanInput();
  in.members.erase(in.members.begin() + 1);  // Mobilité archived: absent from the active members
  for (const auto& s : Suggest(in))
    for (auto m : s.members) EXPECT_NE(m, MemberId{2}) << s.key;
}

TEST(SuggestionRules, ADismissedKeyIsFiltered) {
  auto in = VanInput();
  ASSERT_NE(Find(Suggest(in), "post:10-post:20"), nullptr);
  in.excluded.insert("post:10-post:20");
  EXPECT_EQ(Find(Suggest(in), "post:10-post:20"), nullptr);
}

TEST(SuggestionRules, OtherHubsMeetOnlyAcrossTheInstallationAndOnlyNearby) {
  auto in = VanInput();
  in.members[1].hub = kOtherHub;
  in.posts[1].hub = kOtherHub;  // Meylan, other hub
  in.members[2].hub = kOtherHub;
  in.posts[2].hub = kOtherHub;  // Lyon, other hub
  in.posts[2].commune = in.members[2].commune = "69123";
  in.posts[2].epci = in.members[2].epci = "200046977";
  EXPECT_EQ(Find(Suggest(in), "post:10-post:20"), nullptr);
  in.cross_hub = true;
  auto all = Suggest(in);
  const auto* near = Find(all, "post:10-post:20");
  ASSERT_NE(near, nullptr);
  EXPECT_TRUE(std::any_of(near->reasons.begin(), near->reasons.end(), [](const Reason& r) { return r.code == "other_hub"; }));
  EXPECT_EQ(Find(all, "post:10-post:30"), nullptr) << "another department is not nearby";
}

TEST(SuggestionRules, ASharedSectorAloneDoesNotMatchANeedWithAnOffer) {
  MatchInput in;
  in.members = {Member(1, "A", "38185", "E", {"56.10A"}), Member(2, "B", "38185", "E", {"56.10A"})};
  in.posts = {Post(1, 1, Direction::kNeed, "premises", "Salle de réunion", "38185", "E", {"56.10A"}),
              Post(2, 2, Direction::kOffer, "skill", "Comptabilité", "38185", "E", {"56.10A"})};
  EXPECT_EQ(Find(Suggest(in), "post:1-post:2"), nullptr);
}

TEST(SuggestionRules, ReasonsNameTheNeedTheOfferAndTheTerritory) {
  auto all = Suggest(VanInput());
  const auto* s = Find(all, "post:10-post:20");
  ASSERT_NE(s, nullptr);
  ASSERT_GE(s->reasons.size(), 2u);
  EXPECT_EQ(s->reasons[0].code, "need_offer_at");
  EXPECT_EQ(s->reasons[0].params.at("need_member"), "Cantine");
  EXPECT_EQ(s->reasons[0].params.at("offer"), "Fourgon utilitaire");
  EXPECT_EQ(s->reasons[0].params.at("commune"), "Commune 38229");
  EXPECT_EQ(s->reasons[1].code, "same_epci");
  auto text = [](const std::string& key) -> std::string {
    if (key == "cooperation.reason.need_offer_at")
      return "{need_member} cherche « {need} » ; {offer_member} propose « {offer} » à {commune}";
    return "";
  };
  EXPECT_EQ(RenderReason(s->reasons[0], text),
            "Cantine cherche « Camion frigorifique le mardi » ; Mobilité propose « Fourgon utilitaire » à Commune 38229");
}

TEST(SuggestionRules, ScoreIsTheSumOfItsNamedComponents) {
  for (const auto& s : Suggest(VanInput())) {
    double sum = 0;
    for (const auto& c : s.components) sum += c.Points();
    EXPECT_EQ(s.score, std::clamp(static_cast<int>(std::lround(sum)), 0, 100)) << s.key;
    EXPECT_GE(s.score, kMinimumScore);
  }
}

TEST(SuggestionRules, ANeedMeetsAMemberThroughAPooledResourceOfItsKind) {
  MatchInput in;
  in.members = {Member(1, "Cantine", "38185", "E"), Member(2, "Théâtre", "38185", "E"),
                Member(3, "Atelier", "38421", "E")};
  in.posts = {Post(1, 1, Direction::kNeed, "premises", "Salle de réunion pour 20 personnes", "38185", "E")};
  in.resources = {{kHub, MemberId{3}, "premises", "Salle Belledonne", "", SignificantWords("Salle de réunion")}};
  auto all = Suggest(in);
  const auto* s = Find(all, "post:1-member:3");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, SuggestionKind::kNeedMember);
  EXPECT_EQ(s->reasons[0].code, "need_resource");
  EXPECT_EQ(s->reasons[0].params.at("resource"), "Salle Belledonne");
  EXPECT_EQ(Find(all, "post:1-member:2"), nullptr) << "no resource, no word, no sector: no reason";
}

TEST(SuggestionRules, ANeedMeetsAMemberWhoseDescriptionSharesItsWords) {
  MatchInput in;
  in.members = {Member(1, "Cantine", "38185", "E"),
                Member(2, "Studio", "38421", "E", {}, "Design graphique et communication"),
                Member(3, "Autre", "38421", "E", {}, "Maraîchage")};
  in.posts = {Post(1, 1, Direction::kNeed, "service", "Communication et design de nos menus", "38185", "E")};
  auto all = Suggest(in);
  ASSERT_NE(Find(all, "post:1-member:2"), nullptr);
  EXPECT_EQ(Find(all, "post:1-member:3"), nullptr);
}

MatchMember Typed(MatchMember m, std::string legal_form, bool ess, std::string insertion) {
  m.legal_form = std::move(legal_form);
  m.is_ess = ess;
  m.insertion_type = std::move(insertion);
  return m;
}

TEST(SuggestionRules, ComplementaryGroupOfInsertionCompanyAndAuthority) {
  MatchInput in;
  in.members = {Typed(Member(1, "Atelier Bois", "38151", "E", {"16.23Z"}), "scop", true, "ei"),
                Typed(Member(2, "Éco-Construction", "38565", "E", {"16.10A", "43.39Z"}), "sas", false, ""),
                Typed(Member(3, "Ville", "38151", "E", {"84.11Z"}), "local_authority", false, ""),
                Typed(Member(4, "Boulangerie", "38545", "E", {"10.71C"}), "sarl", false, ""),
                Typed(Member(5, "Ville lointaine", "69123", "L", {"84.11Z"}), "local_authority", false, "")};
  auto all = Suggest(in);
  const auto* g = Find(all, "group:1-2-3");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->kind, SuggestionKind::kGroup);
  EXPECT_EQ(g->members, (std::vector<MemberId>{MemberId{1}, MemberId{2}, MemberId{3}}));
  EXPECT_EQ(Find(all, "group:1-3-4"), nullptr) << "no shared sector and no partnership need";
  for (const auto& s : all) EXPECT_EQ(std::count(s.members.begin(), s.members.end(), MemberId{5}), 0) << s.key;
  // A partnership need brings the baker in, and the group that has one ranks higher.
  in.posts = {Post(9, 4, Direction::kNeed, "partnership", "Marché public de restauration", "38545", "E")};
  all = Suggest(in);
  ASSERT_NE(Find(all, "group:1-3-4"), nullptr);
  EXPECT_LT(Rank(all, "group:1-3-4"), Rank(all, "group:1-2-3"));
  // A partnership sought by the insertion structure itself opens every nearby company.
  in.posts = {Post(9, 1, Direction::kNeed, "partnership", "Marché public de restauration", "38151", "E")};
  all = Suggest(in);
  ASSERT_NE(Find(all, "group:1-3-4"), nullptr);
}

TEST(SuggestionRules, BroadKindsNeedAWordOrASector) {
  MatchInput in;
  in.members = {Member(1, "Ressourcerie", "38185", "E"), Member(2, "Fabrique", "38185", "E"),
                Member(3, "Cabinet", "38185", "E")};
  in.posts = {Post(1, 1, Direction::kNeed, "skill", "Accompagnement comptable", "38185", "E"),
              Post(2, 2, Direction::kOffer, "skill", "Formations aux outils libres", "38185", "E"),
              Post(3, 3, Direction::kOffer, "skill", "Conseil comptable", "38185", "E")};
  auto all = Suggest(in);
  EXPECT_EQ(Find(all, "post:1-post:2"), nullptr) << "the same broad kind and place only";
  EXPECT_NE(Find(all, "post:1-post:3"), nullptr);
}

TEST(SuggestionRules, AMemberMetThroughItsOfferIsNotSuggestedAgainForTheSameNeed) {
  MatchInput in;
  in.members = {Member(1, "Ressourcerie", "38185", "E"),
                Member(2, "Cabinet", "38185", "E", {}, "Accompagnement comptable des structures")};
  in.posts = {Post(1, 1, Direction::kNeed, "skill", "Accompagnement comptable", "38185", "E"),
              Post(2, 2, Direction::kOffer, "skill", "Accompagnement comptable", "38185", "E")};
  auto all = Suggest(in);
  ASSERT_NE(Find(all, "post:1-post:2"), nullptr);
  EXPECT_EQ(Find(all, "post:1-member:2"), nullptr);
  in.excluded.insert("post:1-post:2");  // accepted: the pair is done, in both forms
  all = Suggest(in);
  EXPECT_EQ(Find(all, "post:1-post:2"), nullptr);
  EXPECT_EQ(Find(all, "post:1-member:2"), nullptr);
}

TEST(SuggestionRules, SelectionFiltersByMemberAndKindAndCountsBeforeTheLimit) {
  auto in = VanInput();
  auto all = Suggest(in, {});
  ASSERT_GE(all.total, 2u);
  auto mine = Suggest(in, {.member = MemberId{2}, .kind = "", .limit = SIZE_MAX});
  for (const auto& s : mine.items) EXPECT_NE(std::find(s.members.begin(), s.members.end(), MemberId{2}), s.members.end());
  auto one = Suggest(in, {.member = std::nullopt, .kind = "need_offer", .limit = 1});
  EXPECT_EQ(one.items.size(), 1u);
  EXPECT_GE(one.total, 2u);
  EXPECT_EQ(one.items[0].key, all.items[0].key);
  EXPECT_EQ(Suggest(in, {.member = std::nullopt, .kind = "group", .limit = 10}).total, 0u);
}

TEST(SuggestionRules, WordsAreFoldedStemmedAndCommonOnesDropped) {
  EXPECT_EQ(SignificantWords("Nous cherchons des Camions réfrigérés pour le mardi"),
            (std::vector<std::string>{"mardi", "refrigere", "vehicule"}));
}

TEST(SuggestionRules, Territories) {
  EXPECT_EQ(DepartmentOf("38185"), "38");
  EXPECT_EQ(DepartmentOf("2A004"), "2A");
  EXPECT_EQ(DepartmentOf("97411"), "974");
  EXPECT_EQ(NearnessOf("38185", "E", "38185", "E").code, "same_commune");
  EXPECT_EQ(NearnessOf("38185", "E", "38229", "E").code, "same_epci");
  EXPECT_EQ(NearnessOf("38185", "E", "38563", "F").code, "same_department");
  EXPECT_EQ(NearnessOf("38185", "E", "69123", "L").value, 0);
  EXPECT_GT(NearnessOf("38185", "E", "38229", "E").value, NearnessOf("38185", "E", "38563", "F").value);
}

TEST(SuggestionRules, KeysParse) {
  auto a = ParseKey("post:12-post:34");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->posts, (std::vector<PostId>{PostId{12}, PostId{34}}));
  auto b = ParseKey("post:12-member:5");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->members, (std::vector<MemberId>{MemberId{5}}));
  auto g = ParseKey("group:3-8-9");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->members.size(), 3u);
  EXPECT_FALSE(ParseKey("group:3-8"));
  EXPECT_FALSE(ParseKey("member:5-post:3"));
  EXPECT_FALSE(ParseKey("post:x-post:3"));
  EXPECT_FALSE(ParseKey(""));
}

TEST(SuggestionRules, NotificationsGoToFittingNearbyMembersOnly) {
  auto post = Post(1, 1, Direction::kNeed, "equipment", "Camion", "38185", "E", {"56.10A"});
  auto same_sector = Member(2, "Traiteur", "38229", "E", {"56.29A"});
  auto far_sector = Member(3, "Traiteur Lyon", "69123", "L", {"56.10A"});
  auto unrelated = Member(4, "Théâtre", "38185", "E", {"90.01Z"});
  auto van_owner = Member(5, "Mobilité", "38169", "E", {"49.39B"});
  std::vector<MatchResource> resources = {{kHub, MemberId{5}, "equipment", "Fourgon", "", {}}};
  EXPECT_EQ(FitsProfile(post, same_sector, {}, resources), "sector");
  EXPECT_EQ(FitsProfile(post, far_sector, {}, resources), "");
  EXPECT_EQ(FitsProfile(post, unrelated, {}, resources), "");
  EXPECT_EQ(FitsProfile(post, van_owner, {}, resources), "kind");
  auto self = Member(1, "Cantine", "38185", "E", {"56.10A"});
  EXPECT_EQ(FitsProfile(post, self, {}, resources), "");
}

// ---- French words written differently on each side ---------------------------------------

TEST(SuggestionRules, SignificantWordsFoldPluralsInflectionsAndSynonyms) {
  EXPECT_EQ(SignificantWords("Camionnettes"), SignificantWords("véhicule"));
  EXPECT_EQ(SignificantWords("fourgon"), std::vector<std::string>{"vehicule"});
  EXPECT_EQ(SignificantWords("véhicules utilitaires"), std::vector<std::string>{"vehicule"});
  EXPECT_EQ(SignificantWords("Entrepôt"), SignificantWords("stockage"));
  EXPECT_EQ(SignificantWords("locaux"), SignificantWords("local"));
  EXPECT_EQ(SignificantWords("bureaux"), SignificantWords("bureau"));
  EXPECT_EQ(SignificantWords("partagées"), SignificantWords("partagée"));
  EXPECT_EQ(SignificantWords("ateliers"), std::vector<std::string>{"atelier"});  // no stem shown as a typo
  EXPECT_EQ(SignificantWords("expert-comptable"), (std::vector<std::string>{"comptabilite", "expert"}));
  EXPECT_EQ(SignificantWords("Comptabilité"), std::vector<std::string>{"comptabilite"});
  // Unrelated words stay apart.
  EXPECT_NE(SignificantWords("vidéoprojecteur"), SignificantWords("camion"));
  EXPECT_NE(SignificantWords("bureau"), SignificantWords("entrepôt"));
  EXPECT_TRUE(ImpliedSectors(SignificantWords("Rédaction des comptes rendus")).empty());  // minutes, not accounts
}

TEST(SuggestionRules, ImpliedSectorsOfAServiceWord) {
  EXPECT_EQ(ImpliedSectors(SignificantWords("Aide à la comptabilité")), std::vector<std::string>{"69.20Z"});
  EXPECT_EQ(ImpliedSectors(SignificantWords("Impression de flyers")), std::vector<std::string>{"18.12Z"});
  EXPECT_TRUE(ImpliedSectors(SignificantWords("Camion le mardi")).empty());
}

MatchInput StorageInput() {
  MatchInput in;
  in.members = {Member(1, "Jardins", "69123", "200046977"), Member(2, "Entreposage", "69259", "200046977"),
                Member(3, "Ruche", "69266", "200046977"), Member(4, "Images", "69123", "200046977")};
  in.posts = {Post(10, 1, Direction::kNeed, "premises", "Recherche un local de stockage", "69123", "200046977"),
              // The offices come first: on a tie they would rank first.
              Post(20, 3, Direction::kOffer, "premises", "Bureaux partagés en coworking", "69266", "200046977"),
              Post(30, 2, Direction::kOffer, "premises", "Entrepôt disponible à partager", "69259", "200046977"),
              Post(40, 1, Direction::kNeed, "equipment", "Besoin d'un véhicule utilitaire", "69123", "200046977"),
              Post(50, 4, Direction::kOffer, "equipment", "Vidéoprojecteur et sonorisation", "69123", "200046977"),
              Post(60, 2, Direction::kOffer, "equipment", "Prêt de camionnette", "69259", "200046977"),
              Post(70, 3, Direction::kOffer, "premises", "Salle polyvalente", "69266", "200046977")};
  return in;
}

TEST(SuggestionRules, SynonymsMakeAStorageNeedPreferTheWarehouse) {
  auto all = Suggest(StorageInput());
  const auto* warehouse = Find(all, "post:10-post:30");
  ASSERT_NE(warehouse, nullptr);
  EXPECT_LT(Rank(all, "post:10-post:30"), Rank(all, "post:10-post:20"));
  EXPECT_LT(Rank(all, "post:10-post:30"), Rank(all, "post:10-post:70"));
  bool words = false;
  for (const auto& r : warehouse->reasons) words = words || (r.code == "shared_words" && r.params.at("words") == "stockage");
  EXPECT_TRUE(words);
}

TEST(SuggestionRules, DifferentThingsOfTheSameKindDoNotPair) {
  auto all = Suggest(StorageInput());
  EXPECT_NE(Find(all, "post:40-post:60"), nullptr);  // véhicule utilitaire <-> camionnette
  EXPECT_EQ(Find(all, "post:40-post:50"), nullptr);  // véhicule <-> vidéoprojecteur
  EXPECT_EQ(Find(all, "post:10-post:20"), nullptr);  // stockage <-> bureaux
  EXPECT_NE(Find(all, "post:10-post:70"), nullptr);  // a local (premises in general) meets a hall
}

TEST(SuggestionRules, ASharedConceptCountsAsTheKindAcrossKinds) {
  MatchInput in;
  in.members = {Member(1, "Fournil", "69123", "200046977"), Member(2, "Régie", "69259", "200046977")};
  in.posts = {Post(10, 1, Direction::kNeed, "service", "Livraisons en fourgon", "69123", "200046977"),
              Post(20, 2, Direction::kOffer, "equipment", "Camionnettes à partager", "69259", "200046977")};
  auto all = Suggest(in);
  const auto* s = Find(all, "post:10-post:20");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->components[0].name, "kind");
  EXPECT_DOUBLE_EQ(s->components[0].value, 1.0);
}

TEST(SuggestionRules, AnAccountingNeedMeetsTheMemberWhoseActivityIsAccounting) {
  MatchInput in;
  in.members = {Member(1, "Théâtre", "69123", "200046977", {"90.01Z"}),
                Member(2, "Chiffres", "69266", "200046977", {"69.20Z"}, "Cabinet au service des associations"),
                Member(3, "Fournil", "69266", "200046977", {"10.71C"}, "Boulangerie au levain")};
  in.posts = {Post(10, 1, Direction::kNeed, "skill", "Comptabilité", "69123", "200046977")};
  auto all = Suggest(in);
  const auto* s = Find(all, "post:10-member:2");
  ASSERT_NE(s, nullptr);
  EXPECT_GE(s->score, kMinimumScore);
  bool activity = false;
  for (const auto& r : s->reasons) activity = activity || (r.code == "activity" && r.params.at("sector") == "69.20Z");
  EXPECT_TRUE(activity);
  EXPECT_EQ(Find(all, "post:10-member:3"), nullptr);
}

TEST(SuggestionRules, ANeedNamingAnActivityNotifiesTheMembersOfThatActivity) {
  auto need = Post(10, 1, Direction::kNeed, "skill", "Aide à la comptabilité", "69123", "200046977", {"90.01Z"});
  auto firm = Member(2, "Chiffres", "69266", "200046977", {"69.20Z"});
  auto bakery = Member(3, "Fournil", "69266", "200046977", {"10.71C"});
  EXPECT_EQ(FitsProfile(need, firm, {}, {}), "sector");
  EXPECT_EQ(FitsProfile(need, bakery, {}, {}), "");
  auto far_firm = Member(4, "Chiffres Nantes", "44109", "244400404", {"69.20Z"});
  EXPECT_EQ(FitsProfile(need, far_firm, {}, {}), "");
}

}  // namespace
}  // namespace coopole::cooperation::rules
