// Every file in tests/data/bad/ is one bad-input case: `poise validate` must reject it with exit 2
// and exactly the diagnostics pinned in its .expected file (reviewed by hand when written; see
// regenerate.sh). Each case is its own test.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "test_util.h"

namespace poise {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> BadCases(const std::string& extension) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(POISE_SOURCE_DIR "/tests/data/bad")) {
    if (entry.path().extension() == extension) names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& param) {
  std::string name = param.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

class BadInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInput, IsRejectedWithPinnedDiagnostics) {
  const std::string name = GetParam();
  const std::string file = "tests/data/bad/" + name + ".yaml";
  const std::string expected =
      testing::ReadFile(POISE_SOURCE_DIR "/tests/data/bad/" + name + ".expected");
  ASSERT_FALSE(expected.empty()) << "missing " << name << ".expected";
  testing::RunResult run =
      testing::RunPoise("validate -q --rubric tests/data/rubrics/three.yaml " + file);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, expected);
  // Every line has the editor-friendly shape file:line:col: error: ...
  size_t start = 0;
  while (start < run.err.size()) {
    size_t end = run.err.find('\n', start);
    EXPECT_EQ(run.err.compare(start, file.size() + 1, file + ":"), 0)
        << run.err.substr(start, end - start);
    EXPECT_NE(run.err.find(": error: ", start), std::string::npos);
    start = end + 1;
  }
}

INSTANTIATE_TEST_SUITE_P(Data, BadInput, ::testing::ValuesIn(BadCases(".yaml")), CaseName);

// The *.csv cases are ratings matrices for `score --from-csv` (rubric three.yaml). Both reading
// paths — rows as scenarios (ndjson) and the matrix fast path (csv) — must report exactly the
// pinned diagnostics and exit 2, while still scoring the valid rows.
class BadCsv : public ::testing::TestWithParam<std::string> {};

TEST_P(BadCsv, BothPathsReportThePinnedDiagnostics) {
  const std::string name = GetParam();
  const std::string expected =
      testing::ReadFile(POISE_SOURCE_DIR "/tests/data/bad/" + name + ".expected");
  ASSERT_FALSE(expected.empty()) << "missing " << name << ".expected";
  for (const char* format : {"ndjson", "csv"}) {
    testing::RunResult run =
        testing::RunPoise(std::string("score --rubric tests/data/rubrics/three.yaml --format ") +
                          format + " --from-csv tests/data/bad/" + name + ".csv");
    EXPECT_EQ(run.exit_code, 2) << format;
    EXPECT_EQ(run.err, expected) << format;
  }
}

INSTANTIATE_TEST_SUITE_P(Data, BadCsv, ::testing::ValuesIn(BadCases(".csv")), CaseName);

// Inputs on which a fuzzer crashed poise (fuzz/, docs/limits.md), kept byte for byte. The CSV
// ones are matrices of the bundled rubric: both reading paths must give the pinned diagnostics.
TEST(FuzzCrashers, CsvCrashersAreRejectedAlikeByBothPaths) {
  size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(POISE_SOURCE_DIR "/tests/data/bad/fuzz")) {
    if (entry.path().extension() != ".csv") continue;
    ++cases;
    const std::string name = entry.path().stem().string();
    const std::string expected =
        testing::ReadFile(POISE_SOURCE_DIR "/tests/data/bad/fuzz/" + name + ".expected");
    ASSERT_FALSE(expected.empty()) << "missing " << name << ".expected";
    for (const char* format : {"ndjson", "csv"}) {
      testing::RunResult run = testing::RunPoise(
          std::string("score --rubric rubrics/balanced-coexistence.yaml --format ") + format +
          " --from-csv tests/data/bad/fuzz/" + name + ".csv");
      EXPECT_EQ(run.exit_code, 2) << name << " " << format;
      EXPECT_EQ(run.err, expected) << name << " " << format;
    }
  }
  EXPECT_GT(cases, 0u);
}

TEST(BadCsvLine, LineLongerThanTheLimitIsOneBadRowAndTheOthersScore) {
  // 600 Ki fields of "x," = 1.2 MB on line 3, past kMaxCsvLine (1 MiB); read in bounded memory.
  const std::string path = ::testing::TempDir() + "poise_long_line.csv";
  {
    std::ofstream out(path);
    out << "id,a,b,c\nfirst,1,2,3\n";
    for (int i = 0; i < 600 * 1024; ++i) out << "x,";
    out << "\nlast,4,4,4\n";
  }
  for (const char* format : {"ndjson", "csv"}) {
    testing::RunResult run =
        testing::RunPoise(std::string("score --rubric tests/data/rubrics/three.yaml --format ") +
                          format + " --from-csv '" + path + "'");
    EXPECT_EQ(run.exit_code, 2) << format;
    EXPECT_EQ(run.err, path +
                           ":3:1: error: line longer than 1048576 bytes — is this a ratings "
                           "matrix? (a row of 5000 criteria needs well under 1 MiB)\n")
        << format;
    EXPECT_NE(run.out.find("first"), std::string::npos) << format;
    EXPECT_NE(run.out.find("last"), std::string::npos) << format;
  }
  std::remove(path.c_str());
}

TEST(BadInputSize, FileLargerThanTheLimitIsRejectedBeforeParsing) {
  const std::string path = ::testing::TempDir() + "poise_huge.yaml";
  {
    std::ofstream out(path);
    out << "poise: scenario/1\ndescription: |\n";
    const std::string line = "  " + std::string(78, 'x') + "\n";
    for (size_t written = 0; written <= kMaxFileBytes; written += line.size()) out << line;
  }
  testing::RunResult run = testing::RunPoise("validate '" + path + "'");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            path +
                ":1:1: error: file is larger than the limit of 4194304 bytes — poise files are "
                "small YAML documents; is this the right file?\n");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace poise
