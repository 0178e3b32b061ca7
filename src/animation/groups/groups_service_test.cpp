// Group use cases on both databases: creating with members, people and lead; validation
// (422 naming the field); roles (member joins its own organisation only, lead edits, observer
// reads); hub isolation; stale versions; statuses; decisions and links; search and pages;
// meetings; GroupInvitees.
#include <nlohmann/json.hpp>

#include "groups_test_fixture.h"

namespace coopole::animation {
namespace {

TEST_P(GroupServiceTest, CreatesAGroupWithItsOrganisationsPeopleAndLead) {
  auto created = CreateFood();
  auto group = service_->GetGroup(actor_, observer_, created.id);
  ASSERT_TRUE(group.ok());
  EXPECT_EQ(group->name, "Alimentation durable");
  EXPECT_EQ(group->status, GroupStatus::kActive);
  ASSERT_EQ(group->members.size(), 2u);
  EXPECT_EQ(group->members[0].name, "Épicerie Solidaire du Vercors");  // by folded name: É sorts as E
  ASSERT_EQ(group->people.size(), 2u);
  EXPECT_EQ(group->people[0].name, "Alice Martin");
  EXPECT_EQ(group->people[0].member_name, "Épicerie Solidaire du Vercors");
  EXPECT_EQ(group->lead_member, epicerie_);
  EXPECT_EQ(group->lead_member_name, "Épicerie Solidaire du Vercors");
  EXPECT_EQ(group->lead_person_name, "Alice Martin");
}

TEST_P(GroupServiceTest, InvalidInputIs422NamingEachFieldAndWritesNothing) {
  auto in = Food();
  in.name = "  ";
  in.member_ids = std::vector<std::string>{Id(epicerie_), Id(epicerie_)};
  in.person_ids = std::vector<std::string>{Id(nadia_)};  // of another hub
  in.lead_person_id = Id(bruno_);                          // not among the group's people
  auto r = service_->CreateGroup(actor_, coordinator_, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields.at("name"), "validation.required");
  EXPECT_EQ(r.error().fields.at("member_ids"), "animation.groups.error.twice");
  EXPECT_EQ(r.error().fields.at("person_ids"), "animation.groups.error.unknown_person");
  EXPECT_EQ(r.error().fields.at("lead_person_id"), "animation.groups.error.lead_not_member");
  auto lead = Food();
  lead.lead_member_id = Id(ressourcerie_);  // a member of the hub, not of the group
  auto r2 = service_->CreateGroup(actor_, coordinator_, lead);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().fields.at("lead_member_id"), "animation.groups.error.lead_not_member");
  EXPECT_EQ(service_->ListGroups(actor_, coordinator_, {})->total, 0);
}

TEST_P(GroupServiceTest, APersonOfAnArchivedOrganisationIs422) {
  ASSERT_TRUE(members_->ArchiveMember(actor_, coordinator_, ressourcerie_).ok());
  auto in = Food();
  in.person_ids = std::vector<std::string>{Id(alice_), Id(emma_)};
  auto r = service_->CreateGroup(actor_, coordinator_, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at("person_ids"), "animation.groups.error.unknown_person");
}

TEST_P(GroupServiceTest, AMemberJoinsAndLeavesWithItsOwnOrganisationOnly) {
  auto group = CreateFood();
  auto as_ressourcerie = MemberRole(ressourcerie_);
  auto joined = service_->JoinMember(actor_, as_ressourcerie, group.id, Id(ressourcerie_));
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_EQ(joined->members.size(), 3u);
  auto person = service_->JoinPerson(actor_, as_ressourcerie, group.id, Id(emma_));
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->people.size(), 3u);
  // Not someone else's organisation or people.
  auto other = service_->JoinPerson(actor_, as_ressourcerie, group.id, Id(bruno_));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  auto kick = service_->LeaveMember(actor_, as_ressourcerie, group.id, garage_);
  ASSERT_FALSE(kick.ok());
  EXPECT_EQ(kick.error().code, ErrorCode::kPermissionDenied);
  // Nor edit a group it does not lead.
  auto edit = service_->UpdateGroup(actor_, as_ressourcerie, group.id, person->version, {.name = "Autre"});
  ASSERT_FALSE(edit.ok());
  EXPECT_EQ(edit.error().code, ErrorCode::kPermissionDenied);
  // Leaving takes its people along.
  auto left = service_->LeaveMember(actor_, as_ressourcerie, group.id, ressourcerie_);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->members.size(), 2u);
  EXPECT_EQ(left->people.size(), 2u);
}

TEST_P(GroupServiceTest, TheLeadOrganisationEditsTheGroupAndObserversOnlyRead) {
  auto group = CreateFood();
  auto lead = service_->UpdateGroup(actor_, MemberRole(epicerie_), group.id, group.version,
                                    {.theme = "Circuits courts et cantines"});
  ASSERT_TRUE(lead.ok()) << lead.error().message;
  EXPECT_EQ(lead->theme, "Circuits courts et cantines");
  EXPECT_EQ(lead->version, group.version + 1);
  auto observer = service_->UpdateGroup(actor_, observer_, group.id, lead->version, {.theme = "x"});
  ASSERT_FALSE(observer.ok());
  EXPECT_EQ(observer.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->CreateGroup(actor_, observer_, Food()).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->JoinMember(actor_, observer_, group.id, Id(ressourcerie_)).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_P(GroupServiceTest, AnotherHubsGroupIs404) {
  auto group = CreateFood();
  // Another hub's organisation is not in the group: 404, not a silent success.
  EXPECT_EQ(service_->LeaveMember(actor_, coordinator_, group.id, nordiste_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->LeavePerson(actor_, coordinator_, group.id, nadia_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->JoinPerson(actor_, coordinator_, group.id, Id(nadia_)).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_->JoinMember(actor_, coordinator_, group.id, Id(nordiste_)).error().code, ErrorCode::kInvalidArgument);
  auto foreign_lead = Food();
  foreign_lead.member_ids = std::vector<std::string>{Id(epicerie_), Id(nordiste_)};
  foreign_lead.person_ids = std::vector<std::string>{Id(alice_), Id(nadia_)};
  foreign_lead.lead_member_id = Id(nordiste_);
  foreign_lead.lead_person_id = Id(nadia_);
  auto refused = service_->CreateGroup(actor_, coordinator_, foreign_lead);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at("member_ids"), "animation.groups.error.not_member");
  EXPECT_EQ(refused.error().fields.at("person_ids"), "animation.groups.error.unknown_person");
  EXPECT_EQ(refused.error().fields.at("lead_member_id"), "animation.groups.error.lead_not_member");
  EXPECT_EQ(refused.error().fields.at("lead_person_id"), "animation.groups.error.lead_not_member");
  EXPECT_EQ(service_->GetGroup(actor_, other_hub_, group.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->UpdateGroup(actor_, other_hub_, group.id, group.version, {.name = "x"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->ListGroups(actor_, other_hub_, {})->total, 0);
}

TEST_P(GroupServiceTest, AStaleVersionIs409AndWritesNothing) {
  auto group = CreateFood();
  ASSERT_TRUE(service_->UpdateGroup(actor_, coordinator_, group.id, group.version, {.theme = "Nouveau"}).ok());
  auto stale = service_->UpdateGroup(actor_, coordinator_, group.id, group.version, {.theme = "Ancien"});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().fields.at("version"), "validation.stale");
  EXPECT_EQ(service_->GetGroup(actor_, coordinator_, group.id)->theme, "Nouveau");
}

TEST_P(GroupServiceTest, StatusesFollowTheRules) {
  auto group = CreateFood();
  auto closed = service_->ChangeStatus(actor_, coordinator_, group.id, group.version, "closed");
  ASSERT_TRUE(closed.ok());
  auto paused = service_->ChangeStatus(actor_, coordinator_, group.id, closed->version, "paused");
  ASSERT_FALSE(paused.ok());
  EXPECT_EQ(paused.error().fields.at("status"), "animation.groups.error.transition");
  EXPECT_EQ(service_->ChangeStatus(actor_, coordinator_, group.id, closed->version, "nope").error().fields.at("status"),
            "validation.choice");
  EXPECT_TRUE(service_->ChangeStatus(actor_, coordinator_, group.id, closed->version, "active").ok());
}

TEST_P(GroupServiceTest, DecisionsAndLinksAreCheckedAndShown) {
  auto group = CreateFood();
  AddEvent(41, coordinator_.hub.id, "working_group", group.id, std::nullopt, "held", Paris(2026, 11, 20, 14, 0));
  AddEvent(42, other_hub_.hub.id, "meeting", std::nullopt, std::nullopt, "held", Paris(2026, 11, 21, 14, 0));
  auto decided = service_->AddDecision(actor_, MemberRole(epicerie_), group.id,
                                       {"2026-11-20", "Commande groupée de légumes", "41"});
  ASSERT_TRUE(decided.ok()) << decided.error().message;
  ASSERT_EQ(decided->decisions.size(), 1u);
  EXPECT_EQ(decided->decisions[0].event, EventId{41});
  auto foreign = service_->AddDecision(actor_, coordinator_, group.id, {"2026-13-01", "", "42"});
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().fields.at("decided_on"), "validation.date");
  EXPECT_EQ(foreign.error().fields.at("text"), "validation.required");
  EXPECT_EQ(foreign.error().fields.at("event_id"), "animation.groups.error.unknown_event");
  auto bad_link = service_->AddLink(actor_, coordinator_, group.id, {"Compte rendu", "javascript:alert(1)"});
  ASSERT_FALSE(bad_link.ok());
  EXPECT_EQ(bad_link.error().fields.at("url"), "animation.groups.error.url");
  auto link = service_->AddLink(actor_, coordinator_, group.id, {"Compte rendu", "https://pad.example.org/cr"});
  ASSERT_TRUE(link.ok());
  ASSERT_EQ(link->links.size(), 1u);
  auto page = service_->GetGroup(actor_, observer_, group.id);
  ASSERT_EQ(page->meetings.size(), 1u);
  EXPECT_EQ(page->meetings[0].id, EventId{41});
  auto removed = service_->RemoveLink(actor_, coordinator_, group.id, link->links[0].id);
  ASSERT_TRUE(removed.ok());
  EXPECT_TRUE(removed->links.empty());
}

TEST_P(GroupServiceTest, SearchIsAccentInsensitiveWithStatusFilterAndPages) {
  CreateFood();
  auto mobility = Food();
  mobility.name = "Mobilité solidaire";
  mobility.theme = "Déplacements";
  ASSERT_TRUE(service_->CreateGroup(actor_, coordinator_, mobility).ok());
  auto employment = Food();
  employment.name = "Emploi et insertion";
  employment.theme = "Accès à l'emploi";
  auto emp = service_->CreateGroup(actor_, coordinator_, employment);
  ASSERT_TRUE(service_->ChangeStatus(actor_, coordinator_, emp->id, emp->version, "paused").ok());
  auto found = service_->ListGroups(actor_, observer_, {.search = "MOBILITE"});
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->items[0].name, "Mobilité solidaire");
  EXPECT_EQ(service_->ListGroups(actor_, observer_, {.search = "deplacement"})->total, 1);
  EXPECT_EQ(service_->ListGroups(actor_, observer_, {.status = GroupStatus::kPaused})->total, 1);
  auto second = service_->ListGroups(actor_, observer_, {.page = 2, .per_page = 2});
  EXPECT_EQ(second->total, 3);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].name, "Mobilité solidaire");
  EXPECT_EQ(second->items[0].members.size(), 2u);
}

TEST_P(GroupServiceTest, InviteesAreThePeopleAndTheOrganisationsPeopleEachOnce) {
  auto group = CreateFood();  // épicerie (Alice, Bruno) + garage (Chloé, David); Alice and Chloé named
  ASSERT_TRUE(members_->ArchivePerson(actor_, coordinator_, david_).ok());
  auto tx = pool_->Begin(db::TxMode::kRead);
  auto invitees = GroupService::GroupInvitees(tx, coordinator_.hub.id, group.id);
  EXPECT_EQ(invitees, (std::vector<PersonId>{alice_, bruno_, chloe_}));
  EXPECT_TRUE(GroupService::GroupInvitees(tx, other_hub_.hub.id, group.id).empty());
  EXPECT_TRUE(GroupService::GroupInHub(tx, coordinator_.hub.id, group.id));
  EXPECT_FALSE(GroupService::GroupInHub(tx, other_hub_.hub.id, group.id));
}

// The answer of a change shows the lead as stored: when the lead organisation leaves, its
// name goes with it (it once stayed in the answer and in the audit while the id was gone),
// and organisations joined later come in name order.
TEST_P(GroupServiceTest, LeavingTheLeadClearsItsNamesAndTheAnswerStaysByName) {
  auto group = CreateFood();  // the épicerie (lead, with Alice) and the garage
  auto left = service_->LeaveMember(actor_, MemberRole(epicerie_), group.id, epicerie_);
  ASSERT_TRUE(left.ok()) << left.error().message;
  EXPECT_FALSE(left->lead_member.has_value());
  EXPECT_EQ(left->lead_member_name, "");
  EXPECT_FALSE(left->lead_person.has_value());
  EXPECT_EQ(left->lead_person_name, "");
  EXPECT_EQ(service_->GetGroup(actor_, observer_, group.id)->lead_member_name, "");
  auto audit = identity_->ListAudit(actor_, coordinator_.access, 1, 0);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].entry.action, "leave");
  const auto after = nlohmann::json::parse((*audit)[0].entry.after_json);
  EXPECT_EQ(after["lead_member_name"], "");
  EXPECT_EQ(after["lead_person_name"], "");
  EXPECT_EQ(nlohmann::json::parse((*audit)[0].entry.before_json)["lead_member_name"], "Épicerie Solidaire du Vercors");
  // Joining again: the épicerie comes before the garage in the answer, as in GetGroup.
  auto back = service_->JoinMember(actor_, MemberRole(epicerie_), group.id, "");
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->members.size(), 2u);
  EXPECT_EQ(back->members[0].name, "Épicerie Solidaire du Vercors");
  EXPECT_EQ(back->members[1].name, "Garage Solidaire");
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupServiceTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::animation
