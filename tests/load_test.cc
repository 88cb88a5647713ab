// Loader behaviour through the string entry points: all problems in one pass, the FORMATS
// examples, file kinds, and the bundled files.
#include <gtest/gtest.h>

#include "test_util.h"

namespace poise {
namespace {

using testing::RubricErrors;
using testing::ScenarioErrors;

TEST(Load, BundledRubricsAreValidAndGrounded) {
  Result<Rubric> rubric =
      LoadRubric("rubrics/balanced-coexistence.yaml",
                 testing::ReadFile(POISE_SOURCE_DIR "/rubrics/balanced-coexistence.yaml"));
  ASSERT_TRUE(rubric.ok());
  const Rubric& r = rubric.value();
  EXPECT_GE(r.criteria.size(), 12u);
  ASSERT_EQ(r.groups.size(), 3u);
  EXPECT_EQ(r.groups[0].id, "layers");
  EXPECT_EQ(r.groups[1].id, "policies");
  EXPECT_EQ(r.groups[2].id, "approaches");
  EXPECT_EQ(r.groups[0].members.size(), 3u);
  EXPECT_EQ(r.groups[1].members.size(), 4u);
  EXPECT_EQ(r.groups[2].members.size(), 4u);
  for (const Criterion& c : r.criteria) {
    EXPECT_EQ(c.scale.levels.size(), 5u) << c.id << " needs its own five level descriptors";
    EXPECT_FALSE(c.rationale.empty()) << c.id;
  }
}

TEST(Load, ReportsEveryProblemOfAFileInOnePass) {
  auto errors = RubricErrors(
      "poise: rubric/1\nid: Bad\nversion: \"1\"\ntitel: T\n"
      "groups: [{id: g, aggregate: mean, members: [{id: m}]}]\n"
      "criteria:\n  - {id: c, title: C, question: Q, weight: -2, loads: {g: {m: 1}}}\n"
      "overall: {group: g, aggregate: arithmetic}\n");
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0],
            "r.yaml:4:1: error: unknown key 'titel' in a rubric — did you mean 'title'?");
  EXPECT_EQ(errors[1],
            "r.yaml:2:5: error: the rubric id 'Bad' is not a valid id — use lowercase letters, "
            "digits, '_' and '-', "
            "starting with a letter or digit");
  EXPECT_EQ(errors[2],
            "r.yaml:1:1: error: missing required key 'title' in the rubric — add `title: ...`");
  EXPECT_EQ(errors[3],
            "r.yaml:5:29: error: unknown aggregate 'mean' in group 'g' — a group aggregates its "
            "criteria with "
            "arithmetic, geometric or min");
  EXPECT_EQ(errors[4],
            "r.yaml:7:44: error: the weight of criterion 'c' is negative (-2) — weights are >= 0; "
            "use 0 to switch a "
            "criterion off");
}

TEST(Load, FormatsExampleMessageForARatingOffItsScale) {
  auto model = testing::CompileText(
      testing::ReadFile(POISE_SOURCE_DIR "/rubrics/balanced-coexistence.yaml"));
  std::string text = testing::ReadFile(POISE_SOURCE_DIR "/scenarios/open-doors.yaml");
  const size_t at = text.find("  refugee_protection:\n    score: 4");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 34, "  refugee_protection:\n    score: 7");
  auto errors = ScenarioErrors(*model->rubric, text);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(
      errors[0],
      "s.yaml:19:3: error: rating 7 for 'refugee_protection' is outside its scale 0..4 — rate it "
      "from 0 to 4");
}

TEST(Load, WorksheetPlaceholdersAreNotYetRated) {
  auto model = testing::CompileText(
      testing::ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: ampi}\n"));
  auto errors = ScenarioErrors(
      *model->rubric,
      "poise: scenario/1\nid: s\ntitle: S\nrubric: three\nratings:\n  a: ~\n  b: ~\n  c: 1\n");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(
      errors[0],
      "s.yaml:6:3: error: 'a' is not yet rated — give a rating on its scale 0..4, or list it under "
      "not_assessed with a reason");
}

TEST(Load, RangeScaleRulesWithoutClamp) {
  const std::string rubric =
      "poise: rubric/1\nid: r\nversion: \"1\"\ntitle: R\ngroups: [{id: g, members: [{id: m}]}]\n"
      "criteria:\n  - {id: x, title: X, question: Q, scale: {type: range, min: 10, max: 20, clamp: "
      "false}, loads: {g: {m: 1}}}\n"
      "overall: {group: g, aggregate: arithmetic}\n";
  auto model = testing::CompileText(rubric);
  auto errors = ScenarioErrors(*model->rubric,
                               "poise: scenario/1\nid: s\ntitle: S\nrubric: r\nratings: {x: 25}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0],
            "s.yaml:5:11: error: rating 25 for 'x' is outside its scale 10..20 — the scale does "
            "not clamp "
            "(clamp: false); give a value inside the goalposts");
  // Real values are fine on a range scale (no whole-level rule).
  EXPECT_TRUE(ScenarioErrors(*model->rubric,
                             "poise: scenario/1\nid: s\ntitle: S\nrubric: r\n"
                             "ratings: {x: {score: 12.5, range: [11.25, 13]}}\n")
                  .empty());
}

TEST(Load, AnyFileIsToldApartByItsTag) {
  LoadedFile rubric = LoadAnyFile(
      "r.yaml", testing::ThreeLayerRubric("min", "overall: {group: layers, aggregate: min}\n"));
  EXPECT_EQ(rubric.kind, FileKind::kRubric);
  EXPECT_TRUE(rubric.rubric.has_value());
  LoadedFile scenario =
      LoadAnyFile("s.yaml", "poise: scenario/1\nid: s\ntitle: S\nrubric: three\nratings: {a: 1}\n");
  EXPECT_EQ(scenario.kind, FileKind::kScenario);
  ASSERT_TRUE(scenario.scenario.has_value());
  EXPECT_EQ(scenario.scenario->rubric.id, "three");
  LoadedFile neither = LoadAnyFile("x.yaml", "a: 1\n");
  EXPECT_EQ(neither.kind, FileKind::kUnknown);
  ASSERT_EQ(neither.diagnostics.size(), 1u);
  EXPECT_EQ(neither.diagnostics[0].message, "missing the `poise:` format tag");
}

TEST(Load, RubricReferenceWithVersion) {
  ScenarioDraft draft = ParseScenario(
      "s.yaml", "poise: scenario/1\nid: s\ntitle: S\nrubric: three@2026.1\nratings: {}\n");
  EXPECT_EQ(draft.rubric.id, "three");
  EXPECT_EQ(draft.rubric.version, "2026.1");
  EXPECT_TRUE(draft.problems.empty());
}

TEST(Load, LimitOnCriteriaCount) {
  std::string text =
      "poise: rubric/1\nid: r\nversion: \"1\"\ntitle: R\ngroups: [{id: g, members: [{id: "
      "m}]}]\ncriteria:\n";
  for (int i = 0; i <= kMaxCriteria; ++i)
    text += "  - {id: c" + std::to_string(i) + ", title: C, question: Q, loads: {g: {m: 1}}}\n";
  text += "overall: {group: g, aggregate: arithmetic}\n";
  auto errors = RubricErrors(text);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0], "r.yaml:7:3: error: 5001 criteria is more than the limit of 5000");
}

}  // namespace
}  // namespace poise
