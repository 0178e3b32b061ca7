// A small SMTP server on a loopback port for the tests: it speaks enough of RFC 5321
// (EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to receive what libcurl sends,
// keeps every message, and can be told to refuse the next messages with a 4xx reply. One
// session at a time (the senders under test send one message a session).
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace coopole::testing {

struct ReceivedMail {
  std::string mail_from, rcpt_to;  // the envelope, without angle brackets
  std::string auth;                // the decoded AUTH PLAIN credentials ("\0user\0pass"), if any
  std::string data;                // the message as received, dot-stuffing undone, CRLF kept
};

// Base64 as in MIME bodies and AUTH PLAIN (line breaks and padding ignored).
std::string DecodeBase64(const std::string& text);

// The base64-encoded MIME parts of a received message (as coopole's mail module writes them):
// each part's headers and its decoded body, in order.
struct MimePart {
  std::string headers, body;
};
std::vector<MimePart> MimeParts(const std::string& data);

class SmtpTestServer {
 public:
  SmtpTestServer();  // listens on 127.0.0.1, a free port
  ~SmtpTestServer();
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<ReceivedMail> received() const;
  // The next `count` messages are refused at DATA's end with "451 try again later".
  void RefuseNext(int count) { refuse_ = count; }

 private:
  void Serve();
  void Session(int fd);

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> refuse_{0};
  mutable std::mutex mutex_;
  std::vector<ReceivedMail> received_;
  std::thread thread_;
};

}  // namespace coopole::testing
