#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "config.h"

namespace coopole::app {
namespace {

TEST(LoadConfig, FileThenEnvironment) {
  std::string path = ::testing::TempDir() + "/coopole-test.toml";
  std::ofstream(path) << "listen = \"0.0.0.0:9000\"\nworker_threads = 8\nsecure_cookies = true\n";
  ::setenv("COOPOLE_WORKER_THREADS", "3", 1);
  auto c = LoadConfig(path);
  ::unsetenv("COOPOLE_WORKER_THREADS");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->listen, "0.0.0.0:9000");
  EXPECT_EQ(c->worker_threads, 3);
  EXPECT_TRUE(c->secure_cookies);
}

TEST(LoadConfig, NamesTheBadKey) {
  std::string path = ::testing::TempDir() + "/coopole-bad.toml";
  std::ofstream(path) << "pool_size = 0\ncolour = \"blue\"\n";
  auto c = LoadConfig(path);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().fields.count("pool_size"), 1u);
  EXPECT_EQ(c.error().fields.count("colour"), 1u);
}

TEST(LoadConfig, ReadsTheSmtpSettingsAndRefusesAnUnknownSecurity) {
  std::string path = ::testing::TempDir() + "/coopole-smtp.toml";
  std::ofstream(path) << "smtp_url = \"smtp://mail.exemple.fr:587\"\nsmtp_username = \"pole\"\n"
                         "smtp_from = \"pole@exemple.fr\"\n";
  auto c = LoadConfig(path);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->smtp_url, "smtp://mail.exemple.fr:587");
  EXPECT_EQ(c->smtp_security, "starttls");
  EXPECT_EQ(c->smtp_username, "pole");
  EXPECT_EQ(c->smtp_from, "pole@exemple.fr");

  std::ofstream(path) << "smtp_url = \"http://mail.exemple.fr\"\nsmtp_security = \"ssl3\"\n";
  auto bad = LoadConfig(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.count("smtp_url"), 1u);
  EXPECT_EQ(bad.error().fields.count("smtp_security"), 1u);
}

}  // namespace
}  // namespace coopole::app
