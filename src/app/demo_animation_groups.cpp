// The demo hub's animation, groups part: three working groups (sustainable food, inclusive
// mobility, employment and insertion) with their organisations, people, leads, a few
// decisions and document links; and two newcomers whose welcome checklist is under way.
#include <stdexcept>

#include "coopole/animation/groups.h"
#include "coopole/core/time_zone.h"
#include "demo.h"

namespace coopole::app {
namespace {

template <typename T>
T Must(Result<T> result, const char* what) {
  if (result.ok()) return std::move(result).value();
  std::string detail;
  for (const auto& [field, key] : result.error().fields) detail += " " + field + "=" + key;
  throw std::runtime_error(std::string("demo groups: ") + what + ": " + result.error().message + detail);
}

}  // namespace

void LoadGroupsDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                    const std::vector<MemberId>& ids) {
  using namespace animation;
  auto& groups = app.groups();
  auto id_of = [&ids](std::size_t index) { return std::to_string(ids.at(index).value); };
  // The people of the directory by organisation (each demo member has its contact person).
  const auto people = Must(groups.PeopleChoices(admin, hub), "people");
  auto people_of = [&](std::initializer_list<std::size_t> indexes) {
    std::vector<std::string> out;
    for (auto index : indexes)
      for (const auto& p : people)
        if (p.member == ids.at(index)) out.push_back(std::to_string(p.id.value));
    return out;
  };
  const Date today = hubs::TodayIn(SystemClock(), hub.hub);
  auto day = [&today](int offset) { return FormatIsoDate(AddDays(today, offset)); };

  // Sustainable food: the shared canteen leads, with the gardens, the bakery and the Ressourcerie.
  GroupInput food;
  food.name = "Alimentation durable";
  food.theme = "Circuits courts et restauration collective";
  food.description = "Approvisionner les cantines du territoire en produits locaux et réduire le gaspillage.";
  food.member_ids = std::vector<std::string>{id_of(11), id_of(2), id_of(5), id_of(0)};
  food.person_ids = people_of({11, 2, 5});
  food.lead_member_id = id_of(11);
  food.lead_person_id = people_of({11}).front();
  auto food_group = Must(groups.CreateGroup(admin, hub, food), "food");
  Must(groups.AddDecision(admin, hub, food_group.id,
                          {day(-40), "Commande groupée de légumes des Jardins pour la cantine Mistral dès janvier.", ""}),
       "food decision");
  Must(groups.AddDecision(admin, hub, food_group.id,
                          {day(-12), "Lancer un atelier anti-gaspillage avec la Ressourcerie au printemps.", ""}),
       "food decision 2");
  Must(groups.AddLink(admin, hub, food_group.id, {"Compte rendu de lancement", "https://pad.example.org/alimentation-durable"}),
       "food link");

  // Inclusive mobility: Mobilité Pour Tous leads, with the Voiron transport cooperative and the metropolis.
  GroupInput mobility;
  mobility.name = "Mobilité solidaire";
  mobility.theme = "Déplacements domicile-travail des salariés en insertion";
  mobility.description = "Covoiturage, prêt de vélos et navettes vers les zones d'activité.";
  mobility.member_ids = std::vector<std::string>{id_of(6), id_of(24), id_of(8)};
  mobility.person_ids = people_of({6, 24});
  mobility.lead_member_id = id_of(6);
  mobility.lead_person_id = people_of({6}).front();
  auto mobility_group = Must(groups.CreateGroup(admin, hub, mobility), "mobility");
  Must(groups.AddDecision(admin, hub, mobility_group.id,
                          {day(-25), "Étude des besoins de transport auprès de 60 salariés en insertion.", ""}),
       "mobility decision");
  Must(groups.AddLink(admin, hub, mobility_group.id,
                      {"Questionnaire mobilité", "https://forms.example.org/mobilite-solidaire"}),
       "mobility link");

  // Employment and insertion: the solidarity temp agency leads.
  GroupInput employment;
  employment.name = "Emploi et insertion";
  employment.theme = "Parcours vers l'emploi durable";
  employment.description = "Partager les offres, les formations et les immersions entre structures d'insertion.";
  employment.member_ids = std::vector<std::string>{id_of(3), id_of(1), id_of(10), id_of(15)};
  employment.person_ids = people_of({3, 10});
  employment.lead_member_id = id_of(3);
  employment.lead_person_id = people_of({3}).front();
  auto employment_group = Must(groups.CreateGroup(admin, hub, employment), "employment");
  Must(groups.AddDecision(admin, hub, employment_group.id,
                          {day(-60), "Bourse commune des offres d'immersion, mise à jour chaque mois.", ""}),
       "employment decision");

  // Two newcomers with their welcome under way: the cooperative bank was introduced to the
  // members (charter accepted at joining); the Voiron transport cooperative has a buddy.
  Must(groups.UpdateWelcome(admin, hub, ids.at(23), 0, {.introduced_on = day(-20), .buddy_member_id = std::nullopt}),
       "welcome bank");
  Must(groups.UpdateWelcome(admin, hub, ids.at(24), 0, {.buddy_member_id = id_of(6)}), "welcome transport");
}

}  // namespace coopole::app
