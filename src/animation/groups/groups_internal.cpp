#include "groups_internal.h"

namespace coopole::animation::groups_internal {

using nlohmann::json;

namespace {
template <typename T>
json OptId(const std::optional<T>& id) {
  return id ? json(id->value) : json(nullptr);
}
json OptDate(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }
}  // namespace

json GroupJson(const Group& g) {
  json members = json::array();
  for (const auto& m : g.members) members.push_back({{"member_id", m.member.value}, {"name", m.name}});
  json people = json::array();
  for (const auto& p : g.people)
    people.push_back({{"person_id", p.person.value},
                      {"member_id", p.member.value},
                      {"name", p.name},
                      {"member_name", p.member_name}});
  json decisions = json::array();
  for (const auto& d : g.decisions)
    decisions.push_back(
        {{"id", d.id}, {"decided_on", FormatIsoDate(d.decided_on)}, {"text", d.text}, {"event_id", OptId(d.event)}});
  json links = json::array();
  for (const auto& l : g.links) links.push_back({{"id", l.id}, {"label", l.label}, {"url", l.url}});
  json meetings = json::array();
  for (const auto& m : g.meetings)
    meetings.push_back({{"id", m.id.value},
                        {"kind", m.kind},
                        {"title", m.title},
                        {"status", m.status},
                        {"starts_at", FormatIsoUtc(m.starts_at)},
                        {"ends_at", FormatIsoUtc(m.ends_at)}});
  return {{"id", g.id.value},
          {"name", g.name},
          {"theme", g.theme},
          {"description", g.description},
          {"status", GroupStatusCode(g.status)},
          {"lead_member_id", OptId(g.lead_member)},
          {"lead_member_name", g.lead_member_name},
          {"lead_person_id", OptId(g.lead_person)},
          {"lead_person_name", g.lead_person_name},
          {"members", members},
          {"people", people},
          {"decisions", decisions},
          {"links", links},
          {"meetings", meetings},
          {"created_at", FormatIsoUtc(g.created_at)},
          {"updated_at", FormatIsoUtc(g.updated_at)},
          {"version", g.version}};
}

json WelcomeJson(const Welcome& w) {
  return {{"member_id", w.member.value},
          {"member_name", w.member_name},
          {"joined_on", FormatIsoDate(w.joined_on)},
          {"charter_done", w.charter_done},
          {"charter_accepted_on", OptDate(w.charter_accepted_on)},
          {"charter_ticked", w.charter_ticked},
          {"introduced_on", OptDate(w.introduced_on)},
          {"buddy_member_id", OptId(w.buddy)},
          {"buddy_name", w.buddy_name},
          {"breakfast_done", w.breakfast_done},
          {"progress", w.Progress()},
          {"closed", w.closed},
          {"version", w.version}};
}

}  // namespace coopole::animation::groups_internal
