#include <gtest/gtest.h>

#include "coopole/http/multipart.h"

namespace coopole::http {
namespace {

TEST(MultipartBoundary, ReadsQuotedAndBareBoundaries) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=----WebKitFormBoundaryAb12"),
            "----WebKitFormBoundaryAb12");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\""), "a b;c");
  EXPECT_EQ(MultipartBoundary("multipart/form-data"), std::nullopt);
  EXPECT_EQ(MultipartBoundary("text/csv; boundary=x"), std::nullopt);
  EXPECT_EQ(MultipartBoundary("application/x-www-form-urlencoded"), std::nullopt);
}

TEST(ParseMultipart, ReadsFieldsAndFileAsBrowsersSendThem) {
  std::string body =
      "------B\r\n"
      "Content-Disposition: form-data; name=\"csrf\"\r\n"
      "\r\n"
      "tok\r\n"
      "------B\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"membres; 2026.csv\"\r\n"
      "Content-Type: text/csv\r\n"
      "\r\n"
      "Nom;SIRET\r\nA;1\r\n\r\n"
      "------B\r\n"
      "Content-Disposition: form-data; name=\"dry_run\"\r\n"
      "\r\n"
      "1\r\n"
      "------B--\r\n";
  auto parts = ParseMultipart(body, "----B");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "csrf");
  EXPECT_EQ((*parts)[0].body, "tok");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  const MultipartPart* file = FindPart(*parts, "file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "membres; 2026.csv");
  EXPECT_EQ(file->content_type, "text/csv");
  // The file's own trailing line breaks belong to the content.
  EXPECT_EQ(file->body, "Nom;SIRET\r\nA;1\r\n");
  EXPECT_EQ(FindPart(*parts, "dry_run")->body, "1");
  EXPECT_EQ(FindPart(*parts, "missing"), nullptr);
}

TEST(ParseMultipart, KeepsBinaryContentAndBoundaryLookalikes) {
  std::string content("a\0b\r\n--Xnot-the-end", 19);
  std::string body =
      "--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n" + content + "\r\n--X--";
  auto parts = ParseMultipart(body, "X");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].filename, "");
  // "\r\n--X" followed by other text on its line is content, not a delimiter (RFC 2046).
  EXPECT_EQ((*parts)[0].body, content);
}

TEST(ParseMultipart, IgnoresPreambleAndAcceptsEmptyParts) {
  std::string body = "preamble\r\n--X\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n\r\n--X--\r\nepilogue";
  auto parts = ParseMultipart(body, "X");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].name, "q");
  EXPECT_EQ((*parts)[0].body, "");
}

TEST(ParseMultipart, RejectsTruncatedOrHeaderlessBodies) {
  EXPECT_EQ(ParseMultipart("no boundary here", "X").error().code, ErrorCode::kBadRequest);
  EXPECT_FALSE(ParseMultipart("--X\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", "X").ok());
  EXPECT_FALSE(ParseMultipart("--X\r\nContent-Disposition: form-data; name=\"a\"", "X").ok());
  EXPECT_FALSE(ParseMultipart("--X\r\n\r\nvalue\r\n--X--", "X").ok());
  EXPECT_FALSE(ParseMultipart("--X\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--X--", "X").ok());
  EXPECT_FALSE(ParseMultipart("--X\r\nContent-Type: text/plain\r\n\r\nv\r\n--X--", "X").ok());
  EXPECT_FALSE(ParseMultipart("--Xjunk", "X").ok());
  EXPECT_FALSE(ParseMultipart("", "X").ok());
}

TEST(ParseMultipart, AnEmptyFormIsOnlyTheClosingDelimiter) {
  auto parts = ParseMultipart("--X--\r\n", "X");
  ASSERT_TRUE(parts.ok());
  EXPECT_TRUE(parts->empty());
}

}  // namespace
}  // namespace coopole::http
