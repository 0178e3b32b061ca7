// Pieces shared by the use cases of member_service.cpp and member_import.cpp.
#pragma once

#include <string>

#include "coopole/members/members.h"
#include "store/members_store.h"

namespace coopole::members::internal {

// The member as recorded in the audit log (before/after JSON).
std::string MemberJson(const Member& member);
std::string PersonJson(const Person& person);

// The store filter of a query: search words folded and split on whitespace, NAF codes
// normalised through the catalogue ("8899b" -> "88.99B").
store::MemberFilter ToFilter(const MemberQuery& query, const reference::Catalogue& catalogue);

Error SiretTaken();
Error Stale(const char* what);

}  // namespace coopole::members::internal
