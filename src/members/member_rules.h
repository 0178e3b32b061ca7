// Helpers of the member rules shared inside the module (import matching, export). The
// rules themselves (ApplyMemberInput, ApplyPersonInput, IsValidSiret, FieldForColumn) are
// declared in the public header.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace coopole::members {

// Length limits in bytes, checked by ApplyMemberInput / ApplyPersonInput.
inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr std::size_t kMaxShortTextBytes = 200;   // college, phone, role
inline constexpr std::size_t kMaxLongTextBytes = 500;    // address, website
inline constexpr std::size_t kMaxDescriptionBytes = 10000;
inline constexpr std::size_t kMaxSectors = 10;

struct Member;

// What the directory search looks in: name, commune, EPCI, description, SIRET and college,
// folded with FoldForSearch. Stored with each row and rebuilt by the directory index.
std::string SearchTextOf(const Member& member);

// The SIRET as typed with its spaces (ASCII and no-break) removed: "123 456 789 00012" ->
// "12345678900012". Not validated.
std::string CompactSiret(std::string_view text);


// The key a CSV header is looked up by: folded, punctuation turned into single spaces
// ("Date d'adhésion" -> "date d adhesion").
std::string HeaderKey(std::string_view header);

}  // namespace coopole::members
