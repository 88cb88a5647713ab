// The document reports: `poise report` (HTML with SVG drawn by poise) and `score -f markdown`.
// Geometry and colours are checked against values computed by hand; the same content must be in
// both formats; the HTML must be self-contained and accessible. (tests/browser_test.cc renders it.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "test_util.h"

namespace poise {
namespace {

using testing::ReadFile;
using testing::RunPoise;

const std::string kThree = "--rubric tests/data/rubrics/three.yaml ";

std::string Html(const std::string& args) {
  auto run = RunPoise("report -o - " + args);
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 2) << run.err;
  return run.out;
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(Report, RadarPolygonIsTheScoresOnTheAxes) {
  const std::string html = Html(kThree + "tests/data/batch/4-weak-human.yaml");
  // weak-human: a = 4, b = 2, c = 1 of 0..4 -> layers national 1, social 0.5, human 0.25.
  // Centre (250, 165), radius 100, axis k at angle -90° + 120°·k:
  //   k=0: (250, 165 − 100·1)                      = (250.0, 65.0)
  //   k=1: (250 + 50·cos 30°, 165 + 50·sin 30°)    = (293.3, 190.0)
  //   k=2: (250 − 25·cos 30°, 165 + 25·sin 30°)    = (228.3, 177.5)
  EXPECT_NE(html.find(R"~(class="data" points="250.0,65.0 293.3,190.0 228.3,177.5")~"),
            std::string::npos);
  // The floor 0.4 as a dashed ring: k=0 at (250, 165 − 40) = (250.0, 125.0).
  EXPECT_NE(html.find(R"~(points="250.0,125.0 )~"), std::string::npos);
  // kinds has two members: bars, not a radar. Three radars would mean kinds was drawn as one.
  EXPECT_EQ(Count(html, R"~(class="radar")~"), 1u);
  EXPECT_EQ(Count(html, R"~(class="bars")~"), 1u);
}

TEST(Report, HeatmapColoursAreViridisWithBlindSpotsHatched) {
  const std::string html = Html(kThree + "tests/data/batch/4-weak-human.yaml");
  // Cells of layers × kinds: (national, fear) = x_a = 1 -> viridis(1) = #fde725;
  // (social, want) = x_b = 0.5 -> #21918c; (human, want) = x_c = 0.25 -> #3b528b (viridis stops).
  for (const char* colour : {"#fde725", "#21918c", "#3b528b"})
    EXPECT_NE(html.find(std::string("fill=\"") + colour + "\""), std::string::npos) << colour;
  // No criterion loads on national × want, social × fear or human × fear: three blind spots.
  EXPECT_EQ(Count(html, R"~(fill="url(#hatch-blind)")~"), 3u);
  EXPECT_NE(html.find("blind spots of the rubric"), std::string::npos);
  // Values are printed in the cells too (grayscale, print): 1.00, 0.50, 0.25.
  for (const char* value : {">1.00</text>", ">0.50</text>", ">0.25</text>"})
    EXPECT_NE(html.find(value), std::string::npos) << value;
}

// Readable in grayscale: the heatmap's colours get lighter as the value rises (relative luminance,
// WCAG), so order survives without colour; the value is printed in every cell as well.
TEST(Report, HeatmapLuminanceRisesWithTheValue) {
  const std::string html = Html("scenarios/deterrence-only.yaml scenarios/open-doors.yaml");
  std::regex cell(
      R"re(fill="#([0-9a-f]{6})" stroke="#ffffff" stroke-width="2"/><text [^>]*class="value">([0-9.]+)</text>)re");
  std::vector<std::pair<double, double>> cells;  // value, luminance
  for (auto it = std::sregex_iterator(html.begin(), html.end(), cell); it != std::sregex_iterator();
       ++it) {
    const unsigned long rgb = std::stoul((*it)[1], nullptr, 16);
    auto channel = [](unsigned long c) {
      const double v = static_cast<double>(c) / 255;
      return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const double luminance = 0.2126 * channel(rgb >> 16) + 0.7152 * channel((rgb >> 8) & 255) +
                             0.0722 * channel(rgb & 255);
    cells.emplace_back(std::stod((*it)[2]), luminance);
  }
  ASSERT_EQ(cells.size(), 24u);  // 2 scenarios × 3 layers × 4 policies, no blind spot
  std::sort(cells.begin(), cells.end());
  for (size_t i = 1; i < cells.size(); ++i) {
    if (cells[i].first > cells[i - 1].first + 0.005) {  // printed values differ
      EXPECT_GT(cells[i].second, cells[i - 1].second) << cells[i].first;
    }
  }
}

TEST(Report, CriterionBarsAreSortedWeakestFirstWithRanges) {
  const std::string html = Html("scenarios/open-doors.yaml");
  // Criterion bars are 180 wide: a bar of x is 180·x wide. stable_housing is 2 of 4 (x = 0.5)
  // with range [1, 2] -> whisker from 45.0 to 90.0.
  EXPECT_NE(html.find(R"~(<line x1="45.0" y1="11" x2="90.0" y2="11"/>)~"), std::string::npos);
  // Rows appear in ascending score order: extract the score column.
  std::regex score_cell(R"re(<td class="num">([0-9.]+|-)</td><td class="bar">)re");
  std::vector<double> scores;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), score_cell);
       it != std::sregex_iterator(); ++it) {
    if ((*it)[1] != "-") scores.push_back(std::stod((*it)[1]));
  }
  ASSERT_EQ(scores.size(), 25u);  // every criterion of balanced-coexistence is rated
  EXPECT_TRUE(std::is_sorted(scores.begin(), scores.end()));
}

TEST(Report, IsSelfContainedAndEveryFigureIsLabelled) {
  const std::string html = Html("scenarios/");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  // The only URL is the SVG namespace, which is a name, not a request.
  std::regex url(R"~(https?://[^"' )]+)~");
  std::set<std::string> urls;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator();
       ++it)
    urls.insert(it->str());
  EXPECT_EQ(urls, std::set<std::string>{"http://www.w3.org/2000/svg"});
  // url(...) in styles and fills points inside the document only.
  for (size_t at = html.find("url("); at != std::string::npos; at = html.find("url(", at + 1))
    EXPECT_EQ(html[at + 4], '#') << html.substr(at, 30);
  // Every figure: role img, labelled by its own <title> and described by its <desc>.
  std::regex svg(
      R"re(<svg class="[a-z-]+" [^>]*role="img" aria-labelledby="(fig\d+)-t (fig\d+)-d">)re");
  size_t figures = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), svg); it != std::sregex_iterator();
       ++it) {
    ++figures;
    const std::string id = (*it)[1];
    EXPECT_EQ((*it)[2], id);
    const auto start = static_cast<size_t>(it->position());
    const size_t title = html.find("<title id=\"" + id + "-t\">", start);
    const size_t desc = html.find("<desc id=\"" + id + "-d\">", start);
    EXPECT_EQ(title, start + static_cast<size_t>(it->length()));
    EXPECT_NE(desc, std::string::npos);
    EXPECT_NE(html[html.find('>', title) + 1], '<') << "empty title of " << id;
  }
  // 8 scenarios × (3 radars + 1 heatmap + 25 criterion bars) + 1 comparison chart.
  EXPECT_EQ(figures, 8u * 29u + 1u);
  EXPECT_EQ(Count(html, "<svg"), figures + 1);  // + the hidden pattern definitions
  // ids are unique in the document.
  std::regex id_attr(R"re( id="([^"]+)")re");
  std::set<std::string> ids;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attr);
       it != std::sregex_iterator(); ++it)
    EXPECT_TRUE(ids.insert((*it)[1]).second) << "duplicate id " << (*it)[1];
}

TEST(Report, TextIsEscapedEverywhere) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("poise_report_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string file = (dir / "x.yaml").string();
  std::ofstream(file) << "poise: scenario/1\nid: tricky\n"
                         "title: \"<b>A & B</b> 'quoted' \\\"x\\\"\"\n"
                         "rubric: three\nratings:\n  a: {score: 2, evidence: \"</td><script>\"}\n"
                         "  b: 2\n  c: 2\n";
  const std::string html = Html(kThree + "'" + file + "'");
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;A &amp; B&lt;/b&gt; &#39;quoted&#39; &quot;x&quot;"),
            std::string::npos);
  EXPECT_NE(html.find("&lt;/td&gt;&lt;script&gt;"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Report, FailedInputsAreShownInPlace) {
  auto run = RunPoise("report -o - " + kThree + "tests/data/batch/");
  EXPECT_EQ(run.exit_code, 2);  // like score: the others are still reported
  const size_t balanced = run.out.find("id=\"s1-balanced\"");
  const size_t broken = run.out.find("id=\"s2-invalid\"");
  const size_t lopsided = run.out.find("id=\"s3-lopsided\"");
  ASSERT_NE(broken, std::string::npos);
  EXPECT_LT(balanced, broken);
  EXPECT_LT(broken, lopsided);
  EXPECT_NE(run.out.find("tests/data/batch/2-broken.yaml:6:3: error: rating 7 for &#39;a&#39; is "
                         "outside its scale 0..4"),
            std::string::npos);
}

TEST(Report, ComparisonRanksWithTies) {
  const std::string html = Html(kThree +
                                "tests/data/batch/1-balanced.yaml "
                                "tests/data/batch/1-balanced.yaml "
                                "tests/data/batch/4-weak-human.yaml "
                                "tests/data/batch/3-lopsided.yaml");
  // balanced 0.75 twice (rank 1, 1), weak-human 0.5278 (rank 3), lopsided has no overall (—).
  std::regex rank(R"re(<tr><td class="num">([0-9—]+)</td><td><a href="#(s\d-[a-z-]+)">)re");
  std::vector<std::string> rows;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), rank); it != std::sregex_iterator();
       ++it)
    rows.push_back(std::string((*it)[1]) + " " + std::string((*it)[2]));
  EXPECT_EQ(rows, (std::vector<std::string>{"1 s1-balanced", "1 s2-balanced", "3 s3-weak-human",
                                            "— s4-lopsided"}));
  EXPECT_EQ(Count(html, R"~(class="comparison")~"), 2u);  // the section and its chart
}

TEST(Report, EachRubricIsRankedOnItsOwn) {
  // Scores of different rubrics are not compared: HDI Norway (0.94) and Canada (0.91) rank 1 and 2
  // among themselves, not 1 and 2 of four with open-doors (0.43) and deterrence-only (0.27).
  auto md = RunPoise(
      "score -f markdown scenarios/open-doors.yaml scenarios/deterrence-only.yaml "
      "scenarios/hdi/norway.yaml scenarios/hdi/canada.yaml");
  ASSERT_EQ(md.exit_code, 0);
  for (const char* row : {"| 1 | open-doors | 0.43 |", "| 2 | deterrence-only | 0.27 |",
                          "| 1 | hdi-2014-norway | 0.94 |", "| 2 | hdi-2014-canada | 0.91 |"})
    EXPECT_NE(md.out.find(row), std::string::npos) << row;
}

// Markdown carries the content of the HTML report: the same meaning paragraphs, flags in plain
// words, criteria in the same order with the same evidence, and the same gains.
TEST(Report, MarkdownCarriesTheSameContent) {
  const std::string html = testing::UnescapeHtml(Html("scenarios/"));
  auto md = RunPoise("score -f markdown scenarios/");
  ASSERT_EQ(md.exit_code, 0);
  auto json = nlohmann::json::parse(RunPoise("score -f json scenarios/").out);
  ASSERT_EQ(json.size(), 8u);
  auto between = [](const std::string& text, const std::string& start, const std::string& end,
                    size_t from) {
    const size_t a = text.find(start, from);
    if (a == std::string::npos) return std::string();
    const size_t b = text.find(end, a + start.size());
    return text.substr(a + start.size(), b - a - start.size());
  };
  size_t md_at = 0, html_at = 0;
  for (const auto& report : json) {
    const std::string id = report["scenario"];
    md_at = md.out.find("\n## " + id + " — ", md_at);
    html_at = html.find("<small>" + id + "</small></h2>", html_at);
    ASSERT_NE(md_at, std::string::npos) << id;
    ASSERT_NE(html_at, std::string::npos) << id;
    // The meaning paragraph.
    const std::string meaning = between(html, "</div><p>", "</p>", html_at);
    ASSERT_FALSE(meaning.empty());
    EXPECT_NE(md.out.find(meaning, md_at), std::string::npos) << id;
    // Every flag's plain words.
    for (const auto& flag : report["flags"]) {
      const std::string code = flag["code"];
      EXPECT_NE(html.find("<span class=\"flag-code\">" + code, html_at), std::string::npos);
      EXPECT_NE(md.out.find("- **" + code + "**", md_at), std::string::npos);
    }
    // Criteria in the same order, with their evidence.
    size_t html_row = html_at, md_row = md.out.find("### Criteria, weakest first", md_at);
    for (int k = 0; k < 25; ++k) {
      html_row = html.find("<tr><td>", html_row + 1);
      const std::string title = between(html, "<tr><td>", "<br>", html_row - 1);
      md_row = md.out.find("\n| " + title + " | ", md_row + 1);
      ASSERT_NE(md_row, std::string::npos) << id << ": " << title;
    }
  }
}

TEST(Report, MarkdownGolden) {
  // Regenerated by the binary and read line by line against the figures of score_test.cc and
  // cli_test.cc: balanced 0.75 (AMPI 115.0), weak-human 0.53 (AMPI 101.7), the plain mean of
  // weak-human (1 + 0.5 + 0.25)/3 = 0.58, so imbalance costs 0.58 − 0.53 = 0.06 (0.5833 − 0.5278
  // = 0.0556); 0.75 on 0..4 is 3.0 ("at level 3"), 0.5278·4 = 2.1 (between 2 and 3).
  auto run = RunPoise("score " + kThree + "-f markdown tests/data/batch/");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, ReadFile(POISE_SOURCE_DIR "/tests/data/golden/batch.markdown"));
}

TEST(Report, ByteIdenticalForAnyThreadCount) {
  for (const char* format : {"html", "markdown"}) {
    auto one =
        RunPoise(std::string("report -j 1 -f ") + format + " -o - scenarios/ scenarios/hdi/");
    auto two =
        RunPoise(std::string("report -j 2 -f ") + format + " -o - scenarios/ scenarios/hdi/");
    EXPECT_EQ(one.exit_code, 0);
    EXPECT_EQ(one.out, two.out) << format;
  }
}

TEST(Report, NeedsAnOutputAndInputs) {
  auto no_output = RunPoise("report scenarios/");
  EXPECT_EQ(no_output.exit_code, 1);
  EXPECT_NE(no_output.err.find("--output is required"), std::string::npos) << no_output.err;
  auto no_input = RunPoise("report -o /tmp/x.html");
  EXPECT_EQ(no_input.exit_code, 1);
}

TEST(Report, RefusesMoreInputsThanADocumentHolds) {
  // kMaxDocumentEntries = 2000: 2001 inputs (one file listed 2001 times on stdin) are refused up
  // front with a hint; 2000 are not refused.
  const std::string list = ::testing::TempDir() + "poise_list_" + std::to_string(getpid());
  {
    std::ofstream out(list);
    for (int i = 0; i < 2001; ++i) out << "scenarios/open-doors.yaml\n";
  }
  auto many = RunPoise("report -o - - < '" + list + "'");
  std::remove(list.c_str());
  EXPECT_EQ(many.exit_code, 1);
  EXPECT_NE(many.err.find("2001 inputs are too many for one html report (at most 2000)"),
            std::string::npos)
      << many.err;
  EXPECT_EQ(many.out, "");
}

TEST(Schema, PrintsTheFilesInSchemas) {
  for (const char* kind : {"rubric", "scenario"}) {
    auto run = RunPoise(std::string("schema ") + kind);
    EXPECT_EQ(run.exit_code, 0);
    const std::string file =
        ReadFile(std::string(POISE_SOURCE_DIR "/schemas/") + kind + ".schema.json");
    ASSERT_FALSE(file.empty());
    EXPECT_EQ(run.out, file);
    auto schema = nlohmann::json::parse(run.out);
    EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    EXPECT_EQ(schema["properties"]["poise"]["const"], std::string(kind) + "/1");
  }
  EXPECT_EQ(RunPoise("schema shocks").exit_code, 1);
}

}  // namespace
}  // namespace poise
