// What the bid route files share: the request context, error answers, addresses, view
// builders and input readers. Files: bids_pages.cpp (bid pages), hub_share_pages.cpp
// (contract and hub-share pages, CSV), bids_api.cpp (JSON API), bids_home.cpp (hub home
// block), bids_routes.cpp (routes).
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "cooperation_web.h"
#include "coopole/cooperation/bids.h"
#include "coopole/http/http.h"
#include "coopole/render/render.h"
#include "coopole/web/web.h"

namespace coopole::cooperation::web::bids_web {

using Answer = coopole::web::Answer;

struct ViewContext {
  const Dependencies& deps;
  const hubs::HubContext& hub;
  const identity::Actor& actor;
  std::string lang;
};

using HubHandler = std::function<http::Response(http::Request&, const ViewContext&)>;

// Resolves the {hub} of the request for the signed-in actor (another hub: 404), then runs
// `handler`.
http::Handler WithHub(const Dependencies& deps, Answer answer, HubHandler handler);
http::Response PageFail(const ViewContext& ctx, const http::Request& req, const Error& error);
http::Response ApiFail(const ViewContext& ctx, const http::Request& req, const Error& error);

// Addresses.
std::string CoopBase(const hubs::HubContext& hub);            // /hubs/<slug>/cooperation
std::string BidsHref(const hubs::HubContext& hub);            // .../cooperation/bids
std::string BidHref(const hubs::HubContext& hub, BidId id);   // .../bids/<id>
std::string ContractHref(const hubs::HubContext& hub, BidId id);
std::string HubShareHref(const hubs::HubContext& hub);        // .../cooperation/hub-share
std::string ApiBidsHref(const hubs::HubContext& hub);         // /api/v1/hubs/<slug>/cooperation/bids

// Path parameters: 404 when not a positive integer.
Result<BidId> BidParam(const http::Request& req);
Result<std::int64_t> IdParam(const http::Request& req, const std::string& name);
// The "version" of a form or JSON body: 422 {"version": "validation.integer"} otherwise.
Result<std::int64_t> VersionOf(const std::optional<std::string>& text);

bool IsCoordinator(const ViewContext& ctx);
std::optional<MemberId> OwnMember(const ViewContext& ctx);
std::string T(const ViewContext& ctx, const std::string& key);
std::string Euros(const ViewContext& ctx, Money money);  // "1 234,50 €"
std::string Percent(std::int64_t bp);                    // "33,33 %"

// The base view of every page of the part: navigation partial data and links.
render::View BaseView(const ViewContext& ctx);
// A bid for the list and the page.
render::View BidView(const Bid& bid, const ViewContext& ctx);
// <option>s of the hub's members, `selected` marked.
render::ViewList MemberOptions(const ViewContext& ctx, std::int64_t selected);
// Warnings (catalogue keys) translated for a page.
render::ViewList WarningList(const ViewContext& ctx, const std::vector<std::string>& keys);

// Input of the bid form (co-contractor rows member_id_N / share_N in percent / role_N,
// lot rows lot_label_N / lot_amount_N) and of the JSON API.
BidInput BidInputFromForm(const http::FormFields& form);
Result<BidInput> BidInputFromJson(const nlohmann::json& body);
ContractInput ContractInputFromForm(const http::FormFields& form);
Result<ContractInput> ContractInputFromJson(const nlohmann::json& body);

// JSON documents of the API.
nlohmann::json SavedBidJson(const SavedBid& saved);
nlohmann::json ContractShareJson(const ContractShare& share);
nlohmann::json OverviewJson(const HubShareOverview& overview);
// The dues of the hub as CSV for Excel FR (BOM, ';', decimal comma).
std::string DuesCsv(const ViewContext& ctx, const HubShareOverview& overview);

}  // namespace coopole::cooperation::web::bids_web
