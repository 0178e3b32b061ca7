// Pooling, part one: the catalogue of shared resources and the bookings of those that are
// scheduled (premises and equipment).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "coopole/core/id.h"
#include "coopole/core/money.h"
#include "coopole/core/time.h"
#include "coopole/core/time_zone.h"
#include "coopole/identity/identity.h"

namespace coopole::pooling {

using identity::HubId;
using identity::MemberId;
using identity::UserId;
using ResourceId = Id<struct ResourceTag>;
using BookingId = Id<struct BookingTag>;
using SeriesId = Id<struct SeriesTag>;

// The five kinds of pooling the national survey counts. Codes are stored and used in URLs
// and JSON; labels come from the catalogues ("pooling.kind.premises").
enum class ResourceKind { kSkill, kKnowledge, kPremises, kEquipment, kFunds };
const char* KindCode(ResourceKind kind);  // "skill", "knowledge", "premises", "equipment", "funds"
std::optional<ResourceKind> ParseKind(std::string_view code);
const std::vector<ResourceKind>& AllKinds();
// Premises and equipment are booked by time slot; skills and knowledge are agreed between
// two members; funds are lent as cash advances.
bool IsSchedulable(ResourceKind kind);
// The categories of a kind: premises -> room, desk, workshop; equipment -> machine,
// vehicle, tool; the others have none.
const std::vector<std::string>& CategoriesOf(ResourceKind kind);

enum class PriceUnit { kFree, kHour, kHalfDay, kDay, kUnit };
const char* PriceUnitCode(PriceUnit unit);  // "free", "hour", "half_day", "day", "unit"
std::optional<PriceUnit> ParsePriceUnit(std::string_view code);

// Who pays what: the member tier by default; coordinators may apply another.
enum class PriceTier { kMember, kNonMember, kSolidarity };
const char* TierCode(PriceTier tier);  // "member", "non_member", "solidarity"
std::optional<PriceTier> ParseTier(std::string_view code);

struct Pricing {
  PriceUnit unit = PriceUnit::kFree;
  Money member;                      // price per unit for members
  std::optional<Money> non_member;   // unset: the member price
  std::optional<Money> solidarity;   // unset: the member price
  Money PriceFor(PriceTier tier) const;
};

// Weekly opening hours, in the hub's local time: for each ISO weekday (index 0 = Monday)
// the open ranges [from, to) in minutes since midnight (to may be 1440). No range on any
// day means "no restriction" (always bookable).
struct OpeningHours {
  std::array<std::vector<std::pair<int, int>>, 7> days;
  bool Unrestricted() const;
};

struct BookingRules {
  int min_minutes = 0;       // 0: no minimum
  int max_minutes = 0;       // 0: no maximum other than kMaxBookingMinutes
  int notice_minutes = 0;    // how long before its start a booking must be made
  bool approval_required = false;
  std::string prerequisite;  // e.g. "Formation sécurité": members must have been granted it
};

// No single booking may last longer than this (31 days): long uses are leases. The bound
// also keeps availability searches to a window of the bookings index.
inline constexpr int kMaxBookingMinutes = 31 * 24 * 60;
// A recurrence may not yield more occurrences than this.
inline constexpr int kMaxOccurrences = 500;

struct Resource {
  ResourceId id;
  HubId hub;
  ResourceKind kind = ResourceKind::kPremises;
  std::string category;               // a CategoriesOf(kind) code or ""
  std::string name;
  std::string description;
  std::optional<MemberId> owner;      // the member that offers it; unset: the hub itself
  std::string owner_name;             // member name, "" for the hub (filled by reads)
  std::optional<std::int64_t> capacity;  // people (rooms) or seats (vehicles)
  std::string location;
  OpeningHours opening;
  BookingRules rules;
  Pricing pricing;
  std::optional<Timestamp> archived_at;
  Timestamp created_at;
  Timestamp updated_at;
  std::int64_t version = 1;
};

// Raw text from a form or JSON; on update an absent field keeps its value.
//   opening_hours: "lun-ven 08:00-12:00,14:00-18:00; sam 09:00-12:00" (French or English
//                  day names, ranges, days separated by ';'); "" for no restriction.
//   min_minutes, max_minutes, notice_minutes: whole minutes; approval_required: boolean.
//   owner_member_id: a member of the hub, "" for the hub itself.
//   price_*: amounts in euros ("12,50"); price_non_member, price_solidarity may be "".
struct ResourceInput {
  std::optional<std::string> kind, category, name, description, owner_member_id, capacity, location, opening_hours,
      min_minutes, max_minutes, notice_minutes, approval_required, prerequisite, price_unit, price_member,
      price_non_member, price_solidarity;
};

struct ResourceQuery {
  std::optional<ResourceKind> kind;
  std::string category;
  std::string text;                  // accent- and case-insensitive over name, description, location, owner
  std::optional<MemberId> owner;
  bool hub_owned = false;            // only the hub's own resources
  bool include_archived = false;
  int page = 1;
  int per_page = 50;                 // 1..200
};

struct ResourcePage {
  std::vector<Resource> items;
  std::int64_t total = 0;
  int page = 1;
  int per_page = 50;
};

enum class BookingStatus { kPending, kConfirmed, kRefused, kCancelled };
const char* BookingStatusCode(BookingStatus status);  // "pending", "confirmed", "refused", "cancelled"
std::optional<BookingStatus> ParseBookingStatus(std::string_view code);
// Pending and confirmed bookings hold their slot.
inline bool HoldsSlot(BookingStatus s) { return s == BookingStatus::kPending || s == BookingStatus::kConfirmed; }

struct Booking {
  BookingId id;
  HubId hub;
  ResourceId resource;
  std::string resource_name;          // filled by reads
  MemberId member;                    // the organisation that books (and pays)
  std::string member_name;            // filled by reads
  UserId booked_by;
  std::string title;
  std::optional<std::int64_t> attendees;
  Timestamp starts_at;                // UTC
  Timestamp ends_at;                  // UTC, after starts_at
  BookingStatus status = BookingStatus::kConfirmed;
  PriceTier tier = PriceTier::kMember;
  Money price;                        // computed when booked, kept when the tariff changes
  std::optional<MemberId> owner;      // the resource's owner when booked (unset: the hub)
  std::optional<SeriesId> series;     // set for the occurrences of a recurring booking
  std::string reason;                 // why it was refused or cancelled
  std::optional<UserId> decided_by;
  Timestamp created_at;
  Timestamp updated_at;
  std::int64_t version = 1;
};

enum class Frequency { kNone, kWeekly, kMonthly };

// A booking request: local times in the hub's zone ("2026-03-29T09:00").
//   member_id: the booking organisation; members may leave it empty (their own).
//   recurrence: "", "weekly" or "monthly", with recurrence_until "YYYY-MM-DD" (inclusive).
//   tier: "member" unless a coordinator sets "non_member" or "solidarity".
struct BookingInput {
  std::optional<std::string> resource_id, member_id, title, attendees, starts_at, ends_at, tier, recurrence,
      recurrence_until;
};

// Previewing lists the occurrences and their conflicts and writes nothing; confirming
// books. With kSkipConflicts the conflicting occurrences of a series are left out and the
// others booked; with kAllOrNothing any conflict books nothing.
enum class BookingMode { kPreview, kAllOrNothing, kSkipConflicts };

// One occurrence of a request and, when it collides, the booking in its way.
struct Occurrence {
  LocalDateTime start;
  LocalDateTime end;
  Timestamp starts_at;
  Timestamp ends_at;
  Money price;
  std::optional<Booking> conflict;    // a booking holding an overlapping slot
  std::optional<int> collides_with;   // else an earlier occurrence of this request it overlaps (0-based)
  bool Conflicted() const { return conflict.has_value() || collides_with.has_value(); }
};

struct BookingOutcome {
  std::vector<Occurrence> occurrences;  // every occurrence of the request, in order
  std::vector<Booking> created;         // empty on preview and on conflict
  // True when an occurrence collides and nothing was booked (kAllOrNothing): the web layer
  // answers 409 and shows the colliding bookings.
  bool conflicted = false;
};

// "Which rooms are free Tuesday 9:00-12:00 for 10 people": schedulable, unarchived
// resources of the kind and category with at least `capacity` places whose rules and
// opening hours accept the slot and that no booking holds then.
struct AvailabilityQuery {
  std::optional<ResourceKind> kind;
  std::string category;
  std::optional<std::int64_t> capacity;
  std::string text;                  // accent- and case-insensitive over name, description, location
  LocalDateTime start;
  LocalDateTime end;
  int page = 1;
  int per_page = 50;                 // 1..200
};

struct BookingQuery {
  std::optional<ResourceId> resource;
  std::optional<MemberId> member;        // booked by this member
  std::optional<MemberId> owner;         // of resources owned by this member
  bool hub_owned = false;                // of the hub's own resources
  std::vector<BookingStatus> statuses;   // empty: all
  std::optional<Timestamp> from;         // ending after
  std::optional<Timestamp> to;           // starting before
  int page = 1;
  int per_page = 100;                    // 1..1000
};

struct BookingPage {
  std::vector<Booking> items;
  std::int64_t total = 0;
  int page = 1;
  int per_page = 100;
};

// The subject of an iCalendar feed.
struct FeedSubject {
  std::optional<ResourceId> resource;
  std::optional<MemberId> member;
};

}  // namespace coopole::pooling
