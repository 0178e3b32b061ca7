// Markup typed into members and people is stored as given and escaped on every page that
// shows it (list, search, htmx fragment, record, edit forms, validation errors); exports
// carry it as plain data.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "coopole/tabular/tabular.h"
#include "member_test_support.h"

namespace coopole::testing::members_test {
namespace {

using nlohmann::json;

struct Payload {
  std::string text;     // what the user types
  std::string marker;   // the part that would run if it reached the page unescaped
  std::string escaped;  // how it must appear in HTML
};

const std::vector<Payload>& Payloads() {
  static const std::vector<Payload> payloads = {
      {"<img src=x onerror=alert(1)>", "<img src=x", "&lt;img src=x onerror=alert(1)&gt;"},
      {"\"><script>alert(1)</script>", "<script>alert(1)", "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"<a oncontentvisibilityautostatechange=alert(1) style=display:block>", "<a oncontentvisibility",
       "&lt;a oncontentvisibilityautostatechange=alert(1) style=display:block&gt;"},
  };
  return payloads;
}

// The text fields of a member and of a person that accept any text.
const std::vector<std::string> kMemberTextFields = {"name", "college", "phone", "address", "description"};
const std::vector<std::string> kPersonTextFields = {"name", "role", "phone"};

// Checks that no payload reaches `body` unescaped.
void ExpectNoRawPayload(const std::string& body) {
  for (const auto& p : Payloads()) {
    EXPECT_FALSE(Contains(body, p.text)) << "raw payload: " << p.text;
    EXPECT_FALSE(Contains(body, p.marker)) << "raw markup: " << p.marker;
  }
}

// Checks that every payload appears in `body`, escaped, and none unescaped.
void ExpectEscapedPayloads(const std::string& body) {
  ExpectNoRawPayload(body);
  for (const auto& p : Payloads()) EXPECT_TRUE(Contains(body, p.escaped)) << "escaped form missing: " << p.escaped;
}

class MembersXssTest : public MembersTest {
 protected:
  // One member per payload, with the payload in every free-text field, and one person
  // with the payload in every free-text field.
  void SetUp() override {
    for (const auto& p : Payloads()) {
      json body = {{"legal_form", "association"}, {"commune_insee", "38185"}};
      for (const auto& field : kMemberTextFields) body[field] = p.text;
      auto member = CreateMember(body);
      json person_body;
      for (const auto& field : kPersonTextFields) person_body[field] = p.text;
      auto person = app_.Api("POST", MemberApi(member) + "/people", coordinator_, person_body.dump());
      ASSERT_EQ(person.status, 201) << person.body;
      member_ids_.push_back(std::to_string(member["id"].get<long long>()));
      person_ids_.push_back(std::to_string(Json(person)["id"].get<long long>()));
    }
  }

  std::vector<std::string> member_ids_, person_ids_;  // by payload
};

TEST_P(MembersXssTest, PayloadsAreStoredExactlyAsGiven) {
  for (std::size_t i = 0; i < Payloads().size(); ++i) {
    const auto& p = Payloads()[i];
    SCOPED_TRACE(p.text);
    auto member = Json(app_.Api("GET", kMembersApi + "/" + member_ids_[i], coordinator_));
    for (const auto& field : kMemberTextFields) EXPECT_EQ(member[field], p.text) << field;
    auto person = Json(app_.Api("GET", "/api/v1/hubs/pole-a/people/" + person_ids_[i], coordinator_));
    for (const auto& field : kPersonTextFields) EXPECT_EQ(person[field], p.text) << field;
  }
}

TEST_P(MembersXssTest, DirectoryPageEscapesPayloads) {
  Browser browser = SignedInCoordinator();
  auto res = browser.Get(kMembersPage);
  ASSERT_EQ(res.status, 200);
  ExpectEscapedPayloads(res.body);
}

TEST_P(MembersXssTest, SearchResultsEscapeTheQueryAndTheRows) {
  Browser browser = SignedInCoordinator();
  for (const auto& p : Payloads()) {
    SCOPED_TRACE(p.text);
    auto res = browser.Get(kMembersPage + "?q=" + http::UrlEncode(p.text));
    ASSERT_EQ(res.status, 200);
    ExpectNoRawPayload(res.body);
    // The query is shown back in the search box, the row in the results.
    EXPECT_TRUE(Contains(res.body, "name=\"q\" value=\"" + p.escaped + "\""));
    EXPECT_TRUE(Contains(res.body, ">" + p.escaped + "</a>"));
  }
}

TEST_P(MembersXssTest, FilterValuesShownBackAreEscaped) {
  Browser browser = SignedInCoordinator();
  // Filter values are lists split on spaces and commas; this one has neither.
  const std::string payload = "\"><script>alert(1)</script>";
  auto res = browser.Get(kMembersPage + "?sector=" + http::UrlEncode(payload) + "&epci=" + http::UrlEncode(payload) +
                         "&legal_form=" + http::UrlEncode(payload) + "&notice=" + http::UrlEncode(payload));
  ASSERT_EQ(res.status, 200);
  ExpectNoRawPayload(res.body);
  const std::string escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
  EXPECT_TRUE(Contains(res.body, "name=\"sector\" value=\"" + escaped + "\""));
  EXPECT_TRUE(Contains(res.body, "name=\"epci\" value=\"" + escaped + "\""));
}

TEST_P(MembersXssTest, HtmxFragmentEscapesPayloads) {
  Browser browser = SignedInCoordinator();
  auto res = browser.Get(kMembersPage, {{"HX-Request", "true"}});
  ASSERT_EQ(res.status, 200);
  EXPECT_FALSE(Contains(res.body, "<html"));
  ExpectEscapedPayloads(res.body);
  for (const auto& p : Payloads()) {
    SCOPED_TRACE(p.text);
    auto found = browser.Get(kMembersPage + "?q=" + http::UrlEncode(p.text), {{"HX-Request", "true"}});
    ASSERT_EQ(found.status, 200);
    ExpectNoRawPayload(found.body);
    EXPECT_TRUE(Contains(found.body, p.escaped));
  }
}

TEST_P(MembersXssTest, RecordPageEscapesEveryMemberAndPersonField) {
  Browser browser = SignedInCoordinator();
  for (std::size_t i = 0; i < Payloads().size(); ++i) {
    const auto& p = Payloads()[i];
    SCOPED_TRACE(p.text);
    auto res = browser.Get(kMembersPage + "/" + member_ids_[i]);
    ASSERT_EQ(res.status, 200);
    ExpectNoRawPayload(res.body);
    // Name (title and people table), college, phone, address, description, and the
    // person's name, role and phone: each shown escaped.
    std::size_t count = 0;
    for (auto at = res.body.find(p.escaped); at != std::string::npos; at = res.body.find(p.escaped, at + 1)) ++count;
    EXPECT_GE(count, kMemberTextFields.size() + kPersonTextFields.size());
  }
}

TEST_P(MembersXssTest, EditFormsEscapeValuesInAttributesAndTextareas) {
  Browser browser = SignedInCoordinator();
  for (std::size_t i = 0; i < Payloads().size(); ++i) {
    const auto& p = Payloads()[i];
    SCOPED_TRACE(p.text);
    auto member = browser.Get(kMembersPage + "/" + member_ids_[i] + "/edit");
    ASSERT_EQ(member.status, 200);
    ExpectNoRawPayload(member.body);
    for (const std::string field : {"name", "college", "phone"}) {
      EXPECT_TRUE(Contains(member.body, "name=\"" + field + "\" value=\"" + p.escaped + "\"")) << field;
    }
    EXPECT_TRUE(Contains(member.body, ">" + p.escaped + "</textarea>"));
    auto person = browser.Get("/hubs/pole-a/people/" + person_ids_[i] + "/edit");
    ASSERT_EQ(person.status, 200);
    ExpectNoRawPayload(person.body);
    for (const std::string field : {"name", "role", "phone"}) {
      EXPECT_TRUE(Contains(person.body, "name=\"" + field + "\" value=\"" + p.escaped + "\"")) << field;
    }
  }
}

TEST_P(MembersXssTest, RejectedEmailAndWebsiteAreEscapedWhenTheFormComesBack) {
  Browser browser = SignedInCoordinator();
  browser.Get(kMembersPage + "/new");
  for (const auto& p : Payloads()) {
    SCOPED_TRACE(p.text);
    auto res = browser.PostForm(kMembersPage, {{"name", p.text},
                                               {"legal_form", "association"},
                                               {"email", p.text},
                                               {"website", p.text},
                                               {"description", p.text}});
    ASSERT_EQ(res.status, 422);
    ExpectNoRawPayload(res.body);
    EXPECT_TRUE(Contains(res.body, "name=\"email\" value=\"" + p.escaped + "\""));
    EXPECT_TRUE(Contains(res.body, "id=\"f-email-error\""));
    EXPECT_TRUE(Contains(res.body, "id=\"f-website-error\""));
  }
  // The person form too.
  auto res = browser.PostForm("/hubs/pole-a/members/" + member_ids_[0] + "/people",
                              {{"name", Payloads()[1].text}, {"email", Payloads()[1].text}});
  ASSERT_EQ(res.status, 422);
  ExpectNoRawPayload(res.body);
  EXPECT_TRUE(Contains(res.body, "name=\"email\" value=\"" + Payloads()[1].escaped + "\""));
}

TEST_P(MembersXssTest, RejectedEmailAndWebsiteAreJsonErrorsThatDoNotEchoTheMarkup) {
  for (const auto& p : Payloads()) {
    SCOPED_TRACE(p.text);
    auto res = app_.Api(
        "POST", kMembersApi, coordinator_,
        json{{"name", "Atelier"}, {"legal_form", "association"}, {"email", p.text}, {"website", p.text}}.dump());
    ASSERT_EQ(res.status, 422);
    EXPECT_EQ(res.Header("content-type").rfind("application/json", 0), 0u) << res.Header("content-type");
    auto fields = Json(res)["error"]["fields"];
    ASSERT_TRUE(fields.contains("email"));
    ASSERT_TRUE(fields.contains("website"));
    EXPECT_FALSE(Contains(res.body, "<")) << res.body;
  }
}

TEST_P(MembersXssTest, ExportsCarryPayloadsAsPlainData) {
  Browser browser = SignedInCoordinator();
  auto csv = browser.Get(kMembersPage + "/export.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type").rfind("text/csv", 0), 0u);
  auto table = tabular::ReadCsv(csv.body);
  ASSERT_TRUE(table.ok()) << table.error().message;
  std::vector<std::string> names;
  for (const auto& row : table->rows) names.push_back(row[0]);
  for (const auto& p : Payloads()) {
    EXPECT_NE(std::find(names.begin(), names.end(), p.text), names.end()) << p.text;
    EXPECT_FALSE(Contains(csv.body, p.escaped)) << "CSV is not HTML: " << p.escaped;
  }
  auto xlsx = browser.Get(kMembersPage + "/export.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

INSTANTIATE_TEST_SUITE_P(Databases, MembersXssTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing::members_test
