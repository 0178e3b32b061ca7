#include "demo.h"

#include <stdexcept>

#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/core/time_zone.h"
#include "coopole/members/members.h"
#include "coopole/pooling/pooling.h"

namespace coopole::app {
namespace {

struct DemoMember {
  const char* name;
  const char* legal_form;
  const char* ess;
  const char* insertion;
  const char* sectors;
  const char* insee;
  const char* qpv;
  const char* fte;
  const char* insertion_headcount;
  const char* join_date;
  const char* college;
  const char* description;
  const char* person;
  const char* person_role;
};

// Fictional organisations in real communes of Grenoble-Alpes-Métropole and the Voironnais.
constexpr DemoMember kMembers[] = {
    {"Ressourcerie des Alpes", "association", "oui", "aci", "38.32Z 47.79Z", "38185", "oui", "18,5", "12", "2021-03-15", "Structures de l'ESS", "Collecte, tri et revente d'objets de seconde main ; ateliers de réparation.", "Claire Dubois", "Directrice"},
    {"Atelier Bois & Compagnie", "scop", "oui", "ei", "16.23Z 43.32A", "38151", "oui", "9", "5", "2021-03-15", "Structures de l'ESS", "Menuiserie d'insertion : mobilier sur mesure et agencement.", "Karim Benali", "Gérant"},
    {"Jardins de la Solidarité", "association", "oui", "aci", "01.13Z 81.30Z", "38421", "non", "14", "10", "2021-06-01", "Structures de l'ESS", "Maraîchage biologique en insertion, paniers hebdomadaires.", "Sophie Martin", "Coordinatrice"},
    {"Intérim Solidaire Isère", "sas", "oui", "etti", "78.20Z", "38185", "non", "6", "40", "2021-09-20", "Structures de l'ESS", "Entreprise de travail temporaire d'insertion.", "Julien Roux", "Responsable d'agence"},
    {"Coopérative Énergie Citoyenne", "scic", "oui", "", "35.11Z 70.22Z", "38563", "non", "4,5", "", "2022-01-10", "Entreprises", "Production d'énergie renouvelable portée par les habitants.", "Élodie Garnier", "Chargée de projets"},
    {"Boulangerie du Vercors", "sarl", "non", "", "10.71C", "38545", "non", "7", "", "2022-02-14", "Entreprises", "Boulangerie artisanale, accueille des stagiaires en insertion.", "Pierre Fabre", "Artisan"},
    {"Mobilité Pour Tous", "association", "oui", "ai", "49.39B 77.11A", "38169", "oui", "5", "22", "2022-03-01", "Structures de l'ESS", "Location solidaire de véhicules et garage associatif.", "Nadia Haddad", "Directrice"},
    {"Ville d'Échirolles", "local_authority", "non", "", "84.11Z", "38151", "non", "", "", "2021-03-15", "Collectivités", "Commune partenaire : locaux et soutien au pôle.", "Marc Lefèvre", "Chargé de mission économie"},
    {"Grenoble-Alpes Métropole — Service ESS", "local_authority", "non", "", "84.11Z", "38185", "non", "", "", "2021-03-15", "Collectivités", "Service économie sociale et solidaire de la Métropole.", "Anne Giraud", "Responsable ESS"},
    {"Laboratoire Territoires en Transition", "research", "non", "", "72.20Z", "38421", "non", "3", "", "2022-05-12", "Recherche et formation", "Équipe universitaire d'économie territoriale.", "Thomas Perrin", "Maître de conférences"},
    {"Formations Nouvelles Compétences", "training", "oui", "", "85.59A", "38185", "non", "8", "", "2022-06-30", "Recherche et formation", "Organisme de formation aux métiers du réemploi et du bâtiment.", "Isabelle Morel", "Directrice pédagogique"},
    {"Cantine Partagée Mistral", "scic", "oui", "ei", "56.10A 56.29A", "38185", "oui", "11", "6", "2022-09-05", "Structures de l'ESS", "Restaurant d'insertion et traiteur pour les entreprises.", "Yasmine Cherif", "Cheffe de cuisine"},
    {"Éco-Construction Dauphiné", "sas", "non", "", "41.20A 43.39Z", "38565", "non", "23", "", "2022-10-17", "Entreprises", "Construction bois et rénovation énergétique.", "Laurent Bonnet", "Président"},
    {"Conciergerie du Grésivaudan", "association", "oui", "", "96.09Z", "38229", "non", "2,5", "", "2023-01-09", "Structures de l'ESS", "Services aux salariés des entreprises du territoire.", "Camille Roche", "Animatrice"},
    {"Repair Café Fontaine", "association", "oui", "", "95.29Z", "38169", "oui", "0,5", "", "2023-02-01", "Structures de l'ESS", "Ateliers de réparation bénévoles chaque samedi.", "Bernard Michel", "Président bénévole"},
    {"Nettoyage Éthique Services", "sas", "oui", "ei", "81.21Z", "38382", "non", "15", "9", "2023-03-20", "Structures de l'ESS", "Entretien de locaux avec produits écologiques.", "Fatou Diallo", "Responsable d'exploitation"},
    {"Fondation Habitat Digne", "foundation", "oui", "", "68.20B 87.90B", "38185", "non", "6", "", "2023-04-04", "Structures de l'ESS", "Logement d'insertion et accompagnement des ménages.", "Hélène Vidal", "Déléguée territoriale"},
    {"Cabinet Comptable Coopératif", "scop", "oui", "", "69.20Z", "38185", "non", "12", "", "2023-05-15", "Entreprises", "Expertise comptable pour les structures de l'ESS.", "Olivier Chevalier", "Expert-comptable"},
    {"Les Ateliers du Pont", "association", "oui", "ea", "25.62B 82.92Z", "38317", "non", "30", "", "2023-06-01", "Structures de l'ESS", "Entreprise adaptée : sous-traitance industrielle et conditionnement.", "Rachid Mansouri", "Directeur"},
    {"Studio Graphique Solidaire", "sarl", "oui", "", "74.10Z 73.11Z", "38421", "non", "3", "", "2023-09-11", "Entreprises", "Design et communication pour les associations.", "Léa Fontaine", "Graphiste"},
    {"Aide à Domicile Vizille", "association", "oui", "", "88.10A", "38562", "non", "42", "", "2023-10-02", "Structures de l'ESS", "Services d'aide à domicile pour les personnes âgées.", "Monique Blanc", "Directrice"},
    {"La Fabrique Numérique", "scic", "oui", "", "62.01Z 85.59B", "38185", "oui", "4", "", "2024-01-15", "Structures de l'ESS", "Tiers-lieu numérique et formations aux outils libres.", "Hugo Lambert", "Animateur"},
    {"Théâtre de la Rue Haute", "association", "oui", "", "90.01Z", "38474", "non", "2", "", "2024-03-18", "Structures de l'ESS", "Compagnie de théâtre et actions culturelles de quartier.", "Manon Petit", "Administratrice"},
    {"Banque Coopérative du Dauphiné", "cooperative", "oui", "", "64.19Z", "38185", "non", "", "", "2024-05-06", "Financeurs", "Agence bancaire partenaire, prêts aux structures du pôle.", "François Mercier", "Chargé d'affaires"},
    {"Transports Doux Voironnais", "scop", "oui", "", "49.42Z 53.20Z", "38563", "non", "8", "", "2024-09-09", "Entreprises", "Déménagements et livraisons à vélo-cargo.", "Antoine Girard", "Cogérant"},
};

// Pooled resources of the demo hub and a few bookings in the coming weeks. `ids` are the
// organisations of kMembers, in order.
void LoadPoolingDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                     const std::vector<members::MemberId>& ids) {
  auto& pooling = app.pooling();
  auto id_of = [&ids](std::size_t index) { return std::to_string(ids.at(index).value); };
  auto publish = [&](pooling::ResourceInput in) {
    auto resource = pooling.CreateResource(admin, hub, in);
    if (!resource.ok()) {
      std::string detail;
      for (const auto& [f, k] : resource.error().fields) detail += " " + f + "=" + k;
      throw std::runtime_error("demo resource " + in.name.value_or("") + ":" + detail);
    }
    return resource->id;
  };
  pooling::ResourceInput room;
  room.kind = "premises";
  room.category = "room";
  room.name = "Salle Belledonne";
  room.description = "Salle de réunion lumineuse au rez-de-chaussée de la maison du pôle : écran, tableau blanc, "
                     "accès de plain-pied.";
  room.owner_member_id = "";
  room.capacity = "12";
  room.location = "Maison du pôle, 12 rue des Alpes, Grenoble";
  room.opening_hours = "lun-ven 08:00-19:00";
  room.price_unit = "hour";
  room.price_member = "15";
  room.price_non_member = "25";
  room.price_solidarity = "8";
  room.approval_required = "0";
  const auto room_id = publish(room);

  pooling::ResourceInput van;
  van.kind = "equipment";
  van.category = "vehicle";
  van.name = "Camion frigorifique";
  van.description = "Fourgon 12 m³ réfrigéré (0 à 4 °C), permis B. Plein à refaire au retour.";
  van.owner_member_id = id_of(11);  // Cantine Partagée Mistral
  van.capacity = "3";
  van.location = "Parking de la Cantine Partagée Mistral, Grenoble";
  van.price_unit = "day";
  van.price_member = "60";
  van.approval_required = "1";
  const auto van_id = publish(van);

  pooling::ResourceInput workshop;
  workshop.kind = "premises";
  workshop.category = "workshop";
  workshop.name = "Atelier bois partagé";
  workshop.description = "Atelier équipé (scie à format, raboteuse, établis) ouvert aux structures formées.";
  workshop.owner_member_id = id_of(1);  // Atelier Bois & Compagnie
  workshop.capacity = "6";
  workshop.location = "Échirolles";
  workshop.opening_hours = "lun-ven 08:00-18:00; sam 09:00-12:00";
  workshop.price_unit = "half_day";
  workshop.price_member = "40";
  workshop.prerequisite = "Formation sécurité machines";
  const auto workshop_id = publish(workshop);
  (void)pooling.GrantPrerequisite(admin, hub, workshop_id, ids.at(12));  // Éco-Construction Dauphiné

  pooling::ResourceInput skill;
  skill.kind = "skill";
  skill.name = "Accompagnement comptable des structures de l'ESS";
  skill.description = "Une experte-comptable aide à préparer un budget, un plan de trésorerie ou un dossier de "
                      "subvention.";
  skill.owner_member_id = id_of(17);  // Cabinet Comptable Coopératif
  skill.price_unit = "hour";
  skill.price_member = "45";
  skill.price_solidarity = "30";
  publish(skill);

  // Bookings on the next working days, in Paris time.
  auto zone = TimeZone::Load(hub.hub.time_zone);
  if (!zone) zone = TimeZone::Fixed("UTC", 0);
  const Date today = zone->ToLocal(SystemClock().Now()).date;
  auto next = [&today](int weekday, int weeks_later) {
    Date day = AddDays(today, 1);
    while (IsoWeekday(day) != weekday) day = AddDays(day, 1);
    return AddDays(day, 7 * weeks_later);
  };
  auto at = [](Date day, const char* time) { return FormatIsoDate(day) + "T" + time; };
  auto book = [&](pooling::ResourceId resource, std::size_t member, const char* title, Date day, const char* from,
                  const char* to, const char* attendees, const char* recurrence = "", std::optional<Date> until = {}) {
    pooling::BookingInput in;
    in.resource_id = std::to_string(resource.value);
    in.member_id = id_of(member);
    in.title = title;
    in.starts_at = at(day, from);
    in.ends_at = at(day, to);
    in.attendees = attendees;
    in.recurrence = recurrence;
    if (until) in.recurrence_until = FormatIsoDate(*until);
    auto outcome = pooling.BookResource(admin, hub, in, pooling::BookingMode::kSkipConflicts);
    if (!outcome.ok()) throw std::runtime_error(std::string("demo booking ") + title + ": " + outcome.error().message);
  };
  book(room_id, 0, "Comité de pilotage", next(2, 0), "09:00", "12:00", "10");
  book(room_id, 1, "Réunion d'équipe", next(4, 0), "14:00", "16:30", "6");
  book(room_id, 2, "Point hebdomadaire des maraîchers", next(1, 0), "08:30", "09:30", "5", "weekly",
       next(1, 3));
  book(room_id, 10, "Formation réemploi", next(3, 1), "09:00", "17:00", "12");
  book(van_id, 0, "Collecte des invendus alimentaires", next(3, 0), "08:00", "18:00", "2");
  book(workshop_id, 12, "Fabrication de bacs potagers", next(5, 1), "08:00", "12:00", "4");
  // A request awaiting the van owner's approval, made by the staff of another member.
  pooling::BookingInput request;
  request.resource_id = std::to_string(van_id.value);
  request.member_id = id_of(2);
  request.title = "Livraison des paniers";
  request.starts_at = at(next(5, 0), "07:00");
  request.ends_at = at(next(5, 0), "13:00");
  hubs::HubContext as_member = hub;
  as_member.access = identity::HubAccess{hub.hub.id, identity::Role::kMember, ids.at(2)};
  identity::Actor member_actor = admin;
  member_actor.is_admin = false;
  auto pending = pooling.BookResource(member_actor, as_member, request, pooling::BookingMode::kAllOrNothing);
  if (!pending.ok()) throw std::runtime_error("demo booking request: " + pending.error().message);
}

}  // namespace

bool IsEmpty(Application& app) {
  // An admin actor sees every hub.
  return app.hubs().ListForActor(identity::Actor{.is_admin = true}).empty();
}

DemoLogin LoadDemo(Application& app) {
  auto& identity = app.identity();
  const DemoLogin login{"coordination@demo.coopole.fr", "demo-coopole"};
  auto admin = identity.CreateUser({.email = "admin@demo.coopole.fr", .name = "Administration", .password = "admin-demo-coopole", .is_admin = true});
  if (!admin.ok()) throw std::runtime_error("demo admin: " + admin.error().message);
  identity::Actor admin_actor{.user = admin->id, .name = admin->name, .email = admin->email, .is_admin = true,
                              .request_id = "demo"};
  auto hub = app.hubs().CreateHub(admin_actor, {.slug = "demo", .name = "Pôle Alpes Coopération (démo)",
                                                .territory = "Grenoble-Alpes Métropole et Pays Voironnais",
                                                .description = "Pôle de démonstration : structures de l'ESS, entreprises, collectivités et organismes de recherche qui mutualisent et coopèrent.",
                                                .time_zone = "Europe/Paris"});
  if (!hub.ok()) throw std::runtime_error("demo hub: " + hub.error().message);
  auto context = app.hubs().Resolve(admin_actor, "demo");
  if (!context.ok()) throw std::runtime_error("demo hub not resolvable");

  std::vector<members::MemberId> ids;
  for (const auto& m : kMembers) {
    members::MemberInput in;
    in.name = m.name;
    in.legal_form = m.legal_form;
    in.is_ess = m.ess;
    in.insertion_type = m.insertion;
    in.sectors = m.sectors;
    in.commune_insee = m.insee;
    in.priority_area = m.qpv;
    in.fte = m.fte;
    in.insertion_headcount = m.insertion_headcount;
    in.join_date = m.join_date;
    in.college = m.college;
    in.charter_accepted_on = m.join_date;
    in.description = m.description;
    auto created = app.members().CreateMember(admin_actor, *context, in);
    if (!created.ok()) {
      std::string detail;
      for (const auto& [f, k] : created.error().fields) detail += " " + f + "=" + k;
      throw std::runtime_error(std::string("demo member ") + m.name + ":" + detail);
    }
    ids.push_back(created->id);
    members::PersonInput person;
    person.name = m.person;
    person.role = m.person_role;
    auto added = app.members().AddPerson(admin_actor, *context, created->id, person);
    if (!added.ok()) throw std::runtime_error(std::string("demo person of ") + m.name);
  }
  auto lead = app.hubs().UpdateHub(admin_actor, *context, context->hub.version,
                                   {.lead_member = std::to_string(ids.front().value)});
  if (!lead.ok()) throw std::runtime_error("demo lead member: " + lead.error().message);

  auto coordinator = identity.CreateUser({.email = login.email, .name = "Coordination du pôle", .password = login.password});
  auto member_user = identity.CreateUser({.email = "ressourcerie@demo.coopole.fr", .name = "Claire Dubois", .password = "demo-coopole"});
  auto observer = identity.CreateUser({.email = "financeur@demo.coopole.fr", .name = "Région (observateur)", .password = "demo-coopole"});
  // Staff of the Cantine Partagée Mistral, which lends the refrigerated van.
  auto van_owner = identity.CreateUser({.email = "cantine@demo.coopole.fr", .name = "Yasmine Cherif", .password = "demo-coopole"});
  if (!coordinator.ok() || !member_user.ok() || !observer.ok() || !van_owner.ok()) throw std::runtime_error("demo users");
  (void)identity.GrantRole(coordinator->id, hub->id, identity::Role::kCoordinator, std::nullopt);
  (void)identity.GrantRole(member_user->id, hub->id, identity::Role::kMember, ids.front());
  (void)identity.GrantRole(observer->id, hub->id, identity::Role::kObserver, std::nullopt);
  (void)identity.GrantRole(van_owner->id, hub->id, identity::Role::kMember, ids.at(11));

  LoadPoolingDemo(app, admin_actor, *context, ids);
  LoadBoardDemo(app, admin_actor, *context, ids);
  LoadProjectsDemo(app, admin_actor, *context, ids);
  LoadBidsDemo(app, admin_actor, *context, ids);
  LoadGroupsDemo(app, admin_actor, *context, ids);
  LoadEventsDemo(app, admin_actor, *context, ids);
  LoadTimeDemo(app, admin_actor, *context, ids);
  return login;
}

}  // namespace coopole::app
