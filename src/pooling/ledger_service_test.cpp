// Use cases of the pooling ledger (services, placements, advances, leases, settings) on
// both databases. The clock stands on Monday 23 November 2026, 10:00 in Paris.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "coopole/core/text.h"
#include "pooling_test_fixture.h"
#include "store/ledger_store.h"

namespace coopole::pooling {
namespace {

class LedgerServiceTest : public PoolingTest {
 protected:
  // A catalogue resource written straight to its table: the catalogue's use cases are
  // another part of the module.
  ResourceId AddResource(const HubContext& hub, ResourceKind kind, const std::string& name,
                         std::optional<MemberId> owner, PriceUnit unit, std::int64_t price_cents,
                         bool archived = false) {
    auto tx = pool_->Begin(db::TxMode::kWrite);
    auto now = clock_.Now().unix_seconds;
    auto rows = tx.Query(
        "INSERT INTO pooling_resources (hub_id, kind, name, name_folded, owner_member_id, price_unit, price_member, "
        "search_text, archived_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {hub.hub.id.value, std::string(KindCode(kind)), name, FoldForSearch(name),
         owner ? db::Value(owner->value) : db::Value(db::Null{}), std::string(PriceUnitCode(unit)), price_cents,
         FoldForSearch(name), archived ? db::Value(now) : db::Value(db::Null{}), now, now});
    tx.Commit();
    return ResourceId{rows.Int(0, 0)};
  }

  static std::string Id(MemberId id) { return std::to_string(id.value); }
  static std::string Id(ResourceId id) { return std::to_string(id.value); }

  // The error of a failed result, fields included, for failure messages.
  template <typename T>
  static std::string Why(const Result<T>& result) {
    if (result.ok()) return "";
    std::string out = result.error().message;
    for (const auto& [field, key] : result.error().fields) out += " " + field + "=" + key;
    return out;
  }

  std::vector<identity::AuditRecord> Audit() { return identity_->ListAudit(actor_, coordinator_.access, 500, 0).value(); }

  // The field error of a failed result ("" when it did not fail on that field).
  template <typename T>
  static std::string FieldOf(const Result<T>& result, const std::string& field) {
    if (result.ok()) return "";
    auto it = result.error().fields.find(field);
    return it == result.error().fields.end() ? "" : it->second;
  }

  template <typename T>
  static ErrorCode CodeOf(const Result<T>& result) {
    EXPECT_FALSE(result.ok());
    return result.ok() ? ErrorCode::kBadRequest : result.error().code;
  }

  // A service requested by the recyclerie from the atelier, 2 hours for 60 euros.
  Agreement Requested() {
    auto r = service_->RequestService(actor_, MemberRole(recyclerie_),
                                      {.provider_member_id = Id(atelier_), .what = "Réparation de vélos cargo",
                                       .hours = "2", .amount = "60"});
    EXPECT_TRUE(r.ok()) << Why(r);
    return r.ok() ? *r : Agreement{};
  }

  PlacementInput PlacementOf(MemberId employer, MemberId host) {
    return {.employer_member_id = Id(employer), .host_member_id = Id(host), .person = "Marie Dupont",
            .starts_on = "2026-10-15", .ends_on = "2027-03-31", .weekly_hours = "17,5", .hourly_cost = "22,40"};
  }

  Placement Placed() {
    auto r = service_->CreatePlacement(actor_, MemberRole(atelier_), PlacementOf(atelier_, traiteur_));
    EXPECT_TRUE(r.ok()) << Why(r);
    return r.ok() ? *r : Placement{};
  }

  AdvanceInput AdvanceOf(const std::string& amount, const std::string& installments = "3",
                         const std::string& first_due_on = "2026-12-15", std::optional<MemberId> lender = {}) {
    return {.lender_member_id = lender ? Id(*lender) : "", .borrower_member_id = Id(recyclerie_), .amount = amount,
            .purpose = "Trésorerie en attendant une subvention", .installments = installments,
            .first_due_on = first_due_on};
  }

  Advance Approved(const std::string& amount, const std::string& installments = "3",
                   const std::string& first_due_on = "2026-12-15") {
    auto requested = service_->RequestAdvance(actor_, coordinator_, AdvanceOf(amount, installments, first_due_on));
    EXPECT_TRUE(requested.ok()) << Why(requested);
    if (!requested.ok()) return Advance{};
    auto approved = service_->ApproveAdvance(actor_, coordinator_, requested->id);
    EXPECT_TRUE(approved.ok()) << Why(approved);
    return approved.ok() ? *approved : Advance{};
  }

  LeaseInput LeaseOf(MemberId tenant) {
    return {.tenant_member_id = Id(tenant), .space = "Bureau 12, 1er étage", .monthly_rent = "450",
            .starts_on = "2026-12-01", .ends_on = "2027-11-30", .precarious = "non", .notes = ""};
  }
};

// --- Who reads what --------------------------------------------------------------------------

TEST_P(LedgerServiceTest, LedgerReads_MemberRoleSeesOnlyWhatItsOrganisationIsPartyTo) {
  const auto service = Requested();                  // recyclerie <- atelier
  const auto placement = Placed();                   // atelier -> traiteur
  const auto advance = Approved("1000");             // hub -> recyclerie
  auto lease = service_->CreateLease(actor_, coordinator_, LeaseOf(atelier_));
  ASSERT_TRUE(lease.ok()) << Why(lease);
  // The traiteur is party to the placement only.
  const auto traiteur = MemberRole(traiteur_);
  EXPECT_TRUE(service_->ListAgreements(actor_, traiteur, std::nullopt)->empty());
  EXPECT_EQ(CodeOf(service_->GetAgreement(actor_, traiteur, service.id)), ErrorCode::kNotFound);
  EXPECT_EQ(service_->ListPlacements(actor_, traiteur)->size(), 1u);
  EXPECT_TRUE(service_->ListPlacementMonths(actor_, traiteur, placement.id).ok());
  EXPECT_TRUE(service_->ListAdvances(actor_, traiteur)->empty());
  EXPECT_EQ(CodeOf(service_->GetAdvance(actor_, traiteur, advance.id)), ErrorCode::kNotFound);
  EXPECT_TRUE(service_->ListLeases(actor_, traiteur)->empty());
  EXPECT_EQ(CodeOf(service_->GetLease(actor_, traiteur, lease->id)), ErrorCode::kNotFound);
  // The recyclerie sees neither the placement nor the atelier's lease.
  const auto recyclerie = MemberRole(recyclerie_);
  EXPECT_TRUE(service_->ListPlacements(actor_, recyclerie)->empty());
  EXPECT_EQ(CodeOf(service_->GetPlacement(actor_, recyclerie, placement.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(service_->ListPlacementMonths(actor_, recyclerie, placement.id)), ErrorCode::kNotFound);
  EXPECT_EQ(service_->ListAdvances(actor_, recyclerie)->size(), 1u);
  EXPECT_EQ(service_->ListAgreements(actor_, recyclerie, std::nullopt)->size(), 1u);
  // Observers (funders) and coordinators read everything.
  EXPECT_EQ(service_->ListPlacements(actor_, observer_)->size(), 1u);
  EXPECT_EQ(service_->ListAdvances(actor_, observer_)->size(), 1u);
  EXPECT_EQ(service_->ListLeases(actor_, coordinator_)->size(), 1u);
}

// --- Skills and knowledge -----------------------------------------------------------------

TEST_P(LedgerServiceTest, RequestService_DefaultsAmountToHoursTimesOfferPrice) {
  auto offer = AddResource(coordinator_, ResourceKind::kSkill, "Comptabilité", atelier_, PriceUnit::kHour, 4000);
  auto r = service_->RequestService(actor_, MemberRole(recyclerie_), {.resource_id = Id(offer), .hours = "3,5"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->amount, Money{14000});
  EXPECT_EQ(r->provider, atelier_);  // the offer's owner
  EXPECT_EQ(r->beneficiary, recyclerie_);  // the member's own organisation
  EXPECT_EQ(r->what, "Comptabilité");  // the offer's name when nothing is said
  EXPECT_EQ(r->hours_hundredths, 350);
  EXPECT_EQ(r->status, AgreementStatus::kRequested);
  auto read = service_->GetAgreement(actor_, observer_, r->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->resource, offer);
  EXPECT_EQ(read->resource_name, "Comptabilité");
  EXPECT_EQ(read->provider_name, "Atelier Vélo Solidaire");
  EXPECT_EQ(read->beneficiary_name, "Recyclerie du Grésivaudan");
  EXPECT_EQ(read->amount, Money{14000});
}

TEST_P(LedgerServiceTest, RequestService_DefaultsAmountToUnitPriceOrZeroWhenFree) {
  auto unit = AddResource(coordinator_, ResourceKind::kKnowledge, "Atelier RGPD", atelier_, PriceUnit::kUnit, 15000);
  auto free = AddResource(coordinator_, ResourceKind::kSkill, "Conseil juridique", atelier_, PriceUnit::kFree, 9900);
  auto a = service_->RequestService(actor_, MemberRole(recyclerie_), {.resource_id = Id(unit), .hours = "2"});
  auto b = service_->RequestService(actor_, MemberRole(recyclerie_), {.resource_id = Id(free), .hours = "2"});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->amount, Money{15000});
  EXPECT_EQ(b->amount, Money{0});
}

TEST_P(LedgerServiceTest, RequestService_KeepsAnExplicitAmountOverTheOffer) {
  auto offer = AddResource(coordinator_, ResourceKind::kSkill, "Comptabilité", atelier_, PriceUnit::kHour, 4000);
  auto r = service_->RequestService(actor_, MemberRole(recyclerie_),
                                    {.resource_id = Id(offer), .hours = "3", .amount = "100,50"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->amount, Money{10050});
}

TEST_P(LedgerServiceTest, RequestService_WithoutOfferNorAmountIsFree) {
  auto r = service_->RequestService(actor_, coordinator_,
                                    {.provider_member_id = Id(atelier_), .beneficiary_member_id = Id(traiteur_),
                                     .what = "Prêt d'un bénévole", .hours = "4"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->amount, Money{0});
  EXPECT_FALSE(r->resource.has_value());
}

TEST_P(LedgerServiceTest, RequestService_RequiresProviderWhatAndBeneficiaryForCoordinators) {
  auto r = service_->RequestService(actor_, coordinator_, {});
  EXPECT_EQ(FieldOf(r, "provider_member_id"), "validation.required");
  EXPECT_EQ(FieldOf(r, "beneficiary_member_id"), "validation.required");
  EXPECT_EQ(FieldOf(r, "what"), "validation.required");
}

TEST_P(LedgerServiceTest, RequestService_RejectsBadHoursAndAmount) {
  auto r = service_->RequestService(actor_, MemberRole(recyclerie_),
                                    {.provider_member_id = Id(atelier_), .what = "x", .hours = "-1", .amount = "abc"});
  EXPECT_EQ(FieldOf(r, "hours"), "validation.hours");
  EXPECT_EQ(FieldOf(r, "amount"), "validation.amount");
}

TEST_P(LedgerServiceTest, RequestService_RefusesAnOfferThatIsNotASkillOrKnowledge) {
  auto room = AddResource(coordinator_, ResourceKind::kPremises, "Salle Rivière", std::nullopt, PriceUnit::kHour, 1500);
  auto r = service_->RequestService(actor_, MemberRole(recyclerie_),
                                    {.resource_id = Id(room), .provider_member_id = Id(atelier_)});
  EXPECT_EQ(FieldOf(r, "resource_id"), "validation.resource_kind");
}

TEST_P(LedgerServiceTest, RequestService_RefusesAnOfferOfAnotherHubOrArchived) {
  auto theirs = AddResource(other_hub_, ResourceKind::kSkill, "Soudure", nordiste_, PriceUnit::kHour, 3000);
  auto archived =
      AddResource(coordinator_, ResourceKind::kSkill, "Ancienne offre", atelier_, PriceUnit::kHour, 3000, true);
  EXPECT_EQ(FieldOf(service_->RequestService(actor_, MemberRole(recyclerie_), {.resource_id = Id(theirs)}),
                    "resource_id"),
            "validation.resource");
  EXPECT_EQ(FieldOf(service_->RequestService(actor_, MemberRole(recyclerie_), {.resource_id = Id(archived)}),
                    "resource_id"),
            "validation.resource");
}

TEST_P(LedgerServiceTest, RequestService_RefusesTheSameMemberOnBothSides) {
  auto r = service_->RequestService(actor_, MemberRole(atelier_), {.provider_member_id = Id(atelier_), .what = "x"});
  EXPECT_EQ(FieldOf(r, "provider_member_id"), "validation.same_member");
}

TEST_P(LedgerServiceTest, RequestService_RefusesAMemberOfAnotherHub) {
  auto r = service_->RequestService(actor_, MemberRole(atelier_), {.provider_member_id = Id(nordiste_), .what = "x"});
  EXPECT_EQ(FieldOf(r, "provider_member_id"), "validation.member");
}

TEST_P(LedgerServiceTest, RequestService_RefusesAnArchivedMember) {
  ASSERT_TRUE(members_->ArchiveMember(actor_, coordinator_, traiteur_).ok());
  auto r = service_->RequestService(actor_, MemberRole(atelier_), {.provider_member_id = Id(traiteur_), .what = "x"});
  EXPECT_EQ(FieldOf(r, "provider_member_id"), "validation.member");
}

TEST_P(LedgerServiceTest, RequestService_MemberRoleRequestsOnlyForItsOwnOrganisation) {
  auto r = service_->RequestService(actor_, MemberRole(recyclerie_),
                                    {.provider_member_id = Id(atelier_), .beneficiary_member_id = Id(traiteur_),
                                     .what = "x"});
  EXPECT_EQ(CodeOf(r), ErrorCode::kPermissionDenied);
  EXPECT_TRUE(service_->RequestService(actor_, MemberRole(recyclerie_),
                                       {.provider_member_id = Id(atelier_),
                                        .beneficiary_member_id = Id(recyclerie_), .what = "x"})
                  .ok());
}

TEST_P(LedgerServiceTest, RequestService_ObserversAreDenied) {
  auto r = service_->RequestService(actor_, observer_,
                                    {.provider_member_id = Id(atelier_), .beneficiary_member_id = Id(recyclerie_),
                                     .what = "x"});
  EXPECT_EQ(CodeOf(r), ErrorCode::kPermissionDenied);
}

TEST_P(LedgerServiceTest, AgreementLifecycle_AgreedThenDeliveredAndAudited) {
  auto requested = Requested();
  auto agreed = service_->AgreeService(actor_, MemberRole(atelier_), requested.id);
  ASSERT_TRUE(agreed.ok()) << agreed.error().message;
  EXPECT_EQ(agreed->status, AgreementStatus::kAgreed);
  EXPECT_EQ(agreed->version, 2);
  auto delivered = service_->DeliverService(actor_, MemberRole(atelier_), requested.id, Date{2026, 11, 20});
  ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  EXPECT_EQ(delivered->status, AgreementStatus::kDelivered);
  EXPECT_EQ(delivered->delivered_on, (Date{2026, 11, 20}));
  auto read = service_->GetAgreement(actor_, coordinator_, requested.id);
  EXPECT_EQ(read->status, AgreementStatus::kDelivered);
  EXPECT_EQ(read->delivered_on, (Date{2026, 11, 20}));
  EXPECT_EQ(read->version, 3);

  auto audit = Audit();
  ASSERT_GE(audit.size(), 3u);
  EXPECT_EQ(audit[0].entry.action, "deliver");
  EXPECT_EQ(audit[0].entry.entity, "agreement");
  EXPECT_EQ(audit[0].entry.entity_id, requested.id.value);
  EXPECT_NE(audit[0].entry.after_json.find("\"delivered_on\":\"2026-11-20\""), std::string::npos);
  EXPECT_EQ(audit[1].entry.action, "agree");
  EXPECT_EQ(audit[2].entry.action, "request");
}

TEST_P(LedgerServiceTest, DeliverService_OnTheDayItselfIsAccepted) {
  auto requested = Requested();
  ASSERT_TRUE(service_->AgreeService(actor_, coordinator_, requested.id).ok());
  EXPECT_TRUE(service_->DeliverService(actor_, coordinator_, requested.id, Date{2026, 11, 23}).ok());
}

TEST_P(LedgerServiceTest, AgreeService_ByTheBeneficiaryIsDenied) {
  auto requested = Requested();
  EXPECT_EQ(CodeOf(service_->AgreeService(actor_, MemberRole(recyclerie_), requested.id)),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(service_->DeclineService(actor_, MemberRole(traiteur_), requested.id)),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(service_->AgreeService(actor_, observer_, requested.id)), ErrorCode::kPermissionDenied);
}

TEST_P(LedgerServiceTest, DeliverService_BeforeAgreementIsOutOfOrder) {
  auto requested = Requested();
  EXPECT_EQ(CodeOf(service_->DeliverService(actor_, MemberRole(atelier_), requested.id, Date{2026, 11, 20})),
            ErrorCode::kFailedPrecondition);
}

TEST_P(LedgerServiceTest, DeliverService_RefusesADateInTheFuture) {
  auto requested = Requested();
  ASSERT_TRUE(service_->AgreeService(actor_, MemberRole(atelier_), requested.id).ok());
  auto r = service_->DeliverService(actor_, MemberRole(atelier_), requested.id, Date{2026, 11, 24});
  EXPECT_EQ(FieldOf(r, "delivered_on"), "validation.not_in_future");
}

TEST_P(LedgerServiceTest, DeclineService_ThenAgreeIsOutOfOrder) {
  auto requested = Requested();
  auto declined = service_->DeclineService(actor_, MemberRole(atelier_), requested.id);
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ(declined->status, AgreementStatus::kDeclined);
  EXPECT_EQ(CodeOf(service_->AgreeService(actor_, MemberRole(atelier_), requested.id)),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(CodeOf(service_->CancelService(actor_, MemberRole(recyclerie_), requested.id)),
            ErrorCode::kFailedPrecondition);
}

TEST_P(LedgerServiceTest, CancelService_ByEitherPartyBeforeDeliveryOnly) {
  auto first = Requested();
  auto cancelled = service_->CancelService(actor_, MemberRole(recyclerie_), first.id);  // the beneficiary
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, AgreementStatus::kCancelled);

  auto second = Requested();
  ASSERT_TRUE(service_->AgreeService(actor_, MemberRole(atelier_), second.id).ok());
  EXPECT_TRUE(service_->CancelService(actor_, MemberRole(atelier_), second.id).ok());  // the provider, once agreed

  auto third = Requested();
  ASSERT_TRUE(service_->AgreeService(actor_, MemberRole(atelier_), third.id).ok());
  ASSERT_TRUE(service_->DeliverService(actor_, MemberRole(atelier_), third.id, Date{2026, 11, 23}).ok());
  EXPECT_EQ(CodeOf(service_->CancelService(actor_, MemberRole(recyclerie_), third.id)),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(CodeOf(service_->CancelService(actor_, MemberRole(traiteur_), Requested().id)),
            ErrorCode::kPermissionDenied);  // a third party
}

TEST_P(LedgerServiceTest, Agreement_OfAnotherHubIsNotFound) {
  auto requested = Requested();
  EXPECT_EQ(CodeOf(service_->GetAgreement(actor_, other_hub_, requested.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(service_->AgreeService(actor_, other_hub_, requested.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(service_->CancelService(actor_, other_hub_, requested.id)), ErrorCode::kNotFound);
  EXPECT_TRUE(service_->ListAgreements(actor_, other_hub_, std::nullopt)->empty());
}

TEST_P(LedgerServiceTest, ListAgreements_FiltersOnAMemberOnEitherSide) {
  Requested();  // recyclerie <- atelier
  ASSERT_TRUE(service_->RequestService(actor_, MemberRole(traiteur_),
                                       {.provider_member_id = Id(recyclerie_), .what = "Tri"})
                  .ok());
  EXPECT_EQ(service_->ListAgreements(actor_, observer_, std::nullopt)->size(), 2u);
  EXPECT_EQ(service_->ListAgreements(actor_, observer_, recyclerie_)->size(), 2u);
  EXPECT_EQ(service_->ListAgreements(actor_, observer_, atelier_)->size(), 1u);
  EXPECT_EQ(service_->ListAgreements(actor_, observer_, traiteur_)->size(), 1u);
}

// --- Staff placements -------------------------------------------------------------------

TEST_P(LedgerServiceTest, CreatePlacement_StoresItForTheEmployerAndAudits) {
  auto placed = Placed();
  EXPECT_EQ(placed.weekly_hours_hundredths, 1750);
  EXPECT_EQ(placed.hourly_cost, Money{2240});
  auto read = service_->GetPlacement(actor_, observer_, placed.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->employer, atelier_);
  EXPECT_EQ(read->host, traiteur_);
  EXPECT_EQ(read->host_name, "Traiteur d'Insertion");
  EXPECT_EQ(read->person, "Marie Dupont");
  EXPECT_EQ(read->starts_on, (Date{2026, 10, 15}));
  EXPECT_EQ(read->ends_on, (Date{2027, 3, 31}));
  EXPECT_EQ(Audit().front().entry.action, "create");
  EXPECT_EQ(Audit().front().entry.entity, "placement");
  EXPECT_EQ(service_->ListPlacements(actor_, observer_)->size(), 1u);
}

TEST_P(LedgerServiceTest, CreatePlacement_ValidatesHoursCostAndDates) {
  auto input = PlacementOf(atelier_, traiteur_);
  input.weekly_hours = "48,01";
  input.hourly_cost = "0";
  input.ends_on = "2026-10-14";
  auto r = service_->CreatePlacement(actor_, coordinator_, input);
  EXPECT_EQ(FieldOf(r, "weekly_hours"), "validation.weekly_hours");
  EXPECT_EQ(FieldOf(r, "hourly_cost"), "validation.amount");
  EXPECT_EQ(FieldOf(r, "ends_on"), "validation.date_order");
  input = PlacementOf(atelier_, traiteur_);
  input.weekly_hours = "0";
  EXPECT_EQ(FieldOf(service_->CreatePlacement(actor_, coordinator_, input), "weekly_hours"), "validation.weekly_hours");
  input.weekly_hours = "48";
  EXPECT_TRUE(service_->CreatePlacement(actor_, coordinator_, input).ok());
}

TEST_P(LedgerServiceTest, CreatePlacement_RefusesTheSameEmployerAndHost) {
  auto r = service_->CreatePlacement(actor_, coordinator_, PlacementOf(atelier_, atelier_));
  EXPECT_EQ(FieldOf(r, "host_member_id"), "validation.same_member");
}

TEST_P(LedgerServiceTest, CreatePlacement_MemberRoleOnlyForItsOwnStaff) {
  EXPECT_EQ(CodeOf(service_->CreatePlacement(actor_, MemberRole(traiteur_), PlacementOf(atelier_, traiteur_))),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(service_->CreatePlacement(actor_, observer_, PlacementOf(atelier_, traiteur_))),
            ErrorCode::kPermissionDenied);
}

TEST_P(LedgerServiceTest, DeclarePlacementHours_ComputesTheChargeAndMayBeRedeclaredUntilValidated) {
  auto placed = Placed();
  auto first = service_->DeclarePlacementHours(actor_, MemberRole(atelier_), placed.id, Month{2026, 10}, "37,5");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->charge, Money{84000});  // 37.5 h x 22.40
  auto again = service_->DeclarePlacementHours(actor_, MemberRole(atelier_), placed.id, Month{2026, 10}, "40,25");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->charge, Money{90160});  // 40.25 x 22.40 = 901.60
  auto months = service_->ListPlacementMonths(actor_, observer_, placed.id);
  ASSERT_EQ(months->size(), 1u);
  EXPECT_EQ((*months)[0].hours_hundredths, 4025);
  EXPECT_EQ((*months)[0].charge, Money{90160});
  EXPECT_FALSE((*months)[0].validated_at.has_value());
  EXPECT_EQ(Audit().front().entry.action, "declare_hours");
}

TEST_P(LedgerServiceTest, DeclarePlacementHours_RoundsTheChargeHalfUp) {
  auto input = PlacementOf(atelier_, traiteur_);
  input.hourly_cost = "10,05";
  auto placed = service_->CreatePlacement(actor_, coordinator_, input);
  ASSERT_TRUE(placed.ok());
  auto r = service_->DeclarePlacementHours(actor_, coordinator_, placed->id, Month{2026, 11}, "0,1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->charge, Money{101});  // 1.005 euro -> 1.01
}

TEST_P(LedgerServiceTest, DeclarePlacementHours_RejectsMonthOutsidePlacement) {
  auto placed = Placed();  // 15 October 2026 - 31 March 2027
  EXPECT_EQ(FieldOf(service_->DeclarePlacementHours(actor_, coordinator_, placed.id, Month{2026, 9}, "10"), "month"),
            "validation.month_outside");
  EXPECT_EQ(FieldOf(service_->DeclarePlacementHours(actor_, coordinator_, placed.id, Month{2027, 4}, "10"), "month"),
            "validation.month_outside");
  EXPECT_TRUE(service_->DeclarePlacementHours(actor_, coordinator_, placed.id, Month{2027, 3}, "10").ok());
}

TEST_P(LedgerServiceTest, DeclarePlacementHours_RejectsNegativeOrMoreThanTheMonthHolds) {
  auto placed = Placed();
  EXPECT_EQ(FieldOf(service_->DeclarePlacementHours(actor_, coordinator_, placed.id, Month{2026, 11}, "-1"), "hours"),
            "validation.hours");
  EXPECT_EQ(FieldOf(service_->DeclarePlacementHours(actor_, coordinator_, placed.id, Month{2026, 11}, "720,01"),
                    "hours"),
            "validation.hours");
  EXPECT_TRUE(service_->DeclarePlacementHours(actor_, coordinator_, placed.id, Month{2026, 11}, "720").ok());
  EXPECT_TRUE(service_->DeclarePlacementHours(actor_, coordinator_, placed.id, Month{2026, 12}, "0").ok());
}

TEST_P(LedgerServiceTest, DeclarePlacementHours_ByTheHostIsDenied) {
  auto placed = Placed();
  EXPECT_EQ(CodeOf(service_->DeclarePlacementHours(actor_, MemberRole(traiteur_), placed.id, Month{2026, 11}, "10")),
            ErrorCode::kPermissionDenied);
}

TEST_P(LedgerServiceTest, ValidatePlacementHours_ByTheHostThenFrozen) {
  auto placed = Placed();
  ASSERT_TRUE(service_->DeclarePlacementHours(actor_, MemberRole(atelier_), placed.id, Month{2026, 11}, "70").ok());
  EXPECT_EQ(CodeOf(service_->ValidatePlacementHours(actor_, MemberRole(atelier_), placed.id, Month{2026, 11})),
            ErrorCode::kPermissionDenied);  // the employer does not validate its own hours
  auto validated = service_->ValidatePlacementHours(actor_, MemberRole(traiteur_), placed.id, Month{2026, 11});
  ASSERT_TRUE(validated.ok()) << validated.error().message;
  EXPECT_TRUE(validated->validated_at.has_value());
  EXPECT_EQ(validated->validated_by, actor_.user);
  EXPECT_EQ(validated->charge, Money{156800});
  EXPECT_EQ(CodeOf(service_->DeclarePlacementHours(actor_, MemberRole(atelier_), placed.id, Month{2026, 11}, "71")),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(CodeOf(service_->ValidatePlacementHours(actor_, MemberRole(traiteur_), placed.id, Month{2026, 11})),
            ErrorCode::kFailedPrecondition);
  auto months = service_->ListPlacementMonths(actor_, observer_, placed.id);
  EXPECT_EQ((*months)[0].hours_hundredths, 7000);
  EXPECT_TRUE((*months)[0].validated_at.has_value());
  EXPECT_EQ(Audit().front().entry.action, "validate_hours");
}

TEST_P(LedgerServiceTest, ValidatePlacementHours_WithNothingDeclaredIsOutOfOrder) {
  auto placed = Placed();
  EXPECT_EQ(CodeOf(service_->ValidatePlacementHours(actor_, MemberRole(traiteur_), placed.id, Month{2026, 11})),
            ErrorCode::kFailedPrecondition);
}

TEST_P(LedgerServiceTest, Placement_OfAnotherHubIsNotFound) {
  auto placed = Placed();
  EXPECT_EQ(CodeOf(service_->GetPlacement(actor_, other_hub_, placed.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(service_->ListPlacementMonths(actor_, other_hub_, placed.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(service_->DeclarePlacementHours(actor_, other_hub_, placed.id, Month{2026, 11}, "1")),
            ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(service_->ValidatePlacementHours(actor_, other_hub_, placed.id, Month{2026, 11})),
            ErrorCode::kNotFound);
  EXPECT_TRUE(service_->ListPlacements(actor_, other_hub_)->empty());
}

// --- Cash advances ----------------------------------------------------------------------

TEST_P(LedgerServiceTest, RequestAdvance_StoresTheRequestWithoutSchedule) {
  auto r = service_->RequestAdvance(actor_, MemberRole(recyclerie_), AdvanceOf("2 500,00", "5", "15/01/2027"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto read = service_->GetAdvance(actor_, observer_, r->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->amount, Money{250000});
  EXPECT_EQ(read->status, AdvanceStatus::kRequested);
  EXPECT_EQ(read->installments_count, 5);
  EXPECT_EQ(read->first_due_on, (Date{2027, 1, 15}));
  EXPECT_FALSE(read->lender.member.has_value());  // the hub lends
  EXPECT_EQ(read->borrower_name, "Recyclerie du Grésivaudan");
  EXPECT_TRUE(read->schedule.empty());
  EXPECT_EQ(read->outstanding, Money{0});
  EXPECT_EQ(Audit().front().entry.action, "request");
}

TEST_P(LedgerServiceTest, RequestAdvance_ValidatesAmountInstallmentsAndFirstDueDate) {
  auto r = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("0", "121", "2026-11-22"));
  EXPECT_EQ(FieldOf(r, "amount"), "validation.amount");
  EXPECT_EQ(FieldOf(r, "installments"), "validation.installments");
  EXPECT_EQ(FieldOf(r, "first_due_on"), "validation.date_past");
  r = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("-5", "0", "31/02/2027"));
  EXPECT_EQ(FieldOf(r, "amount"), "validation.amount");
  EXPECT_EQ(FieldOf(r, "installments"), "validation.installments");
  EXPECT_EQ(FieldOf(r, "first_due_on"), "validation.date");
  // Today and 120 installments are fine.
  EXPECT_TRUE(service_->RequestAdvance(actor_, coordinator_, AdvanceOf("1200", "120", "2026-11-23")).ok());
}

TEST_P(LedgerServiceTest, RequestAdvance_RefusesTheLenderAsBorrowerAndUnknownLenders) {
  EXPECT_EQ(FieldOf(service_->RequestAdvance(actor_, coordinator_,
                                             AdvanceOf("100", "1", "2026-12-01", recyclerie_)),
                    "lender_member_id"),
            "validation.same_member");
  EXPECT_EQ(FieldOf(service_->RequestAdvance(actor_, coordinator_, AdvanceOf("100", "1", "2026-12-01", nordiste_)),
                    "lender_member_id"),
            "validation.member");
}

TEST_P(LedgerServiceTest, RequestAdvance_MemberRoleBorrowsOnlyForItself) {
  EXPECT_EQ(CodeOf(service_->RequestAdvance(actor_, MemberRole(atelier_), AdvanceOf("100"))),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(service_->RequestAdvance(actor_, observer_, AdvanceOf("100"))), ErrorCode::kPermissionDenied);
}

TEST_P(LedgerServiceTest, ApproveAdvance_StoresTheScheduleAndTheApprovalDate) {
  auto approved = Approved("1000", "3", "2027-01-31");
  EXPECT_EQ(approved.status, AdvanceStatus::kApproved);
  EXPECT_EQ(approved.approved_by, actor_.user);
  ASSERT_EQ(approved.schedule.size(), 3u);
  auto read = service_->GetAdvance(actor_, observer_, approved.id);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->schedule.size(), 3u);
  EXPECT_EQ(read->schedule[0].due_on, (Date{2027, 1, 31}));
  EXPECT_EQ(read->schedule[1].due_on, (Date{2027, 2, 28}));
  EXPECT_EQ(read->schedule[2].due_on, (Date{2027, 3, 31}));
  EXPECT_EQ(read->schedule[0].amount, Money{33333});
  EXPECT_EQ(read->schedule[2].amount, Money{33334});
  EXPECT_EQ(read->outstanding, Money{100000});
  EXPECT_EQ(read->overdue, Money{0});
  EXPECT_TRUE(read->approved_at.has_value());
  auto tx = pool_->Begin(db::TxMode::kRead);
  EXPECT_EQ(store::ApprovedOn(tx, coordinator_.hub.id, approved.id), (Date{2026, 11, 23}));
  EXPECT_EQ(Audit().front().entry.action, "approve");
}

TEST_P(LedgerServiceTest, ApproveAdvance_ApprovalDateIsTheLocalDate) {
  // 23:30 UTC on 30 November is 1 December in Paris.
  clock_.Advance(Paris(2026, 12, 1, 0, 30).unix_seconds - clock_.Now().unix_seconds);
  auto approved = Approved("100", "1", "2026-12-01");
  auto tx = pool_->Begin(db::TxMode::kRead);
  EXPECT_EQ(store::ApprovedOn(tx, coordinator_.hub.id, approved.id), (Date{2026, 12, 1}));
}

TEST_P(LedgerServiceTest, ApproveAdvance_RefusesBeyondExposureLimit) {
  Approved("8000");  // the default limit is 10,000 euros
  auto second = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("2000,01"));
  ASSERT_TRUE(second.ok());
  auto refused = service_->ApproveAdvance(actor_, coordinator_, second->id);
  EXPECT_EQ(CodeOf(refused), ErrorCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(refused, "amount"), "validation.exposure_limit");
  EXPECT_EQ(service_->GetAdvance(actor_, coordinator_, second->id)->status, AdvanceStatus::kRequested);
  // Exactly up to the limit is fine.
  auto third = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("2000"));
  EXPECT_TRUE(service_->ApproveAdvance(actor_, coordinator_, third->id).ok());
}

TEST_P(LedgerServiceTest, ApproveAdvance_CountsRepaymentsAndTheMembersOwnLimit) {
  auto first = Approved("8000");
  ASSERT_TRUE(service_->RecordRepayment(actor_, coordinator_, first.id, Date{2026, 11, 23}, "3000").ok());
  auto second = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("5000"));
  EXPECT_TRUE(service_->ApproveAdvance(actor_, coordinator_, second->id).ok());  // 5,000 + 5,000
  auto third = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("4000"));
  EXPECT_FALSE(service_->ApproveAdvance(actor_, coordinator_, third->id).ok());
  ASSERT_TRUE(service_->SetExposureLimit(actor_, coordinator_, recyclerie_, "15 000").ok());
  EXPECT_TRUE(service_->ApproveAdvance(actor_, coordinator_, third->id).ok());
}

TEST_P(LedgerServiceTest, ApproveAdvance_ConcurrentApprovalsStayWithinTheLimit) {
  // Two advances of 6,000 euros to one borrower whose limit is 10,000: whatever the
  // interleaving, only one approval may pass.
  for (int round = 0; round < 3; ++round) {
    auto first = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("6000"));
    auto second = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("6000"));
    ASSERT_TRUE(first.ok() && second.ok());
    std::atomic<int> approved{0}, refused{0}, failed{0};
    auto approve = [&](AdvanceId id) {
      try {
        auto r = service_->ApproveAdvance(actor_, coordinator_, id);
        (r.ok() ? approved : refused)++;
      } catch (const std::exception&) {
        failed++;
      }
    };
    std::thread a(approve, first->id), b(approve, second->id);
    a.join();
    b.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(approved.load(), 1);
    EXPECT_EQ(refused.load(), 1);
    auto tx = pool_->Begin(db::TxMode::kRead);
    EXPECT_EQ(store::OutstandingOf(tx, coordinator_.hub.id, recyclerie_), Money{600000});
    tx.Commit();
    // Repay it all before the next round.
    auto advances = service_->ListAdvances(actor_, coordinator_);
    ASSERT_TRUE(advances.ok());
    for (const auto& advance : *advances) {
      if (advance.status == AdvanceStatus::kApproved) {
        ASSERT_TRUE(service_->RecordRepayment(actor_, coordinator_, advance.id, Date{2026, 11, 23}, "6000").ok());
      }
    }
  }
}

TEST_P(LedgerServiceTest, ApproveAdvance_UsesTheHubDefaultLimitFromSettings) {
  ASSERT_TRUE(service_->UpdateSettings(actor_, coordinator_, {.netting = false, .default_exposure_limit = Money{50000}})
                  .ok());
  auto requested = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("600"));
  EXPECT_EQ(FieldOf(service_->ApproveAdvance(actor_, coordinator_, requested->id), "amount"),
            "validation.exposure_limit");
}

TEST_P(LedgerServiceTest, ApproveAdvance_ByTheLenderOnly) {
  // The hub lends: coordinators approve, members do not.
  auto from_hub = service_->RequestAdvance(actor_, MemberRole(recyclerie_), AdvanceOf("100"));
  ASSERT_TRUE(from_hub.ok());
  EXPECT_EQ(CodeOf(service_->ApproveAdvance(actor_, MemberRole(recyclerie_), from_hub->id)),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(service_->ApproveAdvance(actor_, observer_, from_hub->id)), ErrorCode::kPermissionDenied);
  // A member lends: its users approve, the borrower's do not.
  auto from_member =
      service_->RequestAdvance(actor_, MemberRole(recyclerie_), AdvanceOf("100", "1", "2026-12-01", atelier_));
  ASSERT_TRUE(from_member.ok());
  EXPECT_EQ(CodeOf(service_->ApproveAdvance(actor_, MemberRole(recyclerie_), from_member->id)),
            ErrorCode::kPermissionDenied);
  auto approved = service_->ApproveAdvance(actor_, MemberRole(atelier_), from_member->id);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->lender.member, atelier_);
}

TEST_P(LedgerServiceTest, ApproveAdvance_TwiceOrAfterRefusalIsOutOfOrder) {
  auto approved = Approved("100");
  EXPECT_EQ(CodeOf(service_->ApproveAdvance(actor_, coordinator_, approved.id)), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(CodeOf(service_->RefuseAdvance(actor_, coordinator_, approved.id)), ErrorCode::kFailedPrecondition);
  auto requested = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("100"));
  auto refused = service_->RefuseAdvance(actor_, coordinator_, requested->id);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, AdvanceStatus::kRefused);
  EXPECT_EQ(CodeOf(service_->ApproveAdvance(actor_, coordinator_, requested->id)), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Audit().front().entry.action, "refuse");
}

TEST_P(LedgerServiceTest, ApproveAdvance_ShiftsAFirstDueDateAlreadyPast) {
  auto requested = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("300", "3", "2026-11-25"));
  ASSERT_TRUE(requested.ok());
  clock_.Advance(10 * 24 * 3600);  // 3 December
  auto approved = service_->ApproveAdvance(actor_, coordinator_, requested->id);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->first_due_on, (Date{2026, 12, 25}));
  EXPECT_EQ(approved->schedule.front().due_on, (Date{2026, 12, 25}));
  EXPECT_EQ(approved->schedule.back().due_on, (Date{2027, 2, 25}));
  EXPECT_EQ(approved->overdue, Money{0});
}

TEST_P(LedgerServiceTest, RecordRepayment_AllocatesOldestFirstAndEndsRepaid) {
  auto approved = Approved("300", "3", "2026-12-15");
  auto partial = service_->RecordRepayment(actor_, coordinator_, approved.id, Date{2026, 11, 23}, "150");
  ASSERT_TRUE(partial.ok()) << partial.error().message;
  EXPECT_EQ(partial->outstanding, Money{15000});
  EXPECT_EQ(partial->status, AdvanceStatus::kApproved);
  auto read = service_->GetAdvance(actor_, observer_, approved.id);
  EXPECT_EQ(read->schedule[0].paid, Money{10000});
  EXPECT_EQ(read->schedule[1].paid, Money{5000});
  EXPECT_EQ(read->schedule[2].paid, Money{0});
  EXPECT_EQ(read->outstanding, Money{15000});
  ASSERT_EQ(read->repayments.size(), 1u);
  EXPECT_EQ(read->repayments[0].paid_on, (Date{2026, 11, 23}));
  auto last = service_->RecordRepayment(actor_, coordinator_, approved.id, Date{2026, 11, 23}, "150");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->status, AdvanceStatus::kRepaid);
  EXPECT_EQ(last->outstanding, Money{0});
  read = service_->GetAdvance(actor_, observer_, approved.id);
  EXPECT_EQ(read->status, AdvanceStatus::kRepaid);
  EXPECT_EQ(read->outstanding, Money{0});
  EXPECT_EQ(read->schedule[2].paid, Money{10000});
  EXPECT_EQ(CodeOf(service_->RecordRepayment(actor_, coordinator_, approved.id, Date{2026, 11, 23}, "1")),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Audit().front().entry.action, "repay");
}

TEST_P(LedgerServiceTest, RecordRepayment_RefusesMoreThanOutstandingNothingAndFutureDates) {
  auto approved = Approved("300");
  EXPECT_EQ(FieldOf(service_->RecordRepayment(actor_, coordinator_, approved.id, Date{2026, 11, 23}, "300,01"),
                    "amount"),
            "validation.exceeds_outstanding");
  EXPECT_EQ(FieldOf(service_->RecordRepayment(actor_, coordinator_, approved.id, Date{2026, 11, 23}, "0"), "amount"),
            "validation.amount");
  EXPECT_EQ(FieldOf(service_->RecordRepayment(actor_, coordinator_, approved.id, Date{2026, 11, 24}, "10"),
                    "paid_on"),
            "validation.not_in_future");
  EXPECT_TRUE(service_->GetAdvance(actor_, coordinator_, approved.id)->repayments.empty());
}

TEST_P(LedgerServiceTest, RecordRepayment_OnARequestedAdvanceIsOutOfOrder) {
  auto requested = service_->RequestAdvance(actor_, coordinator_, AdvanceOf("100"));
  EXPECT_EQ(CodeOf(service_->RecordRepayment(actor_, coordinator_, requested->id, Date{2026, 11, 23}, "10")),
            ErrorCode::kFailedPrecondition);
}

TEST_P(LedgerServiceTest, RecordRepayment_ByTheBorrowerIsDenied) {
  auto approved = Approved("100");
  EXPECT_EQ(CodeOf(service_->RecordRepayment(actor_, MemberRole(recyclerie_), approved.id, Date{2026, 11, 23}, "10")),
            ErrorCode::kPermissionDenied);
}

TEST_P(LedgerServiceTest, GetAdvance_OverdueCountsInstallmentsDueBeforeTodayInTheHubZone) {
  auto approved = Approved("300", "3", "2026-11-25");
  // 23:30 in Paris on 25 November: still the due day, nothing overdue.
  clock_.Advance(Paris(2026, 11, 25, 23, 30).unix_seconds - clock_.Now().unix_seconds);
  EXPECT_EQ(service_->GetAdvance(actor_, observer_, approved.id)->overdue, Money{0});
  // 00:30 in Paris on 26 November (still the 25th in UTC): the first installment is overdue.
  clock_.Advance(3600);
  EXPECT_EQ(service_->GetAdvance(actor_, observer_, approved.id)->overdue, Money{10000});
  ASSERT_TRUE(service_->RecordRepayment(actor_, coordinator_, approved.id, Date{2026, 11, 26}, "40").ok());
  EXPECT_EQ(service_->GetAdvance(actor_, observer_, approved.id)->overdue, Money{6000});
  auto listed = service_->ListAdvances(actor_, observer_);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().overdue, Money{6000});
  EXPECT_EQ(listed->front().outstanding, Money{26000});
}

TEST_P(LedgerServiceTest, Advance_OfAnotherHubIsNotFound) {
  auto approved = Approved("100");
  EXPECT_EQ(CodeOf(service_->GetAdvance(actor_, other_hub_, approved.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(service_->ApproveAdvance(actor_, other_hub_, approved.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(service_->RefuseAdvance(actor_, other_hub_, approved.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(service_->RecordRepayment(actor_, other_hub_, approved.id, Date{2026, 11, 23}, "1")),
            ErrorCode::kNotFound);
  EXPECT_TRUE(service_->ListAdvances(actor_, other_hub_)->empty());
  EXPECT_EQ(CodeOf(service_->ExposureLimit(actor_, other_hub_, recyclerie_)), ErrorCode::kNotFound);
}

TEST_P(LedgerServiceTest, ExposureLimit_DefaultsToTheHubSettingAndIsSetByCoordinators) {
  EXPECT_EQ(*service_->ExposureLimit(actor_, coordinator_, recyclerie_), Money{1000000});
  ASSERT_TRUE(service_->SetExposureLimit(actor_, coordinator_, recyclerie_, "2 500").ok());
  EXPECT_EQ(*service_->ExposureLimit(actor_, coordinator_, recyclerie_), Money{250000});
  EXPECT_EQ(*service_->ExposureLimit(actor_, coordinator_, atelier_), Money{1000000});
  EXPECT_EQ(Audit().front().entry.action, "set_exposure_limit");
  ASSERT_TRUE(service_->SetExposureLimit(actor_, coordinator_, recyclerie_, "").ok());  // back to the default
  EXPECT_EQ(*service_->ExposureLimit(actor_, coordinator_, recyclerie_), Money{1000000});
  EXPECT_EQ(CodeOf(service_->SetExposureLimit(actor_, coordinator_, recyclerie_, "-1")), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(service_->SetExposureLimit(actor_, MemberRole(recyclerie_), recyclerie_, "1")),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(service_->ExposureLimit(actor_, observer_, recyclerie_)), ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(service_->SetExposureLimit(actor_, coordinator_, nordiste_, "1")), ErrorCode::kNotFound);
}

TEST_P(LedgerServiceTest, Settings_DefaultsWithoutARowAndAreUpdatedByCoordinators) {
  auto defaults = service_->Settings(actor_, observer_);
  ASSERT_TRUE(defaults.ok());
  EXPECT_FALSE(defaults->netting);
  EXPECT_EQ(defaults->default_exposure_limit, Money{1000000});
  ASSERT_TRUE(service_->UpdateSettings(actor_, coordinator_, {.netting = true, .default_exposure_limit = Money{500000}})
                  .ok());
  auto updated = service_->Settings(actor_, MemberRole(atelier_));
  EXPECT_TRUE(updated->netting);
  EXPECT_EQ(updated->default_exposure_limit, Money{500000});
  EXPECT_FALSE(service_->Settings(actor_, other_hub_)->netting);  // per hub
  EXPECT_EQ(Audit().front().entry.entity, "pooling_settings");
  EXPECT_EQ(CodeOf(service_->UpdateSettings(actor_, observer_, {})), ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(service_->UpdateSettings(actor_, MemberRole(atelier_), {})), ErrorCode::kPermissionDenied);
  EXPECT_EQ(FieldOf(service_->UpdateSettings(actor_, coordinator_, {.default_exposure_limit = Money{-1}}),
                    "default_exposure_limit"),
            "validation.amount");
}

// --- Leases -----------------------------------------------------------------------------

TEST_P(LedgerServiceTest, CreateLease_StoresEveryFieldAndAudits) {
  auto room = AddResource(coordinator_, ResourceKind::kPremises, "Bureau 12", std::nullopt, PriceUnit::kFree, 0);
  auto input = LeaseOf(atelier_);
  input.resource_id = Id(room);
  input.space = "";
  input.precarious = "oui";
  input.notes = "Convention signée le 20/11";
  auto created = service_->CreateLease(actor_, coordinator_, input);
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto read = service_->GetLease(actor_, observer_, created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->tenant, atelier_);
  EXPECT_EQ(read->tenant_name, "Atelier Vélo Solidaire");
  EXPECT_EQ(read->resource, room);
  EXPECT_EQ(read->space, "Bureau 12");  // the premises' name by default
  EXPECT_EQ(read->monthly_rent, Money{45000});
  EXPECT_EQ(read->starts_on, (Date{2026, 12, 1}));
  EXPECT_EQ(read->ends_on, (Date{2027, 11, 30}));
  EXPECT_TRUE(read->precarious);
  EXPECT_EQ(read->notes, "Convention signée le 20/11");
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(Audit().front().entry.entity, "lease");
  EXPECT_EQ(service_->ListLeases(actor_, MemberRole(atelier_))->size(), 1u);
  EXPECT_TRUE(service_->ListLeases(actor_, MemberRole(traiteur_))->empty());  // another tenant's rent is private
}

TEST_P(LedgerServiceTest, CreateLease_IsForCoordinatorsOnly) {
  EXPECT_EQ(CodeOf(service_->CreateLease(actor_, MemberRole(atelier_), LeaseOf(atelier_))),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(service_->CreateLease(actor_, observer_, LeaseOf(atelier_))), ErrorCode::kPermissionDenied);
}

TEST_P(LedgerServiceTest, CreateLease_ValidatesTenantRentDatesAndPrecarious) {
  auto r = service_->CreateLease(actor_, coordinator_,
                                 {.tenant_member_id = Id(nordiste_), .monthly_rent = "-1", .starts_on = "2027-01-01",
                                  .ends_on = "2026-12-31", .precarious = "peut-être"});
  EXPECT_EQ(FieldOf(r, "tenant_member_id"), "validation.member");
  EXPECT_EQ(FieldOf(r, "monthly_rent"), "validation.amount");
  EXPECT_EQ(FieldOf(r, "ends_on"), "validation.date_order");
  EXPECT_EQ(FieldOf(r, "precarious"), "validation.boolean");
  EXPECT_EQ(FieldOf(r, "space"), "validation.required");
  r = service_->CreateLease(actor_, coordinator_, {});
  EXPECT_EQ(FieldOf(r, "tenant_member_id"), "validation.required");
  EXPECT_EQ(FieldOf(r, "monthly_rent"), "validation.required");
  EXPECT_EQ(FieldOf(r, "starts_on"), "validation.required");
  // A free occupation is a lease too; no end date: open-ended.
  auto input = LeaseOf(atelier_);
  input.monthly_rent = "0";
  input.ends_on = "";
  auto free = service_->CreateLease(actor_, coordinator_, input);
  ASSERT_TRUE(free.ok());
  EXPECT_FALSE(free->ends_on.has_value());
  EXPECT_FALSE(free->precarious);
}

TEST_P(LedgerServiceTest, CreateLease_ResourceMustBePremisesOfTheHub) {
  auto van = AddResource(coordinator_, ResourceKind::kEquipment, "Camion", std::nullopt, PriceUnit::kDay, 8000);
  auto theirs = AddResource(other_hub_, ResourceKind::kPremises, "Hangar", std::nullopt, PriceUnit::kFree, 0);
  auto input = LeaseOf(atelier_);
  input.resource_id = Id(van);
  EXPECT_EQ(FieldOf(service_->CreateLease(actor_, coordinator_, input), "resource_id"), "validation.premises");
  input.resource_id = Id(theirs);
  EXPECT_EQ(FieldOf(service_->CreateLease(actor_, coordinator_, input), "resource_id"), "validation.premises");
  input.resource_id = "abc";
  EXPECT_EQ(FieldOf(service_->CreateLease(actor_, coordinator_, input), "resource_id"), "validation.premises");
}

TEST_P(LedgerServiceTest, UpdateLease_KeepsAbsentFieldsAndBumpsTheVersion) {
  auto created = service_->CreateLease(actor_, coordinator_, LeaseOf(atelier_));
  ASSERT_TRUE(created.ok());
  auto updated = service_->UpdateLease(actor_, coordinator_, created->id, 1,
                                       {.monthly_rent = "475,50", .ends_on = "", .precarious = "true"});
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  auto read = service_->GetLease(actor_, coordinator_, created->id);
  EXPECT_EQ(read->monthly_rent, Money{47550});
  EXPECT_FALSE(read->ends_on.has_value());
  EXPECT_TRUE(read->precarious);
  EXPECT_EQ(read->space, "Bureau 12, 1er étage");
  EXPECT_EQ(read->tenant, atelier_);
  EXPECT_EQ(read->starts_on, (Date{2026, 12, 1}));
  EXPECT_EQ(read->version, 2);
  auto audit = Audit().front();
  EXPECT_EQ(audit.entry.action, "update");
  EXPECT_NE(audit.entry.before_json.find("45000"), std::string::npos);
  EXPECT_NE(audit.entry.after_json.find("47550"), std::string::npos);
}

TEST_P(LedgerServiceTest, UpdateLease_RefusesAStaleVersion) {
  auto created = service_->CreateLease(actor_, coordinator_, LeaseOf(atelier_));
  ASSERT_TRUE(service_->UpdateLease(actor_, coordinator_, created->id, 1, {.notes = "a"}).ok());
  auto stale = service_->UpdateLease(actor_, coordinator_, created->id, 1, {.notes = "b"});
  EXPECT_EQ(CodeOf(stale), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(stale, "version"), "validation.stale");
  EXPECT_EQ(service_->GetLease(actor_, coordinator_, created->id)->notes, "a");
}

TEST_P(LedgerServiceTest, UpdateLease_ChecksAChangedTenantAndDates) {
  auto created = service_->CreateLease(actor_, coordinator_, LeaseOf(atelier_));
  EXPECT_EQ(FieldOf(service_->UpdateLease(actor_, coordinator_, created->id, 1, {.tenant_member_id = Id(nordiste_)}),
                    "tenant_member_id"),
            "validation.member");
  EXPECT_EQ(FieldOf(service_->UpdateLease(actor_, coordinator_, created->id, 1, {.starts_on = "2028-01-01"}),
                    "ends_on"),
            "validation.date_order");
  auto moved = service_->UpdateLease(actor_, coordinator_, created->id, 1, {.tenant_member_id = Id(traiteur_)});
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->tenant_name, "Traiteur d'Insertion");
  EXPECT_EQ(CodeOf(service_->UpdateLease(actor_, MemberRole(traiteur_), created->id, 2, {.notes = "x"})),
            ErrorCode::kPermissionDenied);
}

TEST_P(LedgerServiceTest, Lease_OfAnotherHubIsNotFound) {
  auto created = service_->CreateLease(actor_, coordinator_, LeaseOf(atelier_));
  EXPECT_EQ(CodeOf(service_->GetLease(actor_, other_hub_, created->id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(service_->UpdateLease(actor_, other_hub_, created->id, 1, {.notes = "x"})), ErrorCode::kNotFound);
  EXPECT_TRUE(service_->ListLeases(actor_, other_hub_)->empty());
}

// --- Store reads for statements and alerts -------------------------------------------------

TEST_P(LedgerServiceTest, LedgerStore_LeasesEndingBetweenIsBoundedAndPerHub) {
  auto ending = LeaseOf(atelier_);
  ending.ends_on = "2027-01-15";
  ASSERT_TRUE(service_->CreateLease(actor_, coordinator_, ending).ok());
  ASSERT_TRUE(service_->CreateLease(actor_, coordinator_, LeaseOf(traiteur_)).ok());  // ends 30 November 2027
  auto open = LeaseOf(recyclerie_);
  open.ends_on = "";
  ASSERT_TRUE(service_->CreateLease(actor_, coordinator_, open).ok());
  auto tx = pool_->Begin(db::TxMode::kRead);
  auto soon = store::LeasesEndingBetween(tx, coordinator_.hub.id, Date{2026, 11, 23}, Date{2027, 1, 22});
  ASSERT_EQ(soon.size(), 1u);
  EXPECT_EQ(soon[0].tenant, atelier_);
  EXPECT_EQ(soon[0].tenant_name, "Atelier Vélo Solidaire");
  EXPECT_EQ(store::LeasesEndingBetween(tx, coordinator_.hub.id, Date{2027, 1, 15}, Date{2027, 1, 15}).size(), 1u);
  EXPECT_TRUE(store::LeasesEndingBetween(tx, other_hub_.hub.id, Date{2026, 1, 1}, Date{2030, 1, 1}).empty());
  EXPECT_EQ(store::LeasesOverlapping(tx, coordinator_.hub.id, Date{2027, 12, 1}, Date{2027, 12, 31}).size(), 1u);
}

TEST_P(LedgerServiceTest, LedgerStore_ApprovedAdvancesComeWithScheduleAndRepayments) {
  auto running = Approved("300");
  auto repaid = Approved("100", "1");
  ASSERT_TRUE(service_->RecordRepayment(actor_, coordinator_, repaid.id, Date{2026, 11, 23}, "100").ok());
  ASSERT_TRUE(service_->RecordRepayment(actor_, coordinator_, running.id, Date{2026, 11, 23}, "50").ok());
  ASSERT_TRUE(service_->RequestAdvance(actor_, coordinator_, AdvanceOf("100")).ok());  // not approved
  auto tx = pool_->Begin(db::TxMode::kRead);
  auto advances = store::ApprovedAdvances(tx, coordinator_.hub.id);
  ASSERT_EQ(advances.size(), 2u);
  EXPECT_EQ(advances[0].id, running.id);
  EXPECT_EQ(advances[0].schedule.size(), 3u);
  EXPECT_EQ(advances[0].schedule[0].paid, Money{5000});
  EXPECT_EQ(advances[0].repayments.size(), 1u);
  EXPECT_EQ(advances[0].outstanding, Money{25000});
  EXPECT_EQ(advances[1].status, AdvanceStatus::kRepaid);
  EXPECT_EQ(advances[1].outstanding, Money{0});
  EXPECT_TRUE(store::ApprovedAdvances(tx, other_hub_.hub.id).empty());
}

INSTANTIATE_TEST_SUITE_P(Databases, LedgerServiceTest, ::testing::ValuesIn(testing::TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::pooling
