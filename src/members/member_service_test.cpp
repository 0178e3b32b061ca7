#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::members {
namespace {

using identity::Actor;
using identity::HubAccess;
using identity::Role;

// A Luhn-valid SIRET built from `n` (13 digits, then the check digit).
std::string MakeSiret(std::int64_t n) {
  char base[16];
  std::snprintf(base, sizeof base, "4%012lld", static_cast<long long>(n));
  for (char check = '0'; check <= '9'; ++check) {
    std::string siret = std::string(base) + check;
    if (IsValidSiret(siret)) return siret;
  }
  return "";
}

class MemberServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    if (!catalogue_) catalogue_ = reference::Catalogue::LoadFrom(testing::ReferenceDir());
  }

  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    pool_ = db::Pool::Open(database_->url(), {.size = 2});
    db::Migrate(*pool_, identity::IdentityService::Migrations());
    db::Migrate(*pool_, hubs::HubService::Migrations());
    db::Migrate(*pool_, MemberService::Migrations());
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_,
                                                            identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_, &MemberService::MemberBelongsToHub);
    service_ = std::make_unique<MemberService>(*pool_, clock_, *identity_, catalogue_);

    auto user = identity_->CreateUser({.email = "claire@pole.fr", .name = "Claire", .password = "correct horse",
                                       .is_admin = true});
    Actor admin{.user = user->id, .name = "Claire", .is_admin = true};
    auto hub = hubs_->CreateHub(admin, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    auto other = hubs_->CreateHub(admin, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    actor_ = Actor{.user = user->id, .name = "Claire", .request_id = "req-1"};
    coordinator_ = hubs::HubContext{hub, HubAccess{hub.id, Role::kCoordinator, std::nullopt}};
    observer_ = hubs::HubContext{hub, HubAccess{hub.id, Role::kObserver, std::nullopt}};
    other_hub_ = hubs::HubContext{other, HubAccess{other.id, Role::kCoordinator, std::nullopt}};
  }

  hubs::HubContext MemberRole(MemberId member) const {
    return hubs::HubContext{coordinator_.hub, HubAccess{coordinator_.hub.id, Role::kMember, member}};
  }

  Member Create(MemberInput input, const hubs::HubContext* hub = nullptr) {
    if (!input.legal_form) input.legal_form = "association";
    auto r = service_->CreateMember(actor_, hub ? *hub : coordinator_, input);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : Member{};
  }

  Member Create(const std::string& name) { return Create(MemberInput{.name = name}); }

  std::vector<std::string> Names(const MemberQuery& query) {
    auto page = service_->ListMembers(actor_, coordinator_, query);
    EXPECT_TRUE(page.ok());
    std::vector<std::string> names;
    if (page.ok()) {
      for (const auto& m : page->items) names.push_back(m.name);
    }
    return names;
  }

  std::int64_t CountMembers() {
    auto page = service_->ListMembers(actor_, coordinator_, {.include_archived = true});
    return page.ok() ? page->total : -1;
  }

  std::vector<identity::AuditRecord> Audit() {
    return identity_->ListAudit(actor_, coordinator_.access, 500, 0).value();
  }

  static std::shared_ptr<const reference::Catalogue> catalogue_;
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  FakeClock clock_{Timestamp{1795442700}};
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<hubs::HubService> hubs_;
  std::unique_ptr<MemberService> service_;
  Actor actor_;
  hubs::HubContext coordinator_, observer_, other_hub_;
};

std::shared_ptr<const reference::Catalogue> MemberServiceTest::catalogue_;

// --- create, read, update -------------------------------------------------------------

TEST_P(MemberServiceTest, CreateMember_StoresEveryFieldAndReadsItBack) {
  auto created = Create(MemberInput{.name = "Atelier du Bois",
                                    .siret = "732 829 320 00074",
                                    .legal_form = "scic",
                                    .is_ess = "oui",
                                    .insertion_type = "ACI",
                                    .sectors = "8899b, 01.11Z",
                                    .commune_insee = "38151",
                                    .priority_area = "1",
                                    .fte = "2,5",
                                    .insertion_headcount = "7",
                                    .join_date = "15/03/2024",
                                    .college = "Salariés",
                                    .charter_accepted_on = "2024-04-01",
                                    .website = "www.atelier-bois.fr",
                                    .email = "contact@atelier-bois.fr",
                                    .phone = "+33 4 76 00 00 00",
                                    .address = "1 rue du Bois",
                                    .description = "Menuiserie solidaire"});
  auto m = service_->GetMember(actor_, observer_, created.id);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->name, "Atelier du Bois");
  EXPECT_EQ(m->hub, coordinator_.hub.id);
  EXPECT_EQ(m->siret, "73282932000074");
  EXPECT_EQ(m->legal_form, "scic");
  EXPECT_TRUE(m->is_ess);
  EXPECT_EQ(m->insertion_type, "aci");
  EXPECT_EQ(m->sectors, (std::vector<std::string>{"88.99B", "01.11Z"}));
  EXPECT_EQ(m->commune_name, "Échirolles");
  EXPECT_EQ(m->epci_siren, "200040715");
  EXPECT_EQ(m->epci_name, "Grenoble-Alpes-Métropole");
  EXPECT_TRUE(m->priority_area);
  EXPECT_EQ(m->fte_hundredths, 250);
  EXPECT_EQ(m->insertion_headcount, 7);
  EXPECT_EQ(m->join_date, (Date{2024, 3, 15}));
  EXPECT_EQ(m->college, "Salariés");
  EXPECT_EQ(m->charter_accepted_on, (Date{2024, 4, 1}));
  EXPECT_EQ(m->website, "https://www.atelier-bois.fr");
  EXPECT_EQ(m->email, "contact@atelier-bois.fr");
  EXPECT_EQ(m->phone, "+33 4 76 00 00 00");
  EXPECT_EQ(m->address, "1 rue du Bois");
  EXPECT_EQ(m->description, "Menuiserie solidaire");
  EXPECT_FALSE(m->archived_at.has_value());
  EXPECT_EQ(m->created_at, clock_.Now());
  EXPECT_EQ(m->version, 1);
}

TEST_P(MemberServiceTest, CreateMember_RejectsInvalidInputByField) {
  auto r = service_->CreateMember(actor_, coordinator_, {.name = "", .siret = "123", .legal_form = "gie"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields.at("name"), "validation.required");
  EXPECT_EQ(r.error().fields.at("siret"), "validation.siret");
  EXPECT_EQ(r.error().fields.at("legal_form"), "validation.choice");
  EXPECT_EQ(CountMembers(), 0);
}

TEST_P(MemberServiceTest, CreateMember_StoresHtmlUnchanged) {
  const std::string payload = "<img src=x onerror=alert(1)>";
  auto created = Create(MemberInput{.name = payload, .description = payload + " \"'&"});
  auto m = service_->GetMember(actor_, coordinator_, created.id);
  EXPECT_EQ(m->name, payload);
  EXPECT_EQ(m->description, payload + " \"'&");
  EXPECT_EQ(Names({.text = "onerror"}), (std::vector<std::string>{payload}));
}

TEST_P(MemberServiceTest, CreateMember_RejectsASiretAlreadyInTheHub) {
  Create(MemberInput{.name = "A", .siret = "73282932000074"});
  auto r = service_->CreateMember(actor_, coordinator_,
                                  {.name = "B", .siret = "73282932000074", .legal_form = "association"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().fields.at("siret"), "validation.siret_taken");
  // Another hub may hold the same organisation.
  EXPECT_TRUE(service_->CreateMember(actor_, other_hub_, {.name = "A", .siret = "73282932000074",
                                                          .legal_form = "association"}).ok());
}

TEST_P(MemberServiceTest, CreateMember_DeniedToMemberRoleAndObserver) {
  auto own = Create("Atelier");
  for (const auto& hub : {observer_, MemberRole(own.id)}) {
    auto r = service_->CreateMember(actor_, hub, {.name = "X", .legal_form = "association"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  }
}

TEST_P(MemberServiceTest, UpdateMember_ChangesOnlyGivenFieldsAndBumpsVersion) {
  auto m = Create(MemberInput{.name = "Atelier", .commune_insee = "38185", .fte = "3"});
  clock_.Advance(60);
  auto r = service_->UpdateMember(actor_, coordinator_, m.id, 1, {.college = "Usagers"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->version, 2);
  auto stored = service_->GetMember(actor_, coordinator_, m.id);
  EXPECT_EQ(stored->college, "Usagers");
  EXPECT_EQ(stored->commune_name, "Grenoble");
  EXPECT_EQ(stored->fte_hundredths, 300);
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->updated_at.unix_seconds, m.created_at.unix_seconds + 60);
}

TEST_P(MemberServiceTest, UpdateMember_RejectsAStaleVersion) {
  auto m = Create("Atelier");
  ASSERT_TRUE(service_->UpdateMember(actor_, coordinator_, m.id, 1, {.college = "A"}).ok());
  auto r = service_->UpdateMember(actor_, coordinator_, m.id, 1, {.college = "B"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().fields.at("version"), "validation.stale");
  EXPECT_EQ(service_->GetMember(actor_, coordinator_, m.id)->college, "A");
}

TEST_P(MemberServiceTest, UpdateMember_RejectsASiretTakenByAnotherMember) {
  Create(MemberInput{.name = "A", .siret = "73282932000074"});
  auto b = Create("B");
  auto r = service_->UpdateMember(actor_, coordinator_, b.id, 1, {.siret = "73282932000074"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().fields.at("siret"), "validation.siret_taken");
}

TEST_P(MemberServiceTest, UpdateMember_MemberRoleEditsOnlyItsOwnOrganisation) {
  auto own = Create("Atelier");
  auto other = Create("Recyclerie");
  auto as_member = MemberRole(own.id);
  EXPECT_TRUE(service_->UpdateMember(actor_, as_member, own.id, 1, {.phone = "04 76 00 00 00"}).ok());
  EXPECT_EQ(service_->UpdateMember(actor_, as_member, other.id, 1, {.phone = "x"}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->UpdateMember(actor_, observer_, own.id, 2, {.phone = "x"}).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_P(MemberServiceTest, Members_OfAnotherHubAreNotFound) {
  auto elsewhere = Create(MemberInput{.name = "Ailleurs"}, &other_hub_);
  EXPECT_EQ(service_->GetMember(actor_, coordinator_, elsewhere.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->UpdateMember(actor_, coordinator_, elsewhere.id, 1, {.name = "X"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->ArchiveMember(actor_, coordinator_, elsewhere.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->ListPeople(actor_, coordinator_, elsewhere.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->AddPerson(actor_, coordinator_, elsewhere.id, {.name = "X"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(Names({}).empty());
}

TEST_P(MemberServiceTest, Writes_RecordAuditEntriesWithBeforeAndAfter) {
  auto m = Create("Atelier");
  ASSERT_TRUE(service_->UpdateMember(actor_, coordinator_, m.id, 1, {.name = "Atelier du Bois"}).ok());
  ASSERT_TRUE(service_->ArchiveMember(actor_, coordinator_, m.id).ok());
  auto records = Audit();
  std::vector<identity::AuditRecord> mine;
  for (const auto& r : records) {
    if (r.entry.entity == "member") mine.push_back(r);
  }
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].entry.action, "archive");
  EXPECT_EQ(mine[1].entry.action, "update");
  EXPECT_EQ(mine[2].entry.action, "create");
  EXPECT_EQ(mine[1].entry.entity_id, m.id.value);
  EXPECT_NE(mine[1].entry.before_json.find("\"Atelier\""), std::string::npos);
  EXPECT_NE(mine[1].entry.after_json.find("\"Atelier du Bois\""), std::string::npos);
  EXPECT_EQ(mine[1].request_id, "req-1");
  EXPECT_EQ(mine[2].entry.before_json, "");
}

TEST_P(MemberServiceTest, ArchiveMember_HidesItUntilRestored) {
  auto m = Create("Atelier");
  Create("Recyclerie");
  EXPECT_EQ(service_->ArchiveMember(actor_, observer_, m.id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->ArchiveMember(actor_, MemberRole(m.id), m.id).error().code, ErrorCode::kPermissionDenied);
  auto archived = service_->ArchiveMember(actor_, coordinator_, m.id);
  ASSERT_TRUE(archived.ok());
  EXPECT_TRUE(archived->archived_at.has_value());
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Recyclerie"}));
  EXPECT_EQ(Names({.include_archived = true}), (std::vector<std::string>{"Atelier", "Recyclerie"}));
  ASSERT_TRUE(service_->RestoreMember(actor_, coordinator_, m.id).ok());
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Atelier", "Recyclerie"}));
}

TEST_P(MemberServiceTest, MemberBelongsToHub_ChecksTheHub) {
  auto m = Create("Atelier");
  auto tx = pool_->Begin(db::TxMode::kRead);
  EXPECT_TRUE(MemberService::MemberBelongsToHub(tx, coordinator_.hub.id, m.id));
  EXPECT_FALSE(MemberService::MemberBelongsToHub(tx, other_hub_.hub.id, m.id));
  EXPECT_FALSE(MemberService::MemberBelongsToHub(tx, coordinator_.hub.id, MemberId{m.id.value + 100}));
}

// --- search, filters, paging, sorting -------------------------------------------------

TEST_P(MemberServiceTest, ListMembers_FindsWithoutAccents) {
  Create(MemberInput{.name = "Économie Circulaire Alpine"});
  Create(MemberInput{.name = "Recyclerie", .commune_insee = "38151"});
  Create(MemberInput{.name = "Jardin", .description = "Maraîchage biologique"});
  EXPECT_EQ(Names({.text = "economie"}), (std::vector<std::string>{"Économie Circulaire Alpine"}));
  EXPECT_EQ(Names({.text = "ECHIROLLES"}), (std::vector<std::string>{"Recyclerie"}));
  EXPECT_EQ(Names({.text = "maraichage"}), (std::vector<std::string>{"Jardin"}));
  EXPECT_EQ(Names({.text = "grenoble alpes"}), (std::vector<std::string>{"Recyclerie"}));  // EPCI name
}

TEST_P(MemberServiceTest, ListMembers_RequiresEveryWord) {
  Create(MemberInput{.name = "Atelier du Bois", .commune_insee = "38185"});
  Create(MemberInput{.name = "Atelier Vélo", .commune_insee = "69123"});
  EXPECT_EQ(Names({.text = "  atelier   grenoble "}), (std::vector<std::string>{"Atelier du Bois"}));
  EXPECT_EQ(Names({.text = "atelier"}).size(), 2u);
  EXPECT_TRUE(Names({.text = "atelier paris"}).empty());
}

TEST_P(MemberServiceTest, ListMembers_FindsBySiretAndCollege) {
  Create(MemberInput{.name = "A", .siret = "73282932000074"});
  Create(MemberInput{.name = "B", .college = "Collectivités"});
  EXPECT_EQ(Names({.text = "73282932"}), (std::vector<std::string>{"A"}));
  EXPECT_EQ(Names({.text = "collectivites"}), (std::vector<std::string>{"B"}));
}

TEST_P(MemberServiceTest, ListMembers_TakesLikeWildcardsLiterally) {
  Create(MemberInput{.name = "100% Local"});
  Create(MemberInput{.name = "Cent pour cent"});
  Create(MemberInput{.name = "a_b"});
  Create(MemberInput{.name = "axb"});
  EXPECT_EQ(Names({.text = "%"}), (std::vector<std::string>{"100% Local"}));
  EXPECT_EQ(Names({.text = "a_b"}), (std::vector<std::string>{"a_b"}));
  EXPECT_TRUE(Names({.text = "\\"}).empty());
  EXPECT_TRUE(Names({.text = "' OR 1=1 --"}).empty());
}

TEST_P(MemberServiceTest, ListMembers_FiltersByLegalForm) {
  Create(MemberInput{.name = "A", .legal_form = "scic"});
  Create(MemberInput{.name = "B", .legal_form = "scop"});
  Create(MemberInput{.name = "C", .legal_form = "association"});
  EXPECT_EQ(Names({.legal_forms = {"scic", "scop"}}), (std::vector<std::string>{"A", "B"}));
}

TEST_P(MemberServiceTest, ListMembers_FiltersByInsertionTypeOrNone) {
  Create(MemberInput{.name = "A", .insertion_type = "aci"});
  Create(MemberInput{.name = "B", .insertion_type = "ei"});
  Create(MemberInput{.name = "C"});
  EXPECT_EQ(Names({.insertion_types = {"aci"}}), (std::vector<std::string>{"A"}));
  EXPECT_EQ(Names({.insertion_types = {"none"}}), (std::vector<std::string>{"C"}));
  EXPECT_EQ(Names({.insertion_types = {"ei", "none"}}), (std::vector<std::string>{"B", "C"}));
}

TEST_P(MemberServiceTest, ListMembers_FiltersBySector) {
  Create(MemberInput{.name = "A", .sectors = "88.99B 01.11Z"});
  Create(MemberInput{.name = "B", .sectors = "62.01Z"});
  Create(MemberInput{.name = "C", .sectors = "88.99A"});
  EXPECT_EQ(Names({.sectors = {"8899b"}}), (std::vector<std::string>{"A"}));
  EXPECT_EQ(Names({.sectors = {"01.11Z", "62.01Z"}}), (std::vector<std::string>{"A", "B"}));
  EXPECT_TRUE(Names({.sectors = {"88.99"}}).empty());
}

TEST_P(MemberServiceTest, ListMembers_FiltersByEpciAndPriorityArea) {
  Create(MemberInput{.name = "A", .commune_insee = "38185", .priority_area = "oui"});
  Create(MemberInput{.name = "B", .commune_insee = "38151"});
  Create(MemberInput{.name = "C", .commune_insee = "69123", .priority_area = "oui"});
  EXPECT_EQ(Names({.epcis = {"200040715"}}), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(Names({.priority_area = true}), (std::vector<std::string>{"A", "C"}));
  EXPECT_EQ(Names({.priority_area = false}), (std::vector<std::string>{"B"}));
  // Filters combine with AND.
  EXPECT_EQ(Names({.epcis = {"200040715"}, .priority_area = true}), (std::vector<std::string>{"A"}));
}

TEST_P(MemberServiceTest, ListMembers_PaginatesAndCountsEveryMatch) {
  for (int i = 0; i < 7; ++i) Create("Membre " + std::to_string(i));
  auto page = service_->ListMembers(actor_, coordinator_, {.page = 2, .per_page = 3});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 7);
  EXPECT_EQ(page->page, 2);
  EXPECT_EQ(page->per_page, 3);
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].name, "Membre 3");
  auto last = service_->ListMembers(actor_, coordinator_, {.page = 3, .per_page = 3});
  EXPECT_EQ(last->items.size(), 1u);
  auto beyond = service_->ListMembers(actor_, coordinator_, {.page = 9, .per_page = 3});
  EXPECT_TRUE(beyond->items.empty());
  EXPECT_EQ(beyond->total, 7);
  auto clamped = service_->ListMembers(actor_, coordinator_, {.page = -4, .per_page = 1000});
  EXPECT_EQ(clamped->page, 1);
  EXPECT_EQ(clamped->per_page, 200);
  EXPECT_EQ(clamped->items.size(), 7u);
  EXPECT_EQ(service_->ListMembers(actor_, coordinator_, {.per_page = 0})->per_page, 1);
}

TEST_P(MemberServiceTest, ListMembers_SortsByNameIgnoringAccentsAndCase) {
  Create("zèbre");
  Create("Échirolles Solidaire");
  Create("Eybens");
  Create("atelier");
  EXPECT_EQ(Names({}), (std::vector<std::string>{"atelier", "Échirolles Solidaire", "Eybens", "zèbre"}));
  EXPECT_EQ(Names({.sort = MemberSort::kNameDesc}),
            (std::vector<std::string>{"zèbre", "Eybens", "Échirolles Solidaire", "atelier"}));
}

TEST_P(MemberServiceTest, ListMembers_SortsByCommuneJoinDateAndUpdate) {
  auto a = Create(MemberInput{.name = "A", .commune_insee = "38185", .join_date = "2020-01-01"});
  clock_.Advance(10);
  Create(MemberInput{.name = "B", .commune_insee = "38151"});
  clock_.Advance(10);
  Create(MemberInput{.name = "C", .commune_insee = "69123", .join_date = "2019-05-01"});
  EXPECT_EQ(Names({.sort = MemberSort::kCommune}), (std::vector<std::string>{"B", "A", "C"}));
  EXPECT_EQ(Names({.sort = MemberSort::kJoinDate}), (std::vector<std::string>{"C", "A", "B"}));
  clock_.Advance(10);
  ASSERT_TRUE(service_->UpdateMember(actor_, coordinator_, a.id, 1, {.college = "X"}).ok());
  EXPECT_EQ(Names({.sort = MemberSort::kUpdated}), (std::vector<std::string>{"A", "C", "B"}));
}

TEST_P(MemberServiceTest, ListMembers_OpenToEveryRole) {
  auto m = Create("Atelier");
  EXPECT_TRUE(service_->ListMembers(actor_, observer_, {}).ok());
  EXPECT_TRUE(service_->ListMembers(actor_, MemberRole(m.id), {}).ok());
  EXPECT_TRUE(service_->GetMember(actor_, MemberRole(m.id), m.id).ok());
}

// --- people ------------------------------------------------------------------------------

TEST_P(MemberServiceTest, AddPerson_MemberRoleOnlyForItsOwnOrganisation) {
  auto own = Create("Atelier");
  auto other = Create("Recyclerie");
  auto as_member = MemberRole(own.id);
  auto added = service_->AddPerson(actor_, as_member, own.id, {.name = "Anne", .role = "Directrice"});
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->member, own.id);
  EXPECT_EQ(service_->AddPerson(actor_, as_member, other.id, {.name = "Bob"}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->AddPerson(actor_, observer_, own.id, {.name = "Bob"}).error().code,
            ErrorCode::kPermissionDenied);
  auto people = service_->ListPeople(actor_, observer_, own.id);
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->size(), 1u);
  EXPECT_EQ((*people)[0].name, "Anne");
}

TEST_P(MemberServiceTest, UpdatePerson_ChecksVersionAndOwnMember) {
  auto own = Create("Atelier");
  auto other = Create("Recyclerie");
  auto person = service_->AddPerson(actor_, coordinator_, own.id, {.name = "Anne"}).value();
  EXPECT_EQ(service_->UpdatePerson(actor_, MemberRole(other.id), person.id, 1, {.role = "x"}).error().code,
            ErrorCode::kPermissionDenied);
  auto updated = service_->UpdatePerson(actor_, MemberRole(own.id), person.id, 1, {.email = "anne@bois.fr"});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->version, 2);
  auto stale = service_->UpdatePerson(actor_, coordinator_, person.id, 1, {.role = "x"});
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().fields.at("version"), "validation.stale");
  EXPECT_EQ(service_->GetPerson(actor_, observer_, person.id)->email, "anne@bois.fr");
}

TEST_P(MemberServiceTest, ArchivePerson_RemovesFromTheListAndAudits) {
  auto own = Create("Atelier");
  auto person = service_->AddPerson(actor_, coordinator_, own.id, {.name = "Anne"}).value();
  EXPECT_EQ(service_->ArchivePerson(actor_, observer_, person.id).error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_->ArchivePerson(actor_, MemberRole(own.id), person.id).ok());
  EXPECT_TRUE(service_->ListPeople(actor_, coordinator_, own.id)->empty());
  auto records = Audit();
  ASSERT_GE(records.size(), 2u);
  EXPECT_EQ(records[0].entry.entity, "person");
  EXPECT_EQ(records[0].entry.action, "archive");
  EXPECT_EQ(records[1].entry.action, "create");
}

TEST_P(MemberServiceTest, People_OfAnotherHubAreNotFound) {
  auto elsewhere = Create(MemberInput{.name = "Ailleurs"}, &other_hub_);
  auto person = service_->AddPerson(actor_, other_hub_, elsewhere.id, {.name = "Zoé"}).value();
  EXPECT_EQ(service_->GetPerson(actor_, coordinator_, person.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->UpdatePerson(actor_, coordinator_, person.id, 1, {.name = "X"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->ArchivePerson(actor_, coordinator_, person.id).error().code, ErrorCode::kNotFound);
}

// --- import and export -----------------------------------------------------------------

tabular::Table SmallTable() {
  tabular::Table t;
  t.header = {"Raison sociale", "SIRET", "Forme juridique", "Code INSEE", "ETP", "Couleur"};
  t.rows = {{"Atelier du Bois", "732 829 320 00074", "SCIC", "38185", "2,5", "bleu"},
            {"Recyclerie", "", "association", "38151", "", ""},
            {"Jardin de Cocagne", "44306184100047", "Association", "69123", "12", "vert"}};
  t.line_numbers = {2, 3, 5};
  return t;
}

TEST_P(MemberServiceTest, ImportMembers_DryRunWritesNothing) {
  auto report = service_->ImportMembers(actor_, coordinator_, SmallTable(), ImportMode::kDryRun);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->rows, 3);
  EXPECT_EQ(report->created, 3);
  EXPECT_EQ(report->updated, 0);
  EXPECT_FALSE(report->applied);
  EXPECT_TRUE(report->issues.empty());
  EXPECT_EQ(report->unknown_columns, (std::vector<std::string>{"Couleur"}));
  EXPECT_EQ(CountMembers(), 0);
}

TEST_P(MemberServiceTest, ImportMembers_CreatesEveryRowWithOneAuditEntryEach) {
  auto report = service_->ImportMembers(actor_, coordinator_, SmallTable(), ImportMode::kApply);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->applied);
  EXPECT_EQ(report->created, 3);
  EXPECT_EQ(CountMembers(), 3);
  EXPECT_EQ(Names({.text = "bois"}), (std::vector<std::string>{"Atelier du Bois"}));
  int imports = 0;
  for (const auto& r : Audit()) imports += r.entry.action == "import" ? 1 : 0;
  EXPECT_EQ(imports, 3);
}

TEST_P(MemberServiceTest, ImportMembers_WritesNothingWhenOneRowIsInvalid) {
  auto table = SmallTable();
  table.rows[2][3] = "99999";  // unknown commune, on physical line 5
  auto report = service_->ImportMembers(actor_, coordinator_, table, ImportMode::kApply);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->applied);
  ASSERT_EQ(report->issues.size(), 1u);
  const auto& issue = report->issues[0];
  EXPECT_EQ(issue.line, 5);
  EXPECT_EQ(issue.column, "Code INSEE");
  EXPECT_EQ(issue.field, "commune_insee");
  EXPECT_EQ(issue.message, "validation.commune");
  EXPECT_EQ(issue.value, "99999");
  EXPECT_EQ(CountMembers(), 0);
  EXPECT_TRUE(Audit().size() <= 2u);  // only the hub creations, nothing of the import
}

TEST_P(MemberServiceTest, ImportMembers_FlagsTheSameSiretTwiceInTheFile) {
  auto table = SmallTable();
  table.rows[1][1] = "73282932000074";
  auto report = service_->ImportMembers(actor_, coordinator_, table, ImportMode::kApply);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->applied);
  ASSERT_EQ(report->issues.size(), 1u);
  EXPECT_EQ(report->issues[0].line, 3);
  EXPECT_EQ(report->issues[0].column, "SIRET");
  EXPECT_EQ(report->issues[0].message, "import.duplicate");
  EXPECT_EQ(CountMembers(), 0);
}

TEST_P(MemberServiceTest, ImportMembers_RequiresANameColumn) {
  tabular::Table table;
  table.header = {"SIRET", "Forme juridique"};
  table.rows = {{"73282932000074", "scic"}};
  auto report = service_->ImportMembers(actor_, coordinator_, table, ImportMode::kApply);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->issues.size(), 1u);
  EXPECT_EQ(report->issues[0].line, 1);
  EXPECT_EQ(report->issues[0].field, "name");
  EXPECT_FALSE(report->applied);
}

TEST_P(MemberServiceTest, ImportMembers_ReimportUpdatesInsteadOfDuplicating) {
  ASSERT_TRUE(service_->ImportMembers(actor_, coordinator_, SmallTable(), ImportMode::kApply)->applied);
  auto table = SmallTable();
  table.rows[0][4] = "3";           // matched by SIRET
  table.rows[1][0] = "RECYCLERIE";  // matched by folded name and commune (no SIRET)
  table.rows[1][4] = "1";
  auto report = service_->ImportMembers(actor_, coordinator_, table, ImportMode::kApply);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->applied);
  EXPECT_EQ(report->created, 0);
  EXPECT_EQ(report->updated, 3);
  EXPECT_EQ(CountMembers(), 3);
  EXPECT_EQ(service_->ListMembers(actor_, coordinator_, {.text = "bois"})->items.at(0).fte_hundredths, 300);
  auto recyclerie = service_->ListMembers(actor_, coordinator_, {.text = "recyclerie"})->items.at(0);
  EXPECT_EQ(recyclerie.name, "RECYCLERIE");
  EXPECT_EQ(recyclerie.fte_hundredths, 100);
  EXPECT_EQ(recyclerie.version, 2);
}

TEST_P(MemberServiceTest, ImportMembers_DeniedToObserverAndMemberRole) {
  auto m = Create("Atelier");
  for (const auto& hub : {observer_, MemberRole(m.id)}) {
    EXPECT_EQ(service_->ImportMembers(actor_, hub, SmallTable(), ImportMode::kDryRun).error().code,
              ErrorCode::kPermissionDenied);
  }
}

TEST_P(MemberServiceTest, ExportMembers_WritesFrenchColumns) {
  Create(MemberInput{.name = "Atelier", .siret = "73282932000074", .legal_form = "scic", .is_ess = "1",
                     .insertion_type = "aci", .sectors = "88.99B, 01.11Z", .commune_insee = "38151", .fte = "2,5",
                     .join_date = "2024-03-15"});
  auto table = service_->ExportMembers(actor_, observer_, {});
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->header.size(), 20u);
  EXPECT_EQ(table->header[0], "Nom");
  EXPECT_EQ(table->header[12], "Date d'adhésion");
  ASSERT_EQ(table->rows.size(), 1u);
  const auto& row = table->rows[0];
  EXPECT_EQ(row[1], "73282932000074");
  EXPECT_EQ(row[3], "oui");
  EXPECT_EQ(row[4], "ACI");
  EXPECT_EQ(row[5], "88.99B, 01.11Z");
  EXPECT_EQ(row[7], "Échirolles");
  EXPECT_EQ(row[8], "Grenoble-Alpes-Métropole");
  EXPECT_EQ(row[9], "non");
  EXPECT_EQ(row[10], "2,5");
  EXPECT_EQ(row[12], "15/03/2024");
}

TEST_P(MemberServiceTest, ImportMembers_ReadsItsOwnExportBackThroughCsv) {
  Create(MemberInput{.name = "Atelier", .siret = "73282932000074", .legal_form = "endowment_fund", .is_ess = "1",
                     .insertion_type = "esat", .sectors = "88.99B, 01.11Z", .commune_insee = "38151",
                     .priority_area = "oui", .fte = "2,75", .insertion_headcount = "4", .join_date = "2024-03-15",
                     .college = "Fondateurs", .charter_accepted_on = "2024-04-01", .website = "https://a.fr",
                     .email = "a@a.fr", .phone = "+33 4 76 00 00 00", .address = "1 rue\nBâtiment B",
                     .description = "=cmd|' /C calc'!A0; \"quoted\""});
  Create(MemberInput{.name = "Recyclerie"});                                  // no SIRET, no commune
  Create(MemberInput{.name = "Recyclerie", .commune_insee = "38185"});       // same name elsewhere
  auto before = service_->ListMembers(actor_, coordinator_, {}).value().items;
  auto exported = service_->ExportMembers(actor_, coordinator_, {});
  ASSERT_TRUE(exported.ok());
  auto read = tabular::ReadCsv(tabular::WriteCsv(*exported));
  ASSERT_TRUE(read.ok());
  auto report = service_->ImportMembers(actor_, coordinator_, *read, ImportMode::kApply);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->issues.empty()) << report->issues[0].field << " " << report->issues[0].message;
  EXPECT_TRUE(report->unknown_columns.empty());
  EXPECT_EQ(report->created, 0);
  EXPECT_EQ(report->updated, 3);
  auto after = service_->ListMembers(actor_, coordinator_, {}).value().items;
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    Member expected = before[i];
    expected.version += 1;
    Member got = after[i];
    EXPECT_EQ(got.id, expected.id);
    EXPECT_EQ(got.name, expected.name);
    EXPECT_EQ(got.siret, expected.siret);
    EXPECT_EQ(got.legal_form, expected.legal_form);
    EXPECT_EQ(got.is_ess, expected.is_ess);
    EXPECT_EQ(got.insertion_type, expected.insertion_type);
    EXPECT_EQ(got.sectors, expected.sectors);
    EXPECT_EQ(got.commune_insee, expected.commune_insee);
    EXPECT_EQ(got.priority_area, expected.priority_area);
    EXPECT_EQ(got.fte_hundredths, expected.fte_hundredths);
    EXPECT_EQ(got.insertion_headcount, expected.insertion_headcount);
    EXPECT_EQ(got.join_date, expected.join_date);
    EXPECT_EQ(got.college, expected.college);
    EXPECT_EQ(got.charter_accepted_on, expected.charter_accepted_on);
    EXPECT_EQ(got.website, expected.website);
    EXPECT_EQ(got.email, expected.email);
    EXPECT_EQ(got.phone, expected.phone);
    EXPECT_EQ(got.address, expected.address);
    EXPECT_EQ(got.description, expected.description);
    EXPECT_EQ(got.version, expected.version);
  }
}

// Sanitizer and unoptimised builds run several times slower: they import fewer rows.
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
constexpr bool kOptimisedBuild = false;
#else
constexpr bool kOptimisedBuild = true;
#endif

TEST_P(MemberServiceTest, ImportMembers_HandlesOneHundredThousandRows) {
  // PostgreSQL pays a network round trip per statement: fewer rows keep the suite short.
  const int rows = !kOptimisedBuild ? 5000 : GetParam() == "sqlite" ? 100000 : 20000;
  const char* communes[] = {"38185", "38151", "69123", "75056", "13055"};
  tabular::Table table;
  table.header = {"Nom", "SIRET", "Forme juridique", "Code INSEE", "Secteurs", "ETP", "ESS", "Description"};
  table.rows.reserve(rows);
  for (int i = 0; i < rows; ++i) {
    table.rows.push_back({"Structure " + std::to_string(i), MakeSiret(i), "association", communes[i % 5],
                          "88.99B", "1,5", i % 2 ? "oui" : "non", "Activité d'utilité sociale numéro " +
                          std::to_string(i)});
    table.line_numbers.push_back(i + 2);
  }
  auto start = std::chrono::steady_clock::now();
  auto report = service_->ImportMembers(actor_, coordinator_, table, ImportMode::kApply);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[ import ] %d rows on %s in %.2f s\n", rows, GetParam().c_str(), seconds);
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->issues.empty()) << report->issues[0].message;
  EXPECT_TRUE(report->applied);
  EXPECT_EQ(report->created, rows);
  // The time is printed, not asserted: `make bench` measures imports on a quiet machine; a
  // test that fails when the machine is busy would only be noise.
  auto page = service_->ListMembers(actor_, coordinator_, {.text = "numero 4242", .per_page = 5});
  EXPECT_GE(page->total, 1);
  EXPECT_EQ(service_->ListMembers(actor_, coordinator_, {.per_page = 1})->total, rows);
}

// The in-memory directory index (on by default) and the SQL path must agree on every
// filter, sort and page.
TEST_P(MemberServiceTest, ListMembers_IndexAgreesWithSql) {
  const char* names[] = {"Économie Solidaire", "Atelier Vélo", "Zèbre Coop", "atelier bois", "Œuvre Sociale", "Ressourcerie"};
  const char* forms[] = {"association", "scop", "scic", "association", "foundation", "association"};
  const char* insertion[] = {"aci", "", "ei", "aci", "", "ea"};
  const char* communes[] = {"38185", "38151", "", "38185", "69123", "38563"};
  const char* joined[] = {"2021-01-02", "", "2020-05-05", "2021-01-02", "2023-07-01", ""};
  for (int i = 0; i < 6; ++i) {
    Create(MemberInput{.name = names[i], .legal_form = forms[i], .insertion_type = insertion[i],
                       .sectors = i % 2 ? "88.99B" : "38.32Z 47.79Z", .commune_insee = communes[i],
                       .priority_area = i % 3 ? "non" : "oui", .join_date = joined[i], .description = "coopération"});
    clock_.Advance(60);
  }
  auto archived = Create("Archivée Économie");
  ASSERT_TRUE(service_->ArchiveMember(actor_, coordinator_, archived.id).ok());
  MemberService sql_only(*pool_, clock_, *identity_, catalogue_, {.directory_cache_members = 0});
  std::vector<MemberQuery> queries = {
      {}, {.text = "economie"}, {.text = "ATELIER"}, {.text = "coop atelier"}, {.text = "100%_"},
      {.legal_forms = {"association", "scop"}}, {.insertion_types = {"none"}}, {.insertion_types = {"aci", "none"}},
      {.sectors = {"8899b"}}, {.sectors = {"47.79Z", "88.99B"}}, {.epcis = {"200040715"}}, {.priority_area = true},
      {.include_archived = true}, {.text = "economie", .include_archived = true},
      {.sort = MemberSort::kNameDesc}, {.sort = MemberSort::kCommune}, {.sort = MemberSort::kJoinDate},
      {.sort = MemberSort::kUpdated}, {.page = 2, .per_page = 2}, {.page = 9, .per_page = 2},
      {.legal_forms = {"association"}, .sort = MemberSort::kCommune, .page = 2, .per_page = 1}};
  for (const auto& q : queries) {
    auto fast = service_->ListMembers(actor_, coordinator_, q);
    auto slow = sql_only.ListMembers(actor_, coordinator_, q);
    ASSERT_TRUE(fast.ok() && slow.ok());
    EXPECT_EQ(fast->total, slow->total) << "query text=" << q.text;
    std::vector<std::int64_t> a, b;
    for (const auto& m : fast->items) a.push_back(m.id.value);
    for (const auto& m : slow->items) b.push_back(m.id.value);
    EXPECT_EQ(a, b) << "query text=" << q.text << " sort=" << static_cast<int>(q.sort);
  }
}

// A write made elsewhere (another application server on the same database) is seen at
// once: the index is rebuilt when the hub's directory version moved.
TEST_P(MemberServiceTest, ListMembers_SeesWritesOfAnotherServer) {
  Create("Première");
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Première"}));
  MemberService other_server(*pool_, clock_, *identity_, catalogue_);
  ASSERT_TRUE(other_server.CreateMember(actor_, coordinator_, {.name = "Seconde", .legal_form = "scop"}).ok());
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Première", "Seconde"}));
  auto first = service_->ListMembers(actor_, coordinator_, {}).value().items.front();
  ASSERT_TRUE(other_server.UpdateMember(actor_, coordinator_, first.id, first.version, {.name = "Zéro"}).ok());
  EXPECT_EQ(Names({}), (std::vector<std::string>{"Seconde", "Zéro"}));
}

TEST_P(MemberServiceTest, Statistics_CountsThisHubsActiveMembers) {
  Create(MemberInput{.name = "A", .legal_form = "scop", .is_ess = "oui", .insertion_type = "ei", .fte = "2,5"});
  Create(MemberInput{.name = "B", .legal_form = "scop", .priority_area = "oui", .fte = "1"});
  auto gone = Create("C");
  ASSERT_TRUE(service_->ArchiveMember(actor_, coordinator_, gone.id).ok());
  Create(MemberInput{.name = "Elsewhere", .legal_form = "sas"}, &other_hub_);
  auto stats = service_->Statistics(actor_, observer_);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->members, 2);
  EXPECT_EQ(stats->ess, 1);
  EXPECT_EQ(stats->insertion_structures, 1);
  EXPECT_EQ(stats->priority_area, 1);
  EXPECT_EQ(stats->fte_hundredths, 350);
  ASSERT_EQ(stats->by_legal_form.size(), 1u);
  EXPECT_EQ(stats->by_legal_form[0], (std::pair<std::string, std::int64_t>{"scop", 2}));
}

INSTANTIATE_TEST_SUITE_P(Databases, MemberServiceTest, ::testing::ValuesIn(testing::TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::members
