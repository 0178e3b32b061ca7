// Codes of the pooling vocabularies and the small value types' methods.
#include <cstdio>

#include "coopole/core/time_zone.h"
#include "coopole/pooling/ledger.h"
#include "coopole/pooling/resources.h"

namespace coopole::pooling {
namespace {

template <typename E, std::size_t N>
std::optional<E> Lookup(std::string_view code, const std::pair<E, const char*> (&table)[N]) {
  for (const auto& [value, name] : table)
    if (code == name) return value;
  return std::nullopt;
}

template <typename E, std::size_t N>
const char* CodeOf(E value, const std::pair<E, const char*> (&table)[N]) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return table[0].second;
}

constexpr std::pair<ResourceKind, const char*> kKinds[] = {{ResourceKind::kSkill, "skill"},
                                                           {ResourceKind::kKnowledge, "knowledge"},
                                                           {ResourceKind::kPremises, "premises"},
                                                           {ResourceKind::kEquipment, "equipment"},
                                                           {ResourceKind::kFunds, "funds"}};
constexpr std::pair<PriceUnit, const char*> kUnits[] = {{PriceUnit::kFree, "free"},
                                                        {PriceUnit::kHour, "hour"},
                                                        {PriceUnit::kHalfDay, "half_day"},
                                                        {PriceUnit::kDay, "day"},
                                                        {PriceUnit::kUnit, "unit"}};
constexpr std::pair<PriceTier, const char*> kTiers[] = {
    {PriceTier::kMember, "member"}, {PriceTier::kNonMember, "non_member"}, {PriceTier::kSolidarity, "solidarity"}};
constexpr std::pair<BookingStatus, const char*> kBookingStatuses[] = {{BookingStatus::kPending, "pending"},
                                                                      {BookingStatus::kConfirmed, "confirmed"},
                                                                      {BookingStatus::kRefused, "refused"},
                                                                      {BookingStatus::kCancelled, "cancelled"}};
constexpr std::pair<AgreementStatus, const char*> kAgreementStatuses[] = {
    {AgreementStatus::kRequested, "requested"}, {AgreementStatus::kAgreed, "agreed"},
    {AgreementStatus::kDeclined, "declined"},   {AgreementStatus::kDelivered, "delivered"},
    {AgreementStatus::kCancelled, "cancelled"}};
constexpr std::pair<AdvanceStatus, const char*> kAdvanceStatuses[] = {{AdvanceStatus::kRequested, "requested"},
                                                                      {AdvanceStatus::kApproved, "approved"},
                                                                      {AdvanceStatus::kRefused, "refused"},
                                                                      {AdvanceStatus::kRepaid, "repaid"}};
constexpr std::pair<FlowKind, const char*> kFlowKinds[] = {
    {FlowKind::kBooking, "booking"}, {FlowKind::kService, "service"},  {FlowKind::kPlacement, "placement"},
    {FlowKind::kRent, "rent"},       {FlowKind::kAdvance, "advance"}, {FlowKind::kRepayment, "repayment"}};

}  // namespace

const char* KindCode(ResourceKind kind) { return CodeOf(kind, kKinds); }
std::optional<ResourceKind> ParseKind(std::string_view code) { return Lookup(code, kKinds); }
const std::vector<ResourceKind>& AllKinds() {
  static const std::vector<ResourceKind> kinds = {ResourceKind::kSkill, ResourceKind::kKnowledge,
                                                  ResourceKind::kPremises, ResourceKind::kEquipment,
                                                  ResourceKind::kFunds};
  return kinds;
}
bool IsSchedulable(ResourceKind kind) { return kind == ResourceKind::kPremises || kind == ResourceKind::kEquipment; }
const std::vector<std::string>& CategoriesOf(ResourceKind kind) {
  static const std::vector<std::string> premises = {"room", "desk", "workshop"};
  static const std::vector<std::string> equipment = {"machine", "vehicle", "tool"};
  static const std::vector<std::string> none;
  if (kind == ResourceKind::kPremises) return premises;
  if (kind == ResourceKind::kEquipment) return equipment;
  return none;
}

const char* PriceUnitCode(PriceUnit unit) { return CodeOf(unit, kUnits); }
std::optional<PriceUnit> ParsePriceUnit(std::string_view code) { return Lookup(code, kUnits); }
const char* TierCode(PriceTier tier) { return CodeOf(tier, kTiers); }
std::optional<PriceTier> ParseTier(std::string_view code) { return Lookup(code, kTiers); }
const char* BookingStatusCode(BookingStatus status) { return CodeOf(status, kBookingStatuses); }
std::optional<BookingStatus> ParseBookingStatus(std::string_view code) { return Lookup(code, kBookingStatuses); }
const char* AgreementStatusCode(AgreementStatus s) { return CodeOf(s, kAgreementStatuses); }
std::optional<AgreementStatus> ParseAgreementStatus(std::string_view code) { return Lookup(code, kAgreementStatuses); }
const char* AdvanceStatusCode(AdvanceStatus s) { return CodeOf(s, kAdvanceStatuses); }
std::optional<AdvanceStatus> ParseAdvanceStatus(std::string_view code) { return Lookup(code, kAdvanceStatuses); }
const char* FlowKindCode(FlowKind kind) { return CodeOf(kind, kFlowKinds); }

Money Pricing::PriceFor(PriceTier tier) const {
  if (unit == PriceUnit::kFree) return Money{0};
  if (tier == PriceTier::kNonMember && non_member) return *non_member;
  if (tier == PriceTier::kSolidarity && solidarity) return *solidarity;
  return member;
}

bool OpeningHours::Unrestricted() const {
  for (const auto& day : days)
    if (!day.empty()) return false;
  return true;
}

Date Month::Last() const { return Date{year, month, DaysInMonth(year, month)}; }
Month Month::Next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }

std::optional<Month> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  auto date = ParseDate(std::string(text) + "-01");
  if (!date) return std::nullopt;
  return Month{date->year, date->month};
}

std::string FormatMonth(Month month) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month.year, month.month);
  return buf;
}

Month MonthOf(Date date) { return Month{date.year, date.month}; }

}  // namespace coopole::pooling
