// The teaching commands end to end: init, explain, compare, panel.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "poise/agreement.h"
#include "poise/load.h"
#include "poise/report.h"
#include "test_util.h"

namespace poise {
namespace {

using Json = nlohmann::json;
using testing::ReadFile;
using testing::RunPoise;

std::string TempDir(const std::string& name) {
  const std::string dir = ::testing::TempDir() + "poise_" + name + "_" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(Init, WorksheetValidatesOnlyWhenEveryCriterionIsRated) {
  const std::string dir = TempDir("init");
  const std::string sheet = dir + "/my-option.yaml";
  auto init = RunPoise("init --rubric rubrics/balanced-coexistence.yaml -o '" + sheet + "'");
  ASSERT_EQ(init.exit_code, 0) << init.err;
  std::string text = ReadFile(sheet);
  EXPECT_NE(text.find("id: my-option\n"), std::string::npos);  // the id follows the file name
  EXPECT_NE(text.find("# Q: Does the policy maintain a credible, proportionate deterrent"),
            std::string::npos);
  EXPECT_NE(text.find("  #   0  No defence measure; armed threats are not considered\n"),
            std::string::npos);
  EXPECT_NE(text.find("# ── Human security — Protection of dignity and life ──"),
            std::string::npos);
  // Every criterion is "not yet rated": 25 errors, exit 2.
  auto unrated = RunPoise("validate '" + sheet + "'");
  EXPECT_EQ(unrated.exit_code, 2);
  size_t count = 0;
  for (size_t at = unrated.err.find("is not yet rated"); at != std::string::npos;
       at = unrated.err.find("is not yet rated", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 25u);
  // Filled in, it validates and scores.
  text = std::regex_replace(text, std::regex(": ~\n"), ": 2\n");
  std::ofstream(sheet) << text;
  auto filled = RunPoise("score '" + sheet + "'");
  EXPECT_EQ(filled.exit_code, 0) << filled.err;
  EXPECT_NE(filled.out.find("my-option"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Init, WorksheetReadsBackWhateverTheRubricVersionSays) {
  // Found by fuzz_rubric: a version with ": " was written unquoted after `rubric:`, and the
  // worksheet no longer parsed. Versions are free text, so the reference is quoted when needed.
  const std::string version = "2025: draft \"x\" \\ y\tz";
  const std::unique_ptr<Model> model = testing::CompileText(R"(poise: rubric/1
id: three
version: "2025: draft \"x\" \\ y\tz"
title: Three
groups:
  - id: layers
    members: [{id: national}, {id: social}]
criteria:
  - {id: a, title: A, question: Qa, loads: {layers: {national: 1}}}
  - {id: b, title: B, question: Qb, loads: {layers: {social: 1}}}
overall: {group: layers, aggregate: arithmetic}
)");
  ASSERT_TRUE(model);
  ASSERT_EQ(model->rubric->version, version);
  const std::string sheet = WorksheetYaml(*model->rubric, "mine");
  EXPECT_NE(sheet.find("rubric: \"three@2025: draft \\\"x\\\" \\\\ y\\tz\"\n"), std::string::npos)
      << sheet;
  const ScenarioDraft draft = ParseScenario("mine.yaml", sheet);
  ASSERT_TRUE(draft.readable);
  EXPECT_EQ(draft.rubric.id, "three");
  EXPECT_EQ(draft.rubric.version, version);
  // A plain version stays plain.
  EXPECT_NE(WorksheetYaml(*testing::CompileText(R"(poise: rubric/1
id: three
version: "1.0"
title: Three
groups:
  - id: layers
    members: [{id: national}]
criteria:
  - {id: a, title: A, question: Qa, loads: {layers: {national: 1}}}
overall: {group: layers, aggregate: arithmetic}
)")
                               ->rubric,
                          "mine")
                .find("rubric: three@1.0\n"),
            std::string::npos);
}

TEST(Init, MarkdownWorksheetListsEveryCriterion) {
  auto run = RunPoise("init -r rubrics/human-development.yaml -f markdown");
  EXPECT_EQ(run.exit_code, 0);
  for (const char* id :
       {"life_expectancy", "expected_schooling", "mean_schooling", "gni_per_capita"}) {
    EXPECT_NE(run.out.find(std::string("(`") + id + "`)"), std::string::npos) << id;
  }
  EXPECT_NE(run.out.find("Scale: range 100..75000, log."), std::string::npos);
}

TEST(Explain, SaysWhatMattersForDeterrenceOnly) {
  auto run = RunPoise("explain scenarios/deterrence-only.yaml");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Overall score: 0.27 out of 1"), std::string::npos);
  EXPECT_NE(run.out.find("The weakest of the layers is social (0.17)."), std::string::npos);
  EXPECT_NE(run.out.find("neglected — layers 'human' scores 0.18, below the floor 0.4"),
            std::string::npos);
  EXPECT_NE(run.out.find("What to fix first"), std::string::npos);
  auto json = RunPoise("explain -f json scenarios/deterrence-only.yaml");
  Json j = Json::parse(json.out);
  EXPECT_EQ(j["weakest"], "social");
  ASSERT_GE(j["gains"].size(), 2u);
  for (size_t k = 1; k < j["gains"].size(); ++k)
    EXPECT_GE(j["gains"][k - 1]["gain"], j["gains"][k]["gain"]);
  EXPECT_EQ(j["gains"][0]["criterion"], "social_integration");
  // Every text line fits 100 columns.
  std::istringstream lines(run.out);
  std::string line;
  while (std::getline(lines, line)) {
    size_t width = 0;
    for (char c : line) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    EXPECT_LE(width, 100u) << line;
  }
}

TEST(Compare, DeltasAndExplanation) {
  auto run =
      RunPoise("compare -f json scenarios/deterrence-only.yaml scenarios/balanced-dual-track.yaml");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json j = Json::parse(run.out);
  EXPECT_EQ(j["rows"][0]["name"], "overall");
  auto score =
      RunPoise("score -f json scenarios/deterrence-only.yaml scenarios/balanced-dual-track.yaml");
  Json scored = Json::parse(score.out);
  EXPECT_EQ(j["rows"][0]["values"][0], scored[0]["overall"]["score"]);
  EXPECT_EQ(j["rows"][0]["values"][1], scored[1]["overall"]["score"]);
  EXPECT_EQ(j["explained"][0]["criteria"][0]["criterion"], "social_integration");
  auto table =
      RunPoise("compare scenarios/deterrence-only.yaml scenarios/balanced-dual-track.yaml");
  EXPECT_NE(
      table.out.find(
          "overall                                         0.27                 0.69   +0.42"),
      std::string::npos)
      << table.out;
  EXPECT_EQ(RunPoise("compare scenarios/open-doors.yaml").exit_code, 1);
  EXPECT_EQ(RunPoise("compare scenarios/open-doors.yaml scenarios/hdi/norway.yaml").exit_code, 2);
}

TEST(Panel, AgreementConsensusAndOutliers) {
  const std::string dir = TempDir("panel");
  auto run = RunPoise("panel -f json -o '" + dir + "/consensus.yaml' tests/data/panel/");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json j = Json::parse(run.out);
  EXPECT_EQ(j["raters"], Json::parse(R"(["alice", "bob", "carol", "dave"])"));
  // social_integration: 0, 0, 0, 3 -> median 0, spread 3, dave outlying.
  EXPECT_EQ(j["criteria"]["social_integration"]["median"], 0);
  EXPECT_EQ(j["criteria"]["social_integration"]["spread"], 3);
  EXPECT_EQ(j["criteria"]["social_integration"]["outliers"], Json::parse(R"(["dave"])"));
  // deterrence_posture: 4, 4, 3, 4 -> lower median of (3, 4, 4, 4) is 4.
  EXPECT_EQ(j["criteria"]["deterrence_posture"]["median"], 4);
  // Alpha equals the library's on the same normalised data (ratings / 4 on the 0..4 scale).
  Eigen::MatrixXd data(4, 25);
  int column = 0;
  for (auto& [id, c] : j["criteria"].items()) {
    for (int r = 0; r < 4; ++r) {
      data(r, column) = c["ratings"][static_cast<size_t>(r)].is_null()
                            ? std::nan("")
                            : c["ratings"][static_cast<size_t>(r)].get<double>() / 4;
    }
    ++column;
  }
  EXPECT_NEAR(j["alpha"]["overall"]["ordinal"].get<double>(),
              *KrippendorffAlpha(data, AlphaMetric::kOrdinal), 1e-12);
  EXPECT_NEAR(j["alpha"]["overall"]["interval"].get<double>(),
              *KrippendorffAlpha(data, AlphaMetric::kInterval), 1e-12);
  // dave disagrees on social and human criteria, not national ones.
  EXPECT_GT(j["alpha"]["layers"]["national"]["interval"].get<double>(),
            j["alpha"]["layers"]["social"]["interval"].get<double>());
  // The consensus is a valid scenario, and scores like the medians.
  auto validate = RunPoise("validate '" + dir + "/consensus.yaml'");
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  EXPECT_NE(ReadFile(dir + "/consensus.yaml")
                .find("evidence: \"median of 4 raters (ratings 4, 4, 3, 4)\""),
            std::string::npos);
  EXPECT_EQ(RunPoise("panel tests/data/panel/alice.yaml").exit_code, 1);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace poise
