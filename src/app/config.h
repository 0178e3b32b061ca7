// Configuration of the coopole binary: a TOML file, overridden by COOPOLE_* environment
// variables, overridden by command-line flags.
#pragma once

#include <string>

#include "coopole/core/result.h"

namespace coopole::app {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string database = "sqlite:data/coopole.db";
  std::string web_dir = "web";                   // templates/, i18n/, static/, openapi/
  std::string reference_dir = "build/reference"; // communes.tsv, naf.tsv
  int io_threads = 2;
  int worker_threads = 4;
  int pool_size = 6;
  bool secure_cookies = false;     // set when served over HTTPS (behind a TLS proxy)
  bool trust_proxy = false;        // take X-Forwarded-For / X-Request-Id from the proxy
  bool access_log = true;
  std::string log_level = "info";
  // The address people reach the installation at, for links in e-mails.
  std::string public_url = "http://localhost:8080";
  // Outgoing e-mail (SMTP). An empty smtp_url turns sending off: messages wait in the outbox.
  std::string smtp_url;                 // "smtp://mail.example.org:587" or "smtps://...:465"
  std::string smtp_security = "starttls";  // starttls (required), tls (smtps://), none (loopback relays only)
  std::string smtp_username, smtp_password;
  std::string smtp_from = "coopole@localhost";
  std::string smtp_from_name = "coopole";
};

// Reads `path` (may be empty: no file) then the environment: COOPOLE_LISTEN,
// COOPOLE_DATABASE, COOPOLE_WEB_DIR, COOPOLE_REFERENCE_DIR, COOPOLE_IO_THREADS,
// COOPOLE_WORKER_THREADS, COOPOLE_POOL_SIZE, COOPOLE_SECURE_COOKIES, COOPOLE_TRUST_PROXY,
// COOPOLE_ACCESS_LOG, COOPOLE_LOG_LEVEL, COOPOLE_PUBLIC_URL, COOPOLE_SMTP_URL, COOPOLE_SMTP_SECURITY,
// COOPOLE_SMTP_USERNAME, COOPOLE_SMTP_PASSWORD, COOPOLE_SMTP_FROM, COOPOLE_SMTP_FROM_NAME. Errors: kInvalidArgument naming the key.
Result<Config> LoadConfig(const std::string& path);

}  // namespace coopole::app
