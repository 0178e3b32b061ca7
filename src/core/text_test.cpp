#include "coopole/core/text.h"

#include <gtest/gtest.h>

namespace coopole {

TEST(FoldForSearch, StripsFrenchAccentsAndCase) {
  EXPECT_EQ(FoldForSearch("Économie Sociale et Solidaire"), "economie sociale et solidaire");
  EXPECT_EQ(FoldForSearch("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"), "aaaceeeeiioouuuy");
  EXPECT_EQ(FoldForSearch("Œuvre Æ ß"), "oeuvre ae ss");
}

TEST(FoldForSearch, KeepsOtherScriptsAndDropsInvalidBytes) {
  EXPECT_EQ(FoldForSearch("日本"), "日本");
  EXPECT_EQ(FoldForSearch(std::string("a\xFF" "b")), "ab");
  EXPECT_EQ(FoldForSearch("l’atelier"), "l'atelier");
}

TEST(IsValidUtf8, RejectsOverlongAndNul) {
  EXPECT_TRUE(IsValidUtf8("Économie"));
  EXPECT_FALSE(IsValidUtf8(std::string("\xC0\xAF")));
  EXPECT_FALSE(IsValidUtf8(std::string("a\0b", 3)));
  EXPECT_FALSE(IsValidUtf8(std::string("\xED\xA0\x80")));  // surrogate
}

TEST(IsPlausibleEmail, AcceptsOrdinaryAndRejectsBroken) {
  EXPECT_TRUE(IsPlausibleEmail("anne.martin@atelier-bois.fr"));
  EXPECT_FALSE(IsPlausibleEmail("anne.martin"));
  EXPECT_FALSE(IsPlausibleEmail("a@b"));
  EXPECT_FALSE(IsPlausibleEmail("a b@c.fr"));
  EXPECT_FALSE(IsPlausibleEmail("a@@c.fr"));
  EXPECT_FALSE(IsPlausibleEmail("\"><script>@x.fr"));
}

TEST(IsHttpUrl, RequiresSchemeAndHost) {
  EXPECT_TRUE(IsHttpUrl("https://www.esci.fr/membres"));
  EXPECT_FALSE(IsHttpUrl("javascript:alert(1)"));
  EXPECT_FALSE(IsHttpUrl("https://"));
  EXPECT_FALSE(IsHttpUrl("http://a b.fr"));
}

TEST(HtmlEscape, EscapesAttributeBreakers) {
  EXPECT_EQ(HtmlEscape("\"><script>alert('x')</script>&"),
            "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
}

TEST(Split, KeepsEmptyParts) {
  EXPECT_EQ(Split("a;;b", ';'), (std::vector<std::string>{"a", "", "b"}));
}

}  // namespace coopole
