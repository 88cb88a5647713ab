// Batch evaluation for scripts: thread-count determinism, shards, --fail-on, stdin lists,
// recursion and synthetic scenarios.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_util.h"

namespace poise {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::RunPoise;

// 300 synthetic scenarios, shared by the tests of this file.
class Batch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(::testing::TempDir() + "poise_batch_" + std::to_string(getpid()));
    fs::remove_all(*dir_);
    auto run =
        RunPoise("synth --rubric rubrics/balanced-coexistence.yaml --count 300 --seed 11 --out '" +
                 *dir_ + "'");
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string* dir_;
};
std::string* Batch::dir_ = nullptr;

TEST_F(Batch, SynthIsReproducibleAndValid) {
  const std::string again = *dir_ + "-again";
  ASSERT_EQ(
      RunPoise("synth -r rubrics/balanced-coexistence.yaml -n 300 -s 11 --out '" + again + "'")
          .exit_code,
      0);
  for (int i : {1, 150, 300}) {
    char name[32];
    std::snprintf(name, sizeof name, "/synth-%06d.yaml", i);
    EXPECT_EQ(ReadFile(*dir_ + name), ReadFile(again + name)) << name;
    EXPECT_FALSE(ReadFile(*dir_ + name).empty());
  }
  fs::remove_all(again);
  auto other =
      RunPoise("synth -r rubrics/balanced-coexistence.yaml -n 1 -s 12 --out '" + again + "'");
  EXPECT_NE(ReadFile(again + "/synth-000001.yaml"), ReadFile(*dir_ + "/synth-000001.yaml"));
  fs::remove_all(again);
  auto validate = RunPoise("validate -q '" + *dir_ + "'");
  EXPECT_EQ(validate.exit_code, 0) << validate.err.substr(0, 500);
}

TEST_F(Batch, OutputIsIdenticalForAnyThreadCount) {
  for (const char* format : {"ndjson", "csv", "json", "table"}) {
    auto one = RunPoise(std::string("score -f ") + format + " -j 1 '" + *dir_ + "'");
    auto two = RunPoise(std::string("score -f ") + format + " -j 2 '" + *dir_ + "'");
    auto eight = RunPoise(std::string("score -f ") + format + " -j 8 '" + *dir_ + "'");
    EXPECT_EQ(one.exit_code, 0);
    EXPECT_EQ(one.out, two.out) << format;
    EXPECT_EQ(one.out, eight.out) << format;
  }
}

TEST_F(Batch, ShardsConcatenateToTheWhole) {
  auto whole = RunPoise("score -f ndjson '" + *dir_ + "'");
  std::string joined;
  for (int k = 1; k <= 3; ++k) {
    auto part = RunPoise("score -f ndjson --shard " + std::to_string(k) + "/3 '" + *dir_ + "'");
    EXPECT_EQ(part.exit_code, 0);
    joined += part.out;
  }
  EXPECT_EQ(joined, whole.out);
  // 300 files in 7 shards: floor(300·k/7) boundaries give sizes 42 or 43.
  auto seventh = RunPoise("score -f ndjson --shard 7/7 '" + *dir_ + "'");
  EXPECT_EQ(std::count(seventh.out.begin(), seventh.out.end(), '\n'), 300 - 300 * 6 / 7);
  EXPECT_EQ(RunPoise("score --shard 0/3 scenarios/").exit_code, 1);
  EXPECT_EQ(RunPoise("score --shard 4/3 scenarios/").exit_code, 1);
  EXPECT_EQ(RunPoise("score --shard x scenarios/").exit_code, 1);
}

TEST_F(Batch, FailOnGatesPipelines) {
  EXPECT_EQ(RunPoise("score -f csv --fail-on neglected scenarios/deterrence-only.yaml").exit_code,
            3);
  EXPECT_EQ(RunPoise("score -f csv --fail-on imbalanced scenarios/open-doors.yaml").exit_code, 0);
  EXPECT_EQ(RunPoise("score -f csv --fail-on any scenarios/open-doors.yaml").exit_code, 3);
  EXPECT_EQ(RunPoise("score -f csv --fail-on any scenarios/balanced-dual-track.yaml").exit_code, 0);
  EXPECT_EQ(RunPoise("score --fail-on sometimes scenarios/").exit_code, 1);
  // Invalid input outranks --fail-on: exit 2.
  EXPECT_EQ(RunPoise("score --fail-on any --rubric tests/data/rubrics/three.yaml tests/data/batch/")
                .exit_code,
            2);
}

TEST_F(Batch, PathsFromStdinAndRecursion) {
  const std::string list = *dir_ + "-list.txt";
  std::ofstream(list) << "scenarios/open-doors.yaml\n\nscenarios/deterrence-only.yaml\n";
  auto run = RunPoise("score -f ndjson - < '" + list + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(nlohmann::json::parse(first)["scenario"], "open-doors");
  EXPECT_EQ(nlohmann::json::parse(second)["scenario"], "deterrence-only");
  fs::remove(list);
  // scenarios/ holds 8 files and scenarios/hdi/ 7 more: --recursive descends.
  auto flat = RunPoise("score -f ndjson scenarios/");
  auto deep = RunPoise("score -f ndjson --recursive scenarios/");
  EXPECT_EQ(std::count(flat.out.begin(), flat.out.end(), '\n'), 8);
  EXPECT_EQ(std::count(deep.out.begin(), deep.out.end(), '\n'), 15);
}

TEST_F(Batch, CsvRowsOfARubricUnknownToTheHeaderAreReportedInPlace) {
  // Without --rubric the CSV columns come from the rubrics of the first chunk; here both rubrics
  // appear in the first chunk, so every row fits.
  auto run = RunPoise("score -f csv scenarios/open-doors.yaml scenarios/hdi/norway.yaml");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("dimensions.health"), std::string::npos);
  EXPECT_NE(run.out.find("layers.national"), std::string::npos);
}

}  // namespace
}  // namespace poise

namespace poise {
namespace {

TEST(Rank, CompetitionRankingWithTiesAndNulls) {
  // Overall (AMPI over layers): d (1, 1, 1) = 1; a and b (1, 0.5, 0.25) = 0.527777... (a tie);
  // c (0.5, 0.5, 0.5) = 0.5; e has no social or human score, so no overall and no rank.
  auto run =
      testing::RunPoise("rank -f json --rubric tests/data/rubrics/three.yaml tests/data/rank/");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json j = nlohmann::json::parse(run.out);
  ASSERT_EQ(j.size(), 5u);
  std::vector<std::pair<std::string, nlohmann::json>> got;
  for (const auto& row : j) got.emplace_back(row["scenario"], row["rank"]);
  EXPECT_EQ(got[0], std::make_pair(std::string("d"), nlohmann::json(1)));
  EXPECT_EQ(got[1], std::make_pair(std::string("a"), nlohmann::json(2)));
  EXPECT_EQ(got[2],
            std::make_pair(std::string("b"), nlohmann::json(2)));  // tie: same rank, input order
  EXPECT_EQ(got[3], std::make_pair(std::string("c"), nlohmann::json(4)));  // "1224"
  EXPECT_EQ(got[4].second, nlohmann::json(nullptr));
  // Rank within a member: national is 1 for a, b, d, e (tie at 1.0) and 5 for c.
  EXPECT_EQ(j[3]["groups"]["layers"]["national"]["rank"], 5);
  EXPECT_EQ(j[0]["groups"]["layers"]["national"]["rank"], 1);
  // By gap, smaller first: c and d have gap 0 (rank 1), a and b 0.75 (rank 3).
  auto gap = nlohmann::json::parse(
      testing::RunPoise(
          "rank -f json --by layers.gap --rubric tests/data/rubrics/three.yaml tests/data/rank/")
          .out);
  EXPECT_EQ(gap[0]["scenario"], "c");
  EXPECT_EQ(gap[1]["rank"], 1);
  EXPECT_EQ(gap[2]["rank"], 3);
  EXPECT_EQ(testing::RunPoise(
                "rank --by layers.nothing --rubric tests/data/rubrics/three.yaml tests/data/rank/")
                .exit_code,
            1);
}

}  // namespace
}  // namespace poise

namespace poise {
namespace {

TEST(Determinism, AScenarioScoresTheSameAloneAndInAnyBatch) {
  // Every bundled scenario scored alone must give the same bytes as its line in a batch of all of
  // them (scores must not depend on batch shape: no product kernel chosen by size).
  auto all = testing::RunPoise("score -f ndjson scenarios/ scenarios/hdi/");
  ASSERT_EQ(all.exit_code, 0);
  std::istringstream lines(all.out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    const std::string file = nlohmann::json::parse(line)["file"];
    EXPECT_EQ(testing::RunPoise("score -f ndjson '" + file + "'").out, line + "\n") << file;
    ++count;
  }
  EXPECT_EQ(count, 15);
}

}  // namespace
}  // namespace poise
