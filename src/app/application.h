// The composition root: opens the database, builds every module's service, wires the
// routes and middleware. Used by main() and by the integration tests (port 0).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "config.h"
#include "coopole/core/time.h"
#include "coopole/db/db.h"
#include "coopole/http/http.h"

namespace coopole::identity { class IdentityService; }
namespace coopole::hubs { class HubService; }
namespace coopole::members { class MemberService; }
namespace coopole::pooling { class PoolingService; }
namespace coopole::cooperation {
class BoardService;
class ProjectService;
class BidService;
class NetworkService;
struct DeadlineReminder;
}  // namespace coopole::cooperation
namespace coopole::animation {
class GroupService;
class EventService;
class NoticeService;
class TimeService;
struct Digest;
}  // namespace coopole::animation
namespace coopole::reference { class Catalogue; }
namespace coopole::mail { class MailSender; }

namespace coopole::app {

struct ApplicationOptions {
  bool fast_password_hashing = false;  // tests only
};

class Application {
 public:
  // Throws std::runtime_error (database unreachable, templates or catalogues broken).
  Application(Config config, ApplicationOptions options = {});
  ~Application();

  // Applies every module's migrations in dependency order.
  void Migrate();
  // The router with all routes; shared with the server.
  std::shared_ptr<const http::Router> router() const { return router_; }
  const Config& config() const { return config_; }
  db::Pool& pool() { return *pool_; }
  identity::IdentityService& identity() { return *identity_; }
  hubs::HubService& hubs() { return *hubs_; }
  members::MemberService& members() { return *members_; }
  pooling::PoolingService& pooling() { return *pooling_; }
  // Queues the e-mail reminders of joint-bid deadlines now due (run every few minutes by
  // Serve). Returns how many reminders were queued.
  int QueueBidReminders();
  // Queues the digest e-mails of animation notices now due under each user's frequency (run
  // every 5 minutes by Serve). Returns how many digests were queued.
  int QueueNoticeDigests();
  // Sends the e-mail outbox (started by Serve; idle when no SMTP server is configured).
  mail::MailSender& mail_sender() { return *mail_sender_; }
  cooperation::BoardService& board() { return *board_; }
  cooperation::ProjectService& projects() { return *projects_; }
  cooperation::BidService& bids() { return *bids_; }
  cooperation::NetworkService& network() { return *network_; }
  animation::GroupService& groups() { return *groups_; }
  animation::EventService& events() { return *events_; }
  animation::NoticeService& notices() { return *notices_; }
  animation::TimeService& collective_time() { return *time_; }
  // The assembled OpenAPI document served at /api/v1/openapi.json.
  const std::string& openapi() const { return openapi_; }

 private:
  void BuildRoutes();

  Config config_;
  SystemClock clock_;
  std::unique_ptr<db::Pool> pool_;
  std::shared_ptr<const reference::Catalogue> catalogue_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<hubs::HubService> hubs_;
  std::unique_ptr<members::MemberService> members_;
  std::unique_ptr<pooling::PoolingService> pooling_;
  std::unique_ptr<mail::MailSender> mail_sender_;
  std::unique_ptr<cooperation::BoardService> board_;
  std::unique_ptr<cooperation::ProjectService> projects_;
  std::unique_ptr<cooperation::BidService> bids_;
  std::unique_ptr<cooperation::NetworkService> network_;
  std::function<void(db::Transaction&, const cooperation::DeadlineReminder&)> bid_reminder_mailer_;
  std::unique_ptr<animation::GroupService> groups_;
  std::unique_ptr<animation::EventService> events_;
  std::unique_ptr<animation::NoticeService> notices_;
  std::unique_ptr<animation::TimeService> time_;
  std::function<void(db::Transaction&, const animation::Digest&)> notice_digest_mailer_;
  struct WebParts;
  std::unique_ptr<WebParts> web_;
  std::shared_ptr<http::Router> router_;
  std::string openapi_;
};

// Serves `app` until SIGINT/SIGTERM. Returns the process exit code.
int Serve(Application& app);

}  // namespace coopole::app
