// The acceptance path on data the project had never seen (a hub of the Lorient area,
// Breton names with apostrophes and accents, a decimal-comma hourly cost), over real HTTP and
// a real SMTP exchange, on both databases: a coordinator creates a working group, invites it
// to a meeting, people reply from the link in their e-mail without signing in, attendance is
// taken (someone not invited too, flagged), and the valued time appears in the year's totals
// per organisation and in the CSV and XLSX exports.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <cctype>
#include <map>
#include <string>

#include "coopole/core/time.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/mail/mail.h"
#include "coopole/members/members.h"
#include "http_client.h"
#include "smtp_test_server.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

using nlohmann::json;

const std::string kHub = "pole-lorient";
const std::string kApi = "/api/v1/hubs/pole-lorient/animation";

json Json(const HttpResponse& res) {
  auto doc = json::parse(res.body, nullptr, false);
  if (doc.is_discarded()) ADD_FAILURE() << "not JSON (status " << res.status << "): " << res.body.substr(0, 300);
  return doc;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A day relative to today in Paris (the server runs on the real clock).
std::string Day(int offset) {
  auto paris = TimeZone::Load("Europe/Paris");
  return FormatIsoDate(AddDays(paris->ToLocal(SystemClock().Now()).date, offset));
}

// The reply path ("/invitations/<token>") written in an e-mail's text.
std::string ReplyPathIn(const std::string& text) {
  const auto at = text.find("/invitations/");
  if (at == std::string::npos) return "";
  auto end = at + std::string("/invitations/").size();
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' || text[end] == '_'))
    ++end;
  return text.substr(at, end - at);
}

class AnimationAcceptanceTest : public ::testing::TestWithParam<std::string> {
 protected:
  AnimationAcceptanceTest() : app_(GetParam()) {
    app_.CreateHub(kHub, "Pôle ESS du Pays de Lorient");
    regie_ = AddMember("Régie de Quartier de Kervénanec", "association");
    scop_ = AddMember("Scop Atelier Bois du Scorff", "scop");
    commune_ = AddMember("Commune de Lanester", "local_authority");
    gwen_ = AddPerson(regie_, "Gwenaëlle Le Floc'h", "gwen@regie-kervenanec.bzh");
    erwan_ = AddPerson(regie_, "Erwan Guillou", "");
    yannick_ = AddPerson(scop_, "Yannick Le Goff", "y.legoff@boisduscorff.coop");
    maelys_ = AddPerson(commune_, "Maëlys Tanguy", "m.tanguy@lanester.fr");
    coordinator_ = app_.UserToken("coordination@pole-lorient.bzh", identity::Role::kCoordinator, kHub);
    regie_user_ = app_.UserToken("accueil@regie-kervenanec.bzh", identity::Role::kMember, kHub, regie_);
  }

  hubs::HubContext Hub() {
    auto hub = app_.app().hubs().Resolve(admin_, kHub);
    if (!hub.ok()) throw std::runtime_error("no hub");
    return *hub;
  }
  identity::MemberId AddMember(const std::string& name, const std::string& legal_form) {
    auto member = app_.app().members().CreateMember(admin_, Hub(), {.name = name, .legal_form = legal_form});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }
  std::int64_t AddPerson(identity::MemberId member, const std::string& name, const std::string& email) {
    auto person = app_.app().members().AddPerson(admin_, Hub(), member, {.name = name, .email = email});
    if (!person.ok()) throw std::runtime_error("person " + name + ": " + person.error().message);
    return person->id.value;
  }
  HttpResponse Api(const std::string& method, const std::string& path, const json& body = nullptr) {
    return app_.Api(method, kApi + path, coordinator_, body.is_null() ? "" : body.dump());
  }

  identity::Actor admin_{.user = identity::UserId{0}, .name = "test", .is_admin = true};
  TestApp app_;
  SmtpTestServer smtp_;
  SystemClock clock_;
  identity::MemberId regie_, scop_, commune_;
  std::int64_t gwen_ = 0, erwan_ = 0, yannick_ = 0, maelys_ = 0;
  std::string coordinator_, regie_user_;
};

TEST_P(AnimationAcceptanceTest, GroupMeetingRepliesFromTheMailAttendanceAndValuedTime) {
  // A working group of two organisations, led by the Régie.
  auto group = Api("POST", "/groups",
                   {{"name", "Réemploi & matériaux"},
                    {"theme", "Économie circulaire du bâtiment"},
                    {"member_ids", json::array({regie_.value, scop_.value})},
                    {"person_ids", json::array({gwen_, yannick_})},
                    {"lead_member_id", regie_.value}});
  ASSERT_EQ(group.status, 201) << group.body;
  const auto group_id = Json(group)["id"].get<long long>();

  // Its meeting tomorrow morning, hub time, and the group invited.
  auto event = Api("POST", "/events",
                   {{"kind", "group_session"},
                    {"title", "Atelier « gisements de bois » d'hiver"},
                    {"group_id", std::to_string(group_id)},
                    {"date", Day(1)},
                    {"start_time", "09:30"},
                    {"end_time", "12:00"},
                    {"place", "Maison de quartier de Kervénanec"}});
  ASSERT_EQ(event.status, 201) << event.body;
  const std::string event_path = "/events/" + std::to_string(Json(event)["id"].get<long long>());
  auto invited = Api("POST", event_path + "/invitations", {{"group_ids", json::array({group_id})}});
  ASSERT_EQ(invited.status, 201) << invited.body;
  EXPECT_EQ(Json(invited)["invited"], 3);  // Gwenaëlle, Yannick, and Erwan through the Régie

  // The Régie's staff account is told in the app, in French, with the date as they write it.
  auto notices = app_.Api("GET", kApi + "/notices", regie_user_);
  ASSERT_EQ(notices.status, 200) << notices.body;
  auto items = Json(notices)["items"];
  ASSERT_EQ(items.size(), 1u) << items.dump();
  EXPECT_EQ(items[0]["kind"], "event_planned");
  const std::string day = Day(1);
  EXPECT_TRUE(Contains(items[0]["text"].get<std::string>(), day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4)))
      << items[0].dump();

  // The invitations go out over SMTP: one per person with an address, each with its .ics.
  mail::MailSender sender(app_.app().pool(), clock_,
                          {.url = smtp_.url(), .security = mail::SmtpSecurity::kNone, .from = "pole@lorient.bzh",
                           .timeout_seconds = 5});
  EXPECT_EQ(sender.SendDue().sent, 2);
  auto received = smtp_.received();
  ASSERT_EQ(received.size(), 2u);
  for (const auto& mail : received) {
    auto parts = MimeParts(mail.data);
    ASSERT_EQ(parts.size(), 2u) << mail.data.substr(0, 600);
    EXPECT_TRUE(Contains(parts[1].body, "METHOD:REQUEST")) << parts[1].body;
    const std::string path = ReplyPathIn(parts[0].body);
    ASSERT_FALSE(path.empty()) << parts[0].body;

    // The person opens the link: no account, no session.
    Browser visitor(app_.port());
    auto page = visitor.Get(path);
    ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
    EXPECT_TRUE(Contains(page.body, "gisements de bois")) << page.body.substr(0, 300);
    const bool is_gwen = mail.rcpt_to == "gwen@regie-kervenanec.bzh";
    auto replied = visitor.PostForm(path, {{"reply", is_gwen ? "yes" : "no"}});
    EXPECT_LT(replied.status, 400) << replied.body.substr(0, 300);
  }
  auto invitations = Json(Api("GET", event_path + "/invitations"))["items"];
  int yes = 0, no = 0;
  for (const auto& i : invitations) {
    if (i["reply"] == "yes") ++yes;
    if (i["reply"] == "no") ++no;
  }
  EXPECT_EQ(yes, 1) << invitations.dump();
  EXPECT_EQ(no, 1) << invitations.dump();

  // Attendance: Gwenaëlle the whole morning, Erwan (invited, never replied) two hours, and
  // Maëlys from the town, who was not invited: accepted and flagged.
  ASSERT_EQ(Api("POST", event_path + "/attendance", {{"person_id", std::to_string(gwen_)}}).status, 200);
  ASSERT_EQ(Api("POST", event_path + "/attendance", {{"person_id", std::to_string(erwan_)}, {"minutes", "120"}}).status,
            200);
  auto walk_in = Api("POST", event_path + "/attendance", {{"person_id", std::to_string(maelys_)}});
  ASSERT_EQ(walk_in.status, 200) << walk_in.body;
  EXPECT_EQ(Json(walk_in)["not_invited"], true);

  // Valued time: the Régie's declared hourly cost with a decimal comma, the hub default for the town.
  ASSERT_EQ(Api("PUT", "/time/settings", {{"default_hourly", "18"}, {"version", 0}}).status, 200);
  auto rate = Api("PUT", "/time/rates/members/" + std::to_string(regie_.value), {{"hourly_cost", "32,50"}});
  ASSERT_EQ(rate.status, 200) << rate.body;

  const std::string year = Day(1).substr(0, 4);
  auto totals = Api("GET", "/time/totals?by=member&year=" + year);
  ASSERT_EQ(totals.status, 200) << totals.body;
  auto doc = Json(totals);
  std::map<std::string, json> by_name;
  for (const auto& line : doc["lines"]) by_name[line["label"].get<std::string>()] = line;
  ASSERT_TRUE(by_name.count("Régie de Quartier de Kervénanec")) << doc.dump();
  EXPECT_EQ(by_name["Régie de Quartier de Kervénanec"]["minutes"], 150 + 120);
  EXPECT_EQ(by_name["Régie de Quartier de Kervénanec"]["value_cents"], 14625);  // 4,5 h x 32,50 €
  ASSERT_TRUE(by_name.count("Commune de Lanester")) << doc.dump();
  EXPECT_EQ(by_name["Commune de Lanester"]["value_cents"], 4500);  // 2,5 h x 18 €
  EXPECT_FALSE(by_name.count("Scop Atelier Bois du Scorff"));      // Yannick declined and stayed away
  EXPECT_EQ(doc["hub_total"]["minutes"], 420);
  EXPECT_EQ(doc["hub_total"]["value_cents"], 19125);

  // The exports a funder receives: CSV as French offices read it, and XLSX.
  auto csv = Api("GET", "/time/export?format=csv&by=member&year=" + year);
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(Contains(csv.body, "Régie de Quartier de Kervénanec")) << csv.body;
  EXPECT_TRUE(Contains(csv.body, "146,25")) << csv.body;
  EXPECT_TRUE(Contains(csv.body, ";")) << csv.body;
  auto xlsx = Api("GET", "/time/export?format=xlsx&by=member&year=" + year);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip container
}

INSTANTIATE_TEST_SUITE_P(Backends, AnimationAcceptanceTest, ::testing::ValuesIn(TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::testing
