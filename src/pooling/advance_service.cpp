// Use cases of cash advances between members (or from the hub): the borrower requests, the
// lender approves within the borrower's exposure limit (the schedule is fixed then) or
// refuses, and repayments are recorded until nothing is outstanding. Also the pooling
// settings of the hub (netting of statements, default exposure limit).
#include <map>

#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "coopole/pooling/pooling.h"
#include "ledger_rules.h"
#include "service_internal.h"
#include "store/ledger_store.h"

namespace coopole::pooling {
namespace {

using internal::ActsFor;
using internal::May;
using internal::MayWrite;
using internal::MergeFields;
using internal::TrimmedOf;
using internal::Permission;
using Fields = std::map<std::string, std::string>;

constexpr std::size_t kMaxPurposeBytes = 500;
constexpr int kMaxInstallments = 120;
// No advance above 100 million euros: a typing error, and amounts stay far from overflow.
constexpr std::int64_t kMaxAdvanceCents = std::int64_t{100'000'000} * 100;

nlohmann::json AdvanceObject(const Advance& a) {
  nlohmann::json schedule = nlohmann::json::array();
  for (const auto& installment : a.schedule) {
    schedule.push_back({{"due_on", FormatIsoDate(installment.due_on)}, {"amount_cents", installment.amount.cents}});
  }
  return {{"id", a.id.value},
               {"lender_member_id", a.lender.member ? nlohmann::json(a.lender.member->value) : nlohmann::json(nullptr)},
               {"borrower_member_id", a.borrower.value},
               {"amount_cents", a.amount.cents},
               {"purpose", a.purpose},
               {"status", AdvanceStatusCode(a.status)},
               {"installments", a.installments_count},
               {"first_due_on", FormatIsoDate(a.first_due_on)},
               {"schedule", schedule},
               {"outstanding_cents", a.outstanding.cents},
               {"version", a.version}};
}

std::string AdvanceJson(const Advance& a) { return internal::AuditJson(AdvanceObject(a)); }

// Fills what depends on today: the overdue amount of a running advance.
Advance& Complete(Advance& advance, Date today) {
  advance.overdue = advance.status == AdvanceStatus::kApproved ? OverdueAmount(advance.schedule, today) : Money{0};
  return advance;
}

std::optional<int> ParseCount(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// An advance's lender or the coordinators of the hub when the hub lends.
bool ActsForLender(const Actor& actor, const HubContext& hub, const Advance& advance) {
  return ActsFor(actor, hub, advance.lender);
}

Money LimitOf(db::Transaction& tx, HubId hub, MemberId borrower) {
  if (auto limit = store::FindExposureLimit(tx, hub, borrower)) return *limit;
  return store::LoadSettings(tx, hub).default_exposure_limit;
}

}  // namespace

Result<std::vector<Advance>> PoolingService::ListAdvances(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  const Date today = internal::TodayIn(clock_, hub);
  auto tx = pool_.Begin(db::TxMode::kRead);
  std::vector<Advance> advances;
  for (auto& advance : store::ListAdvances(tx, hub.hub.id)) {
    if (!internal::MayRead(actor, hub, {advance.lender.member, advance.borrower})) continue;
    advances.push_back(std::move(Complete(advance, today)));
  }
  return advances;
}

Result<Advance> PoolingService::GetAdvance(const Actor& actor, const HubContext& hub, AdvanceId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto advance = store::FindAdvance(tx, hub.hub.id, id);
  if (!advance || !internal::MayRead(actor, hub, {advance->lender.member, advance->borrower}))
    return Error::NotFound("advance");
  return Complete(*advance, internal::TodayIn(clock_, hub));
}

Result<Advance> PoolingService::RequestAdvance(const Actor& actor, const HubContext& hub, const AdvanceInput& input) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  Fields fields;
  auto acting = internal::ActingMember(actor, hub, input.borrower_member_id, "borrower_member_id", fields);
  if (!acting) return acting.error();
  const std::optional<MemberId> borrower = *acting;

  Advance advance;
  advance.hub = hub.hub.id;
  auto parsed_lender = internal::ParseMemberField(input.lender_member_id, "lender_member_id");
  if (!parsed_lender.ok()) {
    MergeFields(parsed_lender.error(), fields);
  } else {
    advance.lender.member = *parsed_lender;  // unset: the hub lends
  }

  std::string_view amount_text = TrimmedOf(input.amount);
  if (amount_text.empty()) {
    fields["amount"] = "validation.required";
  } else {
    auto amount = ParseMoney(amount_text);
    if (!amount || amount->cents <= 0 || amount->cents > kMaxAdvanceCents) {
      fields["amount"] = "validation.amount";
    } else {
      advance.amount = *amount;
    }
  }
  std::string_view purpose = TrimmedOf(input.purpose);
  if (purpose.empty()) {
    fields["purpose"] = "validation.required";
  } else if (!IsValidUtf8(purpose)) {
    fields["purpose"] = "validation.encoding";
  } else if (purpose.size() > kMaxPurposeBytes) {
    fields["purpose"] = "validation.too_long";
  }
  advance.purpose = std::string(purpose);

  std::string_view count_text = TrimmedOf(input.installments);
  if (!count_text.empty()) {
    auto count = ParseCount(count_text);
    if (!count || *count < 1 || *count > kMaxInstallments) {
      fields["installments"] = "validation.installments";
    } else {
      advance.installments_count = *count;
    }
  }
  std::string_view due_text = TrimmedOf(input.first_due_on);
  if (due_text.empty()) {
    fields["first_due_on"] = "validation.required";
  } else if (auto due = ParseDate(due_text)) {
    if (*due < internal::TodayIn(clock_, hub)) fields["first_due_on"] = "validation.date_past";
    advance.first_due_on = *due;
  } else {
    fields["first_due_on"] = "validation.date";
  }

  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (borrower) {
    auto name = member_names_(tx, hub.hub.id, *borrower);
    if (!name) fields["borrower_member_id"] = "validation.member";
    advance.borrower_name = name.value_or("");
  }
  if (advance.lender.member) {
    auto name = member_names_(tx, hub.hub.id, *advance.lender.member);
    if (!name) fields["lender_member_id"] = "validation.member";
    advance.lender.name = name.value_or("");
    if (borrower && *borrower == *advance.lender.member) fields["lender_member_id"] = "validation.same_member";
  }
  if (!fields.empty()) return Error::Invalid(std::move(fields));

  advance.borrower = *borrower;
  advance.status = AdvanceStatus::kRequested;
  advance.created_at = clock_.Now();
  advance.id = store::InsertAdvance(tx, advance);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "request", "advance", advance.id.value, "", AdvanceJson(advance)});
  tx.Commit();
  return advance;
}

Result<Advance> PoolingService::ApproveAdvance(const Actor& actor, const HubContext& hub, AdvanceId id) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  const Date today = internal::TodayIn(clock_, hub);
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindAdvance(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("advance");
  if (!ActsForLender(actor, hub, *current)) return Error::Denied();
  if (current->status != AdvanceStatus::kRequested) {
    return internal::OutOfOrder(std::string("the advance is ") + AdvanceStatusCode(current->status) +
                                ": only a requested advance can be approved");
  }
  if (!member_names_(tx, hub.hub.id, current->borrower)) {
    return internal::FieldError("borrower_member_id", "validation.member");
  }
  // One approval at a time per hub: the outstanding read below cannot miss a concurrent one.
  store::LockLedger(tx, hub.hub.id);
  const Money limit = LimitOf(tx, hub.hub.id, current->borrower);
  const Money outstanding = store::OutstandingOf(tx, hub.hub.id, current->borrower);
  if (outstanding + current->amount > limit) {
    return internal::FieldError("amount", "validation.exposure_limit", "the borrower would owe more than its limit");
  }

  Advance advance = *current;
  // Approved after the first requested due date: the schedule starts on the same day of
  // the first month that is not over yet, so that nothing is overdue on the first day.
  int shift = 0;
  while (AddMonths(current->first_due_on, shift) < today) ++shift;
  advance.first_due_on = AddMonths(current->first_due_on, shift);
  advance.schedule = RepaymentSchedule(advance.amount, advance.installments_count, advance.first_due_on);
  advance.status = AdvanceStatus::kApproved;
  advance.approved_by = actor.user;
  advance.approved_at = clock_.Now();
  advance.outstanding = advance.amount;
  if (!store::ApproveAdvance(tx, advance, today, current->version)) return internal::Stale("advance");
  advance.version = current->version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "approve", "advance", id.value, AdvanceJson(*current), AdvanceJson(advance)});
  tx.Commit();
  return Complete(advance, today);
}

Result<Advance> PoolingService::RefuseAdvance(const Actor& actor, const HubContext& hub, AdvanceId id) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindAdvance(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("advance");
  if (!ActsForLender(actor, hub, *current)) return Error::Denied();
  if (current->status != AdvanceStatus::kRequested) {
    return internal::OutOfOrder(std::string("the advance is ") + AdvanceStatusCode(current->status) +
                                ": only a requested advance can be refused");
  }
  Advance advance = *current;
  advance.status = AdvanceStatus::kRefused;
  if (!store::UpdateAdvanceStatus(tx, hub.hub.id, id, advance.status, clock_.Now(), current->version)) {
    return internal::Stale("advance");
  }
  advance.version = current->version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "refuse", "advance", id.value, AdvanceJson(*current), AdvanceJson(advance)});
  tx.Commit();
  return advance;
}

Result<Advance> PoolingService::RecordRepayment(const Actor& actor, const HubContext& hub, AdvanceId id, Date paid_on,
                                                const std::string& amount_text) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  const Date today = internal::TodayIn(clock_, hub);
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindAdvance(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("advance");
  // The lender records what it received (coordinators for any lender).
  if (!ActsForLender(actor, hub, *current)) return Error::Denied();
  if (current->status != AdvanceStatus::kApproved) {
    return internal::OutOfOrder(std::string("the advance is ") + AdvanceStatusCode(current->status) +
                                ": repayments are recorded on approved advances");
  }
  Fields fields;
  std::string_view text = Trim(amount_text);
  Money amount{0};
  if (text.empty()) {
    fields["amount"] = "validation.required";
  } else if (auto parsed = ParseMoney(text); !parsed || parsed->cents <= 0) {
    fields["amount"] = "validation.amount";
  } else if (*parsed > current->outstanding) {
    fields["amount"] = "validation.exceeds_outstanding";
  } else {
    amount = *parsed;
  }
  if (paid_on > today) fields["paid_on"] = "validation.not_in_future";
  if (!fields.empty()) return Error::Invalid(std::move(fields));

  const Repayment repayment{paid_on, amount};
  Advance advance = *current;
  advance.repayments.push_back(repayment);
  advance.outstanding = current->outstanding - amount;
  advance.status = advance.outstanding.cents == 0 ? AdvanceStatus::kRepaid : AdvanceStatus::kApproved;
  AllocateRepayments(advance.schedule, advance.repayments);
  // Bumping the version guards against a concurrent repayment of the same advance.
  if (!store::UpdateAdvanceStatus(tx, hub.hub.id, id, advance.status, clock_.Now(), current->version)) {
    return internal::Stale("advance");
  }
  store::InsertRepayment(tx, hub.hub.id, id, repayment, actor.user, clock_.Now());
  advance.version = current->version + 1;
  nlohmann::json after = AdvanceObject(advance);
  after["repayment"] = {{"paid_on", FormatIsoDate(paid_on)}, {"amount_cents", amount.cents}};
  identity_.RecordAudit(tx, actor, {hub.hub.id, "repay", "advance", id.value, AdvanceJson(*current), internal::AuditJson(after)});
  tx.Commit();
  return Complete(advance, today);
}

Result<Money> PoolingService::ExposureLimit(const Actor& actor, const HubContext& hub, MemberId borrower) {
  if (!May(actor, hub, Permission::kManagePooling)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  if (!member_names_(tx, hub.hub.id, borrower)) return Error::NotFound("member");
  return LimitOf(tx, hub.hub.id, borrower);
}

Status PoolingService::SetExposureLimit(const Actor& actor, const HubContext& hub, MemberId borrower,
                                        const std::string& amount_text) {
  if (!May(actor, hub, Permission::kManagePooling)) return Error::Denied();
  // "" brings the member back to the hub's default limit.
  std::optional<Money> limit;
  std::string_view text = Trim(amount_text);
  if (!text.empty()) {
    limit = ParseMoney(text);
    if (!limit || limit->cents < 0) return internal::FieldError("amount", "validation.amount");
  }
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (!member_names_(tx, hub.hub.id, borrower)) return Error::NotFound("member");
  auto before = store::FindExposureLimit(tx, hub.hub.id, borrower);
  store::SetExposureLimit(tx, hub.hub.id, borrower, limit);
  auto json = [](const std::optional<Money>& m) {
    return m ? internal::AuditJson({{"limit_cents", m->cents}}) : internal::AuditJson({{"limit_cents", nullptr}});
  };
  identity_.RecordAudit(tx, actor,
                        {hub.hub.id, "set_exposure_limit", "member", borrower.value, json(before), json(limit)});
  tx.Commit();
  return OkStatus();
}

Result<PoolingSettings> PoolingService::Settings(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  return store::LoadSettings(tx, hub.hub.id);
}

Status PoolingService::UpdateSettings(const Actor& actor, const HubContext& hub, const PoolingSettings& settings) {
  if (!May(actor, hub, Permission::kManagePooling)) return Error::Denied();
  if (settings.default_exposure_limit.cents < 0) {
    return internal::FieldError("default_exposure_limit", "validation.amount");
  }
  auto tx = pool_.Begin(db::TxMode::kWrite);
  const auto before = store::LoadSettings(tx, hub.hub.id);
  store::SaveSettings(tx, hub.hub.id, settings);
  auto json = [](const PoolingSettings& s) {
    return internal::AuditJson({{"netting", s.netting}, {"default_exposure_limit_cents", s.default_exposure_limit.cents}});
  };
  identity_.RecordAudit(tx, actor,
                        {hub.hub.id, "update", "pooling_settings", hub.hub.id.value, json(before), json(settings)});
  tx.Commit();
  return OkStatus();
}

}  // namespace coopole::pooling
