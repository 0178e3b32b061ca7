#include "application.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "coopole/animation/events.h"
#include "coopole/animation/groups.h"
#include "coopole/animation/notices.h"
#include "coopole/animation/time.h"
#include "coopole/cooperation/bids.h"
#include "coopole/cooperation/board.h"
#include "coopole/cooperation/network.h"
#include "coopole/cooperation/projects.h"
#include "coopole/http/static_files.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/mail/mail.h"
#include "coopole/members/members.h"
#include "coopole/pooling/pooling.h"
#include "coopole/reference/catalogue.h"
#include "coopole/render/render.h"
#include "coopole/web/web.h"
#include "bid_reminder_mailer.h"
#include "event_mailer.h"
#include "notice_digest_mailer.h"
#include "board_mailer.h"
#include "animation_web.h"
#include "cooperation_web.h"
#include "hubs_web.h"
#include "identity_web.h"
#include "members_web.h"
#include "pooling_web.h"

namespace coopole::app {
namespace {

// Merges web/openapi/base.json with every other fragment's paths and schemas.
std::string AssembleOpenApi(const std::string& dir) {
  namespace fs = std::filesystem;
  auto read = [](const fs::path& p) {
    std::ifstream in(p);
    try {
      return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(p.string() + ": " + e.what());
    }
  };
  nlohmann::json doc = read(fs::path(dir) / "base.json");
  std::vector<fs::path> fragments;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json" && entry.path().filename() != "base.json") fragments.push_back(entry.path());
  }
  std::sort(fragments.begin(), fragments.end());
  for (const auto& path : fragments) {
    auto part = read(path);
    auto paths = part.value("paths", nlohmann::json::object());
    for (auto& [k, v] : paths.items()) doc["paths"][k] = v;
    auto schemas = part.value("components", nlohmann::json::object()).value("schemas", nlohmann::json::object());
    for (auto& [k, v] : schemas.items()) doc["components"]["schemas"][k] = v;
  }
  return doc.dump(2);
}

}  // namespace

struct Application::WebParts {
  std::unique_ptr<web::Shell> shell;
};

Application::Application(Config config, ApplicationOptions options) : config_(std::move(config)) {
  pool_ = db::Pool::Open(config_.database, {.size = static_cast<std::size_t>(config_.pool_size)});
  catalogue_ = reference::Catalogue::LoadFrom(config_.reference_dir);
  identity_ = std::make_unique<identity::IdentityService>(
      *pool_, clock_, identity::IdentityOptions{.fast_hashing = options.fast_password_hashing});
  hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_, members::MemberService::MemberBelongsToHub);
  members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_);
  pooling_ = std::make_unique<pooling::PoolingService>(*pool_, clock_, *identity_,
                                                       members::MemberService::MemberNameInHub);
  mail_sender_ = std::make_unique<mail::MailSender>(
      *pool_, clock_,
      mail::SmtpSettings{.url = config_.smtp_url,
                         .security = mail::ParseSmtpSecurity(config_.smtp_security).value_or(mail::SmtpSecurity::kStartTls),
                         .username = config_.smtp_username,
                         .password = config_.smtp_password,
                         .from = config_.smtp_from,
                         .from_name = config_.smtp_from_name});
  cooperation::Directory directory{
      .active_members = members::MemberService::ActiveMembers,
      .offered_resources =
          [](db::Transaction& tx, std::optional<identity::HubId> hub) {
            std::vector<cooperation::OfferedResource> out;
            for (auto& r : pooling::PoolingService::OfferedResources(tx, hub))
              out.push_back({r.hub, r.member, std::move(r.kind), std::move(r.category), std::move(r.name),
                             std::move(r.description), std::move(r.location)});
            return out;
          },
      .external_links =
          [](db::Transaction& tx, identity::HubId hub, Date from, Date to) {
            std::vector<cooperation::ExternalLink> out;
            for (auto& l : pooling::PoolingService::MemberLinks(tx, hub, from, to))
              out.push_back({l.a, l.b, std::move(l.kind), l.count, l.first_on, l.last_on});
            return out;
          },
  };
  board_ = std::make_unique<cooperation::BoardService>(*pool_, clock_, *identity_, directory);
  projects_ = std::make_unique<cooperation::ProjectService>(*pool_, clock_, *identity_, directory);
  bids_ = std::make_unique<cooperation::BidService>(*pool_, clock_, *identity_, directory);
  network_ = std::make_unique<cooperation::NetworkService>(*pool_, clock_, *identity_, directory);
  // --- animation: what it reads from members and asks of pooling (rooms) ---
  animation::Directory animation_directory{
      .active_members = members::MemberService::ActiveMembers,
      .people = animation::DirectoryPeople,
      .rooms =
          [](db::Transaction& tx, identity::HubId hub) {
            std::vector<animation::Room> out;
            for (auto& r : pooling::PoolingService::BookableRooms(tx, hub))
              out.push_back({r.resource_id, std::move(r.name), std::move(r.location), r.capacity});
            return out;
          },
      // An event's room: one slot booked all-or-nothing in the member's name; a collision is
      // refused (kFailedPrecondition on "room") with the colliding booking's slot.
      .book_room =
          [this](const identity::Actor& actor, const hubs::HubContext& hub,
                 const animation::RoomBookingRequest& request) -> Result<std::int64_t> {
            const auto zone = hubs::ZoneOf(hub.hub);
            pooling::BookingInput input;
            input.resource_id = std::to_string(request.resource_id);
            input.member_id = std::to_string(request.member.value);
            input.title = request.title;
            if (request.attendees) input.attendees = std::to_string(*request.attendees);
            input.starts_at = FormatLocalDateTime(zone->ToLocal(request.starts_at));
            input.ends_at = FormatLocalDateTime(zone->ToLocal(request.ends_at));
            auto outcome = pooling_->BookResource(actor, hub, input, pooling::BookingMode::kAllOrNothing);
            if (!outcome) {
              // Pooling's reason (outside opening hours, too little notice...) shown on the room field.
              const auto& fields = outcome.error().fields;
              return Error{outcome.error().code, outcome.error().message,
                           {{"room", fields.empty() ? "animation.events.error.room_taken" : fields.begin()->second}}};
            }
            if (outcome->conflicted || outcome->created.empty()) {
              std::string message = "the room is already booked at that time";
              for (const auto& occurrence : outcome->occurrences)
                if (occurrence.conflict)
                  message = "the room is already booked from " +
                            FormatLocalDateTime(zone->ToLocal(occurrence.conflict->starts_at)) + " to " +
                            FormatLocalDateTime(zone->ToLocal(occurrence.conflict->ends_at)) + " (" +
                            occurrence.conflict->title + ")";
              return Error{ErrorCode::kFailedPrecondition, message, {{"room", "animation.events.error.room_taken"}}};
            }
            return outcome->created.front().id.value;
          },
      .cancel_room =
          [this](const identity::Actor& actor, const hubs::HubContext& hub, std::int64_t booking,
                 const std::string& reason) -> Result<bool> {
            // Events release only the booking they made for an event, once they have checked
            // that the actor may change that event; pooling is asked with the hub's authority
            // (the actor stays named in the audit) so that a group's lead can cancel an event
            // whose room the host organisation booked.
            identity::Actor on_behalf_of_hub = actor;
            on_behalf_of_hub.is_admin = true;
            auto cancelled = pooling_->CancelBooking(on_behalf_of_hub, hub, pooling::BookingId{booking}, reason);
            if (!cancelled) return cancelled.error();
            return true;
          },
  };
  groups_ = std::make_unique<animation::GroupService>(*pool_, clock_, *identity_, animation_directory);
  events_ = std::make_unique<animation::EventService>(*pool_, clock_, *identity_, animation_directory);
  notices_ = std::make_unique<animation::NoticeService>(*pool_, clock_, *identity_, animation_directory);
  time_ = std::make_unique<animation::TimeService>(*pool_, clock_, *identity_, animation_directory);
  // --- end of animation wiring ---
  auto messages = render::Messages::Load(config_.web_dir + "/i18n");
  auto templates = render::Templates::Load(config_.web_dir + "/templates", messages);
  board_->SetNotificationListener(MakeBoardMailer(messages, config_.public_url, clock_));
  bid_reminder_mailer_ = MakeBidReminderMailer(messages, config_.public_url, clock_);
  events_->SetEventMailer(MakeEventMailer(messages, config_.public_url, clock_, config_.smtp_from));
  notice_digest_mailer_ = MakeNoticeDigestMailer(messages, config_.public_url, clock_);
  web_ = std::make_unique<WebParts>();
  web_->shell = std::make_unique<web::Shell>(templates);
  openapi_ = AssembleOpenApi(config_.web_dir + "/openapi");
  BuildRoutes();
}

Application::~Application() = default;

void Application::Migrate() {
  std::vector<db::Migration> all;
  for (auto part : {identity::IdentityService::Migrations(), mail::Migrations(), hubs::HubService::Migrations(),
                    members::MemberService::Migrations(), pooling::PoolingService::Migrations(),
                    cooperation::BoardService::Migrations(), cooperation::ProjectService::Migrations(),
                    cooperation::BidService::Migrations(), cooperation::NetworkService::Migrations(),
                    animation::NoticeService::Migrations(), animation::GroupService::Migrations(),
                    animation::EventService::Migrations(), animation::TimeService::Migrations()}) {
    all.insert(all.end(), part.begin(), part.end());
  }
  db::Migrate(*pool_, all);
}

int Application::QueueBidReminders() { return bids_->QueueDeadlineReminders(bid_reminder_mailer_); }

int Application::QueueNoticeDigests() {
  auto report = notices_->CollectDigests(clock_.Now(), notice_digest_mailer_);
  if (report.failed > 0) spdlog::warn("notice digests: {} failed, retried next run: {}", report.failed, report.last_error);
  return report.digests;
}

void Application::BuildRoutes() {
  auto router = std::make_shared<http::Router>();
  web::WebOptions web_options{.secure_cookies = config_.secure_cookies};
  router->Use(web::MakeAuthMiddleware(*identity_, web_options));

  http::RouteOptions inline_public;
  inline_public.execution = http::Execution::kInline;
  inline_public.public_route = true;
  router->Add(http::Method::kGet, "/healthz", [](http::Request&) { return http::Response::Text("ok\n"); },
              inline_public);
  router->Add(http::Method::kGet, "/static/{path*}", http::ServeStaticDirectory(config_.web_dir + "/static"),
              inline_public);
  router->Add(http::Method::kGet, "/api/v1/openapi.json",
              [doc = openapi_](http::Request&) { return http::Response::Json(doc); }, inline_public);

  http::RouteOptions public_route;
  public_route.public_route = true;
  router->Add(http::Method::kGet, "/readyz", [this](http::Request&) {
    // Ready when a connection answers; a failure is a 503, not a 500.
    try {
      if (pool_->Acquire()->Ping()) return http::Response::Text("ready\n");
    } catch (const std::exception&) {
    }
    return http::Response::Text("database unavailable\n", 503);
  }, public_route);

  web::Shell& shell = *web_->shell;
  router->SetFallback([&shell](http::Request& req) { return shell.ErrorResponse(req, Error::NotFound("page")); });

  identity::web::RegisterRoutes(*router, {*identity_, shell, web_options});
  // Organisations a member-role user can be attached to: the directory, all pages of it.
  auto member_choices = [this](const identity::Actor& actor, const hubs::HubContext& hub) {
    std::vector<std::pair<std::int64_t, std::string>> choices;
    for (int page = 1;; ++page) {
      auto result = members_->ListMembers(actor, hub, {.page = page, .per_page = 200});
      if (!result.ok()) break;
      for (const auto& m : result->items) choices.emplace_back(m.id.value, m.name);
      if (static_cast<std::int64_t>(page) * 200 >= result->total) break;
    }
    return choices;
  };
  hubs::web::RegisterRoutes(*router, {*hubs_, *identity_, shell, member_choices});
  members::web::RegisterRoutes(*router, {*members_, *hubs_, shell, catalogue_});
  pooling::web::RegisterRoutes(*router, {*pooling_, *hubs_, shell, member_choices});
  cooperation::web::RegisterRoutes(*router, {*board_, *projects_, *bids_, *network_, *hubs_, shell, member_choices});
  animation::web::RegisterRoutes(*router, {*groups_, *events_, *notices_, *time_, *hubs_, shell, member_choices});
  router_ = std::move(router);
}

}  // namespace coopole::app
