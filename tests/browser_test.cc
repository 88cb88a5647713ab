// The HTML report in a real browser: headless Chromium renders `poise report` of the bundled
// scenarios. A probe script, added to a copy of the report (the report itself runs none), measures
// the rendered DOM and writes what it found into the page, which --dump-dom prints: the figures,
// their sizes and titles, the scenario names and numbers, labels that overflow their figure, the
// page width, and any network request. A screenshot is decoded (PNG, zlib) and must not be blank.
//
// Chromium is found as $POISE_CHROMIUM, chromium or chromium-browser on PATH. Without it the tests
// skip and say why; .ci/run installs it (Debian package `chromium`).
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "test_util.h"

namespace poise {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using testing::ReadFile;
using testing::RunPoise;

std::string Shell(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
    pclose(pipe);
  }
  return out;
}

std::string FindChromium() {
  if (const char* env = std::getenv("POISE_CHROMIUM"); env != nullptr && *env != '\0') return env;
  for (const char* name : {"chromium", "chromium-browser"}) {
    std::string path = Shell(std::string("command -v ") + name + " 2>/dev/null");
    while (!path.empty() && (path.back() == '\n' || path.back() == ' ')) path.pop_back();
    if (!path.empty()) return path;
  }
  return "";
}

#define REQUIRE_CHROMIUM(var)                                                               \
  const std::string var = FindChromium();                                                   \
  if (var.empty())                                                                          \
  GTEST_SKIP() << "Chromium is not installed, so the report is not rendered in a browser: " \
                  "apt-get install chromium (as .ci/run does), or set POISE_CHROMIUM to a " \
                  "Chromium or Chrome binary"

// Headless Chromium as root in a container: no sandbox, no background network, a fresh profile.
std::string BrowserCommand(const std::string& chromium, const fs::path& profile,
                           const std::string& args) {
  return "'" + chromium + "' --headless --no-sandbox --disable-gpu --disable-dev-shm-usage " +
         "--disable-background-networking --disable-component-update --disable-sync " +
         "--no-first-run --hide-scrollbars --user-data-dir='" + profile.string() + "' " + args;
}

class BrowserReport : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("poise_browser_" + std::to_string(getpid()));
    fs::create_directories(dir_);
    report_ = dir_ / "report.html";
    auto run = RunPoise("report -o '" + report_.string() + "' scenarios/");
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs Chromium on the report with `options` and an output flag (--screenshot=,
  // --print-to-pdf=) writing to `name` in the test's directory; returns that file's path.
  fs::path RenderTo(const std::string& chromium, const std::string& options,
                    const std::string& output_flag, const std::string& name) const {
    const fs::path file = dir_ / name;
    Shell(BrowserCommand(chromium, dir_ / "profile",
                         options + " " + output_flag + "='" + file.string() + "' 'file://" +
                             report_.string() + "' >/dev/null 2>&1"));
    return file;
  }

  fs::path dir_, report_;
};

// Measures the rendered page and writes the findings as JSON into <pre id="probe">.
constexpr const char* kProbe = R"~(<script>
(function () {
  const out = {};
  const figures = [...document.querySelectorAll('svg[role="img"]')];
  out.figures = figures.length;
  out.empty_figures = figures.filter(s => {
    const r = s.getBoundingClientRect(); return r.width < 10 || r.height < 10; }).length;
  out.untitled = figures.filter(s => {
    const ids = (s.getAttribute('aria-labelledby') || '').split(' ');
    return ids.length !== 2 || ids.some(id => {
      const e = document.getElementById(id); return !e || !e.textContent.trim(); });
  }).length;
  // Text drawn outside its figure's viewBox is cut off on screen and paper.
  out.overflowing = [];
  for (const s of figures) {
    const vb = s.viewBox.baseVal;
    for (const t of s.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < vb.x - 1 || b.y < vb.y - 1 || b.x + b.width > vb.x + vb.width + 1 ||
          b.y + b.height > vb.y + vb.height + 1)
        out.overflowing.push(s.querySelector('title').textContent + ': ' + t.textContent);
    }
  }
  out.scenarios = [...document.querySelectorAll('article.scenario')].map(a => ({
    id: a.id,
    title: a.querySelector('h2').firstChild.textContent.trim(),
    overall: a.querySelector('.overall .score').textContent,
    radars: a.querySelectorAll('svg.radar').length,
    heatmaps: a.querySelectorAll('svg.heatmap').length,
    bars: a.querySelectorAll('svg.criterion-bar').length,
    blind_spots: a.querySelectorAll('svg.heatmap text.blind').length }));
  out.ranking = [...document.querySelectorAll('table.ranking tbody tr')].map(
    r => [...r.cells].slice(0, 3).map(c => c.textContent));
  out.page_width = document.documentElement.scrollWidth;
  out.view_width = window.innerWidth;
  out.requests = performance.getEntriesByType('resource').length;
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>)~";

Json Probe(const std::string& chromium, const fs::path& dir, const fs::path& report) {
  std::string html = ReadFile(report.string());
  const size_t end = html.rfind("</body>");
  if (end == std::string::npos) return {};
  html.insert(end, kProbe);
  const fs::path probed = dir / "probed.html";
  std::ofstream(probed) << html;
  const std::string dom = Shell(BrowserCommand(
      chromium, dir / "profile",
      "--window-size=1100,900 --dump-dom 'file://" + probed.string() + "' 2>/dev/null"));
  const size_t start = dom.find("<pre id=\"probe\">");
  if (start == std::string::npos) return {};
  const size_t stop = dom.find("</pre>", start);
  return Json::parse(testing::UnescapeHtml(dom.substr(start + 16, stop - start - 16)), nullptr,
                     false);
}

TEST_F(BrowserReport, RendersEveryFigureWithTheScenariosNamesAndNumbers) {
  REQUIRE_CHROMIUM(chromium);
  const Json probe = Probe(chromium, dir_, report_);
  ASSERT_TRUE(probe.is_object()) << "the probe found nothing in Chromium's DOM";
  // 8 scenarios × (3 radars + 1 heatmap + 25 criterion bars) + 1 comparison chart.
  EXPECT_EQ(probe["figures"], 8 * 29 + 1);
  EXPECT_EQ(probe["empty_figures"], 0);
  EXPECT_EQ(probe["untitled"], 0);
  EXPECT_EQ(probe["overflowing"], Json::array()) << probe["overflowing"].dump(1);
  EXPECT_LE(probe["page_width"].get<int>(), probe["view_width"].get<int>());
  EXPECT_EQ(probe["requests"], 0);  // nothing fetched: no fonts, images, styles or scripts

  // Names and numbers as rendered, against poise's own JSON report of the same files.
  const Json json = Json::parse(RunPoise("score -f json scenarios/").out);
  ASSERT_EQ(probe["scenarios"].size(), json.size());
  std::vector<std::pair<double, std::string>> by_score;
  for (size_t i = 0; i < json.size(); ++i) {
    const Json& seen = probe["scenarios"][i];
    const Json& report = json[i];
    EXPECT_EQ(seen["title"], report["title"]);
    char overall[16];
    std::snprintf(overall, sizeof overall, "%.2f", report["overall"]["score"].get<double>());
    EXPECT_EQ(seen["overall"], overall) << report["scenario"];
    EXPECT_EQ(seen["radars"], 3);
    EXPECT_EQ(seen["heatmaps"], 1);
    EXPECT_EQ(seen["bars"], 25);
    EXPECT_EQ(seen["blind_spots"], report["crosstab"]["blind_spots"].size());
    by_score.emplace_back(-report["overall"]["score"].get<double>(), report["title"]);
  }
  // The ranking table lists the scenarios best first.
  std::stable_sort(by_score.begin(), by_score.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  ASSERT_EQ(probe["ranking"].size(), by_score.size());
  for (size_t i = 0; i < by_score.size(); ++i)
    EXPECT_EQ(probe["ranking"][i][1], by_score[i].second) << i;
}

// A rubric built to strain the layout (tests/data/report/wide.yaml): ten members with long titles,
// a one-member group, a one-column crosstab, long scenario titles. Nothing may be cut off and the
// page may not scroll sideways; with ten members the comparison keeps the table and no chart
// (Okabe–Ito has seven colours).
TEST_F(BrowserReport, LongTitlesAndManyMembersStayInsideTheirFigures) {
  REQUIRE_CHROMIUM(chromium);
  const fs::path report = dir_ / "wide.html";
  auto run = RunPoise("report -o '" + report.string() +
                      "' --rubric tests/data/report/wide.yaml tests/data/report/wide-*.yaml");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json probe = Probe(chromium, dir_, report);
  ASSERT_TRUE(probe.is_object()) << "the probe found nothing in Chromium's DOM";
  // 3 scenarios × (a radar of 10 members + bars of 1 member + a heatmap + 10 criterion bars).
  EXPECT_EQ(probe["figures"], 3 * 13);
  EXPECT_EQ(probe["overflowing"], Json::array()) << probe["overflowing"].dump(1);
  EXPECT_LE(probe["page_width"].get<int>(), probe["view_width"].get<int>());
  EXPECT_EQ(probe["ranking"].size(), 3u);
}

// Printing: each scenario starts on a new page (the overview and comparison come first), and the
// whole report prints to PDF without error.
TEST_F(BrowserReport, PrintsEachScenarioOnItsOwnPages) {
  REQUIRE_CHROMIUM(chromium);
  const fs::path pdf = RenderTo(chromium, "--no-pdf-header-footer", "--print-to-pdf", "report.pdf");
  const std::string text = ReadFile(pdf.string());
  ASSERT_EQ(text.compare(0, 5, "%PDF-"), 0) << "no PDF at " << pdf;
  // The page tree's root holds the page count: the largest /Count.
  int pages = 0;
  for (size_t at = text.find("/Count "); at != std::string::npos; at = text.find("/Count ", at + 1))
    pages = std::max(pages, std::atoi(text.c_str() + at + 7));
  EXPECT_GE(pages, 1 + 8);   // the overview, then 8 scenarios each from a fresh page
  EXPECT_LE(pages, 8 * 12);  // and no runaway layout
}

// A minimal PNG decoder (8-bit RGB or RGBA, not interlaced: what Chromium writes), enough to
// count what a screenshot shows.
struct Image {
  uint32_t width = 0, height = 0;
  std::vector<std::array<uint8_t, 3>> pixels;
};

uint32_t BigEndian(const std::string& s, size_t at) {
  return (uint32_t{static_cast<uint8_t>(s[at])} << 24) |
         (uint32_t{static_cast<uint8_t>(s[at + 1])} << 16) |
         (uint32_t{static_cast<uint8_t>(s[at + 2])} << 8) |
         uint32_t{static_cast<uint8_t>(s[at + 3])};
}

std::optional<Image> DecodePng(const std::string& png) {
  if (png.size() < 33 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return std::nullopt;
  Image image;
  int channels = 0;
  std::string idat;
  for (size_t at = 8; at + 8 <= png.size();) {
    const uint32_t length = BigEndian(png, at);
    const std::string type = png.substr(at + 4, 4);
    if (at + 12 + length > png.size()) return std::nullopt;
    if (type == "IHDR") {
      image.width = BigEndian(png, at + 8);
      image.height = BigEndian(png, at + 12);
      const int depth = png[at + 16], colour = png[at + 17], interlace = png[at + 20];
      if (depth != 8 || interlace != 0 || (colour != 2 && colour != 6)) return std::nullopt;
      channels = colour == 2 ? 3 : 4;
    } else if (type == "IDAT") {
      idat += png.substr(at + 8, length);
    }
    at += 12 + length;
  }
  const size_t stride = size_t{image.width} * static_cast<size_t>(channels);
  std::string raw((stride + 1) * image.height, '\0');
  uLongf raw_size = raw.size();
  if (channels == 0 ||
      uncompress(reinterpret_cast<Bytef*>(raw.data()), &raw_size,
                 reinterpret_cast<const Bytef*>(idat.data()), idat.size()) != Z_OK ||
      raw_size != raw.size())
    return std::nullopt;
  std::vector<uint8_t> previous(stride, 0), row(stride);
  const auto bpp = static_cast<size_t>(channels);
  for (uint32_t y = 0; y < image.height; ++y) {
    const auto* line = reinterpret_cast<const uint8_t*>(raw.data()) + y * (stride + 1);
    const uint8_t filter = line[0];
    for (size_t i = 0; i < stride; ++i) {
      const int a = i >= bpp ? row[i - bpp] : 0, b = previous[i],
                c = i >= bpp ? previous[i - bpp] : 0;
      int predictor = 0;
      if (filter == 1) predictor = a;
      if (filter == 2) predictor = b;
      if (filter == 3) predictor = (a + b) / 2;
      if (filter == 4) {
        const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[i] = static_cast<uint8_t>(line[1 + i] + predictor);
    }
    for (size_t x = 0; x < image.width; ++x)
      image.pixels.push_back({row[x * bpp], row[x * bpp + 1], row[x * bpp + 2]});
    previous = row;
  }
  return image;
}

TEST_F(BrowserReport, ScreenshotIsNotBlank) {
  REQUIRE_CHROMIUM(chromium);
  const fs::path shot = RenderTo(chromium, "--window-size=1100,2400", "--screenshot", "shot.png");
  const std::optional<Image> image = DecodePng(ReadFile(shot.string()));
  ASSERT_TRUE(image.has_value()) << "no readable PNG at " << shot;
  EXPECT_EQ(image->width, 1100u);
  EXPECT_EQ(image->height, 2400u);
  size_t ink = 0, accent = 0;
  std::set<uint32_t> colours;
  for (const auto& p : image->pixels) {
    if (p[0] < 250 || p[1] < 250 || p[2] < 250) ++ink;
    if (p[0] == 0x00 && p[1] == 0x72 && p[2] == 0xB2) ++accent;  // the bars' Okabe–Ito blue
    colours.insert(uint32_t{p[0]} << 16 | uint32_t{p[1]} << 8 | p[2]);
  }
  const double share = static_cast<double>(ink) / static_cast<double>(image->pixels.size());
  // A blank page is all white; text alone covers a few percent. The top of the report holds the
  // comparison chart and the ranking: coloured bars, hatching and table rules.
  EXPECT_GT(share, 0.04) << "the screenshot is nearly blank";
  EXPECT_GT(accent, 2000u) << "the comparison chart's bars are not drawn";
  EXPECT_GT(colours.size(), 50u);
}

}  // namespace
}  // namespace poise
