// The users of a hub (coordinators): who holds which role, adding someone with a role,
// withdrawing a role. Pages and JSON API call the same HubService use cases.
#include <nlohmann/json.hpp>

#include "hubs_web.h"

namespace coopole::hubs::web {
namespace {

namespace cw = coopole::web;
using cw::HubRequest;

struct AddUserRequest {
  identity::NewUser user;
  std::string role_text;
  std::string member_text;
};

// Role and organisation of an add request, or the field errors.
Result<std::pair<identity::Role, std::optional<MemberId>>> RoleOf(const AddUserRequest& in) {
  auto role = identity::ParseRole(in.role_text);
  if (!role) return Error::Invalid({{"role", "validation.choice"}});
  std::optional<MemberId> member;
  if (!in.member_text.empty()) {
    auto id = cw::ParseId(in.member_text);
    if (!id) return Error::Invalid({{"member", "validation.choice"}});
    member = MemberId{*id};
  }
  return std::make_pair(*role, member);
}

// The user added and the role they now hold.
Result<std::pair<identity::User, identity::HubAccess>> AddUser(const Dependencies& deps, const HubRequest& in,
                                                              const AddUserRequest& request) {
  auto role = RoleOf(request);
  if (!role.ok()) return role.error();
  auto user = deps.hubs.AddUser(in.actor, in.hub, request.user, role->first, role->second);
  if (!user.ok()) return user.error();
  std::optional<MemberId> member = role->first == identity::Role::kMember ? role->second : std::nullopt;
  return std::make_pair(*user, identity::HubAccess{in.hub.hub.id, role->first, member});
}

nlohmann::json UserJson(const identity::User& user, const identity::HubAccess& access) {
  nlohmann::json j = {{"id", user.id.value}, {"email", user.email}, {"name", user.name},
                      {"role", identity::RoleName(access.role)}};
  j["member_id"] = access.member ? nlohmann::json(access.member->value) : nlohmann::json(nullptr);
  return j;
}

http::Response UsersPage(const Dependencies& deps, http::Request& req, const HubRequest& in,
                         const AddUserRequest* typed, const Error* error) {
  auto users = deps.hubs.ListUsers(in.actor, in.hub);
  if (!users.ok()) return deps.shell.ErrorResponse(req, users.error());
  auto choices = deps.member_choices(in.actor, in.hub);
  std::map<std::int64_t, std::string> member_names(choices.begin(), choices.end());
  render::View v;
  render::ViewList rows;
  for (const auto& [user, access] : *users) {
    render::View row;
    row.set("id", std::to_string(user.id.value));
    row.set("name", user.name);
    row.set("email", user.email);
    row.set("role_label", deps.shell.Translate(in.lang, std::string("roles.") + identity::RoleName(access.role)));
    row.set("member_name", access.member && member_names.count(access.member->value)
                               ? member_names[access.member->value] : std::string());
    row.set("is_self", user.id == in.actor.user);
    rows.push_back(std::move(row));
  }
  v.set("users", rows);
  v.set("email", typed ? typed->user.email : "");
  v.set("name", typed ? typed->user.name : "");
  const std::string chosen_role = typed ? typed->role_text : "member";
  render::ViewList roles;
  for (auto role : {identity::Role::kCoordinator, identity::Role::kMember, identity::Role::kObserver}) {
    render::View option;
    option.set("value", identity::RoleName(role));
    option.set("label", deps.shell.Translate(in.lang, std::string("roles.") + identity::RoleName(role)));
    option.set("selected", chosen_role == identity::RoleName(role));
    roles.push_back(std::move(option));
  }
  v.set("roles", roles);
  render::ViewList members;
  for (const auto& [id, name] : choices) {
    render::View option;
    option.set("value", std::to_string(id));
    option.set("label", name);
    option.set("selected", typed && typed->member_text == std::to_string(id));
    members.push_back(std::move(option));
  }
  v.set("members", members);
  int status = 200;
  if (error) {
    deps.shell.AddFieldErrors(v, *error, in.lang, "users.");
    status = cw::StatusFor(error->code);
  }
  return deps.shell.Page(req, "hubs/users", std::move(v), "users.title", &in.hub, status);
}

}  // namespace

void RegisterUserRoutes(http::Router& router, const Dependencies& deps) {
  auto page = [deps](cw::HubHandler handler) {
    return cw::InHub(deps.hubs, deps.shell, cw::Answer::kPage, std::move(handler));
  };
  auto json = [deps](cw::HubHandler handler) {
    return cw::InHub(deps.hubs, deps.shell, cw::Answer::kJson, std::move(handler));
  };

  router.Add(http::Method::kGet, "/hubs/{hub}/users", page([deps](http::Request& req, const HubRequest& in) {
    return UsersPage(deps, req, in, nullptr, nullptr);
  }));

  router.Add(http::Method::kPost, "/hubs/{hub}/users", page([deps](http::Request& req, const HubRequest& in) {
    auto form = cw::ParseForm(req);
    if (!form.ok()) return deps.shell.ErrorResponse(req, form.error());
    AddUserRequest request;
    request.user.email = http::FormValue(*form, "email").value_or("");
    request.user.name = http::FormValue(*form, "name").value_or("");
    request.user.password = http::FormValue(*form, "password").value_or("");
    request.role_text = http::FormValue(*form, "role").value_or("");
    request.member_text = http::FormValue(*form, "member").value_or("");
    auto added = AddUser(deps, in, request);
    if (!added.ok()) {
      if (added.error().code == ErrorCode::kPermissionDenied) return deps.shell.ErrorResponse(req, added.error());
      request.user.password.clear();  // never echoed back
      return UsersPage(deps, req, in, &request, &added.error());
    }
    return http::Response::Redirect("/hubs/" + in.hub.hub.slug + "/users?notice=saved");
  }));

  router.Add(http::Method::kPost, "/hubs/{hub}/users/{user}/remove",
             page([deps](http::Request& req, const HubRequest& in) {
               auto id = cw::ParseId(req.Param("user"));
               if (!id) return deps.shell.ErrorResponse(req, Error::NotFound("user"));
               auto removed = deps.hubs.RemoveUser(in.actor, in.hub, identity::UserId{*id});
               if (!removed.ok()) return deps.shell.ErrorResponse(req, removed.error());
               return http::Response::Redirect("/hubs/" + in.hub.hub.slug + "/users?notice=saved");
             }));

  router.Add(http::Method::kGet, "/api/v1/hubs/{hub}/users", json([deps](http::Request& req, const HubRequest& in) {
    auto users = deps.hubs.ListUsers(in.actor, in.hub);
    if (!users.ok()) return deps.shell.JsonError(req, users.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& [user, access] : *users) items.push_back(UserJson(user, access));
    return cw::JsonResponse({{"items", items}});
  }));

  router.Add(http::Method::kPost, "/api/v1/hubs/{hub}/users", json([deps](http::Request& req, const HubRequest& in) {
    auto body = cw::ParseJsonObject(req);
    if (!body.ok()) return deps.shell.JsonError(req, body.error());
    AddUserRequest request;
    std::pair<const char*, std::string*> fields[] = {{"email", &request.user.email},
                                                     {"name", &request.user.name},
                                                     {"password", &request.user.password},
                                                     {"role", &request.role_text},
                                                     {"member_id", &request.member_text}};
    for (auto& [name, target] : fields) {
      auto value = cw::JsonText(*body, name);
      if (!value.ok()) return deps.shell.JsonError(req, value.error());
      *target = value->value_or("");
    }
    auto added = AddUser(deps, in, request);
    if (!added.ok()) return deps.shell.JsonError(req, added.error());
    return cw::JsonResponse(UserJson(added->first, added->second), 201);
  }));

  router.Add(http::Method::kDelete, "/api/v1/hubs/{hub}/users/{user}",
             json([deps](http::Request& req, const HubRequest& in) {
               auto id = cw::ParseId(req.Param("user"));
               if (!id) return deps.shell.JsonError(req, Error::NotFound("user"));
               auto removed = deps.hubs.RemoveUser(in.actor, in.hub, identity::UserId{*id});
               if (!removed.ok()) return deps.shell.JsonError(req, removed.error());
               return http::Response{204, "application/json", {}, ""};
             }));
}

}  // namespace coopole::hubs::web
