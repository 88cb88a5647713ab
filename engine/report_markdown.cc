// Markdown for documents and handouts: a summary table, then each scenario's groups and flags.
#include <fmt/format.h>

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
  return escaped;
}

class MarkdownWriter : public ReportWriter {
 public:
  explicit MarkdownWriter(std::ostream& out) : out_(out) {}

  void Begin(const std::vector<const Model*>&, size_t) override {}

  void Write(const ReportEntry& entry) override {
    if (entry.scored()) {
      Summary(entry);
    } else if (model_ != nullptr) {
      summary_ += fmt::format("| `{}` | invalid: {} error{} |\n", Cell(entry.file),
                              entry.errors.size(), entry.errors.size() == 1 ? "" : "s");
    } else {
      summary_ += fmt::format("\n- `{}` is invalid ({} error{}, listed below)\n", Cell(entry.file),
                              entry.errors.size(), entry.errors.size() == 1 ? "" : "s");
    }
    Details(entry);
  }

  void End() override {
    out_ << "# poise report\n";
    out_ << summary_ << details_;
  }

 private:
  void Summary(const ReportEntry& entry) {
    const Rubric& rubric = *entry.model->rubric;
    const Group& group = rubric.groups[static_cast<size_t>(rubric.overall.group)];
    if (entry.model != model_) {
      model_ = entry.model;
      summary_ += fmt::format("\nRubric `{}` {} — {}.\n\n| scenario | overall |", rubric.id,
                              rubric.version, Cell(rubric.title));
      std::string rule = "|---|---:|";
      for (const Member& m : group.members) {
        summary_ += fmt::format(" {} |", Cell(m.title));
        rule += "---:|";
      }
      summary_ += " flags |\n" + rule + "---|\n";
    }
    const Assessment& a = *entry.assessment;
    summary_ += fmt::format("| {} | {} |", Cell(entry.scenario->id), ScoreText(a.overall));
    for (const auto& score : a.groups[static_cast<size_t>(rubric.overall.group)].scores) {
      summary_ += fmt::format(" {} |", ScoreText(score));
    }
    std::string flags = FlagSummary(a);
    summary_ += fmt::format(" {} |\n", flags.empty() ? "—" : Cell(flags));
  }

  void Details(const ReportEntry& entry) {
    if (!entry.scored()) {
      details_ += fmt::format("\n## {} — invalid\n\n", Cell(entry.file));
      for (const Diagnostic& d : entry.errors)
        details_ += fmt::format("- `{}`\n", FormatDiagnostic(d));
      return;
    }
    const Rubric& rubric = *entry.model->rubric;
    const Assessment& a = *entry.assessment;
    const Group& overall = rubric.groups[static_cast<size_t>(rubric.overall.group)];
    details_ += fmt::format("\n## {} — {}\n\n", entry.scenario->id, Cell(entry.scenario->title));
    details_ +=
        fmt::format("Overall **{}** ({} over {}{}). File `{}`.\n\n", ScoreText(a.overall),
                    rubric.overall.aggregate == Aggregate::kAmpi ? "AMPI" : "aggregate", overall.id,
                    a.ampi ? ", AMPI " + FormatFixed(*a.ampi, 1) : "", entry.file);
    details_ += "| group | member | score | coverage |\n|---|---|---:|---:|\n";
    for (size_t g = 0; g < rubric.groups.size(); ++g) {
      const Group& group = rubric.groups[g];
      for (size_t m = 0; m < group.members.size(); ++m) {
        details_ +=
            fmt::format("| {} | {} | {} | {:.0f}% |\n", group.id, Cell(group.members[m].title),
                        ScoreText(a.groups[g].scores[m]), 100 * a.groups[g].coverage[m]);
      }
    }
    details_ += "\n";
    for (size_t g = 0; g < rubric.groups.size(); ++g) {
      if (const auto& b = a.groups[g].balance) {
        const Group& group = rubric.groups[g];
        details_ += fmt::format(
            "- Balance of {}: gap {}, weakest {}, strongest {}, Gini {}\n", group.id,
            FormatFixed(b->gap, 2), group.members[static_cast<size_t>(b->weakest)].id,
            group.members[static_cast<size_t>(b->strongest)].id, FormatFixed(b->gini, 3));
      }
    }
    if (a.flags.empty()) {
      details_ += "\nNo flags.\n";
    } else {
      details_ += "\nFlags:\n\n";
      for (const Flag& flag : a.flags)
        details_ += fmt::format("- **{}** — {}\n", flag.code, Cell(flag.message));
    }
  }

  std::ostream& out_;
  const Model* model_ = nullptr;
  std::string summary_, details_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeMarkdownWriter(std::ostream& out) {
  return std::make_unique<MarkdownWriter>(out);
}

}  // namespace poise
