#include "mime.h"

#include <gtest/gtest.h>

namespace coopole::mail {
namespace {

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Base64, EncodesTheRfc4648Vectors) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
}

TEST(Base64, WrapsLinesWithCrlf) {
  const std::string wrapped = Base64(std::string(120, 'a'), 76);
  const auto first = wrapped.find("\r\n");
  EXPECT_EQ(first, 76u);
  // 160 characters: lines of 76, 76 and 8.
  EXPECT_EQ(wrapped.find("\r\n", first + 2), 154u);
  EXPECT_EQ(wrapped.size(), 160u + 4u);
}

TEST(EncodeHeaderWord, LeavesAsciiAlone) { EXPECT_EQ(EncodeHeaderWord("Invitation"), "Invitation"); }

TEST(EncodeHeaderWord, EncodesUtf8WithoutSplittingACharacter) {
  EXPECT_EQ(EncodeHeaderWord("Réunion"), "=?UTF-8?B?UsOpdW5pb24=?=");
  // 44 ASCII bytes then "é" (2 bytes): the first word must stop before the "é".
  const std::string text = std::string(44, 'a') + "é";
  const std::string encoded = EncodeHeaderWord(text);
  EXPECT_EQ(encoded, "=?UTF-8?B?" + Base64(std::string(44, 'a')) + "?=\r\n =?UTF-8?B?" + Base64("é") + "?=");
}

TEST(Rfc5322Date, FormatsUtc) { EXPECT_EQ(Rfc5322Date(Timestamp{1796594400}), "Sun, 06 Dec 2026 22:00:00 +0000"); }

TEST(IsMailAddress, AcceptsAddressesAndRefusesHeaderInjection) {
  EXPECT_TRUE(IsMailAddress("claire.dubois@ressourcerie.fr"));
  EXPECT_FALSE(IsMailAddress("claire"));
  EXPECT_FALSE(IsMailAddress("claire@localhost"));
  EXPECT_FALSE(IsMailAddress("a@b.fr\r\nBcc: x@y.fr"));
  EXPECT_FALSE(IsMailAddress("a b@c.fr"));
  EXPECT_FALSE(IsMailAddress("<a@b.fr>"));
}

MailMessage Sample() {
  MailMessage m;
  m.to = "claire@ressourcerie.fr";
  m.to_name = "Claire Dubois";
  m.subject = "Petit-déjeuner d'accueil";
  m.text_body = "Bonjour,\nvous êtes invitée.\n";
  return m;
}

const Envelope kEnvelope{.from = "pole@exemple.fr", .from_name = "Pôle", .date = Timestamp{1796594400},
                         .message_id = "42@coopole", .boundary = "=_b"};

TEST(BuildMime, WritesHeadersAndABase64TextBody) {
  const std::string mime = BuildMime(Sample(), kEnvelope);
  EXPECT_TRUE(mime.starts_with("From: =?UTF-8?B?"));
  EXPECT_TRUE(Contains(mime, "To: \"Claire Dubois\" <claire@ressourcerie.fr>\r\n"));
  EXPECT_TRUE(Contains(mime, "Subject: =?UTF-8?B?" + Base64("Petit-déjeuner d'accueil") + "?=\r\n"));
  EXPECT_TRUE(Contains(mime, "Message-ID: <42@coopole>\r\n"));
  EXPECT_TRUE(Contains(mime, "Content-Type: text/plain; charset=UTF-8\r\n"));
  EXPECT_TRUE(Contains(mime, "\r\n\r\n" + Base64(Sample().text_body, 76) + "\r\n"));
  EXPECT_FALSE(Contains(mime, "multipart"));
}

TEST(BuildMime, AttachesFilesInAMultipartMessage) {
  MailMessage m = Sample();
  m.attachments.push_back({"invitation.ics", "text/calendar; method=REQUEST", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"});
  const std::string mime = BuildMime(m, kEnvelope);
  EXPECT_TRUE(Contains(mime, "Content-Type: multipart/mixed; boundary=\"=_b\"\r\n"));
  EXPECT_TRUE(Contains(mime, "Content-Type: text/calendar; method=REQUEST; name=\"invitation.ics\"\r\n"));
  EXPECT_TRUE(Contains(mime, "Content-Disposition: attachment; filename=\"invitation.ics\"\r\n"));
  EXPECT_TRUE(Contains(mime, Base64("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", 76)));
  EXPECT_TRUE(mime.ends_with("--=_b--\r\n"));
}

TEST(BuildMime, QuotesNamesAndNeutralisesQuotesInFileNames) {
  MailMessage m = Sample();
  m.to_name = "Atelier \"Vélo\"";
  m.attachments.push_back({"a\"b.ics", "text/calendar", "x"});
  const std::string mime = BuildMime(m, kEnvelope);
  EXPECT_TRUE(Contains(mime, "To: " + EncodeHeaderWord("Atelier \"Vélo\"") + " <claire@ressourcerie.fr>"));
  EXPECT_TRUE(Contains(mime, "filename=\"a_b.ics\""));
}

TEST(RetryDelaySeconds, BacksOffThenGivesUp) {
  EXPECT_EQ(RetryDelaySeconds(1), 60);
  EXPECT_EQ(RetryDelaySeconds(2), 300);
  EXPECT_EQ(RetryDelaySeconds(4), 7200);
  EXPECT_EQ(RetryDelaySeconds(9), 6 * 3600);
  EXPECT_EQ(RetryDelaySeconds(kMaxAttempts), std::nullopt);
}

}  // namespace
}  // namespace coopole::mail
