// Joint bids of the demo hub: a public tender being prepared (deadline in 10 days, three
// co-contractors), a call for projects won with its contract and a 5 % hub share, two
// invoice declarations, and one call issued and partly paid, so that arrears show.
#include <stdexcept>

#include "coopole/cooperation/bids.h"
#include "coopole/core/time_zone.h"
#include "demo.h"

namespace coopole::app {
namespace {

template <typename T>
T Must(Result<T> result, const char* what) {
  if (result.ok()) return std::move(result).value();
  std::string detail;
  for (const auto& [field, key] : result.error().fields) detail += " " + field + "=" + key;
  throw std::runtime_error(std::string("demo bids: ") + what + ": " + result.error().message + detail);
}

}  // namespace

void LoadBidsDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                  const std::vector<MemberId>& ids) {
  using namespace cooperation;
  auto& bids = app.bids();
  auto id_of = [&ids](std::size_t index) { return std::to_string(ids.at(index).value); };
  const Date today = hubs::TodayIn(SystemClock(), hub.hub);
  auto day = [&today](int offset) { return FormatIsoDate(AddDays(today, offset)); };

  // A public tender being prepared: Éco-Construction Dauphiné leads, with the Atelier Bois
  // (insertion) and Nettoyage Éthique Services as subcontractor.
  BidInput tender;
  tender.kind = "tender";
  tender.title = "Rénovation énergétique du groupe scolaire Jean-Jaurès";
  tender.buyer = "Ville de Saint-Martin-d'Hères";
  tender.reference = "MAPA-2026-017";
  tender.deadline = day(10) + "T12:00";
  tender.amount = "186000";
  tender.lead_member_id = id_of(12);
  tender.members = std::vector<CoContractorInput>{
      {id_of(12), "5500", ""}, {id_of(1), "3000", "co_contractor"}, {id_of(15), "1500", "subcontractor"}};
  tender.lots = std::vector<LotInput>{{"Lot 1 — Isolation et menuiseries bois", "132000"},
                                      {"Lot 2 — Nettoyage de fin de chantier", "54000"}};
  tender.notes = "Clause d'insertion : 1 200 heures. Visite obligatoire du site.";
  auto prepared = Must(bids.CreateBid(admin, hub, tender), "tender").bid;
  prepared = Must(bids.ChangeStatus(admin, hub, prepared.id, prepared.version, "preparing"), "tender status");
  Must(bids.AddChecklistItem(admin, hub, prepared.id, "DC1 et DC2 signés par chaque cotraitant", ""), "checklist");
  Must(bids.AddChecklistItem(admin, hub, prepared.id, "Mémoire technique", id_of(12)), "checklist");
  auto with_items = Must(bids.AddChecklistItem(admin, hub, prepared.id, "Attestation d'assurance décennale", id_of(1)),
                         "checklist");
  Must(bids.SetChecklistDone(admin, hub, prepared.id, with_items.checklist.front().id, true), "checklist done");

  // A call for projects won: the Ressourcerie leads, with the training body and the Repair Café.
  BidInput call_for_projects;
  call_for_projects.kind = "call_for_projects";
  call_for_projects.title = "Réemploi et réparation dans les quartiers prioritaires";
  call_for_projects.buyer = "Région Auvergne-Rhône-Alpes — AAP Économie circulaire";
  call_for_projects.reference = "AAP-EC-2026";
  call_for_projects.deadline = day(-120) + "T17:00";
  call_for_projects.amount = "80000";
  call_for_projects.lead_member_id = id_of(0);
  call_for_projects.members = std::vector<CoContractorInput>{
      {id_of(0), "6000", ""}, {id_of(10), "2500", "co_contractor"}, {id_of(14), "1500", "co_contractor"}};
  auto won = Must(bids.CreateBid(admin, hub, call_for_projects), "call for projects").bid;
  for (const char* status : {"preparing", "submitted", "won"})
    won = Must(bids.ChangeStatus(admin, hub, won.id, won.version, status), "call for projects status");

  ContractInput contract;
  contract.reference = "CONV-AURA-2026-0412";
  contract.signed_on = day(-100);
  contract.start_on = day(-90);
  contract.end_on = day(275);
  contract.amount = "80000";
  contract.hub_rate = "5";
  Must(bids.SaveContract(admin, hub, won.id, 0, contract), "contract");
  Must(bids.DeclareInvoice(admin, hub, won.id, {id_of(0), day(-60), "24000", "FA-2026-031"}), "invoice");
  Must(bids.DeclareInvoice(admin, hub, won.id, {id_of(10), day(-45), "10000", "F-FNC-118"}), "invoice");
  auto call = Must(bids.IssueCall(admin, hub, won.id, {day(-90), day(-30), day(-10)}), "call");
  Must(bids.RecordPayment(admin, hub, call.id, {id_of(0), day(-12), "600", "VIR-RESS-0412"}), "payment");
}

}  // namespace coopole::app
