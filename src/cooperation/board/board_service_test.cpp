// The board's use cases on each database (SQLite, PostgreSQL when COOPOLE_TEST_PG_URL is
// set): posts and their validation, expiry, stale edits, notifications, suggestions accepted
// and dismissed, archived members, hub isolation and roles.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "coopole/cooperation/board.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::cooperation {
namespace {

class BoardServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    if (!catalogue_) catalogue_ = reference::Catalogue::LoadFrom(testing::ReferenceDir());
  }

  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    pool_ = db::Pool::Open(database_->url(), {.size = 4});
    db::Migrate(*pool_, identity::IdentityService::Migrations());
    db::Migrate(*pool_, hubs::HubService::Migrations());
    db::Migrate(*pool_, members::MemberService::Migrations());
    db::Migrate(*pool_, BoardService::Migrations());
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_, identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_, &members::MemberService::MemberBelongsToHub);
    members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_,
                                                        members::MemberServiceOptions{.directory_cache_members = 0});
    Directory directory{.active_members = members::MemberService::ActiveMembers,
                        .offered_resources = [this](db::Transaction&, std::optional<HubId>) { return resources_; },
                        .external_links = {}};
    service_ = std::make_unique<BoardService>(*pool_, clock_, *identity_, directory);
    auto user = identity_->CreateUser({.email = "claire@pole.fr", .name = "Claire", .password = "correct horse", .is_admin = true});
    admin_ = identity::Actor{.user = user->id, .name = "Claire", .is_admin = true};
    auto hub = hubs_->CreateHub(admin_, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    auto other = hubs_->CreateHub(admin_, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    actor_ = identity::Actor{.user = user->id, .name = "Claire"};
    coordinator_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kCoordinator, std::nullopt}};
    observer_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kObserver, std::nullopt}};
    other_hub_ = HubContext{other, identity::HubAccess{other.id, identity::Role::kCoordinator, std::nullopt}};
    cantine_ = AddMember(coordinator_, "Cantine Mistral", "56.10A", "38185");
    traiteur_ = AddMember(coordinator_, "Traiteur d'Insertion", "56.21Z", "38229");
    mobilite_ = AddMember(coordinator_, "Mobilité Pour Tous", "49.39B", "38169");
    theatre_ = AddMember(coordinator_, "Théâtre de la Rue", "90.01Z", "38185");
    lyon_ = AddMember(coordinator_, "Traiteur de Lyon", "56.10A", "69123");
    nordiste_ = AddMember(other_hub_, "Coopérative du Nord", "56.10A", "38185");
  }

  MemberId AddMember(const HubContext& hub, const std::string& name, const std::string& sectors,
                     const std::string& insee) {
    auto member = members_->CreateMember(
        admin_, hub, members::MemberInput{.name = name, .legal_form = "association", .sectors = sectors, .commune_insee = insee});
    EXPECT_TRUE(member.ok()) << (member.ok() ? "" : member.error().message);
    return member->id;
  }

  HubContext MemberRole(MemberId member) const {
    return HubContext{coordinator_.hub, identity::HubAccess{coordinator_.hub.id, identity::Role::kMember, member}};
  }

  Post Publish(MemberId member, const std::string& direction, const std::string& kind, const std::string& title) {
    PostInput in;
    in.member_id = std::to_string(member.value);
    in.direction = direction;
    in.kind = kind;
    in.title = title;
    auto post = service_->CreatePost(actor_, coordinator_, in);
    EXPECT_TRUE(post.ok()) << (post.ok() ? "" : post.error().message);
    return *post;
  }

  std::int64_t AuditCount() {
    auto tx = pool_->Begin(db::TxMode::kRead);
    return tx.Query("SELECT COUNT(*) FROM identity_audit_log").Int(0, 0);
  }

  static Timestamp Paris(int y, int mo, int d, int h) {
    return *TimeZone::Load("Europe/Paris")->ToUtc(LocalDateTime{Date{y, mo, d}, h * 60});
  }

  static inline std::shared_ptr<const reference::Catalogue> catalogue_;
  FakeClock clock_{Paris(2026, 11, 23, 10)};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<hubs::HubService> hubs_;
  std::unique_ptr<members::MemberService> members_;
  std::unique_ptr<BoardService> service_;
  std::vector<OfferedResource> resources_;
  identity::Actor admin_, actor_;
  HubContext coordinator_, observer_, other_hub_;
  MemberId cantine_, traiteur_, mobilite_, theatre_, lyon_, nordiste_;
};

TEST_P(BoardServiceTest, PublishDefaultsToTheMembersTerritoryAndSectors) {
  PostInput in;
  in.direction = "need";
  in.kind = "equipment";
  in.title = "Camion frigorifique le mardi";
  in.recurrence = "le mardi";
  auto post = service_->CreatePost(actor_, MemberRole(cantine_), in);
  ASSERT_TRUE(post.ok()) << post.error().message;
  EXPECT_EQ(post->member, cantine_);
  EXPECT_EQ(post->commune_insee, "38185");
  EXPECT_FALSE(post->epci_siren.empty());
  EXPECT_EQ(post->sectors, (std::vector<std::string>{"56.10A"}));
  EXPECT_EQ(post->expires_on, (Date{2027, 2, 21}));
  auto read = service_->GetPost(actor_, observer_, post->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->recurrence, "le mardi");
  EXPECT_EQ(read->member_name, "Cantine Mistral");
}

TEST_P(BoardServiceTest, InvalidInputIs422NamingTheFieldsAndWritesNothing) {
  const auto before = AuditCount();
  PostInput in;
  in.member_id = std::to_string(cantine_.value);
  in.kind = "van";
  auto post = service_->CreatePost(actor_, coordinator_, in);
  ASSERT_FALSE(post.ok());
  EXPECT_EQ(post.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(post.error().fields.at("kind"), "validation.kind");
  EXPECT_EQ(post.error().fields.at("title"), "validation.required");
  EXPECT_EQ(post.error().fields.at("direction"), "validation.required");
  in = {.member_id = std::to_string(nordiste_.value), .direction = "need", .kind = "skill", .title = "X"};
  post = service_->CreatePost(actor_, coordinator_, in);
  ASSERT_FALSE(post.ok());
  EXPECT_EQ(post.error().fields.at("member_id"), "validation.member") << "a member of another hub";
  EXPECT_EQ(AuditCount(), before);
  auto page = service_->ListPosts(actor_, coordinator_, {.open_only = false});
  EXPECT_EQ(page->total, 0);
}

TEST_P(BoardServiceTest, RolesAndHubs) {
  PostInput in{.member_id = std::to_string(traiteur_.value), .direction = "offer", .kind = "skill", .title = "Cuisine"};
  auto denied = service_->CreatePost(actor_, MemberRole(cantine_), in);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied) << "members post for their own organisation";
  auto observed = service_->CreatePost(actor_, observer_, in);
  EXPECT_EQ(observed.error().code, ErrorCode::kPermissionDenied);
  auto post = Publish(cantine_, "need", "equipment", "Camion");
  EXPECT_EQ(service_->GetPost(actor_, other_hub_, post.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->ClosePost(actor_, other_hub_, post.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->ClosePost(actor_, MemberRole(traiteur_), post.id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->AddComment(actor_, observer_, post.id, "Bonjour").error().code, ErrorCode::kPermissionDenied);
}

TEST_P(BoardServiceTest, StaleEditIs409AndCloseReopen) {
  auto post = Publish(cantine_, "need", "equipment", "Camion");
  PostInput edit{.title = "Camion frigorifique"};
  auto saved = service_->UpdatePost(actor_, coordinator_, post.id, post.version, edit);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->version, post.version + 1);
  auto stale = service_->UpdatePost(actor_, coordinator_, post.id, post.version, edit);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().fields.count("version"), 1u);
  auto closed = service_->ClosePost(actor_, MemberRole(cantine_), post.id);
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->Open());
  EXPECT_EQ(service_->ListPosts(actor_, coordinator_, {})->total, 0);
  EXPECT_EQ(service_->ListPosts(actor_, coordinator_, {.open_only = false})->total, 1);
  EXPECT_TRUE(service_->ReopenPost(actor_, coordinator_, post.id)->Open());
}

TEST_P(BoardServiceTest, ExpiredPostsAreNotOpenUntilReopened) {
  PostInput in{.member_id = std::to_string(cantine_.value), .direction = "need", .kind = "equipment",
               .title = "Camion", .expires_on = "2026-11-30"};
  auto post = service_->CreatePost(actor_, coordinator_, in);
  ASSERT_TRUE(post.ok());
  EXPECT_EQ(service_->ListPosts(actor_, coordinator_, {})->total, 1);
  clock_.Advance(8 * 86400);  // 1 December
  EXPECT_EQ(service_->ListPosts(actor_, coordinator_, {})->total, 0);
  EXPECT_TRUE(service_->GetPost(actor_, coordinator_, post->id)->expired);
  auto reopened = service_->ReopenPost(actor_, coordinator_, post->id);
  ASSERT_TRUE(reopened.ok());
  EXPECT_TRUE(reopened->Open());
  EXPECT_EQ(reopened->expires_on, (Date{2027, 3, 1}));
}

TEST_P(BoardServiceTest, ListFiltersAccentInsensitiveText) {
  Publish(cantine_, "need", "equipment", "Réfrigérateur professionnel");
  Publish(traiteur_, "offer", "skill", "Formation hygiène");
  auto page = service_->ListPosts(actor_, coordinator_, {.text = "REFRIGERATEUR"});
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].title, "Réfrigérateur professionnel");
  EXPECT_EQ(service_->ListPosts(actor_, coordinator_, {.direction = Direction::kOffer})->total, 1);
  EXPECT_EQ(service_->ListPosts(actor_, coordinator_, {.kind = "skill"})->total, 1);
  EXPECT_EQ(service_->ListPosts(actor_, coordinator_, {.member = cantine_})->total, 1);
  EXPECT_EQ(service_->ListPosts(actor_, coordinator_, {.per_page = 1})->items.size(), 1u);
}

TEST_P(BoardServiceTest, NotificationsGoToFittingMembersOnly) {
  resources_ = {{coordinator_.hub.id, mobilite_, "equipment", "vehicle", "Fourgon", "", "Fontaine"}};
  std::vector<Notification> told;
  service_->SetNotificationListener([&](db::Transaction&, const Notification& n, const Post&) { told.push_back(n); });
  auto post = Publish(cantine_, "need", "equipment", "Camion frigorifique");
  // Traiteur: same sector division (56) and EPCI; Mobilité: offers a vehicle in the EPCI.
  // Théâtre: unrelated; Lyon: same sector far away; the Cantine itself: never.
  auto traiteur = service_->ListNotifications(actor_, MemberRole(traiteur_), std::nullopt, true);
  ASSERT_TRUE(traiteur.ok());
  ASSERT_EQ(traiteur->size(), 1u);
  EXPECT_EQ((*traiteur)[0].post, post.id);
  EXPECT_EQ((*traiteur)[0].reason, "sector");
  EXPECT_EQ(service_->ListNotifications(actor_, MemberRole(mobilite_), std::nullopt, true)->at(0).reason, "kind");
  EXPECT_TRUE(service_->ListNotifications(actor_, MemberRole(theatre_), std::nullopt, true)->empty());
  EXPECT_TRUE(service_->ListNotifications(actor_, MemberRole(lyon_), std::nullopt, true)->empty());
  EXPECT_TRUE(service_->ListNotifications(actor_, MemberRole(cantine_), std::nullopt, true)->empty());
  EXPECT_EQ(told.size(), 2u);
  ASSERT_TRUE(service_->MarkNotificationsRead(actor_, MemberRole(traiteur_), std::nullopt, std::nullopt).ok());
  EXPECT_TRUE(service_->ListNotifications(actor_, MemberRole(traiteur_), std::nullopt, true)->empty());
  EXPECT_EQ(service_->ListNotifications(actor_, MemberRole(traiteur_), traiteur_, false)->size(), 1u);
  EXPECT_EQ(service_->ListNotifications(actor_, MemberRole(traiteur_), cantine_, false).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_P(BoardServiceTest, AcceptRecordsACooperationAndItIsNotSuggestedAgain) {
  auto need = Publish(cantine_, "need", "equipment", "Camion frigorifique le mardi");
  auto offer = Publish(mobilite_, "offer", "equipment", "Camion frigorifique 12 m3");
  const std::string key = "post:" + std::to_string(need.id.value) + "-post:" + std::to_string(offer.id.value);
  auto list = service_->Suggestions(actor_, coordinator_, {});
  ASSERT_TRUE(list.ok());
  ASSERT_FALSE(list->items.empty());
  EXPECT_EQ(list->items[0].key, key);
  // Observers read; another member is not involved; a member involved accepts.
  EXPECT_EQ(service_->AcceptSuggestion(actor_, observer_, key).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->AcceptSuggestion(actor_, MemberRole(theatre_), key).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->AcceptSuggestion(actor_, other_hub_, key).error().code, ErrorCode::kNotFound);
  auto cooperation = service_->AcceptSuggestion(actor_, MemberRole(mobilite_), key);
  ASSERT_TRUE(cooperation.ok()) << cooperation.error().message;
  EXPECT_EQ(cooperation->kind, "suggestion");
  EXPECT_EQ(cooperation->source_key, key);
  auto all = service_->ListCooperations(actor_, observer_);
  ASSERT_EQ(all->size(), 1u);
  auto members = (*all)[0].members;
  std::sort(members.begin(), members.end(), [](MemberId a, MemberId b) { return a.value < b.value; });
  EXPECT_EQ(members, (std::vector<MemberId>{cantine_, mobilite_}));
  auto after = service_->Suggestions(actor_, coordinator_, {});
  ASSERT_TRUE(after.ok());
  for (const auto& s : after->items) EXPECT_NE(s.key, key);
  EXPECT_EQ(service_->AcceptSuggestion(actor_, coordinator_, key).error().code, ErrorCode::kNotFound);
}

TEST_P(BoardServiceTest, DismissedSuggestionsDoNotComeBackAndMembersSeeTheirOwn) {
  auto need = Publish(cantine_, "need", "equipment", "Camion frigorifique");
  auto offer = Publish(mobilite_, "offer", "equipment", "Camion frigorifique");
  const std::string key = "post:" + std::to_string(need.id.value) + "-post:" + std::to_string(offer.id.value);
  EXPECT_EQ(service_->Suggestions(actor_, MemberRole(theatre_), {})->total, 0);
  EXPECT_GE(service_->Suggestions(actor_, MemberRole(cantine_), {})->total, 1);
  ASSERT_TRUE(service_->DismissSuggestion(actor_, MemberRole(cantine_), key, "déjà équipés").ok());
  auto after = service_->Suggestions(actor_, coordinator_, {});
  ASSERT_TRUE(after.ok());
  for (const auto& s : after->items) EXPECT_NE(s.key, key);
  EXPECT_EQ(service_->DismissSuggestion(actor_, coordinator_, "post:x", "").error().code, ErrorCode::kNotFound);
}

TEST_P(BoardServiceTest, ArchivedMembersNeverAppear) {
  Publish(cantine_, "need", "equipment", "Camion frigorifique");
  Publish(mobilite_, "offer", "equipment", "Camion frigorifique");
  ASSERT_TRUE(members_->ArchiveMember(admin_, coordinator_, mobilite_).ok());
  auto hub_list = service_->Suggestions(actor_, coordinator_, {});
  ASSERT_TRUE(hub_list.ok());
  for (const auto& s : hub_list->items)
    EXPECT_EQ(std::count(s.members.begin(), s.members.end(), mobilite_), 0) << s.key;
  auto installation = service_->InstallationSuggestions(admin_, {});
  ASSERT_TRUE(installation.ok());
  for (const auto& s : installation->items) EXPECT_EQ(std::count(s.members.begin(), s.members.end(), mobilite_), 0);
  EXPECT_EQ(service_->InstallationSuggestions(actor_, {}).error().code, ErrorCode::kPermissionDenied);
}

TEST_P(BoardServiceTest, RecordCooperationByHand) {
  CooperationInput in{.title = "Traiteur partagé", .started_on = "2026-10-01",
                      .member_ids = {std::to_string(cantine_.value), std::to_string(traiteur_.value)}};
  auto c = service_->RecordCooperation(actor_, MemberRole(cantine_), in);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->kind, "other");
  EXPECT_EQ(service_->RecordCooperation(actor_, MemberRole(theatre_), in).error().code, ErrorCode::kPermissionDenied);
  CooperationInput alone{.title = "Seul", .member_ids = {std::to_string(cantine_.value)}};
  EXPECT_EQ(service_->RecordCooperation(actor_, coordinator_, alone).error().fields.at("member_ids"),
            "validation.members_min");
  CooperationInput foreign{.title = "X", .member_ids = {std::to_string(cantine_.value), std::to_string(nordiste_.value)}};
  EXPECT_EQ(service_->RecordCooperation(actor_, coordinator_, foreign).error().fields.at("member_ids"),
            "validation.member");
  EXPECT_EQ(service_->ListCooperations(actor_, coordinator_)->size(), 1u);
  EXPECT_TRUE(service_->ListCooperations(actor_, other_hub_)->empty());
}

TEST_P(BoardServiceTest, CommentsAreKeptAsWritten) {
  auto post = Publish(cantine_, "need", "premises", "Salle de réunion");
  auto c = service_->AddComment(actor_, MemberRole(theatre_), post.id, "<b>Notre salle</b> est libre");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(service_->AddComment(actor_, coordinator_, post.id, "  ").error().fields.at("body"), "validation.required");
  auto list = service_->ListComments(actor_, observer_, post.id);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].body, "<b>Notre salle</b> est libre");
  EXPECT_EQ((*list)[0].member, theatre_);
}

INSTANTIATE_TEST_SUITE_P(Databases, BoardServiceTest, ::testing::ValuesIn(testing::TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::cooperation
