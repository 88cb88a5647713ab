// End-to-end tests of the poise binary: exit codes, golden outputs, a bad file in the middle of a
// batch, determinism, atomic --output, rubric lookup, help and version.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_util.h"

namespace poise {
namespace {

using testing::ReadFile;
using testing::RunPoise;
using Json = nlohmann::json;

const std::string kRubric = "--rubric tests/data/rubrics/three.yaml ";
const std::string kGolden = POISE_SOURCE_DIR "/tests/data/golden/";

// Compares JSON values: same structure and keys, numbers within 1e-12 (PITFALLS 13: the last bits
// of a double may differ across SIMD builds).
void ExpectJsonNear(const Json& actual, const Json& expected, const std::string& path = "$") {
  if (expected.is_number() && actual.is_number()) {
    EXPECT_NEAR(actual.get<double>(), expected.get<double>(), 1e-12) << path;
    return;
  }
  ASSERT_EQ(actual.type(), expected.type()) << path;
  if (expected.is_object()) {
    ASSERT_EQ(actual.size(), expected.size()) << path;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      ASSERT_TRUE(actual.contains(it.key())) << path << "." << it.key();
      ExpectJsonNear(actual[it.key()], it.value(), path + "." + it.key());
    }
  } else if (expected.is_array()) {
    ASSERT_EQ(actual.size(), expected.size()) << path;
    for (size_t i = 0; i < expected.size(); ++i)
      ExpectJsonNear(actual[i], expected[i], path + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(actual, expected) << path;
  }
}

TEST(Cli, VersionAndHelp) {
  auto version = RunPoise("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, "poise " POISE_VERSION "\n");
  auto help = RunPoise("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Examples:"), std::string::npos);
  EXPECT_NE(help.out.find("score"), std::string::npos);
  auto score_help = RunPoise("score --help");
  EXPECT_EQ(score_help.exit_code, 0);
  EXPECT_NE(score_help.out.find("--format"), std::string::npos);
  EXPECT_NE(score_help.out.find("Exit status"), std::string::npos);
}

TEST(Cli, UsageErrorsExitOne) {
  EXPECT_EQ(RunPoise("").exit_code, 1);            // no subcommand
  EXPECT_EQ(RunPoise("frobnicate").exit_code, 1);  // unknown subcommand
  EXPECT_EQ(RunPoise("score").exit_code, 1);       // no inputs
  EXPECT_EQ(RunPoise("score --format xml scenarios/").exit_code, 1);
  EXPECT_EQ(RunPoise("score --bogus scenarios/").exit_code, 1);
  EXPECT_EQ(RunPoise("score --rubric no/such/rubric.yaml scenarios/").exit_code, 1);
  EXPECT_EQ(RunPoise("score tests/data/golden").exit_code, 1);  // a directory without *.yaml
}

TEST(Cli, BundledScenariosScoreCleanly) {
  auto run = RunPoise("score scenarios/");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  for (const char* id : {"balanced-dual-track", "deterrence-only", "open-doors"}) {
    EXPECT_NE(run.out.find(id), std::string::npos) << id;
  }
  auto validate = RunPoise("validate rubrics/ scenarios/ scenarios/hdi/");
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
}

TEST(Cli, TableFitsOneHundredColumns) {
  for (const std::string& args : {std::string("score scenarios/"), kRubric + "tests/data/batch/",
                                  std::string("score scenarios/hdi/")}) {
    auto run = RunPoise(args.rfind("score", 0) == 0 ? args : "score " + args);
    std::istringstream lines(run.out);
    std::string line;
    while (std::getline(lines, line)) {
      size_t width = 0;
      for (char c : line) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      EXPECT_LE(width, 100u) << line;
      EXPECT_TRUE(line.empty() || line.back() != ' ') << "trailing space: " << line;
    }
  }
}

TEST(Cli, JsonReportCarriesEveryKeyOfFormats) {
  auto run = RunPoise("score --format json scenarios/");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json all = Json::parse(run.out);
  ASSERT_TRUE(all.is_array());
  ASSERT_EQ(all.size(), 8u);
  for (const Json& report : all) {
    for (const char* key : {"scenario", "file", "rubric", "overall", "weights", "groups",
                            "criteria", "crosstab", "flags", "ahp"}) {
      EXPECT_TRUE(report.contains(key)) << key;
    }
    for (const char* key : {"score", "aggregate", "group", "ampi"})
      EXPECT_TRUE(report["overall"].contains(key));
    EXPECT_EQ(report["rubric"]["id"], "balanced-coexistence");
    EXPECT_EQ(report["rubric"]["version"], "2026.1");
    EXPECT_TRUE(report["weights"].contains("layers"));
    for (const char* group : {"layers", "policies", "approaches"}) {
      const Json& g = report["groups"][group];
      EXPECT_TRUE(g["members"].is_object());
      for (const auto& member : g["members"]) {
        EXPECT_TRUE(member.contains("score"));
        EXPECT_TRUE(member.contains("coverage"));
      }
      for (const char* key : {"min", "max", "gap", "mean", "cv", "gini", "weakest", "strongest"}) {
        EXPECT_TRUE(g["balance"].contains(key)) << group << "." << key;
      }
    }
    EXPECT_EQ(report["criteria"].size(), 25u);  // every criterion, assessed or not
    for (const auto& criterion : report["criteria"]) {
      EXPECT_TRUE(criterion.contains("rating"));
      EXPECT_TRUE(criterion.contains("normalized"));
    }
    for (const char* key : {"rows", "columns", "cells", "blind_spots"})
      EXPECT_TRUE(report["crosstab"].contains(key));
    for (const auto& flag : report["flags"]) {
      EXPECT_TRUE(flag.contains("code"));
      EXPECT_TRUE(flag.contains("group"));
      EXPECT_TRUE(flag.contains("message"));
    }
  }
  // A not-assessed criterion is present with nulls.
  const Json& dual = all[0];
  EXPECT_EQ(dual["scenario"], "balanced-dual-track");
  EXPECT_TRUE(dual["criteria"]["downside_risk_planning"]["rating"].is_null());
  EXPECT_TRUE(dual["criteria"]["downside_risk_planning"]["normalized"].is_null());
}

TEST(Cli, SingleInputGivesOneObject) {
  auto run = RunPoise("score -f json scenarios/open-doors.yaml");
  EXPECT_TRUE(Json::parse(run.out).is_object());
}

TEST(Cli, BadFileInTheMiddleOfABatch) {
  auto run = RunPoise("score " + kRubric + "--format json tests/data/batch/");
  EXPECT_EQ(run.exit_code, 2);
  Json all = Json::parse(run.out);
  ASSERT_EQ(all.size(), 4u);  // every input appears, in input order
  EXPECT_EQ(all[0]["scenario"], "balanced");
  EXPECT_EQ(all[1]["file"], "tests/data/batch/2-broken.yaml");
  ASSERT_EQ(all[1]["errors"].size(), 3u);
  EXPECT_EQ(all[1]["errors"][0], Json({{"line", 6},
                                       {"column", 3},
                                       {"message", "rating 7 for 'a' is outside its scale 0..4"},
                                       {"hint", "rate it from 0 to 4"}}));
  EXPECT_FALSE(all[1].contains("scenario"));
  EXPECT_EQ(all[2]["scenario"], "lopsided");
  EXPECT_EQ(all[3]["scenario"], "weak-human");
  // stderr carries the same problems in file:line:col form.
  EXPECT_NE(
      run.err.find(
          "tests/data/batch/2-broken.yaml:6:3: error: rating 7 for 'a' is outside its scale 0..4"),
      std::string::npos);
}

TEST(Cli, GoldenOutputs) {
  // Golden files were generated by the binary and checked by hand against the formulas:
  // balanced: every layer 3/4 = 0.75 -> AMPI 115, overall 0.75; weak-human: layers (1, 0.5, 0.25)
  // -> AMPI 105 - 350/105 = 101.667, overall 0.527778 (see score_test.cc AmpiWithEqualWeights);
  // kinds.want of weak-human: geometric (0.5^0.5 · 0.25^1)^(1/1.5) = 0.31498...
  for (const char* format : {"table", "markdown"}) {
    auto run = RunPoise("score " + kRubric + "-f " + format + " tests/data/batch/");
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.out, ReadFile(kGolden + "batch." + format)) << format;
  }
  auto json = RunPoise("score " + kRubric + "-f json tests/data/batch/");
  ExpectJsonNear(Json::parse(json.out), Json::parse(ReadFile(kGolden + "batch.json")));
  auto ndjson = RunPoise("score " + kRubric + "-f ndjson tests/data/batch/");
  std::istringstream actual(ndjson.out), expected(ReadFile(kGolden + "batch.ndjson"));
  std::string a, e;
  int lines = 0;
  while (std::getline(expected, e)) {
    ASSERT_TRUE(std::getline(actual, a));
    ExpectJsonNear(Json::parse(a), Json::parse(e));
    ++lines;
  }
  EXPECT_EQ(lines, 4);
  EXPECT_FALSE(std::getline(actual, a));
  auto csv = RunPoise("score " + kRubric + "-f csv tests/data/batch/");
  EXPECT_EQ(csv.out, ReadFile(kGolden + "batch.csv"));
}

TEST(Cli, WeakHumanKindsWantIsTheWeightedGeometricMean) {
  auto run = RunPoise("score " + kRubric + "-f json tests/data/batch/4-weak-human.yaml");
  Json report = Json::parse(run.out);
  // want: b (x 0.5, a = 0.5) and c (x 0.25, a = 1): (0.5^0.5 · 0.25^1)^(1/1.5) = 2^(-2.5/1.5).
  EXPECT_NEAR(report["groups"]["kinds"]["members"]["want"]["score"].get<double>(),
              std::pow(2.0, -2.5 / 1.5), 1e-12);
  // crosstab cell (human, want): c alone -> 0.25; (national, want) is a blind spot.
  EXPECT_NEAR(report["crosstab"]["cells"][2][1].get<double>(), 0.25, 1e-12);
  EXPECT_EQ(report["crosstab"]["blind_spots"][0], Json({"national", "want"}));
}

TEST(Cli, OutputIsByteIdenticalAcrossRuns) {
  for (const char* format : {"table", "json", "ndjson", "csv", "markdown"}) {
    auto first = RunPoise(std::string("score -f ") + format + " scenarios/ scenarios/hdi/");
    auto second = RunPoise(std::string("score -f ") + format + " scenarios/ scenarios/hdi/");
    EXPECT_EQ(first.out, second.out) << format;
    EXPECT_FALSE(first.out.empty());
  }
}

TEST(Cli, OutputFileIsWrittenAtomically) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / ("poise_out_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string target = (dir / "report.json").string();
  auto run = RunPoise("score -f json -o '" + target + "' scenarios/");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(ReadFile(target), RunPoise("score -f json scenarios/").out);
  // A failed write leaves the old file untouched and no temporary behind.
  auto into_missing_dir =
      RunPoise("score -f json -o '" + (dir / "missing" / "r.json").string() + "' scenarios/");
  EXPECT_EQ(into_missing_dir.exit_code, 4);
  EXPECT_NE(into_missing_dir.err.find("cannot create a file"), std::string::npos)
      << into_missing_dir.err;
  auto onto_dir = RunPoise("score -o '" + dir.string() + "' scenarios/");
  EXPECT_EQ(onto_dir.exit_code, 4);
  auto full_disk = RunPoise("score -o /dev/full/x scenarios/");
  EXPECT_EQ(full_disk.exit_code, 4);
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1u);  // report.json only
  fs::remove_all(dir);
}

TEST(Cli, RubricLookupUsesRubricsDirAndEnvironmentPath) {
  // scenarios/ name their rubric by id; ./rubrics/ has it.
  EXPECT_EQ(RunPoise("score scenarios/open-doors.yaml").exit_code, 0);
  // tests/data/batch/4-weak-human.yaml names rubric three@1, found only through $POISE_RUBRIC_PATH.
  auto missing = RunPoise("score tests/data/batch/4-weak-human.yaml");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(
      missing.err.find("tests/data/batch/4-weak-human.yaml:4:9: error: rubric 'three' not found "
                       "(looked for three.yaml in rubrics/)"),
      std::string::npos)
      << missing.err;
  auto found = RunPoise("score tests/data/batch/4-weak-human.yaml",
                        "POISE_RUBRIC_PATH=/nonexistent:tests/data/lookup");
  EXPECT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("weak-human"), std::string::npos);
}

TEST(Cli, ScenarioForAnotherRubricIsRejected) {
  auto run = RunPoise("score " + kRubric + "scenarios/open-doors.yaml");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("scenarios/open-doors.yaml:4:9: error: the scenario is for rubric "
                         "'balanced-coexistence', "
                         "but the rubric given is 'three' (tests/data/rubrics/three.yaml)"),
            std::string::npos)
      << run.err;
}

TEST(Cli, RubricPassedToScoreIsExplained) {
  auto run = RunPoise("score rubrics/balanced-coexistence.yaml");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(
      run.err,
      "rubrics/balanced-coexistence.yaml:1:8: error: this file is a rubric, not a scenario — pass "
      "rubrics with --rubric, or check them with `poise validate`\n");
}

TEST(Cli, MissingAndDirectoryInputsAreReportedInPlace) {
  auto run = RunPoise("score -f ndjson scenarios/open-doors.yaml no-such-file.yaml");
  EXPECT_EQ(run.exit_code, 2);
  std::istringstream lines(run.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(Json::parse(first)["scenario"], "open-doors");
  EXPECT_EQ(Json::parse(second)["errors"][0]["message"], "no such file");
}

TEST(Cli, InvalidRubricFailsEveryScenarioOnceOnStderr) {
  auto run =
      RunPoise("score --rubric tests/data/bad/rubric-bad-agg.yaml -f ndjson tests/data/batch/");
  EXPECT_EQ(run.exit_code, 2);
  // The rubric's error is printed once, though four scenarios depend on it.
  EXPECT_EQ(
      run.err,
      "tests/data/bad/rubric-bad-agg.yaml:14:37: error: unknown aggregate 'average' in overall — "
      "use arithmetic, "
      "geometric, min or ampi\n"
      // the broken scenario's own problems cannot be checked without a rubric; its parse is fine
  );
  std::istringstream lines(run.out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    Json entry = Json::parse(line);
    EXPECT_EQ(entry["errors"][0]["file"], "tests/data/bad/rubric-bad-agg.yaml");
    ++count;
  }
  EXPECT_EQ(count, 4);
}

}  // namespace
}  // namespace poise

namespace poise {
namespace {

// FORMATS.md's own examples: the §1 rubric (completed with the criteria §2 rates, AHP weights from
// its comment) and the §2 scenario.
TEST(FormatsExamples, RubricAndScenarioBehaveAsWritten) {
  const std::string rubric = "--rubric tests/data/formats/balanced-coexistence.yaml ";
  auto run = testing::RunPoise("score -f json " + rubric +
                               "tests/data/formats/japan-2026-dual-track.yaml");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json report = Json::parse(run.out);
  // AHP national/social 1, national/human 1/2, social/human 1: for n = 3 the weights are the
  // normalised row geometric means (2^(-1/3), 1, 2^(1/3)) and λ = 1 + 0.5^(1/3) + 2^(1/3).
  const double g1 = std::cbrt(0.5), g3 = std::cbrt(2.0), sum = g1 + 1 + g3;
  EXPECT_NEAR(report["weights"]["layers"]["national"].get<double>(), g1 / sum, 1e-12);
  EXPECT_NEAR(report["weights"]["layers"]["human"].get<double>(), g3 / sum, 1e-12);
  const double lambda = 1 + std::cbrt(0.5) + std::cbrt(2.0);
  EXPECT_NEAR(report["ahp"]["layers"]["lambda_max"].get<double>(), lambda, 1e-12);
  EXPECT_NEAR(report["ahp"]["layers"]["cr"].get<double>(), (lambda - 3) / 2 / 0.58, 1e-12);
  // national: deterrence 3 rated, cyber not assessed (equal weight): coverage 0.5 = min_coverage.
  EXPECT_NEAR(report["groups"]["layers"]["members"]["national"]["coverage"].get<double>(), 0.5,
              1e-15);
  EXPECT_NEAR(report["groups"]["layers"]["members"]["national"]["score"].get<double>(), 0.75,
              1e-15);
  // Gap 0.25 equals max_gap 0.25: not imbalanced (the rule is gap > max_gap).
  EXPECT_TRUE(report["flags"].empty());
  EXPECT_EQ(report["crosstab"]["blind_spots"],
            Json::parse(R"([["national", "vulnerable_groups"]])"));
  EXPECT_EQ(report["criteria"]["refugee_housing"]["range"], Json::parse("[1, 3]"));
  EXPECT_TRUE(report["criteria"]["cyber_resilience"]["rating"].is_null());

  // As printed, the §2 example's shock changes a criterion it never rates.
  auto verbatim = testing::RunPoise("validate " + rubric +
                                    "tests/data/formats/verbatim/japan-2026-dual-track.yaml");
  EXPECT_EQ(verbatim.exit_code, 2);
  EXPECT_EQ(verbatim.err,
            "tests/data/formats/verbatim/japan-2026-dual-track.yaml:6:1: error: missing rating for "
            "'infrastructure_resilience' — rate it or list it under not_assessed\n");
}

TEST(FormatsExamples, ErrorExampleOfSection5) {
  // §5: `scenarios/x.yaml:14:3: error: rating 7 for 'refugee_housing' is outside its scale 0..4`.
  const std::string dir = ::testing::TempDir() + "poise_formats_" + std::to_string(getpid());
  std::filesystem::create_directories(dir + "/scenarios");
  {
    std::ofstream out(dir + "/scenarios/x.yaml");
    out << "poise: scenario/1\n"
           "id: x\n"
           "title: The error example of FORMATS.md section 5\n"
           "rubric: balanced-coexistence\n"
           "description: >\n"
           "  Ratings start further down so that the bad one lands where\n"
           "  the example in FORMATS.md puts it.\n"
           "not_assessed:\n"
           "  cyber_resilience: no public data\n"
           "ratings:\n"
           "  deterrence_posture: 3\n"
           "  infrastructure_resilience: 2\n"
           "  # line 13\n"
           "  refugee_housing: 7\n";  // line 14, column 3
  }
  auto run = testing::RunPoise("validate --rubric tests/data/formats/balanced-coexistence.yaml '" +
                               dir + "/scenarios/x.yaml'");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(
      run.err.find(
          "/scenarios/x.yaml:14:3: error: rating 7 for 'refugee_housing' is outside its scale 0..4 "
          "— rate it from 0 to 4\n"),
      std::string::npos)
      << run.err;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace poise

namespace poise {
namespace {

namespace fs = std::filesystem;

TEST(CliOutput, DevicesFifosAndSymlinksAreWrittenNotReplaced) {
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("poise_special_" + std::to_string(getpid()));
  fs::create_directories(dir);
  // A symlink to a regular file: the file is replaced, the link stays a link.
  std::ofstream(dir / "real.csv") << "old\n";
  fs::create_symlink("real.csv", dir / "link.csv");
  auto linked = testing::RunPoise("score -f csv -o '" + (dir / "link.csv").string() +
                                  "' scenarios/open-doors.yaml");
  EXPECT_EQ(linked.exit_code, 0) << linked.err;
  EXPECT_TRUE(fs::is_symlink(dir / "link.csv"));
  EXPECT_EQ(testing::ReadFile((dir / "real.csv").string()).rfind("file,scenario,", 0), 0u);
  // Device nodes (stand-ins for /dev/null and /dev/full, made in the test directory).
  if (geteuid() != 0) {
    fs::remove_all(dir);
    GTEST_SKIP() << "device-node cases need root to mknod; the symlink case ran";
  }
  ASSERT_EQ(std::system(("mknod -m 666 '" + (dir / "null").string() + "' c 1 3 && mknod -m 666 '" +
                         (dir / "full").string() + "' c 1 7")
                            .c_str()),
            0);
  auto to_null = testing::RunPoise("score -f csv -o '" + (dir / "null").string() +
                                   "' scenarios/open-doors.yaml");
  EXPECT_EQ(to_null.exit_code, 0) << to_null.err;
  EXPECT_TRUE(fs::is_character_file(dir / "null"));
  auto to_full = testing::RunPoise("score -f csv -o '" + (dir / "full").string() +
                                   "' scenarios/open-doors.yaml");
  EXPECT_EQ(to_full.exit_code, 4);
  EXPECT_NE(to_full.err.find("writing failed (disk full?)"), std::string::npos) << to_full.err;
  EXPECT_TRUE(fs::is_character_file(dir / "full"));
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 4u);  // real.csv, link.csv, null, full: no temporary left behind
  fs::remove_all(dir);
}

TEST(CliInputs, RecursionDoesNotFollowDirectorySymlinks) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("poise_loop_" + std::to_string(getpid()));
  fs::create_directories(dir / "sub");
  fs::copy_file(POISE_SOURCE_DIR "/scenarios/open-doors.yaml", dir / "sub" / "open-doors.yaml");
  fs::create_directory_symlink(dir, dir / "sub" / "back");  // a loop back to the top
  auto run = testing::RunPoise("score -f ndjson --recursive '" + dir.string() + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 1);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace poise
