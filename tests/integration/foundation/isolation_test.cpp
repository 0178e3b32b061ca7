// Hub isolation: for every route of the pages and the API, a user of hub A gets 404 for
// anything of hub B — through B's slug, and through B's ids under A's slug.
#include <gtest/gtest.h>

#include <regex>

#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

class IsolationTest : public ::testing::TestWithParam<std::string> {
 protected:
  IsolationTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    token_a_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto hub_b = app_.app().hubs().Resolve(admin, "pole-b").value();
    auto member = app_.app().members().CreateMember(admin, hub_b, {.name = "Secret de B", .legal_form = "association"});
    member_b_ = member.value().id.value;
    auto person = app_.app().members().AddPerson(admin, hub_b, member->id, {.name = "Personne de B"});
    person_b_ = person.value().id.value;
  }

  // Fills a route pattern: {hub} with `hub`, {member}/{person} with B's ids, others with 1.
  std::string Fill(const std::string& pattern, const std::string& hub) const {
    std::string out = std::regex_replace(pattern, std::regex(R"(\{hub\})"), hub);
    out = std::regex_replace(out, std::regex(R"(\{member\})"), std::to_string(member_b_));
    out = std::regex_replace(out, std::regex(R"(\{person\})"), std::to_string(person_b_));
    return std::regex_replace(out, std::regex(R"(\{[a-z_]+\*?\})"), "1");
  }

  TestApp app_;
  std::string token_a_;
  std::int64_t member_b_ = 0, person_b_ = 0;
};

TEST_P(IsolationTest, EveryHubRouteAnswers404ToAUserOfAnotherHub) {
  Browser browser(app_.port());
  ASSERT_EQ(browser.SignIn("coord@a.fr", TestApp::kPassword).status, 303);
  browser.Get("/hubs/pole-a");  // picks up the session's CSRF token
  int checked = 0;
  for (const auto& route : app_.app().router()->routes()) {
    if (route->pattern.find("{hub}") == std::string::npos) continue;
    const std::string method = http::MethodName(route->method);
    std::vector<std::string> targets = {Fill(route->pattern, "pole-b")};
    if (route->pattern.find("{member}") != std::string::npos || route->pattern.find("{person}") != std::string::npos) {
      targets.push_back(Fill(route->pattern, "pole-a"));
    }
    for (const auto& target : targets) {
      HttpResponse res;
      if (route->pattern.rfind("/api/", 0) == 0) {
        res = app_.Api(method, target, token_a_, method == "GET" ? "" : "{}");
      } else if (method == "GET") {
        res = browser.Get(target);
      } else {
        res = browser.PostForm(target, {{"name", "x"}});
      }
      EXPECT_EQ(res.status, 404) << method << " " << target;
      EXPECT_EQ(res.body.find("Secret de B"), std::string::npos) << target;
      ++checked;
    }
  }
  EXPECT_GT(checked, 20);
}

INSTANTIATE_TEST_SUITE_P(Databases, IsolationTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
