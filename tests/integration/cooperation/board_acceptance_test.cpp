// Acceptance of the suggestions on data the project has never seen: a hub of the Lyon
// metropolis (Lyon, Villeurbanne, Vénissieux, Bron, Villefranche-sur-Saône) and one of Nantes
// (Nantes, Rezé), with posts written as members write them (synonyms, plurals, accents, the
// need and the offer never using the same word). Over real HTTP on each database: the obvious
// cooperations are in the top suggestions with a reason, unrelated members do not pair, and
// another hub's posts never meet this hub's.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "coopole/cooperation/board.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

using nlohmann::json;

const std::string kLyon = "/api/v1/hubs/pole-lyon/cooperation";
const std::string kNantes = "/api/v1/hubs/pole-nantes/cooperation";

json Json(const HttpResponse& res) {
  auto doc = json::parse(res.body, nullptr, false);
  if (doc.is_discarded()) ADD_FAILURE() << "not JSON (status " << res.status << "): " << res.body.substr(0, 300);
  return doc;
}

std::string Id(const json& post) { return std::to_string(post["id"].get<long long>()); }
std::string PairKey(const json& need, const json& offer) { return "post:" + Id(need) + "-post:" + Id(offer); }
std::string MemberKey(const json& need, identity::MemberId m) {
  return "post:" + Id(need) + "-member:" + std::to_string(m.value);
}

class BoardAcceptanceTest : public ::testing::TestWithParam<std::string> {
 protected:
  BoardAcceptanceTest() : app_(GetParam()) {
    app_.CreateHub("pole-lyon", "Pôle Lyon Est");
    app_.CreateHub("pole-nantes", "Pôle Nantes Sud");
    jardins_ = Add("pole-lyon", {.name = "Les Jardins de Gerland", .legal_form = "association", .insertion_type = "aci",
                                 .sectors = "81.30Z", .commune_insee = "69123",
                                 .description = "Chantier d'insertion en maraîchage et entretien d'espaces verts."});
    paniers_ = Add("pole-lyon", {.name = "Paniers Solidaires", .legal_form = "association", .sectors = "47.21Z",
                                 .commune_insee = "69266",
                                 .description = "Épicerie solidaire, paniers de légumes bio livrés aux familles."});
    theatre_ = Add("pole-lyon", {.name = "Compagnie des Pentes", .legal_form = "association", .sectors = "90.01Z",
                                 .commune_insee = "69123", .description = "Théâtre jeune public et ateliers."});
    logistique_ = Add("pole-lyon", {.name = "Rhône Entreposage", .legal_form = "sas", .sectors = "52.10B",
                                    .commune_insee = "69259", .description = "Logistique urbaine du dernier kilomètre."});
    regie_ = Add("pole-lyon", {.name = "Régie de Quartier des Minguettes", .legal_form = "association",
                               .sectors = "81.21Z", .commune_insee = "69259",
                               .description = "Nettoyage, petits travaux et médiation dans le quartier."});
    paysages_ = Add("pole-lyon", {.name = "Paysages du Rhône", .legal_form = "sas", .sectors = "81.30Z",
                                  .commune_insee = "69029", .description = "Création et entretien de parcs et jardins."});
    ville_ = Add("pole-lyon", {.name = "Ville de Vénissieux", .legal_form = "local_authority", .sectors = "84.11Z",
                               .commune_insee = "69259"});
    chiffres_ = Add("pole-lyon", {.name = "Chiffres & Partage", .legal_form = "scop", .sectors = "69.20Z",
                                  .commune_insee = "69266",
                                  .description = "Cabinet d'expertise comptable au service des associations."});
    coworking_ = Add("pole-lyon", {.name = "La Ruche Villeurbannaise", .legal_form = "association",
                                   .sectors = "68.20B", .commune_insee = "69266",
                                   .description = "Tiers-lieu, bureaux partagés et coworking."});
    images_ = Add("pole-lyon", {.name = "Images en Beaujolais", .legal_form = "association", .sectors = "59.11A",
                                .commune_insee = "69264", .description = "Atelier vidéo et éducation à l'image."});
    imprimerie_ = Add("pole-lyon", {.name = "Imprimerie Solidaire", .legal_form = "association",
                                    .sectors = "18.12Z", .commune_insee = "69029",
                                    .description = "Impression d'affiches et de flyers, reprographie."});
    boulangerie_ = Add("pole-lyon", {.name = "Le Fournil des Canuts", .legal_form = "sarl", .sectors = "10.71C",
                                     .commune_insee = "69123", .description = "Boulangerie au levain."});
    // Nantes: a van offered in Rezé and a van needed in Nantes; never paired with Lyon.
    reze_ = Add("pole-nantes", {.name = "Recyclerie de Rezé", .legal_form = "association", .sectors = "38.11Z",
                                .commune_insee = "44143"});
    nantes_ = Add("pole-nantes", {.name = "Épicerie Nantaise", .legal_form = "association", .sectors = "47.21Z",
                                  .commune_insee = "44109"});
    coordinator_ = app_.UserToken("coord@lyon.fr", identity::Role::kCoordinator, "pole-lyon");
    nantes_coordinator_ = app_.UserToken("coord@nantes.fr", identity::Role::kCoordinator, "pole-nantes");
    chiffres_user_ = app_.UserToken("compta@chiffres.fr", identity::Role::kMember, "pole-lyon", chiffres_);
  }

  identity::MemberId Add(const std::string& hub_slug, members::MemberInput input) {
    auto hub = app_.app().hubs().Resolve(Admin(), hub_slug);
    if (!hub.ok()) throw std::runtime_error("no hub " + hub_slug);
    const std::string name = *input.name;
    auto member = app_.app().members().CreateMember(Admin(), *hub, input);
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }

  static identity::Actor Admin() { return {.user = identity::UserId{0}, .name = "test", .is_admin = true}; }

  // A post published by the coordinator for `member`.
  json Post(const std::string& api, const std::string& token, identity::MemberId member, const std::string& direction,
            const std::string& kind, const std::string& title, const std::string& description = "") {
    auto res = app_.Api("POST", api + "/posts", token,
                        json{{"member_id", member.value}, {"direction", direction}, {"kind", kind},
                             {"title", title}, {"description", description}}
                            .dump());
    EXPECT_EQ(res.status, 201) << res.body;
    return Json(res);
  }
  json Lyon(identity::MemberId member, const std::string& direction, const std::string& kind, const std::string& title,
            const std::string& description = "") {
    return Post(kLyon, coordinator_, member, direction, kind, title, description);
  }

  // The hub's suggestions as the coordinator sees them, best first.
  json Suggestions(const std::string& api, const std::string& token, const std::string& query = "") {
    auto res = app_.Api("GET", api + "/suggestions?limit=200" + query, token);
    EXPECT_EQ(res.status, 200) << res.body;
    return Json(res)["items"];
  }

  // Rank (0-based) of `key` in `items`, -1 when absent.
  static int RankOf(const json& items, const std::string& key) {
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i]["key"] == key) return static_cast<int>(i);
    return -1;
  }
  static const json* Find(const json& items, const std::string& key) {
    for (const auto& s : items)
      if (s["key"] == key) return &s;
    return nullptr;
  }
  static std::string Reasons(const json& s) {
    std::string out;
    for (const auto& r : s["reasons"]) out += r["text"].get<std::string>() + " | ";
    return out;
  }
  static bool Contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
  }
  // Whether some suggestion pairs these two members.
  static bool Pairs(const json& items, identity::MemberId a, identity::MemberId b) {
    for (const auto& s : items) {
      bool has_a = false, has_b = false;
      for (const auto& m : s["members"]) {
        const auto id = m["id"].get<long long>();
        has_a = has_a || id == a.value;
        has_b = has_b || id == b.value;
      }
      if (has_a && has_b) return true;
    }
    return false;
  }

  TestApp app_;
  identity::MemberId jardins_, paniers_, theatre_, logistique_, regie_, paysages_, ville_, chiffres_, coworking_,
      images_, imprimerie_, boulangerie_, reze_, nantes_;
  std::string coordinator_, nantes_coordinator_, chiffres_user_;
};

TEST_P(BoardAcceptanceTest, StorageNeedMeetsTheWarehouseBeforeTheOffices) {
  auto need = Lyon(jardins_, "need", "premises", "Recherche un local de stockage",
                   "Pour ranger nos outils et caisses de récolte l'hiver.");
  // The offices are published first: on a tie they would come first.
  auto offices = Lyon(coworking_, "offer", "premises", "Bureaux partagés en coworking", "Postes de travail à la journée.");
  auto warehouse = Lyon(logistique_, "offer", "premises", "Entrepôt disponible à partager",
                        "200 m² d'entreposage sécurisé, quai de chargement.");
  auto items = Suggestions(kLyon, coordinator_);
  const int warehouse_rank = RankOf(items, PairKey(need, warehouse));
  ASSERT_GE(warehouse_rank, 0) << items.dump(1);
  EXPECT_LT(warehouse_rank, 5);
  const int offices_rank = RankOf(items, PairKey(need, offices));
  if (offices_rank >= 0) {
    EXPECT_LT(warehouse_rank, offices_rank) << "a storage need prefers the warehouse";
  }
  const auto reasons = Reasons(*Find(items, PairKey(need, warehouse)));
  EXPECT_TRUE(Contains(reasons, "Les Jardins de Gerland")) << reasons;
  EXPECT_TRUE(Contains(reasons, "« Entrepôt disponible à partager »")) << reasons;
  EXPECT_TRUE(Contains(reasons, "Métropole de Lyon")) << reasons;
}

TEST_P(BoardAcceptanceTest, UtilityVehicleNeedMeetsTheVanNotTheProjector) {
  auto need = Lyon(paniers_, "need", "equipment", "Besoin d'un véhicule utilitaire",
                   "Pour livrer nos paniers deux matinées par semaine.");
  auto van = Lyon(regie_, "offer", "equipment", "Prêt de camionnette", "Disponible le week-end et le lundi.");
  auto projector = Lyon(images_, "offer", "equipment", "Vidéoprojecteur et sonorisation", "Pour vos projections.");
  auto items = Suggestions(kLyon, coordinator_);
  const int van_rank = RankOf(items, PairKey(need, van));
  ASSERT_GE(van_rank, 0) << items.dump(1);
  EXPECT_LT(van_rank, 5);
  EXPECT_EQ(RankOf(items, PairKey(need, projector)), -1) << "a van and a projector are both equipment, nothing more";
  const auto reasons = Reasons(*Find(items, PairKey(need, van)));
  EXPECT_TRUE(Contains(reasons, "Régie de Quartier des Minguettes")) << reasons;
  EXPECT_TRUE(Contains(reasons, "« Prêt de camionnette »")) << reasons;
}

TEST_P(BoardAcceptanceTest, VehicleNeedPostedAsAServiceStillMeetsTheVan) {
  // The same van, but the need is filed under another kind: the words carry it.
  auto need = Lyon(boulangerie_, "need", "service", "Livraisons en camion frigorifique",
                   "Nous cherchons un fourgon pour livrer les cantines.");
  auto van = Lyon(regie_, "offer", "equipment", "Camionnettes à partager", "Deux véhicules utilitaires.");
  auto items = Suggestions(kLyon, coordinator_);
  EXPECT_GE(RankOf(items, PairKey(need, van)), 0) << items.dump(1);
}

TEST_P(BoardAcceptanceTest, AccountingNeedMeetsTheAccountingFirm) {
  auto need = Lyon(theatre_, "need", "skill", "Comptabilité", "Aide pour la tenue des comptes et le bilan annuel.");
  auto items = Suggestions(kLyon, coordinator_);
  const auto key = MemberKey(need, chiffres_);
  const int rank = RankOf(items, key);
  ASSERT_GE(rank, 0) << items.dump(1);
  EXPECT_LT(rank, 5);
  const auto reasons = Reasons(*Find(items, key));
  EXPECT_TRUE(Contains(reasons, "Chiffres &amp; Partage") || Contains(reasons, "Chiffres & Partage")) << reasons;
  EXPECT_TRUE(Contains(reasons, "Compagnie des Pentes")) << reasons;
  // The firm sees it among its own suggestions; the unrelated bakery does not pair with the theatre.
  EXPECT_GE(RankOf(Suggestions(kLyon, chiffres_user_), key), 0);
  EXPECT_FALSE(Pairs(items, theatre_, boulangerie_));
  EXPECT_FALSE(Pairs(items, theatre_, imprimerie_));
  // The firm was told of the need when it was published.
  auto notes = app_.Api("GET", kLyon + "/notifications", chiffres_user_);
  ASSERT_EQ(notes.status, 200) << notes.body;
  bool told = false;
  const auto told_doc = Json(notes);  // kept alive: a range-for over a temporary's member dangles
  for (const auto& n : told_doc["items"]) told = told || n["post_id"] == need["id"];
  EXPECT_TRUE(told) << notes.body;
}

TEST_P(BoardAcceptanceTest, InsertionCompanyAndAuthorityForATender) {
  auto tender = Lyon(ville_, "need", "partnership", "Partenaires pour un marché public",
                     "Marché d'entretien des espaces verts avec clause d'insertion, réponse groupée souhaitée.");
  auto items = Suggestions(kLyon, coordinator_, "&kind=group");
  ASSERT_FALSE(items.empty()) << "no group suggested";
  const auto& best = items[0];
  std::vector<long long> ids;
  for (const auto& m : best["members"]) ids.push_back(m["id"].get<long long>());
  std::sort(ids.begin(), ids.end());
  std::vector<long long> expected{jardins_.value, paysages_.value, ville_.value};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ids, expected) << items.dump(1);
  const auto reasons = Reasons(best);
  EXPECT_TRUE(Contains(reasons, "Les Jardins de Gerland")) << reasons;
  EXPECT_TRUE(Contains(reasons, "Paysages du Rhône")) << reasons;
  EXPECT_TRUE(Contains(reasons, "Ville de Vénissieux")) << reasons;
  EXPECT_TRUE(Contains(reasons, "« Partenaires pour un marché public »")) << reasons;
  // It is among the hub's top suggestions, not only among the groups.
  EXPECT_LT(RankOf(Suggestions(kLyon, coordinator_), best["key"].get<std::string>()), 5);
  (void)tender;
}

TEST_P(BoardAcceptanceTest, UnrelatedMembersAndOtherHubsDoNotPair) {
  auto van_need = Lyon(paniers_, "need", "equipment", "Besoin d'un véhicule utilitaire");
  auto bread = Lyon(boulangerie_, "offer", "purchase", "Pains et viennoiseries pour vos événements");
  auto flyers = Lyon(imprimerie_, "offer", "service", "Impression de flyers à prix solidaire");
  auto nantes_van = Post(kNantes, nantes_coordinator_, reze_, "offer", "equipment", "Fourgon disponible",
                         "Camion de 12 m³ prêté aux associations.");
  auto nantes_need = Post(kNantes, nantes_coordinator_, nantes_, "need", "equipment", "Véhicule pour nos collectes");
  auto lyon = Suggestions(kLyon, coordinator_);
  EXPECT_FALSE(Pairs(lyon, paniers_, boulangerie_)) << lyon.dump(1);
  EXPECT_FALSE(Pairs(lyon, paniers_, imprimerie_)) << lyon.dump(1);
  EXPECT_EQ(RankOf(lyon, PairKey(van_need, nantes_van)), -1);
  // Nantes: its own van meets its own need (fourgon / véhicule); nothing of Lyon shows.
  auto nantes = Suggestions(kNantes, nantes_coordinator_);
  EXPECT_GE(RankOf(nantes, PairKey(nantes_need, nantes_van)), 0) << nantes.dump(1);
  for (const auto& s : nantes)
    for (const auto& m : s["members"]) EXPECT_TRUE(m["id"] == reze_.value || m["id"] == nantes_.value) << s.dump();
  // The installation view (administrators) pairs nearby hubs only: Lyon and Nantes are far apart.
  auto all = app_.app().board().InstallationSuggestions(Admin(), {.limit = 1000});
  ASSERT_TRUE(all.ok());
  for (const auto& s : all->items) EXPECT_NE(s.key, PairKey(van_need, nantes_van));
  (void)bread;
  (void)flyers;
  // Another hub's post ids are 404 here.
  EXPECT_EQ(app_.Api("GET", kLyon + "/posts/" + Id(nantes_van), coordinator_).status, 404);
}

TEST_P(BoardAcceptanceTest, AllTogetherTheObviousPairsLeadAndNoiseStaysOut) {
  auto storage = Lyon(jardins_, "need", "premises", "Recherche un local de stockage", "Pour nos outils de jardinage.");
  auto offices = Lyon(coworking_, "offer", "premises", "Bureaux partagés en coworking");
  auto warehouse = Lyon(logistique_, "offer", "premises", "Entrepôt disponible à partager");
  auto vehicle = Lyon(paniers_, "need", "equipment", "Besoin d'un véhicule utilitaire", "Livrer nos paniers.");
  auto van = Lyon(regie_, "offer", "equipment", "Prêt de camionnette");
  auto projector = Lyon(images_, "offer", "equipment", "Vidéoprojecteur et sonorisation");
  auto accounting = Lyon(theatre_, "need", "skill", "Comptabilité", "Tenue des comptes et bilan annuel.");
  auto bread = Lyon(boulangerie_, "offer", "purchase", "Pains et viennoiseries pour vos événements");
  auto flyers = Lyon(imprimerie_, "offer", "service", "Impression de flyers à prix solidaire");
  auto tender = Lyon(ville_, "need", "partnership", "Partenaires pour un marché public",
                     "Entretien des espaces verts avec clause d'insertion.");
  auto items = Suggestions(kLyon, coordinator_);
  const std::vector<std::string> obvious = {PairKey(storage, warehouse), PairKey(vehicle, van),
                                            MemberKey(accounting, chiffres_)};
  for (const auto& key : obvious) {
    const int rank = RankOf(items, key);
    EXPECT_GE(rank, 0) << key << "\n" << items.dump(1);
    EXPECT_LT(rank, 8) << key << "\n" << items.dump(1);
  }
  EXPECT_EQ(RankOf(items, PairKey(vehicle, projector)), -1);
  EXPECT_EQ(RankOf(items, PairKey(storage, offices)), -1);
  for (const auto& s : items) {
    EXPECT_GE(s["score"].get<int>(), 35) << s.dump();
    ASSERT_FALSE(s["reasons"].empty()) << s.dump();
    EXPECT_FALSE(s["reasons"][0]["text"].get<std::string>().empty()) << s.dump();
  }
  // Nothing pairs the bakery's bread or the printer's flyers with the needs for a van, storage or accounts.
  for (auto need_member : {paniers_, jardins_, theatre_}) {
    EXPECT_FALSE(Pairs(items, need_member, boulangerie_)) << items.dump(1);
    EXPECT_FALSE(Pairs(items, need_member, imprimerie_)) << items.dump(1);
  }
  (void)bread;
  (void)flyers;
  (void)tender;
}

INSTANTIATE_TEST_SUITE_P(Databases, BoardAcceptanceTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
