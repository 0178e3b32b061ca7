// The member directory JSON API over real HTTP: create, read, search and filters,
// pagination, optimistic edits, archive, people, validation, body errors and roles.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "member_test_support.h"

namespace coopole::testing::members_test {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

Strings Sorted(Strings items) {
  std::sort(items.begin(), items.end());
  return items;
}

class MembersApiTest : public MembersTest {
 protected:
  // Four members across communes, EPCIs, legal forms and sectors, for the filters.
  void AddDirectory() {
    CreateMember({{"name", "Économie Solidaire"},
                  {"legal_form", "association"},
                  {"commune_insee", "38185"},
                  {"sectors", json::array({"88.99B"})},
                  {"priority_area", true}});
    CreateMember({{"name", "Atelier Vélo"}, {"legal_form", "scic"}, {"commune_insee", "69123"}, {"sectors", "56.10A"}});
    CreateMember({{"name", "Coop Bois"}, {"legal_form", "scop"}, {"commune_insee", "38053"}, {"sectors", "94.99Z"}});
    CreateMember({{"name", "Ressourcerie"}, {"legal_form", "sarl"}, {"commune_insee", "38185"}});
  }
};

// ---- create and read --------------------------------------------------------------------

TEST_P(MembersApiTest, CreateMember_Answers201WithTheLocationOfTheNewMember) {
  auto res = app_.Api("POST", kMembersApi, coordinator_,
                      R"({"name":"Atelier Vélo","legal_form":"scic","siret":")" + Siret("7328293200007") + R"("})");
  ASSERT_EQ(res.status, 201) << res.body;
  auto member = Json(res);
  EXPECT_EQ(res.Header("location"), kMembersApi + "/" + std::to_string(member["id"].get<long long>()));
  EXPECT_EQ(member["name"], "Atelier Vélo");
  EXPECT_EQ(member["version"], 1);
  EXPECT_EQ(app_.Api("GET", res.Header("location"), coordinator_).status, 200);
}

TEST_P(MembersApiTest, GetMember_ReturnsTheStoredFieldsWithCommuneAndEpciResolved) {
  auto created = CreateMember({{"name", "Régie de quartier"},
                               {"legal_form", "association"},
                               {"commune_insee", "38185"},
                               {"sectors", "88.99B, 94.99Z"},
                               {"fte", "2,5"},
                               {"join_date", "15/03/2024"},
                               {"is_ess", "oui"}});
  auto res = app_.Api("GET", MemberApi(created), observer_);
  ASSERT_EQ(res.status, 200) << res.body;
  auto member = Json(res);
  EXPECT_EQ(member["commune"]["insee"], "38185");
  EXPECT_EQ(member["commune"]["name"], "Grenoble");
  EXPECT_EQ(member["epci"]["siren"], "200040715");
  EXPECT_EQ(member["sectors"], json::array({"88.99B", "94.99Z"}));
  EXPECT_EQ(member["fte"], 2.5);
  EXPECT_EQ(member["join_date"], "2024-03-15");
  EXPECT_EQ(member["is_ess"], true);
  EXPECT_EQ(member["archived"], false);
}

// ---- search, filters, pagination ----------------------------------------------------------

TEST_P(MembersApiTest, ListMembers_SearchWithoutAccentsFindsAccentedNames) {
  AddDirectory();
  EXPECT_EQ(Names(List("q=economie")), (Strings{"Économie Solidaire"}));
  EXPECT_EQ(Names(List("q=ECONOMIE%20solidaire")), (Strings{"Économie Solidaire"}));
  EXPECT_EQ(Names(List("q=velo")), (Strings{"Atelier Vélo"}));
}

TEST_P(MembersApiTest, ListMembers_SearchMatchesTheCommuneName) {
  AddDirectory();
  EXPECT_EQ(Sorted(Names(List("q=grenoble"))), Sorted({"Économie Solidaire", "Ressourcerie"}));
}

TEST_P(MembersApiTest, ListMembers_SearchSeesEditsAtOnce) {
  auto member = CreateMember({{"name", "Ancien Nom"}});
  EXPECT_EQ(Names(List("q=ancien")), (Strings{"Ancien Nom"}));  // the directory is now indexed
  ASSERT_EQ(app_.Api("PATCH", MemberApi(member), coordinator_, R"({"name":"Nouveau Nom","version":1})").status, 200);
  EXPECT_TRUE(Names(List("q=ancien")).empty());
  EXPECT_EQ(Names(List("q=nouveau")), (Strings{"Nouveau Nom"}));
}

TEST_P(MembersApiTest, ListMembers_RepeatedLegalFormMatchesAnyOfThem) {
  AddDirectory();
  EXPECT_EQ(Sorted(Names(List("legal_form=scic&legal_form=scop"))), Sorted({"Atelier Vélo", "Coop Bois"}));
}

TEST_P(MembersApiTest, ListMembers_FiltersByPriorityArea) {
  AddDirectory();
  EXPECT_EQ(Names(List("priority_area=true")), (Strings{"Économie Solidaire"}));
  EXPECT_EQ(Json(List("priority_area=false"))["total"], 3);
}

TEST_P(MembersApiTest, ListMembers_FiltersBySector) {
  AddDirectory();
  EXPECT_EQ(Names(List("sector=56.10A")), (Strings{"Atelier Vélo"}));
  EXPECT_EQ(Sorted(Names(List("sector=56.10A&sector=94.99Z"))), Sorted({"Atelier Vélo", "Coop Bois"}));
}

TEST_P(MembersApiTest, ListMembers_FiltersByEpci) {
  AddDirectory();
  EXPECT_EQ(Sorted(Names(List("epci=200040715"))), Sorted({"Économie Solidaire", "Ressourcerie"}));
}

TEST_P(MembersApiTest, ListMembers_CombinesDifferentFiltersWithAnd) {
  AddDirectory();
  EXPECT_EQ(Names(List("epci=200040715&legal_form=sarl")), (Strings{"Ressourcerie"}));
  EXPECT_EQ(Names(List("q=atelier&legal_form=scop")), Strings{});
}

TEST_P(MembersApiTest, ListMembers_PagesCarryTheTotalOfAllMatchingRows) {
  for (char c = 'A'; c <= 'E'; ++c) CreateMember({{"name", std::string("Structure ") + c}});
  auto second = Json(List("per_page=2&page=2"));
  EXPECT_EQ(second["total"], 5);
  EXPECT_EQ(second["page"], 2);
  EXPECT_EQ(second["per_page"], 2);
  EXPECT_EQ(Names(List("per_page=2&page=2")), (Strings{"Structure C", "Structure D"}));
  EXPECT_EQ(Names(List("per_page=2&page=3")), (Strings{"Structure E"}));
  auto beyond = Json(List("per_page=2&page=9"));
  EXPECT_EQ(beyond["total"], 5);
  EXPECT_TRUE(beyond["items"].empty());
}

TEST_P(MembersApiTest, ListMembers_ClampsPerPageTo200) {
  CreateMember({{"name", "Seule"}});
  auto page = Json(List("per_page=100000"));
  EXPECT_EQ(page["per_page"], 200);
  EXPECT_EQ(page["total"], 1);
}

TEST_P(MembersApiTest, ListMembers_MalformedParametersAre400) {
  EXPECT_EQ(List("per_page=abc").status, 400);
  EXPECT_EQ(List("page=0").status, 400);
  EXPECT_EQ(List("priority_area=peut-etre").status, 400);
  EXPECT_EQ(List("sort=random").status, 400);
}

TEST_P(MembersApiTest, ListMembers_SeesWritesMadeThroughAnotherServerOnTheSameDatabase) {
  auto member = CreateMember({{"name", "Ancien Nom"}});
  // A second application server on the same database, as behind a load balancer.
  app::Application other(app_.app().config(), app::ApplicationOptions{.fast_password_hashing = true});
  http::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.worker_threads = 2;
  options.io_threads = 1;
  http::Server server(options, other.router());
  const int other_port = server.Listen();
  std::thread thread([&server] { server.Run(); });
  auto api = [&](int port, const std::string& method, const std::string& target, const std::string& body = "") {
    HttpRequest req{method, target, {{"Authorization", "Bearer " + coordinator_}}, body};
    if (!body.empty()) req.headers.emplace_back("Content-Type", "application/json");
    return Send(port, req);
  };
  // Both servers have read (and indexed) the directory.
  EXPECT_EQ(Names(api(app_.port(), "GET", kMembersApi + "?q=ancien")), (Strings{"Ancien Nom"}));
  EXPECT_EQ(Names(api(other_port, "GET", kMembersApi + "?q=ancien")), (Strings{"Ancien Nom"}));
  EXPECT_EQ(api(other_port, "PATCH", MemberApi(member), R"({"name":"Nouveau Nom","version":1})").status, 200);
  EXPECT_EQ(Names(api(app_.port(), "GET", kMembersApi + "?q=nouveau")), (Strings{"Nouveau Nom"}));
  EXPECT_TRUE(Names(api(app_.port(), "GET", kMembersApi + "?q=ancien")).empty());
  EXPECT_EQ(api(app_.port(), "POST", MemberApi(member) + "/archive").status, 200);
  EXPECT_TRUE(Names(api(other_port, "GET", kMembersApi)).empty());
  EXPECT_EQ(api(other_port, "POST", kMembersApi, R"({"name":"Autre","legal_form":"scic"})").status, 201);
  EXPECT_EQ(Names(api(app_.port(), "GET", kMembersApi)), (Strings{"Autre"}));
  server.Stop();
  thread.join();
}

// ---- optimistic edits ----------------------------------------------------------------------

TEST_P(MembersApiTest, UpdateMember_WithTheCurrentVersionIs200AndBumpsIt) {
  auto member = CreateMember({{"name", "Avant"}, {"college", "Fondateurs"}});
  auto res = app_.Api("PATCH", MemberApi(member), coordinator_, R"({"name":"Après","version":1})");
  ASSERT_EQ(res.status, 200) << res.body;
  auto updated = Json(res);
  EXPECT_EQ(updated["name"], "Après");
  EXPECT_EQ(updated["college"], "Fondateurs");  // absent fields keep their value
  EXPECT_EQ(updated["version"], 2);
}

TEST_P(MembersApiTest, UpdateMember_WithAStaleVersionIs409AndChangesNothing) {
  auto member = CreateMember({{"name", "Avant"}});
  ASSERT_EQ(app_.Api("PATCH", MemberApi(member), coordinator_, R"({"name":"Première","version":1})").status, 200);
  auto stale = app_.Api("PATCH", MemberApi(member), coordinator_, R"({"name":"Seconde","college":"X","version":1})");
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_TRUE(Json(stale)["error"]["fields"].contains("version"));
  auto current = Json(app_.Api("GET", MemberApi(member), coordinator_));
  EXPECT_EQ(current["name"], "Première");
  EXPECT_EQ(current["college"], "");
  EXPECT_EQ(current["version"], 2);
  EXPECT_TRUE(Names(List("q=seconde")).empty());
  EXPECT_EQ(Names(List("q=premiere")), (Strings{"Première"}));
}

TEST_P(MembersApiTest, UpdateMember_WithoutAVersionIs422NamingVersion) {
  auto member = CreateMember({{"name", "Avant"}});
  auto res = app_.Api("PATCH", MemberApi(member), coordinator_, R"({"name":"Après"})");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(Json(res)["error"]["fields"].contains("version"));
}

// ---- archive and restore -------------------------------------------------------------------

TEST_P(MembersApiTest, ArchivedMembersAreHiddenFromTheDefaultList) {
  auto kept = CreateMember({{"name", "Active"}});
  auto gone = CreateMember({{"name", "Archivée"}});
  auto res = app_.Api("POST", MemberApi(gone) + "/archive", coordinator_);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(Json(res)["archived"], true);
  EXPECT_EQ(Names(List()), (Strings{"Active"}));
  EXPECT_EQ(Names(List("include_archived=true")), (Strings{"Active", "Archivée"}));
  EXPECT_EQ(Json(app_.Api("GET", MemberApi(gone), coordinator_))["archived"], true);
}

TEST_P(MembersApiTest, RestoredMembersReturnToTheDefaultList) {
  auto member = CreateMember({{"name", "De retour"}});
  ASSERT_EQ(app_.Api("POST", MemberApi(member) + "/archive", coordinator_).status, 200);
  auto res = app_.Api("POST", MemberApi(member) + "/restore", coordinator_);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(Json(res)["archived"], false);
  EXPECT_EQ(Names(List()), (Strings{"De retour"}));
}

// ---- people --------------------------------------------------------------------------------

TEST_P(MembersApiTest, AddPerson_Answers201WithLocationAndListsThePerson) {
  auto member = CreateMember({{"name", "Atelier"}});
  auto res = app_.Api(
      "POST", MemberApi(member) + "/people", coordinator_,
      R"({"name":"Camille Martin","role":"Directrice","email":"camille@atelier.fr","phone":"04 76 00 00 00"})");
  ASSERT_EQ(res.status, 201) << res.body;
  auto person = Json(res);
  EXPECT_EQ(res.Header("location"), "/api/v1/hubs/pole-a/people/" + std::to_string(person["id"].get<long long>()));
  EXPECT_EQ(person["member_id"], member["id"]);
  auto got = app_.Api("GET", res.Header("location"), observer_);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Json(got)["role"], "Directrice");
  EXPECT_EQ(Names(app_.Api("GET", MemberApi(member) + "/people", observer_)), (Strings{"Camille Martin"}));
}

TEST_P(MembersApiTest, UpdatePerson_NeedsTheCurrentVersion) {
  auto member = CreateMember({{"name", "Atelier"}});
  auto person = Json(app_.Api("POST", MemberApi(member) + "/people", coordinator_, R"({"name":"Camille"})"));
  const std::string href = "/api/v1/hubs/pole-a/people/" + std::to_string(person["id"].get<long long>());
  auto ok = app_.Api("PATCH", href, coordinator_, R"({"role":"Trésorière","version":1})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json(ok)["version"], 2);
  EXPECT_EQ(app_.Api("PATCH", href, coordinator_, R"({"role":"Présidente","version":1})").status, 409);
  EXPECT_EQ(Json(app_.Api("GET", href, coordinator_))["role"], "Trésorière");
}

TEST_P(MembersApiTest, ArchivePerson_MarksThePersonArchived) {
  auto member = CreateMember({{"name", "Atelier"}});
  auto person = Json(app_.Api("POST", MemberApi(member) + "/people", coordinator_, R"({"name":"Camille"})"));
  const std::string href = "/api/v1/hubs/pole-a/people/" + std::to_string(person["id"].get<long long>());
  auto res = app_.Api("POST", href + "/archive", coordinator_);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(Json(res)["archived"], true);
  EXPECT_EQ(Json(app_.Api("GET", href, coordinator_))["archived"], true);
}

TEST_P(MembersApiTest, AddPerson_InvalidEmailIs422NamingEmail) {
  auto member = CreateMember({{"name", "Atelier"}});
  auto res = app_.Api("POST", MemberApi(member) + "/people", coordinator_, R"({"name":"Camille","email":"nope"})");
  ASSERT_EQ(res.status, 422);
  EXPECT_TRUE(Json(res)["error"]["fields"].contains("email"));
}

// ---- validation ----------------------------------------------------------------------------

TEST_P(MembersApiTest, CreateMember_EachInvalidFieldIs422NamingThatField) {
  const std::vector<std::pair<std::string, json>> cases = {
      {"siret", WithBadCheckDigit(Siret("7328293200007"))},
      {"legal_form", "societe-imaginaire"},
      {"sectors", "99.99Z"},
      {"commune_insee", "99999"},
      {"fte", "abc"},
      {"join_date", "31/02/2024"},
      {"website", "javascript:alert(1)"},
      {"email", "nope"},
  };
  for (const auto& [field, value] : cases) {
    SCOPED_TRACE(field);
    json body = {{"name", "Atelier"}, {"legal_form", "association"}};
    body[field] = value;
    auto res = app_.Api("POST", kMembersApi, coordinator_, body.dump());
    ASSERT_EQ(res.status, 422) << res.body;
    auto fields = Json(res)["error"]["fields"];
    EXPECT_TRUE(fields.contains(field)) << res.body;
    EXPECT_EQ(fields.size(), 1u) << res.body;
  }
  EXPECT_EQ(Json(List())["total"], 0);
}

TEST_P(MembersApiTest, CreateMember_MissingNameAndLegalFormAre422NamingBoth) {
  auto res = app_.Api("POST", kMembersApi, coordinator_, R"({"college":"Fondateurs"})");
  ASSERT_EQ(res.status, 422);
  auto fields = Json(res)["error"]["fields"];
  EXPECT_TRUE(fields.contains("name"));
  EXPECT_TRUE(fields.contains("legal_form"));
}

TEST_P(MembersApiTest, UpdateMember_InvalidFieldIs422AndChangesNothing) {
  auto member = CreateMember({{"name", "Atelier"}});
  auto res = app_.Api("PATCH", MemberApi(member), coordinator_, R"({"name":"Nouveau","fte":"abc","version":1})");
  ASSERT_EQ(res.status, 422);
  EXPECT_TRUE(Json(res)["error"]["fields"].contains("fte"));
  auto current = Json(app_.Api("GET", MemberApi(member), coordinator_));
  EXPECT_EQ(current["name"], "Atelier");
  EXPECT_EQ(current["version"], 1);
}

TEST_P(MembersApiTest, MalformedJsonIs400) {
  EXPECT_EQ(app_.Api("POST", kMembersApi, coordinator_, R"({"name":)").status, 400);
  EXPECT_EQ(app_.Api("POST", kMembersApi, coordinator_, R"(["name"])").status, 400);
  EXPECT_EQ(app_.Api("POST", kMembersApi, coordinator_, "\"just a string\"").status, 400);
}

TEST_P(MembersApiTest, WrongJsonTypesAre400) {
  EXPECT_EQ(app_.Api("POST", kMembersApi, coordinator_, R"({"name":["Atelier"],"legal_form":"scic"})").status, 400);
  EXPECT_EQ(app_.Api("POST", kMembersApi, coordinator_, R"({"name":{"fr":"Atelier"},"legal_form":"scic"})").status,
            400);
  EXPECT_EQ(
      app_.Api("POST", kMembersApi, coordinator_, R"({"name":"Atelier","legal_form":"scic","sectors":[88]})").status,
      400);
  auto member = CreateMember({{"name", "Atelier"}});
  EXPECT_EQ(app_.Api("PATCH", MemberApi(member), coordinator_, R"({"name":"X","version":[1]})").status, 400);
  EXPECT_EQ(Json(List())["total"], 1);
}

TEST_P(MembersApiTest, NonJsonContentTypeIs415) {
  HttpRequest req{"POST",
                  kMembersApi,
                  {{"Authorization", "Bearer " + coordinator_}, {"Content-Type", "application/x-www-form-urlencoded"}},
                  "name=Atelier&legal_form=scic"};
  EXPECT_EQ(Send(app_.port(), req).status, 415);
  auto member = CreateMember({{"name", "Atelier"}});
  HttpRequest patch{"PATCH",
                    MemberApi(member),
                    {{"Authorization", "Bearer " + coordinator_}, {"Content-Type", "text/plain"}},
                    R"({"name":"X","version":1})"};
  EXPECT_EQ(Send(app_.port(), patch).status, 415);
}

// ---- not found -----------------------------------------------------------------------------

TEST_P(MembersApiTest, UnknownOrMalformedIdsAre404) {
  auto member = CreateMember({{"name", "Atelier"}});
  for (const std::string id : {"999999", "abc", "0", "-1", "1.5", "99999999999999999999999"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(app_.Api("GET", kMembersApi + "/" + id, coordinator_).status, 404);
    EXPECT_EQ(app_.Api("PATCH", kMembersApi + "/" + id, coordinator_, R"({"name":"X","version":1})").status, 404);
    EXPECT_EQ(app_.Api("POST", kMembersApi + "/" + id + "/archive", coordinator_).status, 404);
    EXPECT_EQ(app_.Api("GET", kMembersApi + "/" + id + "/people", coordinator_).status, 404);
    EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-a/people/" + id, coordinator_).status, 404);
    EXPECT_EQ(app_.Api("PATCH", "/api/v1/hubs/pole-a/people/" + id, coordinator_, R"({"name":"X","version":1})").status,
              404);
  }
}

TEST_P(MembersApiTest, MembersOfAnotherHubAre404) {
  app_.CreateHub("pole-b", "Pôle B");
  auto other_token = app_.UserToken("coord@b.fr", identity::Role::kCoordinator, "pole-b");
  auto other = Json(app_.Api("POST", "/api/v1/hubs/pole-b/members", other_token,
                             R"({"name":"Ailleurs","legal_form":"association"})"));
  const std::string id = std::to_string(other["id"].get<long long>());
  EXPECT_EQ(app_.Api("GET", kMembersApi + "/" + id, coordinator_).status, 404);
  EXPECT_EQ(app_.Api("PATCH", kMembersApi + "/" + id, coordinator_, R"({"name":"Pris","version":1})").status, 404);
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-b/members/" + id, coordinator_).status, 404);
  EXPECT_EQ(Json(app_.Api("GET", "/api/v1/hubs/pole-b/members/" + id, other_token))["name"], "Ailleurs");
}

// ---- roles ---------------------------------------------------------------------------------

TEST_P(MembersApiTest, ObserversCannotCreateMembers) {
  auto res = app_.Api("POST", kMembersApi, observer_, R"({"name":"Atelier","legal_form":"scic"})");
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(Json(List())["total"], 0);
}

TEST_P(MembersApiTest, ObserversCannotEditArchiveOrAddPeople) {
  auto member = CreateMember({{"name", "Atelier"}});
  EXPECT_EQ(app_.Api("PATCH", MemberApi(member), observer_, R"({"name":"Pris","version":1})").status, 403);
  EXPECT_EQ(app_.Api("POST", MemberApi(member) + "/archive", observer_).status, 403);
  EXPECT_EQ(app_.Api("POST", MemberApi(member) + "/people", observer_, R"({"name":"Intrus"})").status, 403);
  EXPECT_EQ(Json(app_.Api("GET", MemberApi(member), observer_))["name"], "Atelier");
}

TEST_P(MembersApiTest, MemberUsersCannotEditAnotherOrganisation) {
  auto own = CreateMember({{"name", "La mienne"}});
  auto other = CreateMember({{"name", "L'autre"}});
  auto token =
      app_.UserToken("adh@a.fr", identity::Role::kMember, kHub, identity::MemberId{own["id"].get<long long>()});
  EXPECT_EQ(app_.Api("PATCH", MemberApi(other), token, R"({"name":"Prise","version":1})").status, 403);
  EXPECT_EQ(app_.Api("POST", MemberApi(other) + "/people", token, R"({"name":"Intrus"})").status, 403);
  EXPECT_EQ(Json(app_.Api("GET", MemberApi(other), coordinator_))["name"], "L'autre");
}

TEST_P(MembersApiTest, MemberUsersEditTheirOwnOrganisation) {
  auto own = CreateMember({{"name", "La mienne"}});
  auto token =
      app_.UserToken("adh@a.fr", identity::Role::kMember, kHub, identity::MemberId{own["id"].get<long long>()});
  auto res = app_.Api("PATCH", MemberApi(own), token, R"({"description":"Notre projet","version":1})");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(Json(res)["description"], "Notre projet");
  EXPECT_EQ(app_.Api("POST", MemberApi(own) + "/people", token, R"({"name":"Camille"})").status, 201);
}

TEST_P(MembersApiTest, MemberUsersCannotCreateOrArchiveMembers) {
  auto own = CreateMember({{"name", "La mienne"}});
  auto token =
      app_.UserToken("adh@a.fr", identity::Role::kMember, kHub, identity::MemberId{own["id"].get<long long>()});
  EXPECT_EQ(app_.Api("POST", kMembersApi, token, R"({"name":"Nouvelle","legal_form":"scic"})").status, 403);
  EXPECT_EQ(app_.Api("POST", MemberApi(own) + "/archive", token).status, 403);
}

TEST_P(MembersApiTest, RequestsWithoutATokenAre401) {
  auto member = CreateMember({{"name", "Atelier"}});
  EXPECT_EQ(Send(app_.port(), {"GET", kMembersApi, {}, ""}).status, 401);
  EXPECT_EQ(Send(app_.port(), {"GET", MemberApi(member), {}, ""}).status, 401);
  EXPECT_EQ(
      Send(app_.port(),
           {"POST", kMembersApi, {{"Content-Type", "application/json"}}, R"({"name":"Atelier","legal_form":"scic"})"})
          .status,
      401);
  EXPECT_EQ(app_.Api("GET", kMembersApi, "cp_not_a_token").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Databases, MembersApiTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing::members_test
