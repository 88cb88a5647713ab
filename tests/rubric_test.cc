// The bundled Balanced Coexistence rubric and scenario library: the structure issue #3 asks for,
// and results that agree with the source texts.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "test_util.h"

namespace poise {
namespace {

std::unique_ptr<Model> Bundled() {
  return testing::CompileText(
      testing::ReadFile(POISE_SOURCE_DIR "/rubrics/balanced-coexistence.yaml"),
      "rubrics/balanced-coexistence.yaml");
}

Assessment ScoreScenario(const Model& model, const std::string& name) {
  return testing::AssessText(model,
                             testing::ReadFile(POISE_SOURCE_DIR "/scenarios/" + name + ".yaml"));
}

bool HasFlag(const Assessment& a, const std::string& code, const std::string& group,
             const std::string& member = "") {
  for (const Flag& f : a.flags) {
    if (f.code == code && f.group == group && (member.empty() || f.member == member)) return true;
  }
  return false;
}

double MemberScore(const Model& model, const Assessment& a, const std::string& group,
                   const std::string& member) {
  const Rubric& r = *model.rubric;
  const int g = r.FindGroup(group);
  const Group& grp = r.groups[static_cast<size_t>(g)];
  for (size_t m = 0; m < grp.members.size(); ++m) {
    if (grp.members[m].id == member) return a.groups[static_cast<size_t>(g)].scores[m].value_or(-1);
  }
  ADD_FAILURE() << "no member " << group << "." << member;
  return -1;
}

TEST(BundledRubric, HasTheGroupsCriteriaAndCoverageAsked) {
  auto model = Bundled();
  ASSERT_NE(model, nullptr);
  const Rubric& r = *model->rubric;
  EXPECT_GE(r.criteria.size(), 24u);
  ASSERT_TRUE(r.crosstab.has_value());
  EXPECT_EQ(r.groups[static_cast<size_t>(r.crosstab->first)].id, "layers");
  EXPECT_EQ(r.groups[static_cast<size_t>(r.crosstab->second)].id, "policies");
  // Criteria loading on each member: >= 4 for every layer and policy, >= 3 for every approach.
  for (const Group& g : r.groups) {
    const size_t minimum = g.id == "approaches" ? 3 : 4;
    for (size_t m = 0; m < g.members.size(); ++m) {
      size_t count = 0;
      for (const Criterion& c : r.criteria) {
        for (const Load& l : c.loads)
          count +=
              r.groups[static_cast<size_t>(l.group)].id == g.id && l.member == static_cast<int>(m);
      }
      EXPECT_GE(count, minimum) << g.id << "." << g.members[m].id;
    }
  }
  // No blind spot in layers × policies.
  for (size_t cell = 0; cell < model->blind_spot.size(); ++cell)
    EXPECT_EQ(model->blind_spot[cell], 0) << cell;
  // Every criterion: a question, five descriptors of its own (not the default ones), a rationale.
  for (const Criterion& c : r.criteria) {
    EXPECT_FALSE(c.question.empty()) << c.id;
    ASSERT_EQ(c.scale.levels.size(), 5u) << c.id;
    EXPECT_NE(c.scale.levels, r.scale.levels) << c.id << " uses the generic descriptors";
    EXPECT_FALSE(c.rationale.empty()) << c.id;
  }
}

TEST(BundledRubric, ScenarioLibraryIsCompleteAndValid) {
  auto model = Bundled();
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(POISE_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    ++count;
    Result<Scenario> s = LoadScenario(entry.path().string(),
                                      testing::ReadFile(entry.path().string()), *model->rubric);
    ASSERT_TRUE(s.ok()) << entry.path();
    for (size_t c = 0; c < s.value().ratings.size(); ++c) {
      EXPECT_FALSE(s.value().notes[c].empty())
          << entry.path() << ": no evidence or reason for " << model->rubric->criteria[c].id;
    }
  }
  EXPECT_GE(count, 8u);
  for (const char* name :
       {"deterrence-only", "open-doors", "balanced-dual-track", "jica-cyclone-agriculture",
        "jica-cyclone-agriculture-drr", "cross-border-outbreak", "post-conflict-empowerment"}) {
    EXPECT_TRUE(
        std::filesystem::exists(std::string(POISE_SOURCE_DIR "/scenarios/") + name + ".yaml"))
        << name;
  }
}

TEST(BundledRubric, DeterrenceOnlyNeglectsTheHumanOrSocialLayer) {
  auto model = Bundled();
  Assessment a = ScoreScenario(*model, "deterrence-only");
  EXPECT_TRUE(HasFlag(a, "neglected", "layers", "human") ||
              HasFlag(a, "neglected", "layers", "social"));
  EXPECT_TRUE(HasFlag(a, "imbalanced", "layers"));
  EXPECT_FALSE(HasFlag(a, "neglected", "layers", "national"));
}

TEST(BundledRubric, BalancedDualTrackRaisesNoLayerFlag) {
  auto model = Bundled();
  Assessment a = ScoreScenario(*model, "balanced-dual-track");
  for (const Flag& f : a.flags) EXPECT_NE(f.group, "layers") << f.code << ": " << f.message;
  // And it scores above both one-sided options.
  EXPECT_GT(*a.overall, *ScoreScenario(*model, "deterrence-only").overall);
  EXPECT_GT(*a.overall, *ScoreScenario(*model, "open-doors").overall);
}

TEST(BundledRubric, OpenDoorsWithoutIntegrationNeglectsTheSocialLayer) {
  auto model = Bundled();
  Assessment a = ScoreScenario(*model, "open-doors");
  EXPECT_TRUE(HasFlag(a, "neglected", "layers", "social"));
  EXPECT_GT(MemberScore(*model, a, "layers", "human"), MemberScore(*model, a, "layers", "social"));
}

TEST(BundledRubric, DisasterRiskReductionRaisesRiskManagement) {
  auto model = Bundled();
  Assessment without = ScoreScenario(*model, "jica-cyclone-agriculture");
  Assessment with = ScoreScenario(*model, "jica-cyclone-agriculture-drr");
  EXPECT_GT(MemberScore(*model, with, "approaches", "risk_management"),
            MemberScore(*model, without, "approaches", "risk_management") + 0.2);
  EXPECT_GT(*with.overall, *without.overall);
}

TEST(BundledRubric, EmpowermentProgrammeLeadsOnProtectionAndEmpowerment) {
  auto model = Bundled();
  Assessment a = ScoreScenario(*model, "post-conflict-empowerment");
  Assessment outbreak = ScoreScenario(*model, "cross-border-outbreak");
  EXPECT_GT(MemberScore(*model, a, "policies", "protection_empowerment"),
            MemberScore(*model, ScoreScenario(*model, "deterrence-only"), "policies",
                        "protection_empowerment"));
  EXPECT_GT(MemberScore(*model, outbreak, "policies", "global_risks"), 0.6);
}

}  // namespace
}  // namespace poise
