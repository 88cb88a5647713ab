// The HTML report: one self-contained file (inline CSS, SVG drawn here, no scripts, fonts or
// network requests) with the content of report_view.h — a comparison and ranking for several
// scenarios, then per scenario the overall score and what it means, a radar per group, the
// crosstab as a heatmap with blind spots marked, the criteria as sorted bars with evidence and
// uncertainty ranges, the flags in plain words. Every figure has a title and a text alternative;
// colours are Okabe–Ito and viridis (colour-blind safe) and every value is also printed, so the
// report reads in grayscale and on paper.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "report_view.h"
#include "report_writers.h"
#include "text.h"

namespace poise {
namespace {

// Text for HTML content and attribute values.
std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
constexpr std::array<const char*, 7> kSeries = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                "#56B4E9", "#D55E00", "#F0E442"};
constexpr const char* kInk = "#1a1a1a";
constexpr const char* kMuted = "#5a5a5a";
constexpr const char* kGrid = "#c8c8c8";
constexpr const char* kTrack = "#ececec";

struct Rgb {
  double r, g, b;
};

// Viridis, sampled at 0, 0.25, 0.5, 0.75, 1 and interpolated: perceptually uniform, luminance
// rising with the value, so a heatmap reads in grayscale.
Rgb Viridis(double t) {
  static constexpr std::array<Rgb, 5> kStops = {Rgb{68, 1, 84}, Rgb{59, 82, 139}, Rgb{33, 145, 140},
                                                Rgb{94, 201, 98}, Rgb{253, 231, 37}};
  t = std::clamp(t, 0.0, 1.0) * 4;
  const auto i = std::min(static_cast<size_t>(t), size_t{3});
  const double f = t - static_cast<double>(i);
  const Rgb& a = kStops[i];
  const Rgb& b = kStops[i + 1];
  return {a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b)};
}

std::string Hex(const Rgb& c) {
  return fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(std::lround(c.r)),
                     static_cast<int>(std::lround(c.g)), static_cast<int>(std::lround(c.b)));
}

// Relative luminance (WCAG): dark text on light cells, white text on dark ones.
const char* TextOn(const Rgb& c) {
  auto channel = [](double v) {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  const double l = 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  return l > 0.18 ? kInk : "#ffffff";
}

// `text` broken at spaces into lines of at most `width` characters (code points), at most
// `max_lines` lines (the last one cut with "…").
std::vector<std::string> Wrap(const std::string& text, size_t width, size_t max_lines) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && DisplayWidth(line) + 1 + DisplayWidth(word) > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  if (lines.size() > max_lines) {
    lines.resize(max_lines);
    std::string& last = lines.back();
    last = DisplayWidth(last) + 1 > width ? Fit(last, width) : last + "…";
  }
  return lines;
}

// An SVG <text> of wrapped lines, the first baseline at y.
std::string SvgText(double x, double y, const std::vector<std::string>& lines, const char* anchor,
                    const std::string& attributes = "") {
  std::string out = fmt::format(R"~(<text x="{:.1f}" y="{:.1f}" text-anchor="{}"{}>)~", x, y,
                                anchor, attributes.empty() ? "" : " " + attributes);
  for (size_t i = 0; i < lines.size(); ++i) {
    out += fmt::format(R"~(<tspan x="{:.1f}" dy="{}">{}</tspan>)~", x, i == 0 ? "0" : "1.15em",
                       Escape(lines[i]));
  }
  return out + "</text>";
}

// Figures: numbered so that every id in the document is unique.
class Figures {
 public:
  // The opening of an accessible SVG: role img, labelled by its <title>, described by <desc>.
  std::string Open(double width, double height, const std::string& title, const std::string& desc,
                   const char* css_class) {
    ++count_;
    return fmt::format(
        R"~(<svg class="{}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {:.0f} {:.0f}" )~"
        R"~(width="{:.0f}" height="{:.0f}" role="img" aria-labelledby="fig{}-t fig{}-d">)~"
        R"~(<title id="fig{}-t">{}</title><desc id="fig{}-d">{}</desc>)~",
        css_class, width, height, width, height, count_, count_, count_, Escape(title), count_,
        Escape(desc));
  }
  int count() const { return count_; }

 private:
  int count_ = 0;
};

// Hatching for series beyond the first and for blind spots, so they differ without colour.
std::string Patterns() {
  return R"~(<svg width="0" height="0" aria-hidden="true" focusable="false" class="defs"><defs>)~"
         R"~(<pattern id="hatch-blind" width="8" height="8" patternUnits="userSpaceOnUse" )~"
         R"~(patternTransform="rotate(45)"><rect width="8" height="8" fill="#f4f4f4"/>)~"
         R"~(<line x1="0" y1="0" x2="0" y2="8" stroke="#8a8a8a" stroke-width="3"/></pattern>)~"
         R"~(<pattern id="series-1" width="6" height="6" patternUnits="userSpaceOnUse" )~"
         R"~(patternTransform="rotate(45)"><rect width="6" height="6" fill="#E69F00"/>)~"
         R"~(<line x1="0" y1="0" x2="0" y2="6" stroke="#1a1a1a" stroke-width="1.2"/></pattern>)~"
         R"~(<pattern id="series-2" width="5" height="5" patternUnits="userSpaceOnUse">)~"
         R"~(<rect width="5" height="5" fill="#009E73"/><circle cx="2.5" cy="2.5" r="1" )~"
         R"~(fill="#ffffff"/></pattern>)~"
         R"~(</defs></svg>)~";
}

std::string SeriesFill(size_t i) {
  if (i == 1) return "url(#series-1)";
  if (i == 2) return "url(#series-2)";
  return kSeries[i % kSeries.size()];
}

std::string ScoreList(const std::vector<MemberView>& members) {
  std::vector<std::string> parts;
  parts.reserve(members.size());
  for (const MemberView& m : members) parts.push_back(m.title + " " + ScoreText(m.score));
  return Join(parts, ", ");
}

// A radar of a group's member scores (three or more members): rings at 0.25 steps, the floor
// dashed, the scores as a filled polygon with each value printed at its axis.
std::string Radar(Figures& figures, const ScenarioView& v, const GroupView& g) {
  const double width = 500, height = 330, cx = 250, cy = 165, radius = 100;
  const size_t n = g.members.size();
  auto point = [&](size_t k, double r) {
    const double angle = -std::numbers::pi / 2 +
                         2 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(n);
    return std::make_pair(cx + r * radius * std::cos(angle), cy + r * radius * std::sin(angle));
  };
  auto polygon = [&](auto radius_of) {
    std::string points;
    for (size_t k = 0; k < n; ++k) {
      const auto [x, y] = point(k, radius_of(k));
      points += fmt::format("{}{:.1f},{:.1f}", k == 0 ? "" : " ", x, y);
    }
    return points;
  };
  std::string svg = figures.Open(
      width, height, fmt::format("Radar of {} — {}", g.title, v.title),
      fmt::format(
          "Radar of {} for {}: {}.{}", g.title, v.title, ScoreList(g.members),
          g.floor ? fmt::format(" The dashed ring is the floor {}.", FormatNumber(*g.floor)) : ""),
      "radar");
  for (double ring : {0.25, 0.5, 0.75, 1.0}) {
    svg += fmt::format(R"~(<polygon points="{}" fill="none" stroke="{}" stroke-width="{}"/>)~",
                       polygon([&](size_t) { return ring; }), kGrid, ring == 1.0 ? 1.2 : 0.7);
  }
  for (size_t k = 0; k < n; ++k) {
    const auto [x, y] = point(k, 1.0);
    svg += fmt::format(R"~(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" )~"
                       R"~(stroke-width="0.7"/>)~",
                       cx, cy, x, y, kGrid);
  }
  svg += fmt::format(R"~(<text x="{:.1f}" y="{:.1f}" class="tick">0.5</text>)~", cx + 3,
                     cy - radius / 2 + 10);
  if (g.floor) {
    svg += fmt::format(
        R"~(<polygon points="{}" fill="none" stroke="{}" stroke-width="1.4" stroke-dasharray="5 3"/>)~",
        polygon([&](size_t) { return *g.floor; }), kMuted);
  }
  svg += fmt::format(
      R"~(<polygon class="data" points="{}" fill="{}" fill-opacity="0.28" stroke="{}" stroke-width="2.2"/>)~",
      polygon([&](size_t k) { return g.members[k].score.value_or(0); }), kSeries[0], kSeries[0]);
  for (size_t k = 0; k < n; ++k) {
    const MemberView& m = g.members[k];
    const auto [px, py] = point(k, m.score.value_or(0));
    svg += fmt::format(R"~(<circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="{}"/>)~", px, py,
                       m.neglected ? 5 : 3.5, m.neglected ? "#D55E00" : kSeries[0]);
    const auto [lx, ly] = point(k, 1.17);
    const double dx = lx - cx;
    const char* anchor = std::abs(dx) < 8 ? "middle" : dx > 0 ? "start" : "end";
    std::vector<std::string> lines = Wrap(m.title, 18, 2);
    const double top = ly < cy - 8 ? ly - 12.0 * static_cast<double>(lines.size()) : ly;
    lines.push_back(ScoreText(m.score) + (m.neglected ? " neglected" : m.score ? "" : " no score"));
    svg += SvgText(lx, top + 4, lines, anchor, R"~(class="label")~");
  }
  return svg + "</svg>";
}

// Horizontal bars of member scores, for groups of one or two members (a radar needs three).
std::string MemberBars(Figures& figures, const ScenarioView& v, const GroupView& g) {
  const double left = 170, bar = 220, row = 30;
  const double height = 16 + row * static_cast<double>(g.members.size());
  std::string svg = figures.Open(
      left + bar + 80, height, fmt::format("{} — {}", g.title, v.title),
      fmt::format("Scores of {} for {}: {}.", g.title, v.title, ScoreList(g.members)), "bars");
  for (size_t k = 0; k < g.members.size(); ++k) {
    const MemberView& m = g.members[k];
    const double y = 8 + row * static_cast<double>(k);
    svg += SvgText(left - 8, y + 15, Wrap(m.title, 26, 1), "end", R"~(class="label")~");
    svg += fmt::format(R"~(<rect x="{}" y="{}" width="{}" height="18" fill="{}"/>)~", left, y, bar,
                       kTrack);
    svg += fmt::format(R"~(<rect x="{}" y="{}" width="{:.1f}" height="18" fill="{}"/>)~", left, y,
                       bar * m.score.value_or(0), kSeries[0]);
    svg += fmt::format(R"~(<text x="{:.1f}" y="{}" class="value">{}</text>)~",
                       left + bar * m.score.value_or(0) + 5, y + 14,
                       Escape(m.score ? ScoreText(m.score) : "no score"));
  }
  return svg + "</svg>";
}

// The crosstab as a heatmap: viridis cells with their values printed, blind spots hatched.
std::string Heatmap(Figures& figures, const ScenarioView& v, const CrosstabView& ct) {
  const double left = 170, top = 64, cell_w = 104, cell_h = 40;
  const double width =
      std::max(left + cell_w * static_cast<double>(ct.cols.size()) + 10, left + 180);
  const double height = top + cell_h * static_cast<double>(ct.rows.size()) + 44;
  std::vector<std::string> cells;
  for (size_t i = 0; i < ct.rows.size(); ++i) {
    for (size_t k = 0; k < ct.cols.size(); ++k) {
      const CellView& c = ct.cells[i][k];
      cells.push_back(fmt::format("{} × {}: {}", ct.rows[i], ct.cols[k],
                                  c.blind_spot ? "blind spot" : ScoreText(c.value)));
    }
  }
  std::string svg = figures.Open(
      width, height, fmt::format("{} × {} — {}", ct.rows_title, ct.cols_title, v.title),
      fmt::format("Heatmap of the scores where {} meet {}; darker is lower. {}.", ct.rows_title,
                  ct.cols_title, Join(cells, "; ")),
      "heatmap");
  for (size_t k = 0; k < ct.cols.size(); ++k) {
    const std::vector<std::string> lines = Wrap(ct.cols[k], 17, 3);
    svg += SvgText(left + cell_w * (static_cast<double>(k) + 0.5),
                   top - 8 - 13.0 * static_cast<double>(lines.size() - 1), lines, "middle",
                   R"~(class="label")~");
  }
  for (size_t i = 0; i < ct.rows.size(); ++i) {
    const double y = top + cell_h * static_cast<double>(i);
    svg +=
        SvgText(left - 8, y + cell_h / 2 + 4, Wrap(ct.rows[i], 26, 1), "end", R"~(class="label")~");
    for (size_t k = 0; k < ct.cols.size(); ++k) {
      const CellView& c = ct.cells[i][k];
      const double x = left + cell_w * static_cast<double>(k);
      std::string fill = "#ffffff", ink = kInk, label = ScoreText(c.value);
      if (c.blind_spot) {
        fill = "url(#hatch-blind)";
        label = "blind spot";
      } else if (c.value) {
        const Rgb colour = Viridis(*c.value);
        fill = Hex(colour);
        ink = TextOn(colour);
      }
      svg += fmt::format(
          R"~(<rect x="{:.1f}" y="{:.1f}" width="{}" height="{}" fill="{}" stroke="#ffffff" )~"
          R"~(stroke-width="2"/>)~",
          x, y, cell_w, cell_h, fill);
      svg += fmt::format(R"~(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="{}" )~"
                         R"~(class="{}">{}</text>)~",
                         x + cell_w / 2, y + cell_h / 2 + 4, ink, c.blind_spot ? "blind" : "value",
                         Escape(label));
    }
  }
  // Legend: the colour scale from 0 to 1.
  const double ly = top + cell_h * static_cast<double>(ct.rows.size()) + 14;
  for (int s = 0; s < 20; ++s) {
    svg += fmt::format(R"~(<rect x="{:.1f}" y="{:.1f}" width="8" height="10" fill="{}"/>)~",
                       left + 8.0 * s, ly, Hex(Viridis(s / 19.0)));
  }
  svg += fmt::format(R"~(<text x="{}" y="{:.1f}" class="tick" text-anchor="end">0</text>)~",
                     left - 4, ly + 9);
  svg += fmt::format(R"~(<text x="{}" y="{:.1f}" class="tick">1</text>)~", left + 164, ly + 9);
  return svg + "</svg>";
}

// One criterion's normalised score as a bar, with its uncertainty range as a whisker.
std::string CriterionBar(Figures& figures, const CriterionView& c) {
  const double width = 180, height = 22;
  const std::string range =
      c.range_normalized ? fmt::format(", range {}–{}", FormatFixed(c.range_normalized->first, 2),
                                       FormatFixed(c.range_normalized->second, 2))
                         : "";
  std::string svg = figures.Open(
      width, height, c.title,
      c.normalized ? fmt::format("{}: score {}{}", c.title, ScoreText(c.normalized), range)
                   : c.title + ": not assessed",
      "criterion-bar");
  svg += fmt::format(R"~(<rect x="0" y="4" width="{}" height="14" fill="{}"/>)~", width, kTrack);
  if (c.normalized) {
    svg += fmt::format(R"~(<rect x="0" y="4" width="{:.1f}" height="14" fill="{}"/>)~",
                       width * *c.normalized, kSeries[0]);
  }
  if (c.range_normalized) {
    const double lo = width * c.range_normalized->first, hi = width * c.range_normalized->second;
    svg += fmt::format(R"~(<g stroke="{}" stroke-width="2"><line x1="{:.1f}" y1="11" x2="{:.1f}" )~"
                       R"~(y2="11"/><line x1="{:.1f}" y1="5" x2="{:.1f}" y2="17"/>)~"
                       R"~(<line x1="{:.1f}" y1="5" x2="{:.1f}" y2="17"/></g>)~",
                       "#D55E00", lo, hi, lo, lo, hi, hi);
  }
  return svg + "</svg>";
}

// Several scenarios side by side: per scenario a bar per member of the overall group.
std::string Comparison(Figures& figures, const std::vector<ScenarioView>& views,
                       const std::vector<RankedView>& ranked, const GroupView& columns) {
  const double left = 230, bar = 420, bar_h = 14, gap = 16;
  const size_t m = columns.members.size();
  const double block = bar_h * static_cast<double>(m) + gap;
  const double height = 40 + block * static_cast<double>(ranked.size());
  std::vector<std::string> rows;
  rows.reserve(ranked.size());
  for (const RankedView& r : ranked)
    rows.push_back(views[r.index].title + ": " + ScoreList(OverallGroupOf(views[r.index]).members));
  std::string svg =
      figures.Open(left + bar + 60, height, fmt::format("{} side by side", columns.title),
                   fmt::format("Bars of each scenario's {} scores, best overall first. {}.",
                               columns.title, Join(rows, "; ")),
                   "comparison");
  const double legend_step = bar / static_cast<double>(std::max<size_t>(m, 1));
  for (size_t k = 0; k < m; ++k) {  // legend, above the bars
    const double x = left + legend_step * static_cast<double>(k);
    svg += fmt::format(R"~(<rect x="{:.1f}" y="6" width="14" height="12" fill="{}" stroke="{}" )~"
                       R"~(stroke-width="0.6"/>)~",
                       x, SeriesFill(k), kInk);
    svg += SvgText(x + 18, 16,
                   Wrap(columns.members[k].title,
                        static_cast<size_t>(std::max(legend_step / 6.5 - 3, 4.0)), 1),
                   "start", R"~(class="tick")~");
  }
  for (size_t i = 0; i < ranked.size(); ++i) {
    const ScenarioView& v = views[ranked[i].index];
    const GroupView& g = OverallGroupOf(v);
    const double y = 32 + block * static_cast<double>(i);
    svg += SvgText(left - 8, y + block / 2 - 6, Wrap(v.title, 32, 2), "end", R"~(class="label")~");
    for (size_t k = 0; k < m && k < g.members.size(); ++k) {
      const double by = y + bar_h * static_cast<double>(k);
      const double w = bar * g.members[k].score.value_or(0);
      svg += fmt::format(R"~(<rect x="{}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}" )~"
                         R"~(stroke="{}" stroke-width="0.5"/>)~",
                         left, by, w, bar_h - 2, SeriesFill(k), kInk);
      svg += fmt::format(R"~(<text x="{:.1f}" y="{:.1f}" class="tick">{}</text>)~", left + w + 4,
                         by + bar_h - 3, Escape(ScoreText(g.members[k].score)));
    }
  }
  return svg + "</svg>";
}

constexpr const char* kStyle = R"(
:root { --ink: #1a1a1a; --muted: #5a5a5a; --line: #d0d0d0; --accent: #0072B2; --warn: #D55E00; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1080px; padding: 1.5rem; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; } h2 { font-size: 1.35rem; margin: 2rem 0 .4rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; } small, .meta { color: var(--muted); }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f3f3f3; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scenario { border-top: 3px solid var(--ink); margin-top: 2.5rem; }
.overall { display: flex; gap: 1.2rem; align-items: center; background: #f6f8fa;
  border-left: 6px solid var(--accent); padding: .8rem 1rem; }
.overall .big { text-align: center; white-space: nowrap; min-width: 7rem; }
.overall .score { display: block; font-size: 2.6rem; font-weight: 700; line-height: 1.1;
  font-variant-numeric: tabular-nums; }
.overall .big small { font-size: .85rem; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem; }
figure { margin: .5rem 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: .85rem; color: var(--muted); max-width: 440px; }
svg { max-width: 100%; height: auto; font-family: inherit; }
svg .label { font-size: 11.5px; fill: var(--ink); } svg .value { font-size: 12px; font-weight: 600; }
svg .tick { font-size: 10.5px; fill: var(--muted); } svg .blind { font-size: 11px; font-style: italic; }
svg.defs { position: absolute; }
.flags li { margin-bottom: .3rem; } .flag-code { font-weight: 700; color: var(--warn); }
.criteria td.bar { width: 190px; } .criteria td.evidence { color: #333; }
.invalid pre { white-space: pre-wrap; background: #fff4ef; border-left: 4px solid var(--warn);
  padding: .5rem; }
.ok { color: #00734d; font-weight: 600; }
.scroll { overflow-x: auto; }
nav ol { columns: 2; margin: .3rem 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .scenario { break-before: page; page-break-before: always; border-top: none; }
  nav { display: none; } a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

class HtmlWriter : public DocumentWriter {
 public:
  explicit HtmlWriter(std::ostream& out) : out_(out) {}

  void End() override {
    size_t scored = 0;
    for (const ScenarioView& v : views_) scored += v.scored() ? 1u : 0u;
    out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<meta name=\"generator\" content=\"poise " POISE_VERSION "\">\n"
         << fmt::format("<title>poise report — {} scenario{}</title>\n", views_.size(),
                        views_.size() == 1 ? "" : "s")
         << "<style>" << kStyle << "</style>\n</head>\n<body>\n"
         << Patterns() << "\n<header>\n<h1>poise report</h1>\n"
         << fmt::format(
                "<p class=\"meta\">{} input{}: {} scored, {} could not be scored. "
                "Scores run from 0 (worst) to 1 (best).</p>\n",
                views_.size(), views_.size() == 1 ? "" : "s", scored, views_.size() - scored);
    if (omitted_ > 0) {
      out_ << fmt::format(
          "<p class=\"meta\"><strong>The first {} inputs are shown; {} more are "
          "not</strong> (use ndjson or csv for a batch this size).</p>\n",
          views_.size(), omitted_);
    }
    Navigation();
    out_ << "</header>\n<main>\n";
    ComparisonSection();
    for (size_t i = 0; i < views_.size(); ++i) Scenario(i);
    out_ << "</main>\n</body>\n</html>\n";
  }

 private:
  std::string Anchor(size_t i) const {
    return fmt::format("s{}-{}", i + 1, views_[i].scored() ? views_[i].id : "invalid");
  }

  void Navigation() {
    if (views_.size() < 2) return;
    out_ << "<nav aria-label=\"Scenarios\"><ol>\n";
    for (size_t i = 0; i < views_.size(); ++i) {
      const ScenarioView& v = views_[i];
      out_ << fmt::format("<li><a href=\"#{}\">{}</a> <small>{}</small></li>\n", Anchor(i),
                          Escape(v.scored() ? v.title : v.file),
                          Escape(v.scored() ? OverallText(v) : "invalid"));
    }
    out_ << "</ol></nav>\n";
  }

  // Per rubric with two or more scored scenarios: a side-by-side chart and the ranking table.
  void ComparisonSection() {
    const std::vector<std::vector<RankedView>> rankings = Rankings(views_);
    for (size_t k = 0; k < rankings.size(); ++k) {
      const std::vector<RankedView>& mine = rankings[k];
      const std::string& rubric = views_[mine.front().index].rubric;
      const GroupView& columns = OverallGroupOf(views_[mine.front().index]);
      const size_t id = k + 1;
      out_ << fmt::format(
          "<section class=\"comparison\" aria-labelledby=\"cmp-{0}\">\n"
          "<h2 id=\"cmp-{0}\">Comparison — rubric {1}</h2>\n",
          id, Escape(rubric));
      // Beyond the palette's seven colours bars could no longer be told apart: the table alone.
      if (columns.members.size() <= kSeries.size()) {
        const std::string chart = Comparison(figures_, views_, mine, columns);
        out_ << fmt::format(
            "<figure>\n{}\n<figcaption>{} of each scenario, best overall score first. Patterns "
            "as well as colours tell the bars apart.</figcaption>\n</figure>\n",
            chart, Escape(columns.title));
      } else {
        out_ << fmt::format(
            "<p class=\"meta\">{} has {} members, too many to tell apart in one chart; the "
            "table has every score.</p>\n",
            Escape(columns.title), columns.members.size());
      }
      out_ << "<div class=\"scroll\"><table class=\"ranking\">\n<caption class=\"meta\">Ranking by "
              "overall score "
              "(ties share a rank)</caption>\n<thead><tr><th class=\"num\">Rank</th>"
              "<th>Scenario</th><th class=\"num\">Overall</th>";
      for (const MemberView& m : columns.members)
        out_ << fmt::format("<th class=\"num\">{}</th>", Escape(m.title));
      out_ << "<th>Flags</th></tr></thead>\n<tbody>\n";
      for (const RankedView& r : mine) {
        const ScenarioView& v = views_[r.index];
        out_ << fmt::format(
            "<tr><td class=\"num\">{}</td><td><a href=\"#{}\">{}</a></td><td class=\"num\">{}"
            "</td>",
            r.rank > 0 ? std::to_string(r.rank) : "—", Anchor(r.index), Escape(v.title),
            Escape(OverallText(v)));
        for (const MemberView& m : OverallGroupOf(v).members)
          out_ << fmt::format("<td class=\"num\">{}</td>", Escape(ScoreText(m.score)));
        out_ << fmt::format("<td>{}</td></tr>\n",
                            v.flag_summary.empty() ? "—" : Escape(v.flag_summary));
      }
      out_ << "</tbody>\n</table></div>\n</section>\n";
    }
  }

  void Scenario(size_t i) {
    const ScenarioView& v = views_[i];
    if (!v.scored()) {
      out_ << fmt::format(
          "<article class=\"scenario invalid\" id=\"{}\">\n<h2>{} <small>could not be "
          "scored</small></h2>\n<pre>",
          Anchor(i), Escape(v.file));
      for (const std::string& error : v.errors) out_ << Escape(error) << '\n';
      out_ << "</pre>\n</article>\n";
      return;
    }
    out_ << fmt::format(
        "<article class=\"scenario\" id=\"{}\" aria-labelledby=\"{}-h\">\n"
        "<h2 id=\"{}-h\">{} <small>{}</small></h2>\n"
        "<p class=\"meta\">File <code>{}</code> · rubric {}</p>\n",
        Anchor(i), Anchor(i), Anchor(i), Escape(v.title), Escape(v.id), Escape(v.file),
        Escape(v.rubric));
    if (!v.description.empty()) out_ << fmt::format("<p>{}</p>\n", Escape(v.description));
    out_ << fmt::format(
        "<div class=\"overall\"><div class=\"big\"><span class=\"score\">{}</span>"
        "<small>overall, of 1{}</small></div><p>{}</p></div>\n",
        Escape(OverallText(v)), v.ampi ? fmt::format("<br>AMPI {}", FormatFixed(*v.ampi, 1)) : "",
        Escape(v.meaning));
    out_ << "<h3>Groups</h3>\n<div class=\"figures\">\n";
    for (const GroupView& g : v.groups) {
      out_ << "<figure>\n"
           << (g.members.size() >= 3 ? Radar(figures_, v, g) : MemberBars(figures_, v, g))
           << fmt::format("\n<figcaption><strong>{}</strong>{}: {}.{}</figcaption>\n</figure>\n",
                          Escape(g.title), g.overall ? " (makes the overall score)" : "",
                          Escape(ScoreList(g.members)), Escape(BalanceText(g)));
    }
    out_ << "</div>\n";
    if (v.crosstab) {
      const CrosstabView& ct = *v.crosstab;
      out_ << fmt::format("<h3>{} × {}</h3>\n<figure>\n{}\n<figcaption>", Escape(ct.rows_title),
                          Escape(ct.cols_title), Heatmap(figures_, v, ct));
      out_ << (ct.blind_spots.empty()
                   ? std::string("The rubric covers every cell.")
                   : fmt::format("Hatched cells are blind spots of the rubric — no criterion "
                                 "covers them: {}.",
                                 Escape(Join(ct.blind_spots, "; "))));
      out_ << "</figcaption>\n</figure>\n";
    }
    Flags(v);
    Criteria(v);
    if (!v.gains.empty()) {
      out_ << "<h3>What would help most</h3>\n<ul class=\"gains\">\n";
      for (const GainView& g : v.gains) {
        out_ << fmt::format(
            "<li>{}: {} → {} adds <strong>{:+.3f}</strong> to the overall "
            "score</li>\n",
            Escape(g.criterion), Escape(g.from), Escape(g.to), g.gain);
      }
      out_ << "</ul>\n";
    }
    out_ << "</article>\n";
  }

  static std::string BalanceText(const GroupView& g) {
    if (!g.balance) return "";
    std::string text = fmt::format(" Gap {}", FormatFixed(g.balance->gap, 2));
    if (g.max_gap)
      text +=
          fmt::format(" (limit {}{})", FormatNumber(*g.max_gap), g.imbalanced ? ", exceeded" : "");
    if (g.floor) text += fmt::format("; floor {}", FormatNumber(*g.floor));
    return text + ".";
  }

  void Flags(const ScenarioView& v) {
    out_ << "<h3>Flags</h3>\n";
    if (v.flags.empty()) {
      out_ << "<p class=\"ok\">No flags are raised.</p>\n";
      return;
    }
    out_ << "<ul class=\"flags\">\n";
    for (const FlagView& f : v.flags) {
      out_ << fmt::format("<li><span class=\"flag-code\">{}</span> <small>{}{}</small> — {}</li>\n",
                          Escape(f.code), Escape(f.group),
                          f.member.empty() ? "" : " · " + Escape(f.member), Escape(f.meaning));
    }
    out_ << "</ul>\n";
  }

  void Criteria(const ScenarioView& v) {
    out_ << "<h3>Criteria, weakest first</h3>\n<div class=\"scroll\"><table "
            "class=\"criteria\">\n<thead><tr>"
            "<th>Criterion</th><th class=\"num\">Score</th><th>Score bar (whisker: range)</th>"
            "<th>Rating</th><th class=\"num\">Weight</th><th>Evidence</th></tr></thead>\n"
            "<tbody>\n";
    for (const CriterionView& c : v.criteria) {
      out_ << fmt::format(
          "<tr><td>{}<br><small>{}</small></td><td class=\"num\">{}</td><td class=\"bar\">{}</td>"
          "<td>{}{}</td><td class=\"num\">{:.0f}%</td><td class=\"evidence\">{}</td></tr>\n",
          Escape(c.title), Escape(c.loads_on), Escape(ScoreText(c.normalized)),
          CriterionBar(figures_, c), Escape(c.rating_text),
          c.range_text.empty() ? "" : "<br><small>range " + Escape(c.range_text) + "</small>",
          100 * c.weight_share, Escape(c.note));
    }
    out_ << "</tbody>\n</table></div>\n";
  }

  std::ostream& out_;
  Figures figures_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeHtmlWriter(std::ostream& out) {
  return std::make_unique<HtmlWriter>(out);
}

}  // namespace poise
