// SQL of notices: animation_notices and animation_digest_preferences. Functions take the
// caller's transaction; none commits. Parameters are always bound.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coopole/animation/notices.h"

namespace coopole::animation::notices_store {

void InsertNotice(db::Transaction& tx, HubId hub, UserId user, const NoticeDraft& draft, Timestamp now);

// The user's notices in the hub, unread first then newest first.
std::vector<Notice> ListNotices(db::Transaction& tx, HubId hub, UserId user, int limit, int offset);
struct NoticeCounts {
  std::int64_t total = 0, unread = 0;
};
NoticeCounts CountNotices(db::Transaction& tx, HubId hub, UserId user);
std::optional<Notice> FindNotice(db::Transaction& tx, HubId hub, UserId user, NoticeId id);
// Sets read_at where it is NULL; returns the rows changed.
std::int64_t MarkRead(db::Transaction& tx, HubId hub, UserId user, std::optional<NoticeId> id, Timestamp now);

std::optional<DigestPreference> FindPreference(db::Transaction& tx, UserId user, HubId hub);
void UpsertPreference(db::Transaction& tx, UserId user, HubId hub, const std::string& frequency, Timestamp now);

// Every (user, hub) with unmailed notices, with the user's frequency ("" when no row) and
// when their last notice in the hub was mailed.
struct DigestCandidate {
  UserId user;
  HubId hub;
  std::string frequency;
  std::optional<Timestamp> last_mailed;
};
std::vector<DigestCandidate> ListDigestCandidates(db::Transaction& tx);
// The user's unmailed notices in the hub, oldest first.
std::vector<Notice> ListUnmailed(db::Transaction& tx, HubId hub, UserId user);
// Sets mailed_at on these notices where it is still NULL; returns the rows changed.
std::int64_t MarkMailed(db::Transaction& tx, const std::vector<NoticeId>& ids, Timestamp now);

}  // namespace coopole::animation::notices_store
