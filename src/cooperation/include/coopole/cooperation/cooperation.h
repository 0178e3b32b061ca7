// Cooperation: what the four parts of the module share. Each part has its own header and
// service class (board.h: needs, offers, suggestions, cooperations; projects.h: projects,
// reviews, spreading; bids.h: joint bids and the hub's share; network.h: the cooperation
// graph and its metrics), its own tables (prefixed cooperation_) and its own web files.
//
// Who may do what, in every part: coordinators (Permission::kManageCooperation) everything
// in the hub; users of the member role act for their own organisation (post, comment,
// accept a suggestion that involves it, lead a project or a bid); observers read.
// Errors common to all: kPermissionDenied; kNotFound for anything of another hub.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/id.h"
#include "coopole/core/time.h"
#include "coopole/db/db.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"

namespace coopole::cooperation {

using hubs::HubContext;
using identity::Actor;
using identity::HubId;
using identity::MemberId;
using identity::UserId;

using PostId = Id<struct PostTag>;
using CommentId = Id<struct CommentTag>;
using CooperationId = Id<struct CooperationTag>;
using ProjectId = Id<struct ProjectTag>;
using ReviewId = Id<struct ReviewTag>;
using BidId = Id<struct BidTag>;

// A link between two member organisations found in another module (pooling): bookings of a
// resource another member owns, services, staff placements, advances. Published by that
// module; the network reads it, never its tables.
struct ExternalLink {
  MemberId a, b;
  std::string kind;  // "booking", "service", "placement", "advance"
  std::int64_t count = 0;
  Date first_on, last_on;
};

// A resource a member offers in another module (pooling's catalogue): suggestions match a
// need against it. `kind` is pooling's code: skill, knowledge, premises, equipment, funds.
struct OfferedResource {
  HubId hub;
  MemberId member;
  std::string kind, category, name, description, location;
};

// What the cooperation module reads from other modules, wired by the application (a part
// absent from the installation is an empty function).
struct Directory {
  // Active members of a hub, or of every hub when nullopt (members::MemberService::ActiveMembers).
  std::function<std::vector<members::Member>(db::Transaction&, std::optional<HubId>)> active_members;
  // Active resources offered by active members of a hub, or of every hub when nullopt.
  std::function<std::vector<OfferedResource>(db::Transaction&, std::optional<HubId>)> offered_resources;
  // Links between members of a hub from `from` to `to` inclusive (pooling), or nothing.
  std::function<std::vector<ExternalLink>(db::Transaction&, HubId, Date from, Date to)> external_links;
};

}  // namespace coopole::cooperation
