// Strong ids: Id<struct MemberTag> cannot be passed where Id<struct HubTag> is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace coopole {

template <typename Tag>
struct Id {
  std::int64_t value = 0;
  constexpr auto operator<=>(const Id&) const = default;
};

}  // namespace coopole

template <typename Tag>
struct std::hash<coopole::Id<Tag>> {
  std::size_t operator()(const coopole::Id<Tag>& id) const noexcept { return std::hash<std::int64_t>{}(id.value); }
};
