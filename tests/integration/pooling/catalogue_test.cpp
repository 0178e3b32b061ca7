// The catalogue of shared resources over real HTTP: publish, read, search and filters,
// pagination, optimistic edits, archive, qualifications, availability, validation, roles,
// hub isolation, and the HTML pages.
#include <gtest/gtest.h>

#include <algorithm>

#include "pooling_test_support.h"

namespace coopole::testing::pooling_test {
namespace {

using Strings = std::vector<std::string>;

class PoolingCatalogueTest : public PoolingWebTest {
 protected:
  Strings Names(const std::string& query) {
    auto res = app_.Api("GET", kApi + "/resources" + (query.empty() ? "" : "?" + query), coordinator_);
    EXPECT_EQ(res.status, 200) << res.body;
    Strings names;
    const auto doc = Json(res);
    for (const auto& item : doc["items"]) names.push_back(item["name"].get<std::string>());
    std::sort(names.begin(), names.end());
    return names;
  }
};

// ---- publish and read --------------------------------------------------------------------------

TEST_P(PoolingCatalogueTest, Publish_Answers201WithTheResourceItsPricesAndItsLocation) {
  auto res = app_.Api("POST", kApi + "/resources", coordinator_,
                      json{{"kind", "premises"},
                           {"category", "room"},
                           {"name", "Salle Belledonne"},
                           {"capacity", "12"},
                           {"opening_hours", "lun-ven 08:00-19:00"},
                           {"price_unit", "hour"},
                           {"price_member", "15"},
                           {"price_non_member", "25"},
                           {"price_solidarity", "8"}}
                          .dump());
  ASSERT_EQ(res.status, 201) << res.body;
  auto room = Json(res);
  EXPECT_EQ(res.Header("location"), kApi + "/resources/" + Id(room));
  EXPECT_EQ(room["name"], "Salle Belledonne");
  EXPECT_EQ(room["owner"], nullptr);
  EXPECT_EQ(room["capacity"], 12);
  EXPECT_EQ(room["opening_hours"], "mon-fri 08:00-19:00");
  EXPECT_EQ(room["pricing"]["unit"], "hour");
  EXPECT_EQ(room["pricing"]["member_cents"], 1500);
  EXPECT_EQ(room["pricing"]["non_member_cents"], 2500);
  EXPECT_EQ(room["pricing"]["solidarity_cents"], 800);
  EXPECT_EQ(room["bookable"], true);
  EXPECT_EQ(room["version"], 1);
  auto again = app_.Api("GET", res.Header("location"), observer_);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(Json(again)["name"], "Salle Belledonne");
}

TEST_P(PoolingCatalogueTest, Publish_AMemberOffersAResourceOfItsOwnOrganisationOnly) {
  auto van = app_.Api("POST", kApi + "/resources", cantine_user_,
                      json{{"kind", "equipment"}, {"category", "vehicle"}, {"name", "Camion"},
                           {"owner_member_id", cantine_.value}, {"price_unit", "day"}, {"price_member", "60"}}
                          .dump());
  ASSERT_EQ(van.status, 201) << van.body;
  EXPECT_EQ(Json(van)["owner"]["name"], "Cantine Mistral");
  auto other = app_.Api("POST", kApi + "/resources", cantine_user_,
                        json{{"kind", "equipment"}, {"name", "Vélo cargo"}, {"owner_member_id", atelier_.value}}.dump());
  EXPECT_EQ(other.status, 403) << other.body;
}

TEST_P(PoolingCatalogueTest, Publish_InvalidFieldsAnswer422NamingEachField) {
  auto res = app_.Api("POST", kApi + "/resources", coordinator_,
                      json{{"kind", "premises"}, {"category", "vehicle"}, {"name", ""}, {"opening_hours", "lundi tôt"},
                           {"price_unit", "hour"}, {"capacity", "beaucoup"}}
                          .dump());
  ASSERT_EQ(res.status, 422) << res.body;
  auto fields = Json(res)["error"]["fields"];
  EXPECT_TRUE(fields.contains("name")) << fields;
  EXPECT_TRUE(fields.contains("category")) << fields;
  EXPECT_TRUE(fields.contains("opening_hours")) << fields;
  EXPECT_TRUE(fields.contains("capacity")) << fields;
  EXPECT_TRUE(fields.contains("price_member")) << fields;
}

TEST_P(PoolingCatalogueTest, Publish_MalformedBodiesAnswer400Or415NotA500) {
  EXPECT_EQ(app_.Api("POST", kApi + "/resources", coordinator_, "{not json").status, 400);
  EXPECT_EQ(app_.Api("POST", kApi + "/resources", coordinator_, "[1,2]").status, 400);
  auto nested = app_.Api("POST", kApi + "/resources", coordinator_, R"({"name":{"a":1},"kind":"premises"})");
  EXPECT_EQ(nested.status, 400);
  EXPECT_TRUE(Json(nested)["error"]["fields"].contains("name"));
  HttpRequest form{"POST", kApi + "/resources", {{"Authorization", "Bearer " + coordinator_},
                                                 {"Content-Type", "text/plain"}}, "name=x"};
  EXPECT_EQ(Send(app_.port(), form).status, 415);
}

TEST_P(PoolingCatalogueTest, ObserversCannotPublishEditOrArchive) {
  auto room = Room();
  EXPECT_EQ(app_.Api("POST", kApi + "/resources", observer_, json{{"kind", "premises"}, {"name", "X"}}.dump()).status,
            403);
  EXPECT_EQ(app_.Api("PATCH", kApi + "/resources/" + Id(room), observer_, json{{"version", 1}, {"name", "Y"}}.dump())
                .status,
            403);
  EXPECT_EQ(app_.Api("POST", kApi + "/resources/" + Id(room) + "/archive", observer_).status, 403);
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/resources/" + Id(room), observer_))["name"], "Salle Belledonne");
}

// ---- search, filters, pagination ------------------------------------------------------------------

TEST_P(PoolingCatalogueTest, List_FiltersByKindCategoryOwnerAndTextIgnoringAccents) {
  Room();
  Van();
  CreateResource({{"kind", "skill"}, {"name", "Accompagnement comptable"}, {"owner_member_id", atelier_.value},
                  {"description", "Budget et trésorerie"}, {"price_unit", "hour"}, {"price_member", "45"}});
  EXPECT_EQ(Names("kind=premises"), (Strings{"Salle Belledonne"}));
  EXPECT_EQ(Names("category=vehicle"), (Strings{"Camion frigorifique"}));
  EXPECT_EQ(Names("owner=hub"), (Strings{"Salle Belledonne"}));
  EXPECT_EQ(Names("owner=" + std::to_string(atelier_.value)), (Strings{"Accompagnement comptable"}));
  EXPECT_EQ(Names("q=tresorerie"), (Strings{"Accompagnement comptable"}));
  EXPECT_EQ(Names("q=CAMION%20frigo"), (Strings{"Camion frigorifique"}));
  EXPECT_EQ(Names("q=mistral"), (Strings{"Camion frigorifique"})) << "the owner's name is searched";
}

TEST_P(PoolingCatalogueTest, List_PaginatesWithTotal) {
  for (int i = 0; i < 5; ++i) Room("Salle " + std::to_string(i));
  auto res = app_.Api("GET", kApi + "/resources?per_page=2&page=3", coordinator_);
  ASSERT_EQ(res.status, 200) << res.body;
  auto doc = Json(res);
  EXPECT_EQ(doc["total"], 5);
  EXPECT_EQ(doc["page"], 3);
  EXPECT_EQ(doc["per_page"], 2);
  EXPECT_EQ(doc["items"].size(), 1u);
}

TEST_P(PoolingCatalogueTest, List_MalformedParametersAnswer400NamingThem) {
  auto page = app_.Api("GET", kApi + "/resources?page=abc", coordinator_);
  EXPECT_EQ(page.status, 400);
  EXPECT_TRUE(Json(page)["error"]["fields"].contains("page"));
  auto kind = app_.Api("GET", kApi + "/resources?kind=castle", coordinator_);
  EXPECT_EQ(kind.status, 400);
  EXPECT_TRUE(Json(kind)["error"]["fields"].contains("kind"));
  EXPECT_EQ(app_.Api("GET", kApi + "/resources?owner=someone", coordinator_).status, 400);
  EXPECT_EQ(app_.Api("GET", kApi + "/resources?include_archived=peut-etre", coordinator_).status, 400);
}

// ---- edit, archive ---------------------------------------------------------------------------------

TEST_P(PoolingCatalogueTest, Update_ChangesTheGivenFieldsAndBumpsTheVersion) {
  auto room = Room();
  auto res = app_.Api("PATCH", kApi + "/resources/" + Id(room), coordinator_,
                      json{{"version", 1}, {"capacity", 14}, {"price_member", "16,50"}}.dump());
  ASSERT_EQ(res.status, 200) << res.body;
  auto updated = Json(res);
  EXPECT_EQ(updated["capacity"], 14);
  EXPECT_EQ(updated["pricing"]["member_cents"], 1650);
  EXPECT_EQ(updated["name"], "Salle Belledonne");
  EXPECT_EQ(updated["version"], 2);
}

TEST_P(PoolingCatalogueTest, Update_WithAStaleVersionAnswers409AndKeepsTheOtherChange) {
  auto room = Room();
  ASSERT_EQ(app_.Api("PATCH", kApi + "/resources/" + Id(room), coordinator_, json{{"version", 1}, {"capacity", 10}}.dump())
                .status,
            200);
  auto stale = app_.Api("PATCH", kApi + "/resources/" + Id(room), coordinator_,
                        json{{"version", 1}, {"capacity", 20}}.dump());
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_TRUE(Json(stale)["error"]["fields"].contains("version"));
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/resources/" + Id(room), coordinator_))["capacity"], 10);
  auto missing = app_.Api("PATCH", kApi + "/resources/" + Id(room), coordinator_, json{{"capacity", 20}}.dump());
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(Json(missing)["error"]["fields"].contains("version"));
}

TEST_P(PoolingCatalogueTest, ArchiveAndRestore_HideTheResourceFromTheCatalogueAndBookings) {
  auto room = Room();
  auto archived = app_.Api("POST", kApi + "/resources/" + Id(room) + "/archive", coordinator_);
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(Json(archived)["archived"], true);
  EXPECT_EQ(Names(""), Strings{});
  EXPECT_EQ(Names("include_archived=1"), (Strings{"Salle Belledonne"}));
  const Date day = Upcoming(2);
  auto refused = Book(coordinator_, room, At(day, "09:00"), At(day, "10:00"), {{"member_id", atelier_.value}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  auto restored = app_.Api("POST", kApi + "/resources/" + Id(room) + "/restore", coordinator_);
  ASSERT_EQ(restored.status, 200);
  EXPECT_EQ(Names(""), (Strings{"Salle Belledonne"}));
}

// ---- qualifications ------------------------------------------------------------------------------

TEST_P(PoolingCatalogueTest, Qualifications_GrantedByTheOwnerLetAMemberBookAResourceWithAPrerequisite) {
  auto workshop = CreateResource({{"kind", "premises"}, {"category", "workshop"}, {"name", "Atelier bois"},
                                  {"owner_member_id", cantine_.value}, {"prerequisite", "Formation sécurité"},
                                  {"price_unit", "free"}});
  const std::string base = kApi + "/resources/" + Id(workshop) + "/qualifications";
  const Date day = Upcoming(3);
  auto before = Book(atelier_user_, workshop, At(day, "09:00"), At(day, "11:00"));
  ASSERT_EQ(before.status, 422) << before.body;
  EXPECT_TRUE(Json(before)["error"]["fields"].contains("resource_id"));
  // Neither another member nor an observer may grant it.
  EXPECT_EQ(app_.Api("POST", base, atelier_user_, json{{"member_id", atelier_.value}}.dump()).status, 403);
  EXPECT_EQ(app_.Api("POST", base, observer_, json{{"member_id", atelier_.value}}.dump()).status, 403);
  auto granted = app_.Api("POST", base, cantine_user_, json{{"member_id", atelier_.value}}.dump());
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_EQ(Json(granted)["items"][0]["name"], "Atelier Vélo Solidaire");
  EXPECT_EQ(Book(atelier_user_, workshop, At(day, "09:00"), At(day, "11:00")).status, 201);
  auto revoked = app_.Api("DELETE", base + "/" + std::to_string(atelier_.value), coordinator_);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_TRUE(Json(revoked)["items"].empty());
  EXPECT_EQ(Book(atelier_user_, workshop, At(day, "14:00"), At(day, "15:00")).status, 422);
  auto bad = app_.Api("POST", base, coordinator_, json{{"member_id", "abc"}}.dump());
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Json(bad)["error"]["fields"].contains("member_id"));
}

// ---- availability ----------------------------------------------------------------------------------

TEST_P(PoolingCatalogueTest, Availability_FindsTheRoomsFreeForASlotAndCapacity) {
  auto room = Room();
  auto small = Room("Petite salle");
  ASSERT_EQ(app_.Api("PATCH", kApi + "/resources/" + Id(small), coordinator_,
                     json{{"version", 1}, {"capacity", 4}}.dump())
                .status,
            200);
  Van();
  const Date tuesday = Upcoming(2);
  const std::string slot = "start=" + At(tuesday, "09:00") + "&end=" + At(tuesday, "12:00");
  auto names = [this](const std::string& query) {
    auto res = app_.Api("GET", kApi + "/availability?" + query, atelier_user_);
    EXPECT_EQ(res.status, 200) << res.body;
    Strings out;
    const auto doc = Json(res);
    for (const auto& item : doc["items"]) out.push_back(item["name"]);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(names("kind=premises&capacity=10&" + slot), (Strings{"Salle Belledonne"}));
  EXPECT_EQ(names("kind=premises&" + slot), (Strings{"Petite salle", "Salle Belledonne"}));
  EXPECT_EQ(names("category=vehicle&" + slot), (Strings{"Camion frigorifique"}));
  ASSERT_EQ(Book(atelier_user_, room, At(tuesday, "10:00"), At(tuesday, "11:00")).status, 201);
  EXPECT_EQ(names("kind=premises&capacity=10&" + slot), Strings{}) << "booked: no longer free";
  // Outside the opening hours (Sunday) the rooms are not offered; the van is.
  const Date sunday = Upcoming(7);
  EXPECT_EQ(names("start=" + At(sunday, "10:00") + "&end=" + At(sunday, "12:00")), (Strings{"Camion frigorifique"}));
  auto doc = Json(app_.Api("GET", kApi + "/availability?" + slot, atelier_user_));
  EXPECT_EQ(doc["slot"]["starts_at"], UtcOf(tuesday, 9));
  EXPECT_EQ(doc["slot"]["start"], At(tuesday, "09:00"));
}

TEST_P(PoolingCatalogueTest, Availability_RejectsABadSlotWith422NamingTheField) {
  const Date day = Upcoming(2);
  auto reversed = app_.Api("GET", kApi + "/availability?start=" + At(day, "12:00") + "&end=" + At(day, "09:00"),
                           coordinator_);
  EXPECT_EQ(reversed.status, 422) << reversed.body;
  EXPECT_TRUE(Json(reversed)["error"]["fields"].contains("ends_at"));
  auto missing = app_.Api("GET", kApi + "/availability?start=" + At(day, "12:00"), coordinator_);
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(Json(missing)["error"]["fields"].contains("end"));
  auto garbled = app_.Api("GET", kApi + "/availability?start=mardi&end=" + At(day, "09:00") + "&capacity=-3",
                          coordinator_);
  EXPECT_EQ(garbled.status, 422);
  EXPECT_TRUE(Json(garbled)["error"]["fields"].contains("start"));
  EXPECT_TRUE(Json(garbled)["error"]["fields"].contains("capacity"));
}

// ---- isolation --------------------------------------------------------------------------------------

TEST_P(PoolingCatalogueTest, AnotherHubsResourceIsNotFound) {
  auto room = Room();
  const std::string other = "/api/v1/hubs/pole-b/pooling/resources/" + Id(room);
  EXPECT_EQ(app_.Api("GET", other, other_coordinator_).status, 404);
  EXPECT_EQ(app_.Api("PATCH", other, other_coordinator_, json{{"version", 1}, {"name", "Volée"}}.dump()).status, 404);
  EXPECT_EQ(app_.Api("POST", other + "/archive", other_coordinator_).status, 404);
  EXPECT_EQ(app_.Api("GET", other + "/feed", other_coordinator_).status, 404);
  EXPECT_EQ(app_.Api("GET", kApi + "/resources/" + Id(room), other_coordinator_).status, 404) << "not a member of pole-a";
  Browser browser = SignedIn("coord@b.fr");
  EXPECT_EQ(browser.Get("/hubs/pole-b/pooling/resources/" + Id(room)).status, 404);
  EXPECT_EQ(browser.Get("/hubs/pole-b/pooling/resources/" + Id(room) + "/book").status, 404);
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/resources/" + Id(room), coordinator_))["name"], "Salle Belledonne");
}

// ---- pages --------------------------------------------------------------------------------------------

TEST_P(PoolingCatalogueTest, Pages_PublishFromTheFormThenSeeTheResourceInTheCatalogue) {
  Browser browser = SignedIn("coord@a.fr");
  auto form = browser.Get(kPages + "/resources/new");
  ASSERT_EQ(form.status, 200) << form.body.substr(0, 300);
  EXPECT_TRUE(Contains(form.body, "name=\"opening_hours\""));
  auto created = browser.PostForm(kPages + "/resources", {{"kind", "premises"},
                                                          {"category", "room"},
                                                          {"name", "Salle Chartreuse"},
                                                          {"owner_member_id", ""},
                                                          {"capacity", "8"},
                                                          {"opening_hours", "lun-ven 09:00-18:00"},
                                                          {"price_unit", "hour"},
                                                          {"price_member", "12,50"},
                                                          {"price_non_member", ""},
                                                          {"price_solidarity", ""}});
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 500);
  const std::string location = created.Header("location");
  auto detail = browser.Get(location);
  ASSERT_EQ(detail.status, 200);
  EXPECT_TRUE(Contains(detail.body, "Salle Chartreuse"));
  EXPECT_TRUE(Contains(detail.body, "12,50"));
  EXPECT_TRUE(Contains(detail.body, "09:00–18:00"));
  EXPECT_TRUE(Contains(detail.body, "Ressource publiée"));
  auto overview = browser.Get(kPages + "?q=chartreuse");
  ASSERT_EQ(overview.status, 200);
  EXPECT_TRUE(Contains(overview.body, "Salle Chartreuse"));
  EXPECT_TRUE(Contains(overview.body, "Publier une ressource"));
}

TEST_P(PoolingCatalogueTest, Pages_AFormErrorKeepsTheInputAndShowsTheReasonNextToTheField) {
  Browser browser = SignedIn("coord@a.fr");
  auto res = browser.PostForm(kPages + "/resources", {{"kind", "premises"}, {"name", "Salle <b>X</b>"},
                                                      {"opening_hours", "tous les jours"}, {"price_unit", "hour"},
                                                      {"price_member", "abc"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(Contains(res.body, "id=\"f-opening_hours-error\"")) << res.body.substr(0, 2000);
  EXPECT_TRUE(Contains(res.body, "id=\"f-price_member-error\""));
  EXPECT_TRUE(Contains(res.body, "value=\"tous les jours\""));
  EXPECT_TRUE(Contains(res.body, "Salle &lt;b&gt;X&lt;/b&gt;"));
  EXPECT_FALSE(Contains(res.body, "<b>X</b>"));
}

TEST_P(PoolingCatalogueTest, Pages_EditWithAStaleVersionShowsTheFormAgainWith409) {
  auto room = Room();
  Browser browser = SignedIn("coord@a.fr");
  auto edit = browser.Get(kPages + "/resources/" + Id(room) + "/edit");
  ASSERT_EQ(edit.status, 200);
  EXPECT_TRUE(Contains(edit.body, "name=\"version\" value=\"1\""));
  ASSERT_EQ(app_.Api("PATCH", kApi + "/resources/" + Id(room), coordinator_, json{{"version", 1}, {"capacity", 10}}.dump())
                .status,
            200);
  auto stale = browser.PostForm(kPages + "/resources/" + Id(room),
                                {{"version", "1"}, {"kind", "premises"}, {"name", "Salle Belledonne"},
                                 {"price_unit", "hour"}, {"price_member", "15"}, {"capacity", "20"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_TRUE(Contains(stale.body, "name=\"version\" value=\"2\""));
  auto saved = browser.PostForm(kPages + "/resources/" + Id(room),
                                {{"version", "2"}, {"kind", "premises"}, {"name", "Salle Belledonne"},
                                 {"price_unit", "hour"}, {"price_member", "15"}, {"capacity", "20"}});
  EXPECT_EQ(saved.status, 303) << saved.body.substr(0, 500);
}

TEST_P(PoolingCatalogueTest, Pages_ObserversSeeTheCatalogueWithoutWriteButtonsAndAreRefused) {
  auto room = Room();
  app_.UserToken("obs2@a.fr", identity::Role::kObserver, kHub);
  Browser browser = SignedIn("obs2@a.fr");
  auto overview = browser.Get(kPages);
  ASSERT_EQ(overview.status, 200);
  EXPECT_TRUE(Contains(overview.body, "Salle Belledonne"));
  EXPECT_FALSE(Contains(overview.body, kPages + "/resources/new"));
  EXPECT_EQ(browser.Get(kPages + "/resources/new").status, 403);
  auto detail = browser.Get(kPages + "/resources/" + Id(room));
  EXPECT_FALSE(Contains(detail.body, "/edit\""));
  EXPECT_EQ(browser.Get(kPages + "/resources/" + Id(room) + "/edit").status, 403);
  EXPECT_EQ(browser.PostForm(kPages + "/resources/" + Id(room) + "/archive", {}).status, 403);
}

TEST_P(PoolingCatalogueTest, Pages_AvailabilitySearchOffersABookButtonPrefilledWithTheSlot) {
  auto room = Room();
  Browser browser = SignedIn("atelier@a.fr");
  const Date tuesday = Upcoming(2);
  auto res = browser.Get(kPages + "/availability?kind=premises&capacity=10&date=" + FormatIsoDate(tuesday) +
                         "&from=09:00&to=12:00");
  ASSERT_EQ(res.status, 200) << res.body.substr(0, 300);
  EXPECT_TRUE(Contains(res.body, "Salle Belledonne"));
  const std::string book = kPages + "/resources/" + Id(room) + "/book?date=" + FormatIsoDate(tuesday) +
                           "&amp;start=09:00&amp;end=12:00&amp;attendees=10";
  EXPECT_TRUE(Contains(res.body, book)) << res.body;
  auto form = browser.Get(kPages + "/resources/" + Id(room) + "/book?date=" + FormatIsoDate(tuesday) +
                          "&start=09:00&end=12:00&attendees=10");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Contains(form.body, "value=\"" + FormatIsoDate(tuesday) + "\""));
  EXPECT_TRUE(Contains(form.body, "value=\"09:00\""));
  auto bad = browser.Get(kPages + "/availability?date=" + FormatIsoDate(tuesday) + "&from=12:00&to=09:00");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Contains(bad.body, "id=\"f-to-error\""));
}

INSTANTIATE_TEST_SUITE_P(Databases, PoolingCatalogueTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing::pooling_test
