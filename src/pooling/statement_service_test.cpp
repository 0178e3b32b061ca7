// Use cases of the monthly statements on both databases. The flows are written with direct
// SQL (the use cases that create them are tested on their own): see the Add* helpers.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "pooling_test_fixture.h"

namespace coopole::pooling {
namespace {

using identity::Role;

class StatementServiceTest : public PoolingTest {
 protected:
  std::int64_t Insert(const std::string& sql, const db::Params& params) {
    return pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) { return tx.Query(sql, params).Int(0, 0); });
  }

  static db::Value OptMember(std::optional<MemberId> member) {
    if (member) return member->value;
    return db::Null{};
  }

  ResourceId AddResource(const HubContext& hub, const std::string& name, std::optional<MemberId> owner) {
    return ResourceId{Insert(
        "INSERT INTO pooling_resources (hub_id, kind, name, name_folded, search_text, owner_member_id, created_at, "
        "updated_at) VALUES (?, 'premises', ?, ?, ?, ?, 0, 0) RETURNING id",
        {hub.hub.id.value, name, name, name, OptMember(owner)})};
  }

  BookingId AddBooking(const HubContext& hub, ResourceId resource, MemberId member, std::optional<MemberId> owner,
                       Timestamp starts, Timestamp ends, std::int64_t price_cents,
                       const std::string& status = "confirmed") {
    const std::int64_t holds = (status == "confirmed" || status == "pending") ? 1 : 0;
    return BookingId{Insert(
        "INSERT INTO pooling_bookings (hub_id, resource_id, member_id, owner_member_id, booked_by, starts_at, "
        "ends_at, holds_slot, status, price_cents, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0) "
        "RETURNING id",
        {hub.hub.id.value, resource.value, member.value, OptMember(owner), actor_.user.value, starts.unix_seconds,
         ends.unix_seconds, holds, status, price_cents})};
  }

  void AddService(MemberId provider, MemberId beneficiary, const std::string& what, std::int64_t amount_cents,
                  const std::string& status, std::optional<Date> delivered_on) {
    Insert(
        "INSERT INTO pooling_agreements (hub_id, provider_member_id, beneficiary_member_id, what, amount_cents, "
        "status, delivered_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0) RETURNING id",
        {coordinator_.hub.id.value, provider.value, beneficiary.value, what, amount_cents, status,
         delivered_on ? db::Value(FormatIsoDate(*delivered_on)) : db::Value(db::Null{})});
  }

  void AddPlacementMonth(MemberId employer, MemberId host, const std::string& person, const std::string& month,
                         std::int64_t hours_hundredths, std::int64_t charge_cents, bool validated) {
    auto placement = Insert(
        "INSERT INTO pooling_placements (hub_id, employer_member_id, host_member_id, person, starts_on, "
        "weekly_hours_hundredths, hourly_cost_cents, created_at, updated_at) VALUES (?, ?, ?, ?, '2026-01-01', 3500, "
        "2000, 0, 0) RETURNING id",
        {coordinator_.hub.id.value, employer.value, host.value, person});
    Insert(
        "INSERT INTO pooling_placement_months (placement_id, hub_id, month, hours_hundredths, charge_cents, "
        "declared_by, declared_at, validated_by, validated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING placement_id",
        {placement, coordinator_.hub.id.value, month, hours_hundredths, charge_cents, actor_.user.value,
         validated ? db::Value(actor_.user.value) : db::Value(db::Null{}),
         validated ? db::Value(std::int64_t{1}) : db::Value(db::Null{})});
  }

  // An advance with `installments` monthly installments of amount / count from first_due.
  AdvanceId AddAdvance(std::optional<MemberId> lender, MemberId borrower, std::int64_t amount_cents,
                       const std::string& purpose, const std::string& status, std::optional<Date> approved_on,
                       Date first_due, int installments) {
    const bool approved = approved_on.has_value();
    auto id = Insert(
        "INSERT INTO pooling_advances (hub_id, lender_member_id, borrower_member_id, amount_cents, purpose, status, "
        "installments_count, first_due_on, approved_by, approved_at, approved_on, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0) RETURNING id",
        {coordinator_.hub.id.value, OptMember(lender), borrower.value, amount_cents, purpose, status,
         std::int64_t{installments}, FormatIsoDate(first_due),
         approved ? db::Value(actor_.user.value) : db::Value(db::Null{}),
         approved ? db::Value(Paris(approved_on->year, approved_on->month, approved_on->day, 12, 0).unix_seconds)
                  : db::Value(db::Null{}),
         approved ? db::Value(FormatIsoDate(*approved_on)) : db::Value(db::Null{})});
    if (approved) {
      for (int i = 0; i < installments; ++i) {
        Insert(
            "INSERT INTO pooling_installments (advance_id, hub_id, seq, due_on, amount_cents) VALUES (?, ?, ?, ?, ?) "
            "RETURNING seq",
            {id, coordinator_.hub.id.value, std::int64_t{i + 1}, FormatIsoDate(AddMonths(first_due, i)),
             amount_cents / installments});
      }
    }
    return AdvanceId{id};
  }

  void AddRepayment(AdvanceId advance, Date paid_on, std::int64_t amount_cents) {
    Insert(
        "INSERT INTO pooling_repayments (advance_id, hub_id, paid_on, amount_cents, recorded_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, 0) RETURNING id",
        {advance.value, coordinator_.hub.id.value, FormatIsoDate(paid_on), amount_cents, actor_.user.value});
  }

  void AddLease(MemberId tenant, const std::string& space, std::int64_t rent_cents, Date starts,
                std::optional<Date> ends) {
    Insert(
        "INSERT INTO pooling_leases (hub_id, tenant_member_id, space, monthly_rent_cents, starts_on, ends_on, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0) RETURNING id",
        {coordinator_.hub.id.value, tenant.value, space, rent_cents, FormatIsoDate(starts),
         ends ? db::Value(FormatIsoDate(*ends)) : db::Value(db::Null{})});
  }

  void AddPayment(const std::string& month, std::optional<MemberId> debtor, std::optional<MemberId> creditor,
                  std::int64_t amount_cents) {
    Insert(
        "INSERT INTO pooling_settlements (hub_id, month, debtor_member_id, creditor_member_id, amount_cents, "
        "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id",
        {coordinator_.hub.id.value, month, debtor ? debtor->value : 0, creditor ? creditor->value : 0, amount_cents,
         actor_.user.value});
  }

  void SetNetting(bool netting) {
    pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
      tx.Execute(
          "INSERT INTO pooling_hub_state (hub_id, netting) VALUES (?, ?) "
          "ON CONFLICT (hub_id) DO UPDATE SET netting = excluded.netting",
          {coordinator_.hub.id.value, std::int64_t{netting ? 1 : 0}});
    });
  }

  std::int64_t PaidInSettlements(MemberId debtor, std::int64_t creditor_key) {
    return pool_->InTransaction(db::TxMode::kRead, [&](db::Transaction& tx) {
      return tx
          .Query("SELECT COALESCE(SUM(amount_cents), 0) FROM pooling_settlements WHERE debtor_member_id = ? AND "
                 "creditor_member_id = ?",
                 {debtor.value, creditor_key})
          .Int(0, 0);
    });
  }

  Party P(MemberId member) const { return Party{member, ""}; }

  // November 2026 of the "pole-sud" hub, with one flow of each kind and decoys around it:
  //  - Recyclerie books the hub's room (30 €, and 10 € just after midnight on 1 November,
  //    which is still 31 October in UTC) and Atelier's van (20 €);
  //  - Atelier gives Traiteur a service (80 €);
  //  - Traiteur places a person with Atelier (700 € for 35 h);
  //  - Recyclerie rents an office from 16 November (half of 600 €);
  //  - the hub lends Atelier 1,000 € approved on 10 November (information only).
  void ArrangeNovember() {
    salle_ = AddResource(coordinator_, "Salle Rivière", std::nullopt);
    camion_ = AddResource(coordinator_, "Camion", atelier_);
    AddBooking(coordinator_, salle_, recyclerie_, std::nullopt, Paris(2026, 11, 5, 9, 0), Paris(2026, 11, 5, 12, 0),
               3000);
    AddBooking(coordinator_, salle_, recyclerie_, std::nullopt, Paris(2026, 11, 1, 0, 30), Paris(2026, 11, 1, 1, 30),
               1000);
    AddBooking(coordinator_, camion_, recyclerie_, atelier_, Paris(2026, 11, 6, 9, 0), Paris(2026, 11, 6, 12, 0),
               2000);
    // Not counted: another month (local time), pending, cancelled, another hub.
    AddBooking(coordinator_, salle_, traiteur_, std::nullopt, Paris(2026, 10, 31, 23, 0), Paris(2026, 10, 31, 23, 45),
               9100);
    AddBooking(coordinator_, salle_, traiteur_, std::nullopt, Paris(2026, 12, 1, 0, 0), Paris(2026, 12, 1, 1, 0),
               9200);
    AddBooking(coordinator_, salle_, traiteur_, std::nullopt, Paris(2026, 11, 10, 9, 0), Paris(2026, 11, 10, 10, 0),
               9300, "pending");
    AddBooking(coordinator_, salle_, traiteur_, std::nullopt, Paris(2026, 11, 11, 9, 0), Paris(2026, 11, 11, 10, 0),
               9400, "cancelled");
    auto nord = AddResource(other_hub_, "Salle du Nord", std::nullopt);
    AddBooking(other_hub_, nord, nordiste_, std::nullopt, Paris(2026, 11, 5, 9, 0), Paris(2026, 11, 5, 12, 0), 9500);

    AddService(atelier_, traiteur_, "Réparation de vélos", 8000, "delivered", Date{2026, 11, 12});
    AddService(atelier_, traiteur_, "Pas encore livré", 9600, "agreed", std::nullopt);
    AddService(atelier_, traiteur_, "Livré en octobre", 9700, "delivered", Date{2026, 10, 30});

    AddPlacementMonth(traiteur_, atelier_, "Marie Dupont", "2026-11", 3500, 70000, true);
    AddPlacementMonth(traiteur_, atelier_, "Paul Martin", "2026-11", 1000, 9800, false);

    AddLease(recyclerie_, "Bureau 12", 60000, Date{2026, 11, 16}, std::nullopt);

    AddAdvance(std::nullopt, atelier_, 100000, "Trésorerie", "approved", Date{2026, 11, 10}, Date{2026, 12, 10}, 10);
  }

  ResourceId salle_, camion_;
};

const PartyTotals* TotalsOf(const HubStatement& statement, std::optional<MemberId> member) {
  for (const auto& totals : statement.parties)
    if (totals.party.member == member) return &totals;
  return nullptr;
}

const Settlement* SettlementOf(const std::vector<Settlement>& settlements, std::optional<MemberId> debtor,
                               std::optional<MemberId> creditor) {
  for (const auto& s : settlements)
    if (s.debtor.member == debtor && s.creditor.member == creditor) return &s;
  return nullptr;
}

// --- StatementOfHub ---------------------------------------------------------------------------

TEST_P(StatementServiceTest, HubStatementSumsTheMonthsFlowsInLocalTime) {
  ArrangeNovember();
  auto statement = service_->StatementOfHub(actor_, coordinator_, Month{2026, 11});
  ASSERT_TRUE(statement.ok()) << statement.error().message;
  EXPECT_FALSE(statement->netting);
  // 30 + 10 + 20 (bookings) + 80 (service) + 700 (placement) + 300 (half a month of rent).
  EXPECT_EQ(statement->total, Money{3000 + 1000 + 2000 + 8000 + 70000 + 30000});

  ASSERT_EQ(statement->parties.size(), 4u);
  EXPECT_EQ(statement->parties[0].party.name, "Atelier Vélo Solidaire");
  EXPECT_EQ(statement->parties[3].party.member, std::nullopt);  // the hub last
  const auto* recyclerie = TotalsOf(*statement, recyclerie_);
  ASSERT_NE(recyclerie, nullptr);
  EXPECT_EQ(recyclerie->used, Money{3000 + 1000 + 2000 + 30000});
  EXPECT_EQ(recyclerie->lines, 4);  // three bookings and the rent
  const auto* atelier = TotalsOf(*statement, atelier_);
  ASSERT_NE(atelier, nullptr);
  EXPECT_EQ(atelier->provided, Money{2000 + 8000});
  EXPECT_EQ(atelier->used, Money{70000});  // the advance is not a debt of the statement
  const auto* hub = TotalsOf(*statement, std::nullopt);
  ASSERT_NE(hub, nullptr);
  EXPECT_EQ(hub->provided, Money{3000 + 1000 + 30000});

  ASSERT_EQ(statement->settlements.size(), 4u);
  EXPECT_EQ(statement->settlements[0].amount, Money{70000});  // largest first
  EXPECT_EQ(statement->settlements[0].debtor.name, "Atelier Vélo Solidaire");
  EXPECT_EQ(statement->settlements[0].creditor.name, "Traiteur d'Insertion");
  const auto* to_hub = SettlementOf(statement->settlements, recyclerie_, std::nullopt);
  ASSERT_NE(to_hub, nullptr);
  EXPECT_EQ(to_hub->amount, Money{34000});
  EXPECT_EQ(to_hub->paid, Money{0});
}

TEST_P(StatementServiceTest, HubStatementShowsWhatWasPaid) {
  ArrangeNovember();
  AddPayment("2026-11", recyclerie_, std::nullopt, 34000);
  AddPayment("2026-11", recyclerie_, atelier_, 500);
  AddPayment("2026-10", atelier_, traiteur_, 70000);  // another month
  auto statement = service_->StatementOfHub(actor_, observer_, Month{2026, 11});
  ASSERT_TRUE(statement.ok()) << statement.error().message;
  const auto* to_hub = SettlementOf(statement->settlements, recyclerie_, std::nullopt);
  ASSERT_NE(to_hub, nullptr);
  EXPECT_TRUE(to_hub->settled());
  const auto* to_atelier = SettlementOf(statement->settlements, recyclerie_, atelier_);
  ASSERT_NE(to_atelier, nullptr);
  EXPECT_EQ(to_atelier->paid, Money{500});
  EXPECT_FALSE(to_atelier->settled());
  const auto* placement = SettlementOf(statement->settlements, atelier_, traiteur_);
  ASSERT_NE(placement, nullptr);
  EXPECT_EQ(placement->paid, Money{0});
}

TEST_P(StatementServiceTest, HubStatementNetsOppositeDebtsWhenTheHubSaysSo) {
  ArrangeNovember();
  // Traiteur owes Atelier 80 € for the service; Atelier owes Traiteur 700 € for the placement.
  SetNetting(true);
  auto statement = service_->StatementOfHub(actor_, coordinator_, Month{2026, 11});
  ASSERT_TRUE(statement.ok()) << statement.error().message;
  EXPECT_TRUE(statement->netting);
  const auto* net = SettlementOf(statement->settlements, atelier_, traiteur_);
  ASSERT_NE(net, nullptr);
  EXPECT_EQ(net->amount, Money{70000 - 8000});
  EXPECT_EQ(SettlementOf(statement->settlements, traiteur_, atelier_), nullptr);
  EXPECT_EQ(statement->total, Money{3000 + 1000 + 2000 + 8000 + 70000 + 30000});  // totals stay gross
}

TEST_P(StatementServiceTest, HubStatementOfAQuietMonthIsEmpty) {
  ArrangeNovember();
  auto statement = service_->StatementOfHub(actor_, coordinator_, Month{2026, 9});
  ASSERT_TRUE(statement.ok()) << statement.error().message;
  EXPECT_TRUE(statement->parties.empty());
  EXPECT_TRUE(statement->settlements.empty());
  EXPECT_EQ(statement->total, Money{0});
}

TEST_P(StatementServiceTest, HubStatementIsDeniedToMembers) {
  auto statement = service_->StatementOfHub(actor_, MemberRole(atelier_), Month{2026, 11});
  ASSERT_FALSE(statement.ok());
  EXPECT_EQ(statement.error().code, ErrorCode::kPermissionDenied);
}

TEST_P(StatementServiceTest, HubStatementRefusesAnImpossibleMonth) {
  auto statement = service_->StatementOfHub(actor_, coordinator_, Month{2026, 13});
  ASSERT_FALSE(statement.ok());
  EXPECT_EQ(statement.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(statement.error().fields.at("month"), "validation.month");
}

// --- StatementOf ------------------------------------------------------------------------------

TEST_P(StatementServiceTest, MemberStatementListsItsOwnLines) {
  ArrangeNovember();
  auto statement = service_->StatementOf(actor_, MemberRole(atelier_), atelier_, Month{2026, 11});
  ASSERT_TRUE(statement.ok()) << statement.error().message;
  EXPECT_EQ(statement->party.name, "Atelier Vélo Solidaire");
  // Provided: the van booked by Recyclerie, the service to Traiteur.
  ASSERT_EQ(statement->provided.size(), 2u);
  EXPECT_EQ(statement->provided[0].kind, FlowKind::kBooking);
  EXPECT_EQ(statement->provided[0].label, "Camion, 2026-11-06 09:00-12:00");
  EXPECT_EQ(statement->provided[0].on, (Date{2026, 11, 6}));
  EXPECT_EQ(statement->provided[0].debtor.name, "Recyclerie du Grésivaudan");
  EXPECT_EQ(statement->provided[1].kind, FlowKind::kService);
  EXPECT_EQ(statement->provided[1].label, "Réparation de vélos");
  EXPECT_EQ(statement->provided_total, Money{10000});
  // Used: the advance (information) and the placement.
  ASSERT_EQ(statement->used.size(), 2u);
  EXPECT_EQ(statement->used[0].kind, FlowKind::kAdvance);
  EXPECT_EQ(statement->used[0].amount, Money{100000});
  EXPECT_EQ(statement->used[0].creditor.member, std::nullopt);
  EXPECT_EQ(statement->used[1].kind, FlowKind::kPlacement);
  EXPECT_EQ(statement->used[1].label, "Marie Dupont, 35 h");
  EXPECT_EQ(statement->used_total, Money{70000});
  // Its pairs only.
  ASSERT_EQ(statement->settlements.size(), 3u);
  EXPECT_NE(SettlementOf(statement->settlements, atelier_, traiteur_), nullptr);
  EXPECT_NE(SettlementOf(statement->settlements, traiteur_, atelier_), nullptr);
  EXPECT_NE(SettlementOf(statement->settlements, recyclerie_, atelier_), nullptr);
}

TEST_P(StatementServiceTest, MemberStatementListsInstallmentsDueInTheMonth) {
  ArrangeNovember();
  auto statement = service_->StatementOf(actor_, coordinator_, atelier_, Month{2027, 1});
  ASSERT_TRUE(statement.ok()) << statement.error().message;
  ASSERT_EQ(statement->used.size(), 1u);
  EXPECT_EQ(statement->used[0].kind, FlowKind::kRepayment);
  EXPECT_EQ(statement->used[0].label, "Trésorerie 2/10");
  EXPECT_EQ(statement->used[0].on, (Date{2027, 1, 10}));
  EXPECT_EQ(statement->used[0].amount, Money{10000});
  EXPECT_EQ(statement->used_total, Money{0});
  EXPECT_TRUE(statement->settlements.empty());
}

TEST_P(StatementServiceTest, HubPartyStatementListsWhatTheHubProvides) {
  ArrangeNovember();
  auto statement = service_->StatementOf(actor_, observer_, std::nullopt, Month{2026, 11});
  ASSERT_TRUE(statement.ok()) << statement.error().message;
  EXPECT_EQ(statement->party.member, std::nullopt);
  EXPECT_TRUE(statement->used.empty());
  // Two room bookings, the rent, the advance lent.
  ASSERT_EQ(statement->provided.size(), 4u);
  EXPECT_EQ(statement->provided[0].label, "Salle Rivière, 2026-11-01 00:30-01:30");
  EXPECT_EQ(statement->provided[2].kind, FlowKind::kAdvance);
  EXPECT_EQ(statement->provided[3].kind, FlowKind::kRent);
  EXPECT_EQ(statement->provided[3].on, (Date{2026, 11, 16}));
  EXPECT_EQ(statement->provided[3].label, "Bureau 12");
  EXPECT_EQ(statement->provided_total, Money{3000 + 1000 + 30000});
  ASSERT_EQ(statement->settlements.size(), 1u);
  EXPECT_EQ(statement->settlements[0].amount, Money{34000});
}

TEST_P(StatementServiceTest, MemberStatementIsReadByCoordinatorsObserversAndTheMember) {
  ArrangeNovember();
  EXPECT_TRUE(service_->StatementOf(actor_, coordinator_, atelier_, Month{2026, 11}).ok());
  EXPECT_TRUE(service_->StatementOf(actor_, observer_, atelier_, Month{2026, 11}).ok());
  auto other = service_->StatementOf(actor_, MemberRole(recyclerie_), atelier_, Month{2026, 11});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  auto hub = service_->StatementOf(actor_, MemberRole(recyclerie_), std::nullopt, Month{2026, 11});
  ASSERT_FALSE(hub.ok());
  EXPECT_EQ(hub.error().code, ErrorCode::kPermissionDenied);
}

TEST_P(StatementServiceTest, MemberStatementOfAnotherHubsMemberIsNotFound) {
  auto statement = service_->StatementOf(actor_, coordinator_, nordiste_, Month{2026, 11});
  ASSERT_FALSE(statement.ok());
  EXPECT_EQ(statement.error().code, ErrorCode::kNotFound);
}

// --- MarkSettled ------------------------------------------------------------------------------

TEST_P(StatementServiceTest, SettlingRecordsWhatRemainsAndIsAudited) {
  ArrangeNovember();
  AddPayment("2026-11", recyclerie_, atelier_, 500);
  auto settled = service_->MarkSettled(actor_, MemberRole(atelier_), Month{2026, 11}, P(recyclerie_), P(atelier_));
  ASSERT_TRUE(settled.ok()) << settled.error().message;
  EXPECT_EQ(PaidInSettlements(recyclerie_, atelier_.value), 2000);

  auto statement = service_->StatementOf(actor_, MemberRole(atelier_), atelier_, Month{2026, 11});
  ASSERT_TRUE(statement.ok());
  const auto* pair = SettlementOf(statement->settlements, recyclerie_, atelier_);
  ASSERT_NE(pair, nullptr);
  EXPECT_TRUE(pair->settled());

  auto audit = identity_->ListAudit(actor_, coordinator_.access, 10, 0);
  ASSERT_TRUE(audit.ok());
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ((*audit)[0].entry.action, "settle");
  EXPECT_EQ((*audit)[0].entry.entity, "pooling_settlement");
  EXPECT_NE((*audit)[0].entry.after_json.find("\"amount_cents\":1500"), std::string::npos);
}

TEST_P(StatementServiceTest, SettlingTwiceFindsNothingOwed) {
  ArrangeNovember();
  ASSERT_TRUE(service_->MarkSettled(actor_, coordinator_, Month{2026, 11}, P(recyclerie_), Party{}).ok());
  EXPECT_EQ(PaidInSettlements(recyclerie_, 0), 34000);
  auto again = service_->MarkSettled(actor_, coordinator_, Month{2026, 11}, P(recyclerie_), Party{});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(PaidInSettlements(recyclerie_, 0), 34000);
}

TEST_P(StatementServiceTest, ConcurrentSettlementsOfOneDebtRecordItOnce) {
  ArrangeNovember();
  constexpr int kThreads = 4;
  std::vector<Status> results(kThreads, OkStatus());
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      results[static_cast<std::size_t>(i)] =
          service_->MarkSettled(actor_, coordinator_, Month{2026, 11}, P(recyclerie_), Party{});
    });
  }
  for (auto& thread : threads) thread.join();
  int recorded = 0;
  for (const auto& result : results) {
    if (result.ok()) {
      ++recorded;
    } else {
      EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
    }
  }
  EXPECT_EQ(recorded, 1);
  EXPECT_EQ(PaidInSettlements(recyclerie_, 0), 34000);
}

TEST_P(StatementServiceTest, SettlingAPairThatOwesNothingFails) {
  ArrangeNovember();
  // Atelier owes Recyclerie nothing (it is the other way round); advances are not settled here.
  auto reverse = service_->MarkSettled(actor_, coordinator_, Month{2026, 11}, P(atelier_), P(recyclerie_));
  ASSERT_FALSE(reverse.ok());
  EXPECT_EQ(reverse.error().code, ErrorCode::kFailedPrecondition);
  auto advance = service_->MarkSettled(actor_, coordinator_, Month{2026, 11}, P(atelier_), Party{});
  ASSERT_FALSE(advance.ok());
  EXPECT_EQ(advance.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(StatementServiceTest, SettlingFollowsNetting) {
  ArrangeNovember();
  SetNetting(true);
  auto netted_away = service_->MarkSettled(actor_, coordinator_, Month{2026, 11}, P(traiteur_), P(atelier_));
  ASSERT_FALSE(netted_away.ok());
  EXPECT_EQ(netted_away.error().code, ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(service_->MarkSettled(actor_, MemberRole(traiteur_), Month{2026, 11}, P(atelier_), P(traiteur_)).ok());
  EXPECT_EQ(PaidInSettlements(atelier_, traiteur_.value), 62000);
}

TEST_P(StatementServiceTest, SettlingIsForTheCreditorOrCoordinators) {
  ArrangeNovember();
  auto by_debtor = service_->MarkSettled(actor_, MemberRole(recyclerie_), Month{2026, 11}, P(recyclerie_), P(atelier_));
  ASSERT_FALSE(by_debtor.ok());
  EXPECT_EQ(by_debtor.error().code, ErrorCode::kPermissionDenied);
  auto by_observer = service_->MarkSettled(actor_, observer_, Month{2026, 11}, P(recyclerie_), P(atelier_));
  ASSERT_FALSE(by_observer.ok());
  EXPECT_EQ(by_observer.error().code, ErrorCode::kPermissionDenied);
  // The hub as creditor: coordinators only.
  auto for_hub = service_->MarkSettled(actor_, MemberRole(atelier_), Month{2026, 11}, P(recyclerie_), Party{});
  ASSERT_FALSE(for_hub.ok());
  EXPECT_EQ(for_hub.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(PaidInSettlements(recyclerie_, 0) + PaidInSettlements(recyclerie_, atelier_.value), 0);
}

TEST_P(StatementServiceTest, SettlingWithAnotherHubsMemberIsNotFound) {
  auto settled = service_->MarkSettled(actor_, coordinator_, Month{2026, 11}, P(nordiste_), Party{});
  ASSERT_FALSE(settled.ok());
  EXPECT_EQ(settled.error().code, ErrorCode::kNotFound);
}

// --- ExportStatement --------------------------------------------------------------------------

TEST_P(StatementServiceTest, ExportInFrenchHasEveryLineOfTheMonth) {
  ArrangeNovember();
  auto table = service_->ExportStatement(actor_, coordinator_, std::nullopt, Month{2026, 11}, "fr");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->header,
            (std::vector<std::string>{"Date", "Nature", "Libellé", "Débiteur", "Créancier", "Montant"}));
  // Three bookings, the service, the placement, the rent, the advance.
  ASSERT_EQ(table->rows.size(), 7u);
  EXPECT_EQ(table->rows[0], (std::vector<std::string>{"01/11/2026", "Réservation", "Salle Rivière, 2026-11-01 00:30-01:30",
                                                      "Recyclerie du Grésivaudan", "Pôle Sud", "10,00"}));
  auto placement = std::find_if(table->rows.begin(), table->rows.end(),
                                [](const auto& row) { return row[1] == "Mise à disposition"; });
  ASSERT_NE(placement, table->rows.end());
  EXPECT_EQ((*placement)[0], "30/11/2026");
  EXPECT_EQ((*placement)[5], "700,00");
}

TEST_P(StatementServiceTest, ExportOfOneMemberInEnglish) {
  ArrangeNovember();
  auto table = service_->ExportStatement(actor_, MemberRole(recyclerie_), Party{recyclerie_, ""}, Month{2026, 11}, "en");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->header, (std::vector<std::string>{"Date", "Kind", "Label", "Debtor", "Creditor", "Amount"}));
  ASSERT_EQ(table->rows.size(), 4u);  // three bookings and the rent
  EXPECT_EQ(table->rows[3], (std::vector<std::string>{"2026-11-16", "Rent", "Bureau 12", "Recyclerie du Grésivaudan",
                                                      "Pôle Sud", "300.00"}));
}

TEST_P(StatementServiceTest, ExportOfTheHubHasTheHubsLinesOnly) {
  ArrangeNovember();
  auto all = service_->ExportStatement(actor_, coordinator_, std::nullopt, Month{2026, 11}, "fr");
  auto table = service_->ExportStatement(actor_, coordinator_, Party{}, Month{2026, 11}, "fr");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_FALSE(table->rows.empty());
  EXPECT_LT(table->rows.size(), all->rows.size());
  for (const auto& row : table->rows) EXPECT_TRUE(row[3] == "Pôle Sud" || row[4] == "Pôle Sud") << row[2];
  auto member = service_->ExportStatement(actor_, MemberRole(recyclerie_), Party{}, Month{2026, 11}, "fr");
  EXPECT_EQ(member.error().code, ErrorCode::kPermissionDenied);
}

TEST_P(StatementServiceTest, ExportFollowsTheStatementsPermissions) {
  auto all = service_->ExportStatement(actor_, MemberRole(recyclerie_), std::nullopt, Month{2026, 11}, "fr");
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().code, ErrorCode::kPermissionDenied);
  auto other = service_->ExportStatement(actor_, MemberRole(recyclerie_), Party{atelier_, ""}, Month{2026, 11}, "fr");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  auto elsewhere = service_->ExportStatement(actor_, coordinator_, Party{nordiste_, ""}, Month{2026, 11}, "fr");
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kNotFound);
}

// --- BalanceOf --------------------------------------------------------------------------------

TEST_P(StatementServiceTest, BalanceOfAMemberOverAYear) {
  ArrangeNovember();
  auto balance = service_->BalanceOf(actor_, MemberRole(atelier_), atelier_, Date{2026, 1, 1}, Date{2026, 12, 31});
  ASSERT_TRUE(balance.ok()) << balance.error().message;
  ASSERT_EQ(balance->rows.size(), 5u);
  EXPECT_EQ(balance->rows[0].kind, FlowKind::kBooking);
  EXPECT_EQ(balance->rows[0].provided, Money{2000});
  EXPECT_EQ(balance->rows[1].kind, FlowKind::kService);
  EXPECT_EQ(balance->rows[1].provided, Money{8000 + 9700});  // October's delivery counts in the year
  EXPECT_EQ(balance->rows[2].kind, FlowKind::kPlacement);
  EXPECT_EQ(balance->rows[2].used, Money{70000});
  EXPECT_EQ(balance->rows[3].kind, FlowKind::kRent);
  EXPECT_EQ(balance->rows[3].used, Money{0});
  EXPECT_EQ(balance->rows[4].kind, FlowKind::kAdvance);
  EXPECT_EQ(balance->rows[4].used, Money{100000});
  EXPECT_EQ(balance->provided, Money{2000 + 8000 + 9700});
  EXPECT_EQ(balance->used, Money{70000 + 100000});
}

TEST_P(StatementServiceTest, BalanceOfTheHubOverPartOfAMonth) {
  ArrangeNovember();
  // From 2 November: the booking of 1 November and the month's placement hours are left out;
  // the rent of December (first day in the period) counts, November's does not.
  auto balance = service_->BalanceOf(actor_, coordinator_, std::nullopt, Date{2026, 11, 2}, Date{2026, 12, 1});
  ASSERT_TRUE(balance.ok()) << balance.error().message;
  EXPECT_EQ(balance->rows[0].provided, Money{3000 + 9200});
  EXPECT_EQ(balance->rows[3].provided, Money{60000});
  EXPECT_EQ(balance->rows[4].provided, Money{100000});
  EXPECT_EQ(balance->used, Money{0});
}

TEST_P(StatementServiceTest, BalanceOverSeveralYearsIsFine) {
  ArrangeNovember();
  auto balance = service_->BalanceOf(actor_, observer_, recyclerie_, Date{2020, 1, 1}, Date{2030, 12, 31});
  ASSERT_TRUE(balance.ok()) << balance.error().message;
  EXPECT_EQ(balance->rows[0].used, Money{3000 + 1000 + 2000});
  // Open-ended lease: half of November 2026, then 49 full months to December 2030.
  EXPECT_EQ(balance->rows[3].used, Money{30000 + 49 * 60000});
}

TEST_P(StatementServiceTest, BalanceRefusesAPeriodEndingBeforeItStarts) {
  auto balance = service_->BalanceOf(actor_, coordinator_, atelier_, Date{2026, 12, 31}, Date{2026, 1, 1});
  ASSERT_FALSE(balance.ok());
  EXPECT_EQ(balance.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(balance.error().fields.at("to"), "validation.date_order");
}

TEST_P(StatementServiceTest, BalanceFollowsTheStatementsPermissions) {
  auto other = service_->BalanceOf(actor_, MemberRole(traiteur_), atelier_, Date{2026, 1, 1}, Date{2026, 12, 31});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  auto elsewhere = service_->BalanceOf(actor_, coordinator_, nordiste_, Date{2026, 1, 1}, Date{2026, 12, 31});
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kNotFound);
}

// --- Alerts -----------------------------------------------------------------------------------

class StatementAlertsTest : public StatementServiceTest {
 protected:
  void SetUp() override {
    StatementServiceTest::SetUp();
    auto salle = AddResource(coordinator_, "Salle Rivière", std::nullopt);
    auto camion = AddResource(coordinator_, "Camion", atelier_);
    // Pending: the van next week (Atelier approves), the room tomorrow (the hub), and one
    // already started (no longer to approve).
    van_ = AddBooking(coordinator_, camion, recyclerie_, atelier_, Paris(2026, 11, 30, 9, 0), Paris(2026, 11, 30, 12, 0),
                      2000, "pending");
    room_ = AddBooking(coordinator_, salle, traiteur_, std::nullopt, Paris(2026, 11, 24, 9, 0),
                       Paris(2026, 11, 24, 12, 0), 3000, "pending");
    AddBooking(coordinator_, salle, traiteur_, std::nullopt, Paris(2026, 11, 23, 9, 0), Paris(2026, 11, 23, 12, 0), 3000,
               "pending");
    AddBooking(coordinator_, salle, traiteur_, std::nullopt, Paris(2026, 11, 25, 9, 0), Paris(2026, 11, 25, 12, 0), 3000,
               "confirmed");
    // Leases: Recyclerie's ends within 60 days (10 January 2027), Traiteur's later.
    AddLease(recyclerie_, "Bureau 12", 60000, Date{2025, 1, 1}, Date{2027, 1, 10});
    AddLease(traiteur_, "Atelier B", 40000, Date{2025, 1, 1}, Date{2027, 6, 30});
    // Atelier lends Traiteur 300 €: 100 € due on 1 October, 1 November, 1 December; 100 € repaid.
    overdue_ = AddAdvance(atelier_, traiteur_, 30000, "Achat de matériel", "approved", Date{2026, 9, 15},
                          Date{2026, 10, 1}, 3);
    AddRepayment(overdue_, Date{2026, 10, 1}, 10000);
    // The hub lends Recyclerie 200 €: fully repaid on time.
    auto on_time = AddAdvance(std::nullopt, recyclerie_, 20000, "Trésorerie", "approved", Date{2026, 9, 15},
                              Date{2026, 10, 1}, 2);
    AddRepayment(on_time, Date{2026, 10, 1}, 10000);
    AddRepayment(on_time, Date{2026, 11, 1}, 10000);
  }

  BookingId van_, room_;
  AdvanceId overdue_;
};

TEST_P(StatementAlertsTest, CoordinatorsSeeEverything) {
  auto alerts = service_->Alerts(actor_, coordinator_);
  ASSERT_TRUE(alerts.ok()) << alerts.error().message;
  ASSERT_EQ(alerts->pending_approvals.size(), 2u);
  EXPECT_EQ(alerts->pending_approvals[0].id, room_);  // soonest first
  EXPECT_EQ(alerts->pending_approvals[0].resource_name, "Salle Rivière");
  EXPECT_EQ(alerts->pending_approvals[1].id, van_);
  ASSERT_EQ(alerts->leases_ending.size(), 1u);
  EXPECT_EQ(alerts->leases_ending[0].tenant, recyclerie_);
  ASSERT_EQ(alerts->overdue_advances.size(), 1u);
  EXPECT_EQ(alerts->overdue_advances[0].id, overdue_);
  EXPECT_EQ(alerts->overdue_advances[0].overdue, Money{10000});
}

TEST_P(StatementAlertsTest, MembersSeeWhatConcernsThem) {
  auto atelier = service_->Alerts(actor_, MemberRole(atelier_));
  ASSERT_TRUE(atelier.ok());
  ASSERT_EQ(atelier->pending_approvals.size(), 1u);  // its van, not the hub's room
  EXPECT_EQ(atelier->pending_approvals[0].id, van_);
  EXPECT_TRUE(atelier->leases_ending.empty());
  ASSERT_EQ(atelier->overdue_advances.size(), 1u);  // as the lender

  auto recyclerie = service_->Alerts(actor_, MemberRole(recyclerie_));
  ASSERT_TRUE(recyclerie.ok());
  EXPECT_TRUE(recyclerie->pending_approvals.empty());
  ASSERT_EQ(recyclerie->leases_ending.size(), 1u);  // as the tenant
  EXPECT_TRUE(recyclerie->overdue_advances.empty());

  auto traiteur = service_->Alerts(actor_, MemberRole(traiteur_));
  ASSERT_TRUE(traiteur.ok());
  EXPECT_TRUE(traiteur->leases_ending.empty());
  ASSERT_EQ(traiteur->overdue_advances.size(), 1u);  // as the borrower
}

TEST_P(StatementAlertsTest, ObserversHaveNoAlerts) {
  auto alerts = service_->Alerts(actor_, observer_);
  ASSERT_TRUE(alerts.ok());
  EXPECT_TRUE(alerts->pending_approvals.empty());
  EXPECT_TRUE(alerts->leases_ending.empty());
  EXPECT_TRUE(alerts->overdue_advances.empty());
}

INSTANTIATE_TEST_SUITE_P(Statement, StatementServiceTest, ::testing::ValuesIn(testing::TestDatabaseKinds()));
INSTANTIATE_TEST_SUITE_P(Statement, StatementAlertsTest, ::testing::ValuesIn(testing::TestDatabaseKinds()));

// --- The benchmark's shape: 100 members and 50,000 bookings in one month --------------------

class StatementBenchmarkTest : public StatementServiceTest {};

TEST_P(StatementBenchmarkTest, HubStatementOfFiftyThousandBookings) {
  std::vector<MemberId> members = {atelier_, recyclerie_, traiteur_};
  while (members.size() < 100) members.push_back(AddMember(coordinator_, "Membre " + std::to_string(members.size())));
  std::vector<std::pair<ResourceId, std::optional<MemberId>>> resources;
  for (int i = 0; i < 20; ++i) {
    std::optional<MemberId> owner;
    if (i % 2 == 1) owner = members[static_cast<std::size_t>(i * 3)];
    resources.emplace_back(AddResource(coordinator_, "Ressource " + std::to_string(i), owner), owner);
  }
  constexpr int kBookings = 50000;
  const Timestamp first = Paris(2026, 11, 1, 0, 0);
  std::int64_t expected_total = 0;
  std::int64_t self = 0;
  pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
    for (int i = 0; i < kBookings; ++i) {
      const auto& [resource, owner] = resources[static_cast<std::size_t>(i % 20)];
      const MemberId member = members[static_cast<std::size_t>(i % 100)];
      // Each resource books back to back slots of 17 minutes: 2,500 per resource in the month.
      const std::int64_t starts = first.unix_seconds + static_cast<std::int64_t>(i / 20) * 17 * 60;
      const std::int64_t price = 500 + i % 1000;
      if (owner && *owner == member) {
        ++self;  // its own resource: owes nothing
      } else {
        expected_total += price;
      }
      tx.Execute(
          "INSERT INTO pooling_bookings (hub_id, resource_id, member_id, owner_member_id, booked_by, starts_at, "
          "ends_at, holds_slot, status, price_cents, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'confirmed', ?, 0, 0)",
          {coordinator_.hub.id.value, resource.value, member.value, OptMember(owner), actor_.user.value, starts,
           starts + 17 * 60, price});
    }
  });
  // Warm the connection's prepared statements and caches once, then measure.
  ASSERT_TRUE(service_->StatementOfHub(actor_, coordinator_, Month{2026, 11}).ok());
  auto started = std::chrono::steady_clock::now();
  auto statement = service_->StatementOfHub(actor_, coordinator_, Month{2026, 11});
  auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  ASSERT_TRUE(statement.ok()) << statement.error().message;
  std::printf("[ StatementOfHub ] %s: 100 members, %d bookings: %.1f ms\n", GetParam().c_str(), kBookings,
              static_cast<double>(elapsed.count()) / 1000.0);
  EXPECT_EQ(statement->total, Money{expected_total});
  std::int64_t lines = 0;
  for (const auto& party : statement->parties) lines += party.lines;
  // Every booking counts for its booker and its owner, except those of its own resource.
  EXPECT_EQ(lines, 2 * (kBookings - self));
  EXPECT_EQ(statement->parties.size(), 100u + 1u);
}

INSTANTIATE_TEST_SUITE_P(StatementSqlite, StatementBenchmarkTest, ::testing::Values(std::string("sqlite")));

}  // namespace
}  // namespace coopole::pooling
