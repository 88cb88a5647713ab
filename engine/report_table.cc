// The default human-readable table: one line per scenario, at most 100 columns.
#include <fmt/format.h>

#include <algorithm>

#include "report_writers.h"
#include "text.h"

namespace poise {
namespace {

constexpr size_t kWidth = 100;

const char* AggregateWord(Aggregate aggregate) {
  switch (aggregate) {
    case Aggregate::kArithmetic:
      return "arithmetic mean";
    case Aggregate::kGeometric:
      return "geometric mean";
    case Aggregate::kMin:
      return "minimum";
    case Aggregate::kAmpi:
      return "AMPI (penalises imbalance)";
  }
  return "";
}

class TableWriter : public ReportWriter {
 public:
  explicit TableWriter(std::ostream& out) : out_(out) {}

  void Begin(const std::vector<const Model*>&, size_t) override {}

  void Write(const ReportEntry& entry) override {
    if (!entry.scored()) {
      ++failed_;
      std::string note = fmt::format("invalid: {} error{} (see stderr)", entry.errors.size(),
                                     entry.errors.size() == 1 ? "" : "s");
      // Cut long paths from the left: the file name matters more than the directories.
      std::string shown = entry.file;
      if (DisplayWidth(shown) > name_width_) {
        while (DisplayWidth(shown) > name_width_ - 1) {
          shown.erase(0, 1);
          while (!shown.empty() && (static_cast<unsigned char>(shown[0]) & 0xC0) == 0x80)
            shown.erase(0, 1);
        }
        shown = "…" + shown;
      }
      out_ << Fit(shown, name_width_) << "  " << note << '\n';
      return;
    }
    ++scored_;
    if (entry.model != model_) Header(entry.model);
    const Rubric& rubric = *entry.model->rubric;
    const Assessment& a = *entry.assessment;
    const GroupAssessment& layers = a.groups[static_cast<size_t>(rubric.overall.group)];
    const Group& group = rubric.groups[static_cast<size_t>(rubric.overall.group)];
    std::string line =
        Fit(entry.scenario->id, name_width_) + "  " + Fit(ScoreText(a.overall), 7, true);
    for (size_t m = 0; m < shown_members_; ++m) {
      line += "  " + Fit(ScoreText(layers.scores[m]), member_width_, true);
    }
    // With no gap there is no weakest layer to point at (JSON still names the first, per FORMATS).
    std::string weakest = layers.balance && layers.balance->gap > 0
                              ? group.members[static_cast<size_t>(layers.balance->weakest)].id
                              : "-";
    line += "  " + Fit(weakest, weakest_width_);
    // The overall group's flags in full; the other groups' only counted (json/markdown list them).
    Assessment overall_flags;
    size_t others = 0;
    for (const Flag& flag : a.flags) {
      if (flag.group == group.id) {
        overall_flags.flags.push_back(flag);
      } else {
        ++others;
      }
    }
    std::string flags = FlagSummary(overall_flags);
    if (others > 0)
      flags += fmt::format("{}+{} in other groups", flags.empty() ? "" : "; ", others);
    line += "  ";
    // Flags wrap onto continuation lines at "; " boundaries rather than being cut.
    const size_t indent = DisplayWidth(line);
    const size_t room = kWidth - indent;
    std::vector<std::string> lines(1);
    size_t start = 0;
    if (flags.empty()) flags = "-";
    while (start < flags.size()) {
      size_t end = flags.find("; ", start);
      std::string part =
          flags.substr(start, end == std::string::npos ? std::string::npos : end - start);
      start = end == std::string::npos ? flags.size() : end + 2;
      if (!lines.back().empty() && DisplayWidth(lines.back()) + 2 + DisplayWidth(part) > room)
        lines.emplace_back();
      lines.back() += (lines.back().empty() ? "" : "; ") + part;
    }
    auto trimmed = [room](const std::string& text) {
      std::string fitted = Fit(text, room);
      while (!fitted.empty() && fitted.back() == ' ') fitted.pop_back();
      return fitted;
    };
    out_ << line << trimmed(lines[0]) << '\n';
    for (size_t k = 1; k < lines.size(); ++k)
      out_ << std::string(indent, ' ') << trimmed(lines[k]) << '\n';
  }

  void End() override {
    if (scored_ + failed_ == 0) {
      out_ << "no scenarios\n";
      return;
    }
    out_ << '\n' << fmt::format("{} scored, {} invalid", scored_, failed_) << '\n';
  }

 private:
  void Header(const Model* model) {
    if (failed_ + scored_ > 1) out_ << '\n';
    model_ = model;
    const Rubric& rubric = *model->rubric;
    const Group& group = rubric.groups[static_cast<size_t>(rubric.overall.group)];
    member_width_ = 6;
    weakest_width_ = 7;
    for (const Member& m : group.members) {
      member_width_ = std::max(member_width_, std::min<size_t>(m.id.size(), 10));
      weakest_width_ = std::max(weakest_width_, std::min<size_t>(m.id.size(), 14));
    }
    // Show as many member columns as leave 20 columns for the flags.
    const size_t fixed = name_width_ + 2 + 7 + 2 + weakest_width_ + 2 + 20;
    shown_members_ = std::min(group.members.size(), (kWidth - fixed) / (member_width_ + 2));
    out_ << fmt::format("{} {} — overall: {} over {}", rubric.id, rubric.version,
                        AggregateWord(rubric.overall.aggregate), group.id)
         << '\n';
    std::string head = Fit("scenario", name_width_) + "  " + Fit("overall", 7, true);
    for (size_t m = 0; m < shown_members_; ++m)
      head += "  " + Fit(group.members[m].id, member_width_, true);
    head += "  " + Fit("weakest", weakest_width_) + "  flags";
    out_ << head << '\n';
  }

  std::ostream& out_;
  const Model* model_ = nullptr;
  size_t name_width_ = 24, member_width_ = 6, weakest_width_ = 7, shown_members_ = 0;
  int scored_ = 0, failed_ = 0;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeTableWriter(std::ostream& out) {
  return std::make_unique<TableWriter>(out);
}

}  // namespace poise
