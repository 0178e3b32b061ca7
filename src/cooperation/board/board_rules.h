// Pure rules of the board: reading a post's raw input onto a post, with its defaults.
#pragma once

#include <map>
#include <string>

#include "coopole/cooperation/board.h"

namespace coopole::cooperation::rules {

inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxText = 4000;

// Applies `input` onto `post` (absent fields keep their value) and validates the result:
// field -> message key for every field at fault ("validation.required", "validation.kind",
// "validation.direction", "validation.too_long", "validation.naf", "validation.insee",
// "validation.number", "validation.date", "validation.date_order", "validation.expiry_past").
// `today` is the hub's date: a new expiry may not be in the past; a missing expiry on a new
// post is today + kDefaultExpiryDays.
std::map<std::string, std::string> ApplyPostInput(const PostInput& input, Date today, bool creating, Post& post);

// Whether a post is expired on `today`.
inline bool ExpiredOn(const Post& post, Date today) { return post.expires_on < today; }

// Sector codes as a member stores them ("56.10A"): two digits, a dot, two digits, a letter.
bool IsNafCode(std::string_view code);
// NAF codes separated by commas, semicolons or spaces; nullopt when one is malformed.
std::optional<std::vector<std::string>> ParseSectors(std::string_view text);

}  // namespace coopole::cooperation::rules
