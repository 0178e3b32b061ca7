// Signing in, sessions, CSRF, API tokens and throttling over real HTTP.
#include <gtest/gtest.h>

#include "test_app.h"

namespace coopole::testing {
namespace {

class AuthTest : public ::testing::TestWithParam<std::string> {
 protected:
  AuthTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    token_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
  }
  TestApp app_;
  std::string token_;
};

TEST_P(AuthTest, AnonymousPagesRedirectToLoginAndApiAnswers401) {
  auto page = Send(app_.port(), {"GET", "/hubs/pole-a", {}, ""});
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.Header("location"), "/login?next=%2Fhubs%2Fpole-a");
  auto api = Send(app_.port(), {"GET", "/api/v1/hubs", {}, ""});
  EXPECT_EQ(api.status, 401);
  EXPECT_NE(api.body.find("\"code\":\"unauthenticated\""), std::string::npos);
}

TEST_P(AuthTest, SignInSetsAHttpOnlySessionCookieAndOpensTheHub) {
  Browser browser(app_.port());
  auto res = browser.SignIn("coord@a.fr", TestApp::kPassword);
  ASSERT_EQ(res.status, 303);
  auto cookie = res.Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  auto home = browser.Get("/");
  EXPECT_EQ(home.status, 302);  // a single hub: straight to it
  auto hub = browser.Get("/hubs/pole-a");
  EXPECT_EQ(hub.status, 200);
  EXPECT_NE(hub.body.find("Pôle A"), std::string::npos);
}

TEST_P(AuthTest, WrongPasswordIs401AndRepeatedFailuresAre429) {
  Browser browser(app_.port());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(browser.SignIn("coord@a.fr", "wrong password").status, 401);
  EXPECT_EQ(browser.SignIn("coord@a.fr", TestApp::kPassword).status, 429);
}

TEST_P(AuthTest, FormsWithoutTheCsrfTokenAreRefused) {
  Browser browser(app_.port());
  browser.Get("/login");
  auto res = browser.PostForm("/login", {{"email", "coord@a.fr"}, {"password", TestApp::kPassword}}, false);
  EXPECT_EQ(res.status, 403);
  browser.SignIn("coord@a.fr", TestApp::kPassword);
  auto settings = browser.Get("/hubs/pole-a/settings");
  ASSERT_EQ(settings.status, 200);
  auto forged = browser.PostForm("/hubs/pole-a/settings", {{"name", "Pirate"}, {"slug", "pole-a"}, {"version", "1"}}, false);
  EXPECT_EQ(forged.status, 403);
  auto api_with_cookie = browser.Request({"PATCH", "/api/v1/hubs/pole-a", {{"Content-Type", "application/json"}}, "{\"name\":\"x\",\"version\":1}"});
  EXPECT_EQ(api_with_cookie.status, 403);
}

TEST_P(AuthTest, SignOutEndsTheSession) {
  Browser browser(app_.port());
  browser.SignIn("coord@a.fr", TestApp::kPassword);
  browser.Get("/hubs/pole-a");
  auto out = browser.PostForm("/logout", {});
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(browser.Get("/hubs/pole-a").status, 303);
}

TEST_P(AuthTest, BearerTokensReachTheApiAndBadTokensAre401) {
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs", token_).status, 200);
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs", "cp_nope").status, 401);
}

TEST_P(AuthTest, AccountPageCreatesATokenShownOnceThatWorksUntilRevoked) {
  Browser browser(app_.port());
  browser.SignIn("coord@a.fr", TestApp::kPassword);
  ASSERT_EQ(browser.Get("/account").status, 200);
  auto created = browser.PostForm("/account/tokens", {{"name", "tableur <script>"}});
  ASSERT_EQ(created.status, 200);
  EXPECT_EQ(created.Header("cache-control"), "no-store");
  auto start = created.body.find("<code id=\"new-token\">");
  ASSERT_NE(start, std::string::npos);
  start += std::string("<code id=\"new-token\">").size();
  std::string token = created.body.substr(start, created.body.find("</code>", start) - start);
  EXPECT_EQ(token.rfind("cp_", 0), 0u);
  EXPECT_NE(created.body.find("tableur &lt;script&gt;"), std::string::npos);
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs", token).status, 200);
  auto page = browser.Get("/account");
  EXPECT_EQ(page.body.find(token), std::string::npos);  // never shown again
  auto form = page.body.find("/account/tokens/");
  ASSERT_NE(form, std::string::npos);
  std::string action = page.body.substr(form, page.body.find('"', form) - form);
  EXPECT_EQ(browser.PostForm(action, {}).status, 303);
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs", token).status, 401);
  EXPECT_EQ(browser.PostForm("/account/tokens", {{"name", " "}}).status, 422);
}

TEST_P(AuthTest, LanguageSwitchesToEnglishAndBack) {
  Browser browser(app_.port());
  browser.SignIn("coord@a.fr", TestApp::kPassword);
  auto fr = browser.Get("/hubs/pole-a");
  EXPECT_NE(fr.body.find("lang=\"fr\""), std::string::npos);
  browser.PostForm("/language", {{"lang", "en"}, {"next", "/hubs/pole-a"}});
  auto en = browser.Get("/hubs/pole-a");
  EXPECT_NE(en.body.find("lang=\"en\""), std::string::npos);
  EXPECT_NE(en.body.find("Sign out"), std::string::npos);
  auto bad = browser.PostForm("/language", {{"lang", "de"}, {"next", "/"}});
  EXPECT_EQ(bad.status, 422);
}

TEST_P(AuthTest, AcceptLanguageChoosesEnglishBeforeSignIn) {
  auto page = Send(app_.port(), {"GET", "/login", {{"Accept-Language", "en-GB,en;q=0.9"}}, ""});
  EXPECT_NE(page.body.find("Sign in"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Databases, AuthTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
