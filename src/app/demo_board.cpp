// The board of the demo hub: needs and offers among the Grenoble organisations such that
// obvious cooperations are suggested (a refrigerated van needed in Saint-Martin-d'Hères and
// offered in Fontaine, a meeting room, accounting help, joinery for the shop, deliveries by
// cargo bike, a partnership for a public tender), a comment, and two cooperations.
#include <stdexcept>

#include "coopole/cooperation/board.h"
#include "demo.h"

namespace coopole::app {
namespace {

struct DemoPost {
  std::size_t member;  // index in the demo members
  const char* direction;
  const char* kind;
  const char* title;
  const char* description;
  const char* quantity;
  const char* unit;
  const char* recurrence;
};

constexpr DemoPost kPosts[] = {
    {2, "need", "equipment", "Camion frigorifique le mardi",
     "Pour livrer nos paniers de légumes aux points de retrait, chaque mardi matin.", "1", "véhicule", "le mardi"},
    {6, "offer", "equipment", "Fourgon frigorifique 12 m³",
     "Fourgon frigorifique disponible en semaine, avec ou sans chauffeur.", "12", "m³", "du lundi au vendredi"},
    {22, "need", "premises", "Salle de réunion pour 20 personnes",
     "Un soir par mois pour nos ateliers de quartier.", "20", "personnes", "un soir par mois"},
    {16, "offer", "premises", "Salle de réunion de 25 places au centre de Grenoble",
     "Salle équipée d'un vidéoprojecteur, accessible en soirée.", "25", "places", ""},
    {0, "need", "skill", "Accompagnement comptable pour notre changement de statut",
     "Passage d'association à SCIC : besoin d'un regard comptable.", "", "", ""},
    {17, "offer", "skill", "Accompagnement comptable des structures de l'ESS",
     "Tenue, bilans et conseil pour les associations et coopératives.", "", "", ""},
    {0, "need", "skill", "Fabrication de mobilier en bois pour la boutique",
     "Étagères et comptoir en bois de réemploi pour la nouvelle boutique.", "", "", ""},
    {1, "offer", "skill", "Fabrication de mobilier sur mesure en bois de réemploi",
     "Menuiserie d'insertion : mobilier, agencement de boutiques.", "", "", ""},
    {5, "need", "service", "Livraison de pain aux épiceries le matin",
     "Tournée quotidienne vers cinq épiceries du Voironnais.", "5", "épiceries", "tous les matins"},
    {24, "offer", "service", "Livraisons à vélo-cargo dans l'agglomération",
     "Livraisons du dernier kilomètre, tournées régulières.", "", "", ""},
    {14, "need", "service", "Communication et affiches pour nos ateliers de réparation",
     "Affiches et visuels pour faire connaître nos samedis de réparation.", "", "", ""},
    {19, "offer", "service", "Affiches, visuels et communication pour vos ateliers",
     "Studio graphique solidaire : affiches, logos, supports de communication des associations.", "", "", ""},
    {11, "need", "partnership", "Partenaires pour le marché public de restauration scolaire",
     "Réponse groupée au marché de la Métropole : cuisine, livraison, insertion.", "", "", ""},
    {21, "offer", "skill", "Formations aux outils numériques libres", "Ateliers pour les salariés des structures.", "",
     "", ""},
};

}  // namespace

void LoadBoardDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                   const std::vector<MemberId>& ids) {
  auto& board = app.board();
  std::vector<cooperation::PostId> posts;
  for (const auto& p : kPosts) {
    cooperation::PostInput in;
    in.member_id = std::to_string(ids.at(p.member).value);
    in.direction = p.direction;
    in.kind = p.kind;
    in.title = p.title;
    in.description = p.description;
    in.quantity = p.quantity;
    in.unit = p.unit;
    in.recurrence = p.recurrence;
    auto post = board.CreatePost(admin, hub, in);
    if (!post.ok()) throw std::runtime_error(std::string("demo post ") + p.title + ": " + post.error().message);
    posts.push_back(post->id);
  }
  (void)board.AddComment(admin, hub, posts.at(0), "Le fourgon de Mobilité Pour Tous pourrait convenir : à voir en revue de projets.");
  cooperation::CooperationInput by_hand;
  by_hand.title = "Chantier d'insertion commun : agencement bois";
  by_hand.started_on = "2025-09-01";
  by_hand.member_ids = {std::to_string(ids.at(1).value), std::to_string(ids.at(12).value)};
  auto recorded = board.RecordCooperation(admin, hub, by_hand);
  if (!recorded.ok()) throw std::runtime_error("demo cooperation: " + recorded.error().message);
  // The accounting pair, accepted: it becomes a cooperation and leaves the suggestions.
  const std::string key = "post:" + std::to_string(posts.at(4).value) + "-post:" + std::to_string(posts.at(5).value);
  (void)board.AcceptSuggestion(admin, hub, key);
}

}  // namespace coopole::app
