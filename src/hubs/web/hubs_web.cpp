#include "hubs_web.h"

#include <nlohmann/json.hpp>

namespace coopole::hubs::web {
namespace {

using coopole::web::RequirePrincipal;
using coopole::web::LanguageOf;

nlohmann::json HubJson(const Hub& hub, const identity::HubAccess* access) {
  nlohmann::json j = {{"id", hub.id.value},           {"slug", hub.slug},
                      {"name", hub.name},             {"territory", hub.territory},
                      {"description", hub.description}, {"time_zone", hub.time_zone},
                      {"created_at", FormatIsoUtc(hub.created_at)}, {"updated_at", FormatIsoUtc(hub.updated_at)},
                      {"version", hub.version}};
  j["lead_member_id"] = hub.lead_member ? nlohmann::json(hub.lead_member->value) : nlohmann::json(nullptr);
  if (access) j["role"] = identity::RoleName(access->role);
  return j;
}

render::View HubView(const Hub& hub) {
  render::View v;
  v.set("slug", hub.slug);
  v.set("name", hub.name);
  v.set("territory", hub.territory);
  v.set("description", hub.description);
  v.set("time_zone", hub.time_zone);
  v.set("version", std::to_string(hub.version));
  v.set("lead_member", hub.lead_member ? std::to_string(hub.lead_member->value) : "");
  return v;
}

// Form fields to input; every field of the form is present, so absent means empty.
HubInput FormInput(const http::FormFields& form) {
  HubInput in;
  in.slug = http::FormValue(form, "slug");
  in.name = http::FormValue(form, "name");
  in.territory = http::FormValue(form, "territory");
  in.description = http::FormValue(form, "description");
  in.time_zone = http::FormValue(form, "time_zone");
  in.lead_member = http::FormValue(form, "lead_member");
  return in;
}

Result<HubInput> JsonInput(const nlohmann::json& body) {
  HubInput in;
  std::pair<const char*, std::optional<std::string>*> fields[] = {
      {"slug", &in.slug},           {"name", &in.name},           {"territory", &in.territory},
      {"description", &in.description}, {"time_zone", &in.time_zone}, {"lead_member_id", &in.lead_member}};
  for (auto& [name, target] : fields) {
    auto value = coopole::web::JsonText(body, name);
    if (!value.ok()) return value.error();
    *target = *value;
  }
  return in;
}

// Re-renders a hub form with the user's input and the errors.
http::Response FormPage(const Dependencies& deps, const http::Request& req, const std::string& template_name,
                        const HubInput& input, const Error* error, const HubContext* hub, int status) {
  render::View v;
  v.set("slug", input.slug.value_or(""));
  v.set("name", input.name.value_or(""));
  v.set("territory", input.territory.value_or(""));
  v.set("description", input.description.value_or(""));
  v.set("time_zone", input.time_zone.value_or("Europe/Paris"));
  v.set("lead_member", input.lead_member.value_or(""));
  if (hub) {
    v.set("version", std::to_string(hub->hub.version));
    // The lead member is chosen among the hub's organisations.
    render::ViewList members;
    for (const auto& [id, name] : deps.member_choices(RequirePrincipal(req).actor, *hub)) {
      render::View option;
      option.set("value", std::to_string(id));
      option.set("label", name);
      option.set("selected", input.lead_member == std::to_string(id));
      members.push_back(std::move(option));
    }
    v.set("members", members);
  }
  if (error) deps.shell.AddFieldErrors(v, *error, LanguageOf(req), "hubs.");
  return deps.shell.Page(req, template_name, std::move(v), hub ? "hubs.settings_title" : "hubs.new_title", hub,
                         status);
}

HubInput InputOf(const Hub& hub) {
  return HubInput{hub.slug, hub.name, hub.territory, hub.description,
                  hub.lead_member ? std::to_string(hub.lead_member->value) : "", hub.time_zone};
}

}  // namespace

void RegisterRoutes(http::Router& router, Dependencies deps) {
  deps.shell.AddNavItem({"home", "nav.home", "", identity::Permission::kViewHub, 0});
  deps.shell.AddNavItem({"users", "nav.users", "/users", identity::Permission::kEditHub, 850});
  deps.shell.AddNavItem({"audit", "nav.audit", "/audit", identity::Permission::kViewAudit, 900});
  RegisterUserRoutes(router, deps);
  deps.shell.AddNavItem({"settings", "nav.settings", "/settings", identity::Permission::kEditHub, 1000});

  router.Add(http::Method::kGet, "/", [deps](http::Request& req) {
    const auto& actor = RequirePrincipal(req).actor;
    auto hubs = deps.hubs.ListForActor(actor);
    if (hubs.size() == 1) return http::Response::Redirect("/hubs/" + hubs[0].hub.slug, 302);
    render::View v;
    render::ViewList list;
    for (const auto& h : hubs) list.push_back(HubView(h.hub));
    v.set("hub_list", list);
    v.set("empty", list.empty());
    return deps.shell.Page(req, "hubs/index", std::move(v), "hubs.title");
  });

  router.Add(http::Method::kGet, "/hubs/new", [deps](http::Request& req) {
    return FormPage(deps, req, "hubs/new", HubInput{}, nullptr, nullptr, 200);
  });

  router.Add(http::Method::kPost, "/hubs", [deps](http::Request& req) {
    auto form = coopole::web::ParseForm(req);
    if (!form.ok()) return deps.shell.ErrorResponse(req, form.error());
    auto input = FormInput(*form);
    auto hub = deps.hubs.CreateHub(RequirePrincipal(req).actor, input);
    if (!hub.ok()) {
      if (hub.error().code == ErrorCode::kPermissionDenied) return deps.shell.ErrorResponse(req, hub.error());
      return FormPage(deps, req, "hubs/new", input, &hub.error(), nullptr, coopole::web::StatusFor(hub.error().code));
    }
    return http::Response::Redirect("/hubs/" + hub->slug + "?notice=created");
  });

  auto page = [deps](coopole::web::HubHandler handler) {
    return coopole::web::InHub(deps.hubs, deps.shell, coopole::web::Answer::kPage, std::move(handler));
  };
  auto json = [deps](coopole::web::HubHandler handler) {
    return coopole::web::InHub(deps.hubs, deps.shell, coopole::web::Answer::kJson, std::move(handler));
  };
  using coopole::web::HubRequest;

  router.Add(http::Method::kGet, "/hubs/{hub}", page([deps](http::Request& req, const HubRequest& in) {
    render::View view = HubView(in.hub.hub);
    view.set("sections_html", deps.shell.RenderHomeSections(req, in.hub));
    return deps.shell.Page(req, "hubs/home", std::move(view), "hubs.home_title", &in.hub);
  }));

  router.Add(http::Method::kGet, "/hubs/{hub}/settings", page([deps](http::Request& req, const HubRequest& in) {
    if (!identity::Allows(in.actor, in.hub.access, identity::Permission::kEditHub)) {
      return deps.shell.ErrorResponse(req, Error::Denied());
    }
    return FormPage(deps, req, "hubs/settings", InputOf(in.hub.hub), nullptr, &in.hub, 200);
  }));

  router.Add(http::Method::kPost, "/hubs/{hub}/settings", page([deps](http::Request& req, const HubRequest& in) {
    auto form = coopole::web::ParseForm(req);
    if (!form.ok()) return deps.shell.ErrorResponse(req, form.error());
    auto version = coopole::web::ParseId(http::FormValue(*form, "version").value_or(""));
    auto input = FormInput(*form);
    auto updated = deps.hubs.UpdateHub(in.actor, in.hub, version.value_or(0), input);
    if (!updated.ok()) {
      if (updated.error().code == ErrorCode::kPermissionDenied) return deps.shell.ErrorResponse(req, updated.error());
      return FormPage(deps, req, "hubs/settings", input, &updated.error(), &in.hub,
                      coopole::web::StatusFor(updated.error().code));
    }
    return http::Response::Redirect("/hubs/" + updated->slug + "/settings?notice=saved");
  }));

  router.Add(http::Method::kGet, "/hubs/{hub}/audit", page([deps](http::Request& req, const HubRequest& in) {
    int page = static_cast<int>(coopole::web::ParseId(req.Query("page").value_or("1")).value_or(1));
    auto records = deps.identity.ListAudit(in.actor, in.hub.access, 100, (page - 1) * 100);
    if (!records.ok()) return deps.shell.ErrorResponse(req, records.error());
    render::View v;
    render::ViewList list;
    for (const auto& r : *records) {
      render::View item;
      item.set("at", FormatIsoUtc(r.at));
      item.set("who", r.user_name);
      item.set("action", r.entry.action);
      item.set("entity", r.entry.entity + " #" + std::to_string(r.entry.entity_id));
      item.set("before", r.entry.before_json);
      item.set("after", r.entry.after_json);
      list.push_back(std::move(item));
    }
    v.set("records", list);
    v.set("next_page", std::to_string(page + 1));
    v.set("has_next", records->size() == 100);
    return deps.shell.Page(req, "hubs/audit", std::move(v), "hubs.audit_title", &in.hub);
  }));

  // JSON API.
  router.Add(http::Method::kGet, "/api/v1/hubs", [deps](http::Request& req) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& h : deps.hubs.ListForActor(RequirePrincipal(req).actor)) items.push_back(HubJson(h.hub, &h.access));
    return coopole::web::JsonResponse({{"items", items}});
  });

  router.Add(http::Method::kPost, "/api/v1/hubs", [deps](http::Request& req) {
    auto body = coopole::web::ParseJsonObject(req);
    if (!body.ok()) return deps.shell.JsonError(req, body.error());
    auto input = JsonInput(*body);
    if (!input.ok()) return deps.shell.JsonError(req, input.error());
    auto hub = deps.hubs.CreateHub(RequirePrincipal(req).actor, *input);
    if (!hub.ok()) return deps.shell.JsonError(req, hub.error());
    auto res = coopole::web::JsonResponse(HubJson(*hub, nullptr), 201);
    res.SetHeader("Location", "/api/v1/hubs/" + hub->slug);
    return res;
  });

  router.Add(http::Method::kGet, "/api/v1/hubs/{hub}", json([](http::Request&, const HubRequest& in) {
    return coopole::web::JsonResponse(HubJson(in.hub.hub, &in.hub.access));
  }));

  router.Add(http::Method::kPatch, "/api/v1/hubs/{hub}", json([deps](http::Request& req, const HubRequest& in) {
    auto body = coopole::web::ParseJsonObject(req);
    if (!body.ok()) return deps.shell.JsonError(req, body.error());
    auto input = JsonInput(*body);
    if (!input.ok()) return deps.shell.JsonError(req, input.error());
    auto version = body->find("version");
    if (version == body->end() || !version->is_number_integer()) {
      return deps.shell.JsonError(req, Error::Invalid({{"version", "validation.required"}}));
    }
    auto updated = deps.hubs.UpdateHub(in.actor, in.hub, version->get<std::int64_t>(), *input);
    if (!updated.ok()) return deps.shell.JsonError(req, updated.error());
    return coopole::web::JsonResponse(HubJson(*updated, &in.hub.access));
  }));
}

}  // namespace coopole::hubs::web
