// Contract and hub-share use cases on both databases: the win flow, rates, invoices a
// member declares for itself, calls freezing dues, payments and arrears.
#include "bids_test_fixture.h"

namespace coopole::cooperation {
namespace {

class HubShareServiceTest : public BidServiceTest {};

TEST_P(HubShareServiceTest, AWonBidGetsAContractWithDefaultMemberAmounts) {
  auto bid = WonBid();
  auto contract = service_->SaveContract(actor_, coordinator_, bid.id, 0, FivePercent());
  ASSERT_TRUE(contract.ok()) << contract.error().message;
  ASSERT_EQ(contract->members.size(), 3u);
  EXPECT_EQ(contract->members[0].amount.cents, 5000000);  // 50 % of 100 000 €
  EXPECT_EQ(contract->members[2].amount.cents, 2000000);
  EXPECT_EQ(contract->hub_rate_bp, 500);
  EXPECT_TRUE(service_->GetBid(actor_, coordinator_, bid.id)->has_contract);
  // Recorded twice from version 0: stale.
  EXPECT_EQ(service_->SaveContract(actor_, coordinator_, bid.id, 0, FivePercent()).error().code,
            ErrorCode::kConflict);
}

TEST_P(HubShareServiceTest, OnlyAWonBidGetsAContractAndOnlyFromACoordinator) {
  auto bid = service_->CreateBid(actor_, coordinator_, Tender())->bid;
  EXPECT_EQ(service_->SaveContract(actor_, coordinator_, bid.id, 0, FivePercent()).error().code,
            ErrorCode::kFailedPrecondition);
  auto won = WonBid();
  EXPECT_EQ(service_->SaveContract(actor_, MemberRole(insertion_), won.id, 0, FivePercent()).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_P(HubShareServiceTest, ARateOutside0To100PercentIs422) {
  auto bid = WonBid();
  auto in = FivePercent();
  in.hub_rate = "150";
  auto over = service_->SaveContract(actor_, coordinator_, bid.id, 0, in);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().fields.at("hub_rate"), "cooperation.hub_share.error.rate");
  in.hub_rate = "-1";
  EXPECT_EQ(service_->SaveContract(actor_, coordinator_, bid.id, 0, in).error().fields.count("hub_rate"), 1u);
  in = FivePercent();
  in.members = {{Id(company_), "", "101"}};
  EXPECT_EQ(service_->SaveContract(actor_, coordinator_, bid.id, 0, in).error().fields.count("rates"), 1u);
}

TEST_P(HubShareServiceTest, AMemberDeclaresInvoicesForItselfOnly) {
  auto bid = WonBid();
  ASSERT_TRUE(service_->SaveContract(actor_, coordinator_, bid.id, 0, FivePercent()).ok());
  auto own = service_->DeclareInvoice(actor_, MemberRole(company_), bid.id, {"", "2026-12-15", "10000", "F-001"});
  ASSERT_TRUE(own.ok()) << own.error().message;
  EXPECT_EQ(own->member, company_);
  EXPECT_EQ(own->share_due.cents, 50000);  // 5 % of 10 000 €
  auto other = service_->DeclareInvoice(actor_, MemberRole(company_), bid.id,
                                        {Id(insertion_), "2026-12-15", "10000", "F-002"});
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  auto by_coordinator =
      service_->DeclareInvoice(actor_, coordinator_, bid.id, {Id(insertion_), "2026-12-16", "20000", "F-77"});
  EXPECT_TRUE(by_coordinator.ok());
  auto observer = service_->DeclareInvoice(actor_, observer_, bid.id, {Id(insertion_), "2026-12-16", "1", ""});
  EXPECT_EQ(observer.error().code, ErrorCode::kPermissionDenied);
  auto outsider = service_->DeclareInvoice(actor_, coordinator_, bid.id, {Id(nordiste_), "2026-12-16", "1", ""});
  EXPECT_EQ(outsider.error().fields.count("member_id"), 1u);
}

TEST_P(HubShareServiceTest, OverridesAndTheCapShapeTheShareDue) {
  auto bid = WonBid();
  auto in = FivePercent();
  in.cap = "1500";
  in.members = {{Id(scop_), "", "2"}};
  ASSERT_TRUE(service_->SaveContract(actor_, coordinator_, bid.id, 0, in).ok());
  ASSERT_TRUE(service_->DeclareInvoice(actor_, coordinator_, bid.id, {Id(scop_), "2026-12-10", "10000", ""}).ok());
  ASSERT_TRUE(
      service_->DeclareInvoice(actor_, coordinator_, bid.id, {Id(insertion_), "2026-12-11", "20000", ""}).ok());
  ASSERT_TRUE(
      service_->DeclareInvoice(actor_, coordinator_, bid.id, {Id(company_), "2026-12-12", "20000", ""}).ok());
  auto share = service_->GetContractShare(actor_, observer_, bid.id);
  ASSERT_TRUE(share.ok());
  // 2 % of 10 000 = 200; 5 % of 20 000 = 1 000; then only 300 left under the 1 500 cap.
  EXPECT_EQ(share->rows[2].due.cents, 20000);
  EXPECT_EQ(share->rows[2].rate_bp, 200);
  EXPECT_EQ(share->rows[0].due.cents, 100000);
  EXPECT_EQ(share->rows[1].due.cents, 30000);
  EXPECT_EQ(share->totals.due.cents, 150000);
  EXPECT_EQ(share->totals.invoiced.cents, 5000000);
}

TEST_P(HubShareServiceTest, ACallFreezesDuesAndUnpaidCallsPastDueAreArrears) {
  auto bid = WonBid();
  ASSERT_TRUE(service_->SaveContract(actor_, coordinator_, bid.id, 0, FivePercent()).ok());
  ASSERT_TRUE(service_->DeclareInvoice(actor_, coordinator_, bid.id, {Id(insertion_), "2026-12-10", "10000", ""}).ok());
  ASSERT_TRUE(service_->DeclareInvoice(actor_, coordinator_, bid.id, {Id(company_), "2026-12-12", "6000", ""}).ok());
  ASSERT_TRUE(service_->DeclareInvoice(actor_, coordinator_, bid.id, {Id(company_), "2027-01-12", "4000", ""}).ok());
  EXPECT_EQ(service_->IssueCall(actor_, MemberRole(insertion_), bid.id, {"2026-12-01", "2026-12-31", "2027-01-15"})
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  auto call = service_->IssueCall(actor_, coordinator_, bid.id, {"2026-12-01", "2026-12-31", "2027-01-15"});
  ASSERT_TRUE(call.ok()) << call.error().message;
  EXPECT_EQ(call->total.cents, 80000);  // 500 + 300 €
  ASSERT_EQ(call->lines.size(), 2u);
  auto again = service_->IssueCall(actor_, coordinator_, bid.id, {"2026-12-01", "2026-12-31", "2027-01-15"});
  EXPECT_EQ(again.error().fields.count("period_to"), 1u);  // nothing left to call
  auto paid = service_->RecordPayment(actor_, coordinator_, call->id,
                                      {Id(insertion_), "2027-01-10", "200", "VIR-1"});
  ASSERT_TRUE(paid.ok()) << paid.error().message;
  EXPECT_EQ(service_->RecordPayment(actor_, coordinator_, call->id, {Id(scop_), "2027-01-10", "1", ""})
                .error()
                .fields.count("member_id"),
            1u);
  // Before the due date: nothing in arrears.
  auto before = service_->GetContractShare(actor_, coordinator_, bid.id);
  EXPECT_EQ(before->totals.arrears.cents, 0);
  EXPECT_EQ(before->totals.called.cents, 80000);
  EXPECT_EQ(before->totals.due.cents, 100000);
  // After it: called - paid per member.
  clock_.Advance(60LL * 24 * 3600);
  auto overview = service_->Overview(actor_, observer_);
  ASSERT_TRUE(overview.ok());
  EXPECT_EQ(overview->totals.arrears.cents, 60000);  // 300 of the insertion + 300 of the company
  EXPECT_EQ(overview->totals.paid.cents, 20000);
  ASSERT_EQ(overview->arrears_by_member.size(), 3u);
  ASSERT_EQ(overview->calls.size(), 1u);
  EXPECT_TRUE(overview->calls[0].overdue);
}

TEST_P(HubShareServiceTest, AMemberReadsOnlyItsOwnOrganisationsHubShare) {
  auto bid = WonBid();
  auto in = FivePercent();
  in.cap = "1000";
  ASSERT_TRUE(service_->SaveContract(actor_, coordinator_, bid.id, 0, in).ok());
  ASSERT_TRUE(service_->DeclareInvoice(actor_, coordinator_, bid.id, {Id(insertion_), "2026-12-10", "10000", ""}).ok());
  ASSERT_TRUE(service_->DeclareInvoice(actor_, coordinator_, bid.id, {Id(company_), "2026-12-12", "20000", ""}).ok());
  auto call = service_->IssueCall(actor_, coordinator_, bid.id, {"2026-12-01", "2026-12-31", "2027-01-15"});
  ASSERT_TRUE(call.ok()) << call.error().message;
  ASSERT_TRUE(service_->RecordPayment(actor_, coordinator_, call->id, {Id(company_), "2027-01-10", "100", ""}).ok());
  clock_.Advance(60LL * 24 * 3600);

  auto mine = service_->GetContractShare(actor_, MemberRole(company_), bid.id);
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  ASSERT_EQ(mine->rows.size(), 1u);
  EXPECT_EQ(mine->rows[0].member, company_);
  // Computed over the whole contract: 500 € for the insertion, then 500 € left under the cap.
  EXPECT_EQ(mine->rows[0].due.cents, 50000);
  ASSERT_EQ(mine->invoices.size(), 1u);
  EXPECT_EQ(mine->invoices[0].member, company_);
  ASSERT_EQ(mine->contract.members.size(), 1u);
  EXPECT_EQ(mine->contract.members[0].member, company_);
  ASSERT_EQ(mine->calls.size(), 1u);
  ASSERT_EQ(mine->calls[0].lines.size(), 1u);
  EXPECT_EQ(mine->calls[0].total.cents, 50000);
  EXPECT_EQ(mine->calls[0].paid.cents, 10000);
  EXPECT_EQ(mine->totals.invoiced.cents, 2000000);
  EXPECT_EQ(mine->totals.arrears.cents, 40000);

  // The subcontractor invoiced nothing and was not called: no call, its row only.
  auto scop = service_->Overview(actor_, MemberRole(scop_));
  ASSERT_TRUE(scop.ok());
  EXPECT_TRUE(scop->calls.empty());
  ASSERT_EQ(scop->rows.size(), 1u);
  EXPECT_EQ(scop->rows[0].member, scop_);
  ASSERT_EQ(scop->arrears_by_member.size(), 1u);
  EXPECT_EQ(scop->totals.due.cents, 0);

  auto company = service_->Overview(actor_, MemberRole(company_));
  ASSERT_TRUE(company.ok());
  ASSERT_EQ(company->rows.size(), 1u);
  EXPECT_EQ(company->totals.arrears.cents, 40000);
  ASSERT_EQ(company->calls.size(), 1u);
  EXPECT_EQ(company->calls[0].total.cents, 50000);

  // Coordinators and observers read every member's.
  auto all = service_->Overview(actor_, observer_);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->rows.size(), 3u);
  EXPECT_EQ(all->totals.arrears.cents, 90000);
  EXPECT_EQ(all->calls[0].total.cents, 100000);
  EXPECT_EQ(service_->GetContractShare(actor_, coordinator_, bid.id)->invoices.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, HubShareServiceTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::cooperation
