#include <spdlog/spdlog.h>

#include "application.h"
#include "coopole/animation/groups.h"
#include "coopole/mail/mail.h"
#include "periodic_job.h"

namespace coopole::app {

int Serve(Application& app) {
  const Config& c = app.config();
  http::ServerOptions options;
  options.listen = c.listen;
  options.io_threads = c.io_threads;
  options.worker_threads = c.worker_threads;
  options.trust_proxy_headers = c.trust_proxy;
  http::AccessLogger logger;
  if (c.access_log) {
    logger = [](const http::Request& req, int status, std::size_t bytes, double ms) {
      spdlog::info("{} {} {} {} {}B {:.2f}ms {}", req.request_id, http::MethodName(req.method), req.target, status,
                   bytes, ms, req.remote_address);
    };
  }
  http::Server server(options, app.router(), logger);
  int port = server.Listen();
  server.HandleSignals();
  spdlog::info("coopole listening on {} (port {})", c.listen, port);
  app.mail_sender().Start();
  {
    // Deadline reminders are due at day granularity: every 10 minutes is plenty.
    PeriodicJob reminders("bid reminders", 600, [&app] { app.QueueBidReminders(); });
    // Newcomers announced to coordinators (an in-app notice each, once), in a job of their own
    // so that a failure there never holds the digests back.
    PeriodicJob newcomers("newcomer announcements", 300, [&app] { app.groups().AnnounceNewcomers(); });
    // Notice digests: "immediate" ones within 5 minutes, daily and weekly ones soon after 07:00.
    PeriodicJob digests("notice digests", 300, [&app] { app.QueueNoticeDigests(); });
    server.Run();
  }
  app.mail_sender().Stop();
  spdlog::info("coopole stopped");
  return 0;
}

}  // namespace coopole::app
