#include <gtest/gtest.h>

#include "coopole/members/members.h"

namespace coopole::members {
namespace {

Member Make(std::string legal_form, std::string insertion, bool ess, std::string insee, std::string epci,
            std::optional<std::int64_t> fte) {
  Member m;
  m.legal_form = std::move(legal_form);
  m.insertion_type = std::move(insertion);
  m.is_ess = ess;
  m.commune_insee = std::move(insee);
  m.epci_name = std::move(epci);
  m.fte_hundredths = fte;
  return m;
}

TEST(ComputeStatistics, CountsActiveMembersOnly) {
  std::vector<Member> members = {
      Make("association", "aci", true, "38185", "Grenoble-Alpes-Métropole", 250),
      Make("association", "", true, "38185", "Grenoble-Alpes-Métropole", std::nullopt),
      Make("scop", "ei", true, "38563", "CA du Pays Voironnais", 1000),
      Make("sarl", "", false, "", "", 300),
  };
  members[1].priority_area = true;
  members[0].insertion_headcount = 12;
  Member archived = Make("scic", "aci", true, "69123", "Métropole de Lyon", 500);
  archived.archived_at = Timestamp{1};
  members.push_back(archived);

  auto s = ComputeStatistics(members);
  EXPECT_EQ(s.members, 4);
  EXPECT_EQ(s.ess, 3);
  EXPECT_EQ(s.insertion_structures, 2);
  EXPECT_EQ(s.priority_area, 1);
  EXPECT_EQ(s.fte_hundredths, 1550);
  EXPECT_EQ(s.insertion_headcount, 12);
  EXPECT_EQ(s.communes, 2);
  ASSERT_EQ(s.by_legal_form.size(), 3u);
  EXPECT_EQ(s.by_legal_form[0], (std::pair<std::string, std::int64_t>{"association", 2}));
  EXPECT_EQ(s.by_legal_form[1].first, "sarl");  // ties in code order
  EXPECT_EQ(s.by_epci[0], (std::pair<std::string, std::int64_t>{"Grenoble-Alpes-Métropole", 2}));
}

TEST(ComputeStatistics, EmptyDirectory) {
  auto s = ComputeStatistics({});
  EXPECT_EQ(s.members, 0);
  EXPECT_TRUE(s.by_legal_form.empty());
}

}  // namespace
}  // namespace coopole::members
