#include "board_rules.h"

#include <algorithm>

#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"

namespace coopole::cooperation {

const char* DirectionCode(Direction direction) { return direction == Direction::kNeed ? "need" : "offer"; }

std::optional<Direction> ParseDirection(std::string_view code) {
  if (code == "need") return Direction::kNeed;
  if (code == "offer") return Direction::kOffer;
  return std::nullopt;
}

const std::vector<std::string>& PostKinds() {
  static const std::vector<std::string> kinds = {"skill",       "equipment", "premises", "service",
                                                 "partnership", "purchase",  "funding"};
  return kinds;
}

const char* SuggestionKindCode(SuggestionKind kind) {
  switch (kind) {
    case SuggestionKind::kNeedOffer: return "need_offer";
    case SuggestionKind::kNeedMember: return "need_member";
    case SuggestionKind::kGroup: return "group";
  }
  return "need_offer";
}

namespace rules {

bool IsNafCode(std::string_view c) {
  auto digit = [](char x) { return x >= '0' && x <= '9'; };
  return c.size() == 6 && digit(c[0]) && digit(c[1]) && c[2] == '.' && digit(c[3]) && digit(c[4]) && c[5] >= 'A' &&
         c[5] <= 'Z';
}

std::optional<std::vector<std::string>> ParseSectors(std::string_view text) {
  std::string normalised(text);
  std::replace(normalised.begin(), normalised.end(), ',', ' ');
  std::replace(normalised.begin(), normalised.end(), ';', ' ');
  std::vector<std::string> codes;
  for (auto& piece : Split(normalised, ' ')) {
    std::string code(Trim(piece));
    if (code.empty()) continue;
    std::transform(code.begin(), code.end(), code.begin(), [](char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; });
    if (!IsNafCode(code)) return std::nullopt;
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  return codes;
}

namespace {

bool IsInsee(std::string_view c) {
  if (c.size() != 5) return false;
  for (std::size_t i = 0; i < 5; ++i) {
    const char x = c[i];
    const bool ok = (x >= '0' && x <= '9') || (i == 1 && (x == 'A' || x == 'B'));
    if (!ok) return false;
  }
  return true;
}

// A trimmed text field: required when `required`, at most `max` bytes.
void Text(const std::optional<std::string>& in, std::string& out, const char* field, std::size_t max, bool required,
          std::map<std::string, std::string>& errors) {
  if (in) out = std::string(Trim(*in));
  if (required && out.empty()) errors[field] = "validation.required";
  else if (out.size() > max) errors[field] = "validation.too_long";
}

void OptionalDate(const std::optional<std::string>& in, std::optional<Date>& out, const char* field,
                  std::map<std::string, std::string>& errors) {
  if (!in) return;
  auto text = Trim(*in);
  if (text.empty()) {
    out.reset();
    return;
  }
  auto date = ParseDate(text);
  if (!date) errors[field] = "validation.date";
  else out = *date;
}

}  // namespace

std::map<std::string, std::string> ApplyPostInput(const PostInput& input, Date today, bool creating, Post& post) {
  std::map<std::string, std::string> errors;
  if (input.direction) {
    auto direction = ParseDirection(Trim(*input.direction));
    if (!direction) errors["direction"] = "validation.direction";
    else post.direction = *direction;
  } else if (creating) {
    errors["direction"] = "validation.required";
  }
  if (input.kind) post.kind = std::string(Trim(*input.kind));
  if (post.kind.empty()) errors["kind"] = "validation.required";
  else if (std::find(PostKinds().begin(), PostKinds().end(), post.kind) == PostKinds().end())
    errors["kind"] = "validation.kind";
  Text(input.title, post.title, "title", kMaxTitle, true, errors);
  Text(input.description, post.description, "description", kMaxText, false, errors);
  Text(input.unit, post.unit, "unit", 40, false, errors);
  Text(input.recurrence, post.recurrence, "recurrence", kMaxTitle, false, errors);
  if (input.sectors) {
    auto sectors = ParseSectors(*input.sectors);
    if (!sectors) errors["sectors"] = "validation.naf";
    else post.sectors = *sectors;
  }
  if (input.commune_insee) {
    std::string commune(Trim(*input.commune_insee));
    std::transform(commune.begin(), commune.end(), commune.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; });
    if (!commune.empty() && !IsInsee(commune)) errors["commune_insee"] = "validation.insee";
    else if (commune != post.commune_insee) {
      post.commune_insee = commune;
      post.epci_siren.clear();  // the caller sets the member's EPCI back when it is the member's commune
    }
  }
  if (input.quantity) {
    auto text = Trim(*input.quantity);
    if (text.empty()) {
      post.quantity.reset();
    } else {
      std::int64_t value = 0;
      bool ok = text.size() <= 12;
      for (char c : text) {
        if (c < '0' || c > '9') ok = false;
        else value = value * 10 + (c - '0');
      }
      if (!ok || value <= 0) errors["quantity"] = "validation.number";
      else post.quantity = value;
    }
  }
  OptionalDate(input.starts_on, post.starts_on, "starts_on", errors);
  OptionalDate(input.ends_on, post.ends_on, "ends_on", errors);
  if (post.starts_on && post.ends_on && *post.ends_on < *post.starts_on && !errors.count("ends_on"))
    errors["ends_on"] = "validation.date_order";
  if (input.expires_on && !Trim(*input.expires_on).empty()) {
    auto date = ParseDate(Trim(*input.expires_on));
    if (!date) errors["expires_on"] = "validation.date";
    else if (*date < today && (creating || *date != post.expires_on)) errors["expires_on"] = "validation.expiry_past";
    else post.expires_on = *date;
  } else if (creating) {
    post.expires_on = AddDays(today, kDefaultExpiryDays);
  }
  return errors;
}

}  // namespace rules
}  // namespace coopole::cooperation
