#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "coopole/render/render.h"

namespace coopole::render {
namespace {

namespace fs = std::filesystem;

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("coopole-render-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "i18n" / "fr");
    fs::create_directories(dir_ / "i18n" / "en");
    fs::create_directories(dir_ / "templates" / "members");
    Write("i18n/fr/members.json", R"({"members": {"title": "Structures & membres", "count": "{{n}} structures"}})");
    Write("i18n/en/members.json", R"({"members": {"title": "Members", "count": "{{n}} members"}})");
    Write("templates/layout.mustache", "<h1>[[members.title]]</h1>");
    Write("templates/members/list.mustache", "{{> layout}}<p>[[members.count]]</p><i>{{name}}</i>{{{html}}}");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& rel, const std::string& text) { std::ofstream(dir_ / rel) << text; }
  fs::path dir_;
};

TEST_F(RenderTest, TranslatesExpandsPartialsAndEscapesValues) {
  auto templates = Templates::Load((dir_ / "templates").string(), Messages::Load((dir_ / "i18n").string()));
  View view;
  view.set("n", "3");
  view.set("name", "<img src=x onerror=alert(1)>");
  view.set("html", "<b>ok</b>");
  EXPECT_EQ(templates->Render("members/list", "fr", view),
            "<h1>Structures &amp; membres</h1><p>3 structures</p><i>&lt;img src=x onerror=alert(1)&gt;</i><b>ok</b>");
  EXPECT_EQ(templates->Render("members/list", "en", view).substr(0, 17), "<h1>Members</h1><");
  EXPECT_EQ(templates->Render("members/list", "xx", view).substr(0, 15), "<h1>Structures ");
}

TEST_F(RenderTest, RefusesAMissingTranslation) {
  Write("i18n/en/members.json", R"({"members": {"title": "Members"}})");
  EXPECT_THROW(Messages::Load((dir_ / "i18n").string()), std::runtime_error);
}

TEST_F(RenderTest, RefusesAnUnknownKeyOrPartial) {
  auto messages = Messages::Load((dir_ / "i18n").string());
  Write("templates/bad.mustache", "[[nope]]");
  EXPECT_THROW(Templates::Load((dir_ / "templates").string(), messages), std::runtime_error);
  Write("templates/bad.mustache", "{{> nope}}");
  EXPECT_THROW(Templates::Load((dir_ / "templates").string(), messages), std::runtime_error);
}

TEST(NegotiateLanguage, PicksBestSupportedByQuality) {
  EXPECT_EQ(NegotiateLanguage("en-GB,en;q=0.9,fr;q=0.8"), "en");
  EXPECT_EQ(NegotiateLanguage("de-DE,fr;q=0.5,en;q=0.4"), "fr");
  EXPECT_EQ(NegotiateLanguage("de"), "fr");
  EXPECT_EQ(NegotiateLanguage(""), "fr");
}

}  // namespace
}  // namespace coopole::render
