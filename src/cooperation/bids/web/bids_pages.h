// Registration of the bid pages, the hub-share pages and the JSON API (each in its file).
#pragma once

#include "bids_web.h"

namespace coopole::cooperation::web::bids_web {

void RegisterBidPages(http::Router& router, const Dependencies& deps);       // bids_pages.cpp
void RegisterHubSharePages(http::Router& router, const Dependencies& deps);  // hub_share_pages.cpp
void RegisterBidApi(http::Router& router, const Dependencies& deps);         // bids_api.cpp
// The block of the hub home page (bids_home.cpp).
void RegisterBidHomeSection(const Dependencies& deps);

}  // namespace coopole::cooperation::web::bids_web
