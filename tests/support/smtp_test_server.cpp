#include "smtp_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace coopole::testing {
namespace {

// Reads one CRLF-terminated line from `fd` through `buffer` (what was read past it stays in
// the buffer). False when the peer closed.
bool ReadLine(int fd, std::string& buffer, std::string& line) {
  for (;;) {
    if (auto end = buffer.find("\r\n"); end != std::string::npos) {
      line = buffer.substr(0, end);
      buffer.erase(0, end + 2);
      return true;
    }
    char chunk[4096];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

void Send(int fd, const std::string& text) {
  const std::string out = text + "\r\n";
  std::size_t sent = 0;
  while (sent < out.size()) {
    const ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

std::string Upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// "MAIL FROM:<a@b>" -> "a@b"
std::string Address(const std::string& line) {
  const auto open = line.find('<'), close = line.find('>');
  if (open == std::string::npos || close == std::string::npos || close < open) return "";
  return line.substr(open + 1, close - open - 1);
}

}  // namespace

std::string DecodeBase64(const std::string& text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (char c : text) {
    const auto index = alphabet.find(c);
    if (index == std::string::npos) continue;
    value = (value << 6) | static_cast<unsigned>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xFF);
    }
  }
  return out;
}


std::vector<MimePart> MimeParts(const std::string& data) {
  std::vector<MimePart> parts;
  const std::string marker = "Content-Transfer-Encoding: base64\r\n";
  for (auto at = data.find(marker); at != std::string::npos; at = data.find(marker, at + marker.size())) {
    const auto head_start = data.rfind("\r\n--", at);
    const auto body_start = data.find("\r\n\r\n", at);
    if (body_start == std::string::npos) break;
    auto body_end = data.find("\r\n--", body_start + 4);
    if (body_end == std::string::npos) body_end = data.size();
    const auto from = head_start == std::string::npos ? 0 : head_start;
    parts.push_back({data.substr(from, body_start - from), DecodeBase64(data.substr(body_start + 4, body_end - body_start - 4))});
  }
  return parts;
}

SmtpTestServer::SmtpTestServer() {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listener_ < 0) throw std::runtime_error("smtp test server: socket");
  int yes = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 16) != 0)
    throw std::runtime_error("smtp test server: bind");
  socklen_t length = sizeof address;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

SmtpTestServer::~SmtpTestServer() {
  stop_ = true;
  ::shutdown(listener_, SHUT_RDWR);
  if (thread_.joinable()) thread_.join();
  ::close(listener_);
}

std::vector<ReceivedMail> SmtpTestServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void SmtpTestServer::Serve() {
  while (!stop_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int fd = ::accept(listener_, nullptr, nullptr);
    if (fd < 0) continue;
    Session(fd);
    ::close(fd);
  }
}

void SmtpTestServer::Session(int fd) {
  std::string buffer, line;
  ReceivedMail mail;
  Send(fd, "220 localhost ESMTP coopole-test");
  while (ReadLine(fd, buffer, line)) {
    const std::string verb = Upper(line.substr(0, 4));
    if (verb == "EHLO") {
      Send(fd, "250-localhost");
      Send(fd, "250-AUTH PLAIN");
      Send(fd, "250 8BITMIME");
    } else if (verb == "HELO") {
      Send(fd, "250 localhost");
    } else if (verb == "AUTH") {
      // "AUTH PLAIN <initial response>", or "AUTH PLAIN" then the credentials on a line of
      // their own after a 334 challenge (libcurl's default).
      std::string credentials = line.size() > 10 ? line.substr(11) : "";
      if (credentials.empty()) {
        Send(fd, "334 ");
        if (!ReadLine(fd, buffer, credentials)) return;
      }
      mail.auth = DecodeBase64(credentials);
      Send(fd, "235 2.7.0 Authentication successful");
    } else if (verb == "MAIL") {
      mail.mail_from = Address(line);
      Send(fd, "250 OK");
    } else if (verb == "RCPT") {
      mail.rcpt_to = Address(line);
      Send(fd, "250 OK");
    } else if (verb == "DATA") {
      Send(fd, "354 End data with <CR><LF>.<CR><LF>");
      std::string data;
      while (ReadLine(fd, buffer, line) && line != ".") {
        if (!line.empty() && line[0] == '.') line.erase(0, 1);  // undo dot-stuffing
        data += line + "\r\n";
      }
      if (refuse_ > 0) {
        --refuse_;
        Send(fd, "451 4.3.0 try again later");
      } else {
        mail.data = std::move(data);
        {
          std::lock_guard lock(mutex_);
          received_.push_back(mail);
        }
        Send(fd, "250 OK queued");
      }
    } else if (verb == "RSET" || verb == "NOOP") {
      Send(fd, "250 OK");
    } else if (verb == "QUIT") {
      Send(fd, "221 Bye");
      return;
    } else {
      Send(fd, "502 command not implemented");
    }
  }
}

}  // namespace coopole::testing
