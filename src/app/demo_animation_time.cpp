// The demo hub's animation: collective time. Rates (hub default 25 €/h, volunteers 15 €/h,
// two organisations' declared costs), the Ressourcerie des Alpes carrying the hub with 2,5
// FTE, two volunteers (one with an own rate), and time logged by hand: validated (one of
// them compensated), pending and refused. Attendance comes from the events demo.
#include <stdexcept>

#include "coopole/animation/time.h"
#include "coopole/core/time_zone.h"
#include "demo.h"

namespace coopole::app {
namespace {

template <typename T>
T Must(Result<T> result, const char* what) {
  if (result.ok()) return std::move(result).value();
  std::string detail;
  for (const auto& [field, key] : result.error().fields) detail += " " + field + "=" + key;
  throw std::runtime_error(std::string("demo time: ") + what + ": " + result.error().message + detail);
}

}  // namespace

void LoadTimeDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                  const std::vector<MemberId>& ids) {
  using namespace animation;
  auto& time = app.collective_time();
  const Date today = hubs::TodayIn(SystemClock(), hub.hub);
  auto day = [&today](int offset) { return FormatIsoDate(AddDays(today, offset)); };
  // The first person of a demo member (each has one).
  auto person_of = [&](std::size_t index) {
    auto people = Must(app.members().ListPeople(admin, hub, ids.at(index)), "people");
    if (people.empty()) throw std::runtime_error("demo time: no person for member " + std::to_string(index));
    return std::to_string(people.front().id.value);
  };

  Must(time.SaveSettings(admin, hub,
                         {.default_hourly = "25", .volunteer_hourly = "15", .staff_fte = "2,5",
                          .carrier_member_id = std::to_string(ids.at(0).value)}),
       "settings");
  Must(time.SetMemberRate(admin, hub, ids.at(1), "32"), "rate Atelier Bois");
  Must(time.SetMemberRate(admin, hub, ids.at(4), "38,50"), "rate Énergie Citoyenne");
  // Two volunteers: Marc Lefèvre without an own rate, Pierre Fabre at 12 €/h.
  Must(time.SetPersonRate(admin, hub, PersonId{std::stoll(person_of(7))}, true, ""), "volunteer");
  Must(time.SetPersonRate(admin, hub, PersonId{std::stoll(person_of(5))}, true, "12"), "volunteer with rate");

  auto log = [&](std::size_t member, int offset, const char* duration, const char* kind, const char* note) {
    TimeEntryInput in;
    in.person_id = person_of(member);
    in.on_date = day(offset);
    in.duration = duration;
    in.kind = kind;
    in.note = note;
    return Must(time.CreateEntry(admin, hub, in), "entry");
  };
  auto prep = log(0, -20, "3", "preparation", "Préparation de l’assemblée générale : ordre du jour, convocations");
  Must(time.Decide(admin, hub, prep.id, true, ""), "validate");
  auto travel = log(1, -15, "1:30", "travel", "Aller-retour pour la visite apprenante à Lyon");
  Must(time.Decide(admin, hub, travel.id, true, ""), "validate");
  auto compensated = log(2, -12, "2,5", "preparation", "Préparation du petit-déjeuner d’accueil");
  Must(time.Decide(admin, hub, compensated.id, true, ""), "validate");
  CompensateInput compensate;
  compensate.entry_ids.push_back(compensated.id.value);
  Must(time.Compensate(admin, hub, compensate), "compensate");
  auto refused = log(3, -9, "6", "other", "Tenue du stand au salon régional de l’emploi");
  Must(time.Decide(admin, hub, refused.id, false, "Salon hors du programme d’animation du pôle"), "refuse");
  log(4, -4, "2", "preparation", "Préparation de l’atelier énergie du groupe de travail");
  log(6, -2, "45 min", "travel", "Déplacement vers la réunion des partenaires");
}

}  // namespace coopole::app
