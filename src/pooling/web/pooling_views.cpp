#include "pooling_views.h"

namespace coopole::pooling::web {

void SetText(render::View& view, const std::string& key, const std::string& text) {
  view.set(key, text);
  view.set("has_" + key, !text.empty());
}

std::string MoneyText(Money money, std::string_view lang) {
  if (lang == "fr") return FormatMoney(money, lang) + "\u00a0€";
  std::string text = FormatMoney(money, lang);
  if (!text.empty() && text[0] == '-') return "-€" + text.substr(1);
  return "€" + text;
}

std::shared_ptr<const TimeZone> HubZone(const hubs::HubContext& hub) { return hubs::ZoneOf(hub.hub); }

bool IsSafeReturnTarget(const std::string& target, const std::string& prefix) {
  if (target.rfind(prefix, 0) != 0) return false;
  if (target.find("//") != std::string::npos || target.find('\\') != std::string::npos) return false;
  for (unsigned char c : target)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

std::optional<MemberId> OwnMember(const ViewContext& ctx) {
  return ctx.hub.access.role == identity::Role::kMember ? ctx.hub.access.member : std::nullopt;
}

}  // namespace coopole::pooling::web
