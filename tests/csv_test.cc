// Ratings matrices: poise export and score --from-csv, their round trip and their errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace poise {
namespace {

using testing::ReadFile;
using testing::RunPoise;

std::string Temp(const std::string& name) {
  return ::testing::TempDir() + "poise_csv_" + std::to_string(getpid()) + name;
}

// Drops the file column (YAML paths vs CSV rows) from a CSV report.
std::string WithoutFileColumn(const std::string& csv) {
  std::string out;
  size_t start = 0;
  while (start < csv.size()) {
    size_t end = csv.find('\n', start);
    std::string line = csv.substr(start, end - start);
    out += line.substr(line.find(',') + 1) + "\n";
    start = end + 1;
  }
  return out;
}

TEST(Csv, ExportThenScoreFromCsvGivesTheSameScores) {
  const std::string matrix = Temp("matrix.csv");
  auto exported = RunPoise("export -o '" + matrix + "' scenarios/");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string text = ReadFile(matrix);
  EXPECT_EQ(text.substr(0, text.find(',', 3)), "id,title");
  // balanced-dual-track leaves downside_risk_planning not assessed: an empty cell.
  EXPECT_NE(text.find("balanced-dual-track,Deterrence together with complementary protection and "
                      "integration,3,3,3,3,"),
            std::string::npos);
  auto from_yaml = RunPoise("score -f csv scenarios/");
  auto from_csv = RunPoise("score -f csv --rubric rubrics/balanced-coexistence.yaml --from-csv '" +
                           matrix + "'");
  ASSERT_EQ(from_csv.exit_code, 0) << from_csv.err;
  EXPECT_EQ(WithoutFileColumn(from_csv.out), WithoutFileColumn(from_yaml.out));
  // Exporting the matrix's scores through JSON gives the same overall scores too.
  auto json = RunPoise("score -f ndjson --rubric rubrics/balanced-coexistence.yaml --from-csv '" +
                       matrix + "'");
  auto first = nlohmann::json::parse(json.out.substr(0, json.out.find('\n')));
  EXPECT_EQ(first["file"], matrix + ":2");
  EXPECT_EQ(first["scenario"], "balanced-dual-track");
  std::filesystem::remove(matrix);
}

TEST(Csv, FastPathMatchesTheGeneralWriterIncludingBadRows) {
  const std::string matrix = Temp("rows.csv");
  std::ofstream(matrix) << "id,title,a,b,c\n"
                           "one,\"First, quoted\",4,2,1\n"
                           "two,Second,7,2,1\n"
                           "three,Third,2,,\n"
                           "Bad Id,Fourth,1,1,1\n"
                           "five,Fifth,1,1\n"
                           "six,Sixth,3,3,3\n";
  const std::string rubric = "--rubric tests/data/rubrics/three.yaml --from-csv '" + matrix + "'";
  auto csv = RunPoise("score -f csv " + rubric);
  auto ndjson = RunPoise("score -f ndjson " + rubric);
  EXPECT_EQ(csv.exit_code, 2);
  EXPECT_EQ(ndjson.exit_code, 2);
  // Row 3 (line 3): rating 7 outside 0..4, located at its cell.
  EXPECT_NE(csv.err.find(
                matrix +
                ":3:12: error: rating 7 for 'a' is outside its scale 0..4 — rate it from 0 to 4"),
            std::string::npos)
      << csv.err;
  EXPECT_NE(csv.err.find(matrix + ":5:1: error: the scenario id 'Bad Id' is not a valid id"),
            std::string::npos);
  EXPECT_NE(csv.err.find(matrix + ":6:1: error: row has 4 fields, the header has 5"),
            std::string::npos);
  // The general path (ndjson) and the fast path (csv) agree row by row.
  std::istringstream lines(ndjson.out), rows(csv.out);
  std::string line, row;
  std::getline(rows, row);  // header
  int count = 0;
  while (std::getline(lines, line)) {
    ASSERT_TRUE(std::getline(rows, row));
    auto entry = nlohmann::json::parse(line);
    if (entry.contains("errors")) {
      EXPECT_NE(row.find(",invalid,"), std::string::npos) << row;
    } else {
      EXPECT_EQ(row.substr(0, row.find(",three@1")),
                entry["file"].get<std::string>() + "," + entry["scenario"].get<std::string>());
    }
    ++count;
  }
  EXPECT_EQ(count, 6);
  // The row "three" has b and c empty: not assessed, so social and human have no score.
  EXPECT_NE(csv.out.find(",three,three@1,scored,,,0.5,,,"), std::string::npos) << csv.out;
  std::filesystem::remove(matrix);
}

TEST(Csv, HeaderErrors) {
  const std::string matrix = Temp("header.csv");
  std::ofstream(matrix) << "name,a,b,bb\nx,1,1,1\n";
  auto run = RunPoise("score --rubric tests/data/rubrics/three.yaml --from-csv '" + matrix + "'");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(
      run.err,
      matrix + ":1:1: error: the first column is 'name', not 'id' — start the header with id\n" +
          matrix +
          ":1:10: error: column 'bb' is not a criterion of rubric 'three' — did you mean 'b'?\n" +
          matrix +
          ":1:1: error: no column for 1 criterion of rubric 'three': c — add a column per "
          "criterion; leave "
          "its cells empty where it is not assessed\n");
  EXPECT_EQ(RunPoise("score --from-csv '" + matrix + "'").exit_code, 1);  // needs --rubric
  std::filesystem::remove(matrix);
}

}  // namespace
}  // namespace poise
