// Use cases of notices: posting (for the other parts), the user's list, marking read, the
// digest preference, and collecting the digests due.
#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "coopole/animation/notices.h"
#include "coopole/core/text.h"
#include "notices_rules.h"
#include "store/notices_store.h"

namespace coopole::animation {

NoticeService::NoticeService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory)
    : pool_(pool), clock_(clock), identity_(identity), directory_(std::move(directory)) {}

namespace {

std::string PreferenceJson(const DigestPreference& preference) {
  nlohmann::json j{{"frequency", preference.frequency}};
  return j.dump();
}

}  // namespace

std::string FillPlaceholders(std::string text, const std::map<std::string, std::string>& values) {
  return notice_rules::FillPlaceholders(std::move(text), values);
}
bool IsAppPath(std::string_view link) { return notice_rules::IsAppPath(link); }
std::map<std::string, std::string> NoticeDisplayParams(const std::map<std::string, std::string>& params,
                                                       std::string_view lang) {
  return notice_rules::DisplayParams(params, lang);
}

void NoticeService::Post(db::Transaction& tx, HubId hub, const std::vector<UserId>& users, const NoticeDraft& draft,
                         Timestamp now) {
  if (draft.kind.empty()) return;
  std::set<std::int64_t> seen;
  for (UserId user : users) {
    if (!seen.insert(user.value).second) continue;
    notices_store::InsertNotice(tx, hub, user, draft, now);
  }
}

std::vector<UserId> NoticeService::Coordinators(db::Transaction& tx, HubId hub) {
  std::vector<UserId> out;
  for (const auto& user : identity::IdentityService::Coordinators(tx, hub)) out.push_back(user.id);
  return out;
}

Result<NoticePage> NoticeService::ListNotices(const Actor& actor, const HubContext& hub, const NoticeQuery& query) {
  NoticePage page;
  page.per_page = std::clamp(query.per_page, 1, 100);
  page.page = std::clamp(query.page, 1, 1000000);  // keeps the offset within an int
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto counts = notices_store::CountNotices(tx, hub.hub.id, actor.user);
  page.total = counts.total;
  page.unread = counts.unread;
  page.items = notices_store::ListNotices(tx, hub.hub.id, actor.user, page.per_page, (page.page - 1) * page.per_page);
  return page;
}

Result<Notice> NoticeService::MarkRead(const Actor& actor, const HubContext& hub, NoticeId id) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (!notices_store::FindNotice(tx, hub.hub.id, actor.user, id)) return Error::NotFound("notice");
  notices_store::MarkRead(tx, hub.hub.id, actor.user, id, clock_.Now());
  auto notice = notices_store::FindNotice(tx, hub.hub.id, actor.user, id);
  tx.Commit();
  return *notice;
}

Result<std::int64_t> NoticeService::MarkAllRead(const Actor& actor, const HubContext& hub) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  std::int64_t changed = notices_store::MarkRead(tx, hub.hub.id, actor.user, std::nullopt, clock_.Now());
  tx.Commit();
  return changed;
}

Result<DigestPreference> NoticeService::GetPreference(const Actor& actor, const HubContext& hub) {
  auto tx = pool_.Begin(db::TxMode::kRead);
  return notices_store::FindPreference(tx, actor.user, hub.hub.id).value_or(DigestPreference{});
}

Result<DigestPreference> NoticeService::SetPreference(const Actor& actor, const HubContext& hub,
                                                      const std::string& frequency) {
  const std::string code{Trim(frequency)};
  if (!notice_rules::IsFrequency(code))
    return Error::Invalid({{"frequency", "animation.notices.error.frequency"}});
  const Timestamp now = clock_.Now();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto before = notices_store::FindPreference(tx, actor.user, hub.hub.id).value_or(DigestPreference{});
  notices_store::UpsertPreference(tx, actor.user, hub.hub.id, code, now);
  DigestPreference after{code, now};
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "digest_preference", actor.user.value,
                                    PreferenceJson(before), PreferenceJson(after)});
  tx.Commit();
  return after;
}

// One transaction per user and hub: the sink's e-mail and mailed_at commit together.
void NoticeService::CollectOne(UserId user_id, HubId hub_id, std::string frequency,
                               std::optional<Timestamp> last_mailed, Timestamp now, const DigestSink& sink,
                               DigestReport& report) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto hub = hubs::HubService::FindById(tx, hub_id);
  if (!hub) return;
  if (frequency.empty()) frequency = kDefaultDigestFrequency;
  auto user = identity::IdentityService::UserInHub(tx, user_id, hub_id);
  const bool silent = frequency == "never" || !user;
  auto notices = notices_store::ListUnmailed(tx, hub_id, user_id);  // oldest first
  if (notices.empty()) return;
  if (!silent &&
      !notice_rules::DigestDue(frequency, last_mailed, notices.front().created_at, now, *hubs::ZoneOf(*hub)))
    return;
  std::vector<NoticeId> ids;
  for (const auto& notice : notices) ids.push_back(notice.id);
  // Another run that took some of these first wins; this one leaves them (rolled back).
  if (notices_store::MarkMailed(tx, ids, now) != static_cast<std::int64_t>(ids.size())) return;
  // What the user already read in the application is not mailed again.
  std::vector<Notice> unread;
  for (auto& notice : notices)
    if (!notice.read_at) unread.push_back(std::move(notice));
  const bool mails = !silent && !unread.empty();
  if (mails && sink) sink(tx, Digest{*hub, *user, frequency, unread});
  tx.Commit();
  if (mails) {
    ++report.digests;
    report.notices += static_cast<int>(unread.size());
  }
  report.silenced += static_cast<int>(ids.size() - (mails ? unread.size() : 0));
}

DigestReport NoticeService::CollectDigests(Timestamp now, const DigestSink& sink) {
  DigestReport report;
  std::vector<notices_store::DigestCandidate> candidates;
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    candidates = notices_store::ListDigestCandidates(tx);
  }
  for (const auto& candidate : candidates) {
    try {
      CollectOne(candidate.user, candidate.hub, candidate.frequency, candidate.last_mailed, now, sink, report);
    } catch (const std::exception& e) {
      ++report.failed;
      report.last_error = e.what();
    }
  }
  return report;
}

}  // namespace coopole::animation
