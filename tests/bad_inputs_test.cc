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

std::vector<std::string> BadCases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(POISE_SOURCE_DIR "/tests/data/bad")) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
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

INSTANTIATE_TEST_SUITE_P(Data, BadInput, ::testing::ValuesIn(BadCases()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

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
