# Sources of the member directory's web layer (HTML pages and JSON API), relative to
# src/members. The lead's src/members/CMakeLists.txt builds them as coopole_members_web
# (linking coopole_members and coopole_web) and the tests as a unit test executable.
set(COOPOLE_MEMBERS_WEB_SOURCES
  web/members_web.cpp
  web/members_pages.cpp
  web/members_api.cpp
  web/member_requests.cpp
  web/member_views.cpp
  web/member_files.cpp
  web/members_overview.cpp
  web/row_cache.cpp)
set(COOPOLE_MEMBERS_WEB_TESTS
  web/row_cache_test.cpp)

