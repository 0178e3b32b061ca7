// Use cases of services of skills and knowledge agreed between two members: the
// beneficiary requests, the provider agrees or declines, then marks the service delivered
// (the date decides the month it counts in); either party cancels before delivery.
#include <map>

#include <nlohmann/json.hpp>

#include "coopole/core/decimal.h"
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

constexpr std::size_t kMaxWhatBytes = 500;
// No single service lasts more than 10,000 hours: keeps amounts far from overflow.
constexpr std::int64_t kMaxServiceHoursHundredths = 10'000 * 100;
// Nor costs more than 10 million euros: a typing error, and sums stay far from overflow.
constexpr std::int64_t kMaxServiceCents = std::int64_t{10'000'000} * 100;

std::string AgreementJson(const Agreement& a) {
  return internal::AuditJson({{"id", a.id.value},
               {"resource_id", a.resource ? nlohmann::json(a.resource->value) : nlohmann::json(nullptr)},
               {"provider_member_id", a.provider.value},
               {"beneficiary_member_id", a.beneficiary.value},
               {"what", a.what},
               {"hours_hundredths", a.hours_hundredths},
               {"amount_cents", a.amount.cents},
               {"status", AgreementStatusCode(a.status)},
               {"delivered_on", a.delivered_on ? nlohmann::json(FormatIsoDate(*a.delivered_on)) : nlohmann::json(nullptr)},
               {"version", a.version}});
}

// A positive integer id, or nullopt for ""/absent; "validation.resource" otherwise.
std::optional<std::int64_t> ParseId(const std::optional<std::string>& text, const std::string& field, Fields& fields) {
  if (!text) return std::nullopt;
  std::string_view value = Trim(*text);
  if (value.empty()) return std::nullopt;
  std::int64_t id = 0;
  for (char c : value) {
    if (c < '0' || c > '9' || id > 1'000'000'000'000) {
      fields[field] = "validation.resource";
      return std::nullopt;
    }
    id = id * 10 + (c - '0');
  }
  if (id <= 0) fields[field] = "validation.resource";
  return id > 0 ? std::optional(id) : std::nullopt;
}

// One step of an agreement's life. `by_beneficiary`: the beneficiary may take it too.
Result<Agreement> Step(db::Pool& pool, identity::IdentityService& identity, const Clock& clock, const Actor& actor,
                       const HubContext& hub, AgreementId id, std::initializer_list<AgreementStatus> from,
                       AgreementStatus to, bool by_beneficiary, std::optional<Date> delivered_on, const char* action) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  auto tx = pool.Begin(db::TxMode::kWrite);
  auto current = store::FindAgreement(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("agreement");
  if (!ActsFor(actor, hub, current->provider) && !(by_beneficiary && ActsFor(actor, hub, current->beneficiary))) {
    return Error::Denied();
  }
  bool allowed = false;
  for (auto status : from) allowed = allowed || current->status == status;
  if (!allowed) {
    return internal::OutOfOrder(std::string("the service is ") + AgreementStatusCode(current->status) +
                                ": it cannot be " + AgreementStatusCode(to));
  }
  if (delivered_on && *delivered_on > internal::TodayIn(clock, hub)) {
    return internal::FieldError("delivered_on", "validation.not_in_future");
  }
  Agreement agreement = *current;
  agreement.status = to;
  if (delivered_on) agreement.delivered_on = delivered_on;
  agreement.updated_at = clock.Now();
  if (!store::UpdateAgreementStatus(tx, agreement, current->version)) return internal::Stale("service");
  agreement.version = current->version + 1;
  identity.RecordAudit(tx, actor,
                       {hub.hub.id, action, "agreement", id.value, AgreementJson(*current), AgreementJson(agreement)});
  tx.Commit();
  return agreement;
}

}  // namespace

Result<std::vector<Agreement>> PoolingService::ListAgreements(const Actor& actor, const HubContext& hub,
                                                              std::optional<MemberId> member) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  std::vector<Agreement> agreements;
  for (auto& agreement : store::ListAgreements(tx, hub.hub.id, member))
    if (internal::MayRead(actor, hub, {agreement.provider, agreement.beneficiary}))
      agreements.push_back(std::move(agreement));
  return agreements;
}

Result<Agreement> PoolingService::GetAgreement(const Actor& actor, const HubContext& hub, AgreementId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto agreement = store::FindAgreement(tx, hub.hub.id, id);
  if (!agreement || !internal::MayRead(actor, hub, {agreement->provider, agreement->beneficiary}))
    return Error::NotFound("agreement");
  return *agreement;
}

Result<Agreement> PoolingService::RequestService(const Actor& actor, const HubContext& hub,
                                                 const AgreementInput& input) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  Fields fields;
  auto acting = internal::ActingMember(actor, hub, input.beneficiary_member_id, "beneficiary_member_id", fields);
  if (!acting) return acting.error();
  const std::optional<MemberId> beneficiary = *acting;

  std::optional<MemberId> provider;
  auto parsed_provider = internal::ParseMemberField(input.provider_member_id, "provider_member_id");
  if (!parsed_provider.ok()) {
    fields.insert(parsed_provider.error().fields.begin(), parsed_provider.error().fields.end());
  } else {
    provider = *parsed_provider;
  }
  const auto resource_id = ParseId(input.resource_id, "resource_id", fields);

  Agreement agreement;
  agreement.hub = hub.hub.id;
  std::string_view what = TrimmedOf(input.what);
  if (!IsValidUtf8(what)) {
    fields["what"] = "validation.encoding";
  } else if (what.size() > kMaxWhatBytes) {
    fields["what"] = "validation.too_long";
  }
  agreement.what = std::string(what);

  const std::string_view hours_text = TrimmedOf(input.hours);
  if (!hours_text.empty()) {
    auto hours = ParseFixed(hours_text, 2);
    if (!hours || *hours < 0 || *hours > kMaxServiceHoursHundredths) {
      fields["hours"] = "validation.hours";
    } else {
      agreement.hours_hundredths = *hours;
    }
  }
  const std::string_view amount_text = TrimmedOf(input.amount);
  std::optional<Money> amount;
  if (!amount_text.empty()) {
    amount = ParseMoney(amount_text);
    if (!amount || amount->cents < 0 || amount->cents > kMaxServiceCents) fields["amount"] = "validation.amount";
  }

  auto tx = pool_.Begin(db::TxMode::kWrite);
  std::optional<store::ResourceSummary> offer;
  if (resource_id) {
    offer = store::FindResourceSummary(tx, hub.hub.id, ResourceId{*resource_id});
    if (!offer || offer->archived) {
      fields["resource_id"] = "validation.resource";
      offer.reset();
    } else if (offer->kind != ResourceKind::kSkill && offer->kind != ResourceKind::kKnowledge) {
      fields["resource_id"] = "validation.resource_kind";
      offer.reset();
    }
  }
  if (!provider && offer && offer->owner) provider = offer->owner;
  if (!provider && !fields.contains("provider_member_id") && !fields.contains("resource_id")) {
    fields["provider_member_id"] = "validation.required";
  }
  if (beneficiary) {
    auto name = member_names_(tx, hub.hub.id, *beneficiary);
    if (!name) fields["beneficiary_member_id"] = "validation.member";
    agreement.beneficiary_name = name.value_or("");
  }
  if (provider) {
    auto name = member_names_(tx, hub.hub.id, *provider);
    if (!name) fields["provider_member_id"] = "validation.member";
    agreement.provider_name = name.value_or("");
  }
  if (provider && beneficiary && *provider == *beneficiary) fields["provider_member_id"] = "validation.same_member";
  if (agreement.what.empty()) {
    if (offer) {
      agreement.what = offer->name;
    } else if (!fields.contains("what")) {
      fields["what"] = "validation.required";
    }
  }
  if (!fields.empty()) return Error::Invalid(std::move(fields));

  agreement.provider = *provider;
  agreement.beneficiary = *beneficiary;
  if (offer) {
    agreement.resource = offer->id;
    agreement.resource_name = offer->name;
  }
  if (amount) {
    agreement.amount = *amount;
  } else if (offer && offer->unit == PriceUnit::kHour) {
    agreement.amount = AmountForHours(agreement.hours_hundredths, offer->member_price);
  } else if (offer && offer->unit != PriceUnit::kFree) {
    agreement.amount = offer->member_price;  // a price per unit, half-day or day: one of them
  }
  agreement.status = AgreementStatus::kRequested;
  agreement.created_at = agreement.updated_at = clock_.Now();
  agreement.id = store::InsertAgreement(tx, agreement);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "request", "agreement", agreement.id.value, "", AgreementJson(agreement)});
  tx.Commit();
  return agreement;
}

Result<Agreement> PoolingService::AgreeService(const Actor& actor, const HubContext& hub, AgreementId id) {
  return Step(pool_, identity_, clock_, actor, hub, id, {AgreementStatus::kRequested}, AgreementStatus::kAgreed,
              false, std::nullopt, "agree");
}

Result<Agreement> PoolingService::DeclineService(const Actor& actor, const HubContext& hub, AgreementId id) {
  return Step(pool_, identity_, clock_, actor, hub, id, {AgreementStatus::kRequested}, AgreementStatus::kDeclined,
              false, std::nullopt, "decline");
}

Result<Agreement> PoolingService::DeliverService(const Actor& actor, const HubContext& hub, AgreementId id,
                                                 Date delivered_on) {
  return Step(pool_, identity_, clock_, actor, hub, id, {AgreementStatus::kAgreed}, AgreementStatus::kDelivered,
              false, delivered_on, "deliver");
}

Result<Agreement> PoolingService::CancelService(const Actor& actor, const HubContext& hub, AgreementId id) {
  return Step(pool_, identity_, clock_, actor, hub, id, {AgreementStatus::kRequested, AgreementStatus::kAgreed},
              AgreementStatus::kCancelled, true, std::nullopt, "cancel");
}

}  // namespace coopole::pooling
