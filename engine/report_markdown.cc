// Markdown for documents and handouts: the content of the HTML report (report_view.h) as text
// tables — a ranked comparison, then per scenario its score and meaning, groups, crosstab, criteria
// weakest first with evidence, flags in plain words, and the ratings that would help most.
#include <fmt/format.h>

#include <algorithm>

#include "report_view.h"
#include "report_writers.h"
#include "text.h"

namespace poise {
namespace {

std::string Cell(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '|') escaped += '\\';
    escaped += c == '\n' ? ' ' : c;
  }
  return escaped.empty() ? "—" : escaped;
}

std::string Percent(double share) { return fmt::format("{:.0f}%", 100 * share); }

class MarkdownWriter : public DocumentWriter {
 public:
  explicit MarkdownWriter(std::ostream& out) : out_(out) {}

  void End() override {
    out_ << "# poise report\n";
    if (omitted_ > 0) {
      out_ << fmt::format("\nThe first {} inputs are shown; {} more are not (use ndjson or csv).\n",
                          views_.size(), omitted_);
    }
    Summary();
    for (const ScenarioView& view : views_) Details(view);
  }

 private:
  // Per rubric: its scenarios ranked by overall score, the overall group's members side by side.
  void Summary() {
    for (const std::vector<RankedView>& ranked : Rankings(views_)) {
      const GroupView& columns = OverallGroupOf(views_[ranked.front().index]);
      std::string rows;
      for (const RankedView& r : ranked) {
        const ScenarioView& v = views_[r.index];
        rows += fmt::format("| {} | {} | {} |", r.rank > 0 ? std::to_string(r.rank) : "—",
                            Cell(v.id), OverallText(v));
        for (const MemberView& m : OverallGroupOf(v).members)
          rows += fmt::format(" {} |", ScoreText(m.score));
        rows += fmt::format(" {} |\n", Cell(v.flag_summary));
      }
      out_ << fmt::format("\n## Ranking — rubric `{}`\n\n| rank | scenario | overall |",
                          views_[ranked.front().index].rubric);
      std::string rule = "|---:|---|---:|";
      for (const MemberView& m : columns.members) {
        out_ << fmt::format(" {} |", Cell(m.title));
        rule += "---:|";
      }
      out_ << " flags |\n" << rule << "---|\n" << rows;
    }
    bool invalid = false;
    for (const ScenarioView& v : views_) {
      if (v.scored()) continue;
      if (!invalid) out_ << "\n## Inputs that could not be scored\n\n";
      invalid = true;
      out_ << fmt::format("- `{}`: {} error{} (below)\n", Cell(v.file), v.errors.size(),
                          v.errors.size() == 1 ? "" : "s");
    }
  }

  void Details(const ScenarioView& v) {
    if (!v.scored()) {
      out_ << fmt::format("\n## {} — invalid\n\n", Cell(v.file));
      for (const std::string& error : v.errors) out_ << fmt::format("- `{}`\n", error);
      return;
    }
    out_ << fmt::format("\n## {} — {}\n\n", v.id, Cell(v.title));
    out_ << fmt::format("File `{}`, rubric `{}`.", v.file, v.rubric);
    if (!v.description.empty()) out_ << ' ' << Cell(v.description);
    out_ << fmt::format("\n\n**Overall: {}**{}. {}\n", OverallText(v),
                        v.ampi ? fmt::format(" (AMPI {})", FormatFixed(*v.ampi, 1)) : "",
                        v.meaning);
    for (const GroupView& g : v.groups) Group(g);
    if (v.crosstab) Crosstab(*v.crosstab);
    Criteria(v);
    out_ << "\n### Flags\n\n";
    if (v.flags.empty()) out_ << "No flags.\n";
    for (const FlagView& f : v.flags) {
      out_ << fmt::format("- **{}** ({}{}): {}\n", f.code, f.group,
                          f.member.empty() ? "" : " · " + f.member, Cell(f.meaning));
    }
    if (!v.gains.empty()) {
      out_ << "\n### What would help most\n\n";
      for (const GainView& g : v.gains) {
        out_ << fmt::format("- {}: {} → {} adds {:+.3f} to the overall score\n", Cell(g.criterion),
                            Cell(g.from), Cell(g.to), g.gain);
      }
    }
  }

  void Group(const GroupView& g) {
    out_ << fmt::format("\n### {}{}\n\n| member | score | coverage | |\n|---|---:|---:|---|\n",
                        Cell(g.title), g.overall ? " (overall)" : "");
    for (const MemberView& m : g.members) {
      std::string note;
      if (m.neglected) note = fmt::format("neglected (floor {})", FormatNumber(*g.floor));
      if (!m.score) note = "insufficient evidence";
      out_ << fmt::format("| {} | {} | {} | {} |\n", Cell(m.title), ScoreText(m.score),
                          Percent(m.coverage), note);
    }
    if (g.balance) {
      out_ << fmt::format("\nGap {}{}, Gini {}.\n", FormatFixed(g.balance->gap, 2),
                          g.max_gap ? fmt::format(" (max_gap {}{})", FormatNumber(*g.max_gap),
                                                  g.imbalanced ? ": imbalanced" : "")
                                    : "",
                          FormatFixed(g.balance->gini, 3));
    }
  }

  void Crosstab(const CrosstabView& ct) {
    out_ << fmt::format("\n### {} × {}\n\n|  |", Cell(ct.rows_title), Cell(ct.cols_title));
    std::string rule = "|---|";
    for (const std::string& col : ct.cols) {
      out_ << fmt::format(" {} |", Cell(col));
      rule += "---:|";
    }
    out_ << '\n' << rule << '\n';
    for (size_t i = 0; i < ct.rows.size(); ++i) {
      out_ << fmt::format("| {} |", Cell(ct.rows[i]));
      for (const CellView& cell : ct.cells[i])
        out_ << fmt::format(" {} |", cell.blind_spot ? "blind spot" : ScoreText(cell.value));
      out_ << '\n';
    }
    if (!ct.blind_spots.empty()) {
      out_ << fmt::format("\nBlind spots of the rubric (no criterion covers them): {}.\n",
                          Cell(Join(ct.blind_spots, "; ")));
    }
  }

  void Criteria(const ScenarioView& v) {
    out_ << "\n### Criteria, weakest first\n\n"
            "| criterion | score | rating | range | weight | evidence |\n"
            "|---|---:|---|---|---:|---|\n";
    for (const CriterionView& c : v.criteria) {
      out_ << fmt::format("| {} | {} | {} | {} | {} | {} |\n", Cell(c.title),
                          ScoreText(c.normalized), Cell(c.rating_text), Cell(c.range_text),
                          Percent(c.weight_share), Cell(c.note));
    }
  }

  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeMarkdownWriter(std::ostream& out) {
  return std::make_unique<MarkdownWriter>(out);
}

}  // namespace poise
