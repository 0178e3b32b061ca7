// Demo projects of the Grenoble hub across the stages, a held project review with its
// decisions and follow-ups, a planned one, and a spreading record. Dates are relative to
// today so that the overdue follow-up stays overdue.
#include <stdexcept>

#include "coopole/core/time_zone.h"
#include "coopole/cooperation/projects.h"
#include "demo.h"

namespace coopole::app {
namespace {

using cooperation::Fields;
using cooperation::ProjectId;

void Must(const Status& status, const std::string& what) {
  if (!status.ok()) throw std::runtime_error("demo " + what + ": " + status.error().message);
}

template <typename T>
T Must(Result<T> result, const std::string& what) {
  if (!result.ok()) throw std::runtime_error("demo " + what + ": " + result.error().message);
  return std::move(result).value();
}

}  // namespace

void LoadProjectsDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                      const std::vector<MemberId>& ids) {
  auto& projects = app.projects();
  auto id_of = [&ids](std::size_t index) { return std::to_string(ids.at(index).value); };
  const Date today = hubs::TodayIn(SystemClock(), hub.hub);
  auto day = [&today](int offset) { return FormatIsoDate(AddDays(today, offset)); };

  auto create = [&](const std::string& title, const std::string& summary, std::size_t lead) {
    return Must(projects.CreateProject(admin, hub, {{"title", title}, {"summary", summary}, {"lead_member_id", id_of(lead)}}),
                "project " + title)
        .id;
  };
  auto partner = [&](ProjectId p, std::size_t member, const std::string& role) {
    Must(projects.AddPartner(admin, hub, p, {{"member_id", id_of(member)}, {"role", role}}), "partner");
  };
  auto budget = [&](ProjectId p, const std::string& label, const std::string& amount, const std::string& kind = "expense") {
    Must(projects.AddBudgetLine(admin, hub, p, {{"label", label}, {"amount", amount}, {"kind", kind}}), "budget " + label);
  };
  auto fund = [&](ProjectId p, const std::string& funder, bool is_public, const std::string& amount, const std::string& status) {
    Must(projects.AddFunding(admin, hub, p, {{"funder", funder}, {"public", is_public ? "1" : "0"}, {"amount", amount}, {"status", status}}),
         "funding " + funder);
  };
  auto move = [&](ProjectId p, const std::string& stage, const std::string& reason = "") {
    Fields in{{"stage", stage}};
    if (!reason.empty()) in["reason"] = reason;
    Must(projects.MoveStage(admin, hub, p, in), "move to " + stage);
  };
  auto milestone = [&](ProjectId p, const std::string& title, int offset) {
    Must(projects.AddMilestone(admin, hub, p, {{"title", title}, {"due_on", day(offset)}}), "milestone " + title);
  };

  // 1. Running: the shared refrigerated logistics.
  auto cold = create("Logistique frigorifique partagée",
                     "Un camion frigorifique et une chambre froide mutualisés pour livrer les paniers, les repas et le pain "
                     "des structures du pôle.",
                     11);
  partner(cold, 2, "Production maraîchère");
  partner(cold, 24, "Livraisons du dernier kilomètre");
  partner(cold, 5, "Pain et viennoiseries");
  move(cold, "feasibility");
  budget(cold, "Camion frigorifique d'occasion", "48000");
  budget(cold, "Aménagement de la chambre froide", "12000");
  budget(cold, "Participation des utilisateurs (première année)", "6000", "income");
  move(cold, "experiment");
  fund(cold, "Région Auvergne-Rhône-Alpes", true, "30000", "paid");
  fund(cold, "Grenoble-Alpes Métropole", true, "12000", "agreed");
  fund(cold, "Banque Coopérative du Dauphiné (prêt)", false, "12000", "agreed");
  milestone(cold, "Mise en service du camion", -60);
  move(cold, "running");
  auto cold_now = Must(projects.GetProject(admin, hub, cold), "read");
  Must(projects.UpdateProject(admin, hub, cold, cold_now.version,
                              {{"jobs_fte", "1,5"}, {"jobs_insertion_fte", "1"}, {"start_on", day(-45)}}),
       "jobs");
  Must(projects.AddDocument(admin, hub, cold, {{"title", "Étude de faisabilité (PDF)"}, {"url", "https://example.org/etude-logistique.pdf"}}),
       "document");

  // 2. Experiment: the re-use workshop for building materials.
  auto reuse = create("Atelier de réemploi des matériaux",
                      "Collecter les chutes et matériaux de chantier pour les remettre en état et les revendre.", 0);
  partner(reuse, 12, "Apport de matériaux");
  partner(reuse, 1, "Remise en état");
  partner(reuse, 10, "Formation des salariés en insertion");
  move(reuse, "feasibility");
  budget(reuse, "Location d'un entrepôt (1 an)", "18000");
  budget(reuse, "Outillage", "7000");
  move(reuse, "experiment");
  fund(reuse, "ADEME", true, "12000", "requested");
  fund(reuse, "Fondation Habitat Digne", false, "5000", "agreed");
  milestone(reuse, "Premier chantier test", 20);

  // 3. Feasibility: the local food canteen for the schools.
  auto canteen = create("Cantine locale des écoles d'Échirolles",
                        "Approvisionner deux écoles avec les légumes des Jardins et les repas de la Cantine Mistral.", 2);
  partner(canteen, 7, "Commanditaire");
  partner(canteen, 11, "Cuisine");
  move(canteen, "feasibility");

  // 4. Idea: the inter-company concierge service.
  create("Conciergerie inter-entreprises", "Étendre la conciergerie aux zones d'activités de Crolles et Montbonnot.", 13);

  // 5. Spreading: the mobile solidarity garage, replicated in the Trièves.
  auto garage = create("Garage solidaire mobile",
                       "Un atelier mécanique itinérant pour les personnes éloignées de l'emploi sans véhicule fiable.", 6);
  partner(garage, 3, "Orientation des salariés");
  move(garage, "running", "Projet déjà financé et démarré avant son entrée au pôle");
  auto garage_now = Must(projects.GetProject(admin, hub, garage), "read");
  Must(projects.UpdateProject(admin, hub, garage, garage_now.version, {{"jobs_fte", "2"}, {"jobs_insertion_fte", "1,5"}}), "jobs");
  move(garage, "spreading");
  Must(projects.AddSpreading(admin, hub, garage,
                             {{"territory", "Trièves"}, {"commune_insee", "38226"}, {"spread_on", day(-30)},
                              {"adaptations", "Tournées hebdomadaires au lieu de quotidiennes ; partenariat avec la communauté de communes."},
                              {"contact", "Nadia Haddad"}}),
       "spreading");

  // 6. Abandoned.
  auto lab = create("Tiers-lieu numérique itinérant", "Un bus équipé pour les formations au numérique dans les villages.", 21);
  move(lab, "abandoned", "Pas de véhicule adapté disponible ; repris dans le projet de la Fabrique Numérique.");

  // A held review with decisions and follow-ups (one overdue), and a planned one.
  auto held = Must(projects.CreateReview(admin, hub, {{"title", "Revue de projets du trimestre"}, {"held_on", day(-20)},
                                                      {"attendees", "Coordination du pôle, Claire Dubois, Sophie Martin, Yasmine Cherif, Marc Lefèvre"}}),
                   "review");
  Must(projects.AddReviewItem(admin, hub, held.id, {{"project_id", std::to_string(reuse.value)}}), "item");
  Must(projects.AddReviewItem(admin, hub, held.id, {{"project_id", std::to_string(canteen.value)}}), "item");
  Must(projects.AddReviewItem(admin, hub, held.id,
                              {{"title", "Achats groupés de produits d'entretien écologiques"},
                               {"member_ids", id_of(15) + "," + id_of(0)}}),
       "item");
  auto session = Must(projects.GetReview(admin, hub, held.id), "read review");
  const auto reuse_item = session.items.at(0).id, canteen_item = session.items.at(1).id, topic = session.items.at(2).id;
  Must(projects.SetDecision(admin, hub, held.id, reuse_item, {{"decision", "Poursuivre l'expérimentation ; relancer l'ADEME avant la fin du mois."}}), "decision");
  Must(projects.AddFollowUp(admin, hub, held.id, reuse_item, {{"member_id", id_of(0)}, {"person", "Claire Dubois"}, {"what", "Relancer l'ADEME"}, {"due_on", day(-5)}}), "follow-up");
  Must(projects.SetDecision(admin, hub, held.id, canteen_item, {{"decision", "Chiffrer le coût d'un repas et présenter l'étude au conseil municipal."}}), "decision");
  Must(projects.AddFollowUp(admin, hub, held.id, canteen_item, {{"member_id", id_of(11)}, {"what", "Chiffrer le coût d'un repas"}, {"due_on", day(15)}}), "follow-up");
  Must(projects.AddFollowUp(admin, hub, held.id, canteen_item, {{"member_id", id_of(7)}, {"person", "Marc Lefèvre"}, {"what", "Inscrire le projet à l'ordre du jour du conseil"}, {"due_on", day(-25)}}), "follow-up");
  session = Must(projects.GetReview(admin, hub, held.id), "read review");
  for (const auto& item : session.items)
    for (const auto& f : item.follow_ups)
      if (f.what == "Inscrire le projet à l'ordre du jour du conseil") Must(projects.CompleteFollowUp(admin, hub, held.id, f.id, {{"done_on", day(-22)}}), "done");
  Must(projects.SetDecision(admin, hub, held.id, topic, {{"decision", "Groupement de commandes à tester sur six mois."}}), "decision");
  Must(projects.UpdateReview(admin, hub, held.id, session.version,
                             {{"status", "held"},
                              {"minutes", "Trois points examinés. L'atelier de réemploi avance ; la cantine des écoles attend le chiffrage. "
                                          "Le groupement d'achats sera testé par Nettoyage Éthique Services et la Ressourcerie."}}),
       "minutes");
  auto planned = Must(projects.CreateReview(admin, hub, {{"title", "Prochaine revue de projets"}, {"held_on", day(25)}}), "review");
  Must(projects.AddReviewItem(admin, hub, planned.id, {{"project_id", std::to_string(cold.value)}}), "item");
}

}  // namespace coopole::app
