#include <gtest/gtest.h>

#include "coopole/http/http.h"

namespace coopole::http {
namespace {

TEST(ParseUrlEncoded, DecodesPlusPercentAndRepeats) {
  auto f = ParseUrlEncoded("q=%C3%89conomie+sociale&sector=88.99B&sector=01.11Z&empty=&flag");
  EXPECT_EQ(FormValue(f, "q"), "Économie sociale");
  EXPECT_EQ(FormValues(f, "sector"), (std::vector<std::string>{"88.99B", "01.11Z"}));
  EXPECT_EQ(FormValue(f, "empty"), "");
  EXPECT_EQ(FormValue(f, "flag"), "");
  EXPECT_EQ(FormValue(f, "missing"), std::nullopt);
}

TEST(UrlDecode, LeavesBrokenEscapesAsIs) {
  EXPECT_EQ(UrlDecode("100%"), "100%");
  EXPECT_EQ(UrlDecode("%zz%4"), "%zz%4");
}

TEST(Request, ReadsCookies) {
  Request r;
  r.headers.emplace_back("cookie", "a=1; coopole_session=abc; b=2");
  EXPECT_EQ(r.Cookie("coopole_session"), "abc");
  EXPECT_EQ(r.Cookie("c"), std::nullopt);
}

}  // namespace
}  // namespace coopole::http
