#include "smtp_client.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace coopole::mail {
namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t ReadChunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = upload->data->size() - upload->offset;
  const std::size_t n = left < room ? left : room;
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// curl_global_init is not thread-safe: once per process.
void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Status SendSmtp(const SmtpSettings& settings, const std::string& to, const std::string& data) {
  GlobalInit();
  CURL* curl = curl_easy_init();
  if (!curl) return Error{ErrorCode::kUnavailable, "libcurl could not start", {}};
  Upload upload{&data};
  char error[CURL_ERROR_SIZE] = {0};
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  const std::string from = "<" + settings.from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (settings.security == SmtpSecurity::kStartTls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings.timeout_seconds * 4);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(curl);
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (code == CURLE_OK) return OkStatus();
  std::string message = error[0] ? error : curl_easy_strerror(code);
  if (reply > 0) message += " (SMTP " + std::to_string(reply) + ")";
  return Error{ErrorCode::kUnavailable, message, {}};
}

}  // namespace coopole::mail
