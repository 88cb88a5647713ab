// The default human-readable table: one line per scenario (flags wrap), at most 100 columns.
// Rows are collected and printed at the end so the name column fits the longest id.
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

struct Row {
  const Model* model = nullptr;  // null for an invalid input
  std::string name;
  std::string overall;
  std::vector<std::string> members;
  std::string weakest;
  std::string flags;  // "; "-separated parts
};

// `text` cut from the left to `width` columns ("…ata/batch/x.yaml"): the file name matters most.
std::string CutLeft(const std::string& text, size_t width) {
  if (DisplayWidth(text) <= width) return text;
  std::string shown = text;
  while (DisplayWidth(shown) > width - 1) {
    shown.erase(0, 1);
    while (!shown.empty() && (static_cast<unsigned char>(shown[0]) & 0xC0) == 0x80)
      shown.erase(0, 1);
  }
  return "…" + shown;
}

// Splits `text` at `separator` into lines of at most `room` columns (a piece longer than a line
// keeps a line of its own and is cut when printed).
std::vector<std::string> WrapAt(const std::string& text, const std::string& separator,
                                size_t room) {
  std::vector<std::string> lines(1);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(separator, start);
    std::string part =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? text.size() : end + separator.size();
    if (!lines.back().empty() &&
        DisplayWidth(lines.back()) + separator.size() + DisplayWidth(part) > room) {
      lines.back() += separator == ", " ? "," : "";
      lines.emplace_back();
    }
    if (!lines.back().empty()) lines.back() += separator;
    lines.back() += part;
  }
  return lines;
}

// Flags wrap at "; " between kinds of flag, and within a long kind at ", " between members.
std::vector<std::string> Wrap(const std::string& flags, size_t room) {
  std::vector<std::string> lines;
  for (const std::string& line : WrapAt(flags, "; ", room)) {
    if (DisplayWidth(line) <= room) {
      lines.push_back(line);
    } else {
      for (std::string& piece : WrapAt(line, ", ", room)) lines.push_back(std::move(piece));
    }
  }
  return lines;
}

std::string TrimRight(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

class TableWriter : public ReportWriter {
 public:
  explicit TableWriter(std::ostream& out) : out_(out) {}

  void Begin(const std::vector<const Model*>&, size_t) override {}

  void Write(const ReportEntry& entry) override {
    Row row;
    if (!entry.scored()) {
      row.name = entry.file;
      row.flags = fmt::format("invalid: {} error{} (see stderr)", entry.errors.size(),
                              entry.errors.size() == 1 ? "" : "s");
      rows_.push_back(std::move(row));
      return;
    }
    const Rubric& rubric = *entry.model->rubric;
    const Assessment& a = *entry.assessment;
    const Group& group = rubric.groups[static_cast<size_t>(rubric.overall.group)];
    const GroupAssessment& layers = a.groups[static_cast<size_t>(rubric.overall.group)];
    row.model = entry.model;
    row.name = entry.scenario->id;
    row.overall = ScoreText(a.overall);
    for (const auto& score : layers.scores) row.members.push_back(ScoreText(score));
    // With no gap there is no weakest member to point at (JSON still names the first, per FORMATS).
    row.weakest = layers.balance && layers.balance->gap > 0
                      ? group.members[static_cast<size_t>(layers.balance->weakest)].id
                      : "-";
    // The overall group's flags in full; the other groups' only counted (json/markdown list them).
    Assessment own;
    size_t others = 0;
    for (const Flag& flag : a.flags) {
      if (flag.group == group.id) {
        own.flags.push_back(flag);
      } else {
        ++others;
      }
    }
    std::vector<std::string> parts;
    if (std::string own_flags = FlagSummary(own); !own_flags.empty())
      parts.push_back(std::move(own_flags));
    if (others > 0) parts.push_back(fmt::format("+{} in other groups", others));
    row.flags = parts.empty() ? std::string("-") : Join(parts, "; ");
    rows_.push_back(std::move(row));
  }

  void End() override {
    if (rows_.empty()) {
      out_ << "no scenarios\n";
      return;
    }
    size_t longest = 8;
    for (const Row& row : rows_) {
      if (row.model) longest = std::max(longest, DisplayWidth(row.name));
    }
    name_width_ = std::min<size_t>(longest, 32);
    int scored = 0, failed = 0;
    const Model* current = nullptr;
    bool first = true;
    for (const Row& row : rows_) {
      if (row.model && row.model != current) {
        if (!first) out_ << '\n';
        current = row.model;
        Header(*row.model);
      }
      first = false;
      if (!row.model) {
        ++failed;
        const size_t room = kWidth - 2 - DisplayWidth(row.flags);
        out_ << Fit(CutLeft(row.name, room),
                    std::max(name_width_, std::min(room, DisplayWidth(row.name))))
             << "  " << row.flags << '\n';
        continue;
      }
      ++scored;
      std::string line = Fit(row.name, name_width_) + "  " + Fit(row.overall, 7, true);
      for (size_t m = 0; m < shown_members_; ++m) {
        line += ' ';
        line += Fit(row.members[m], member_width_, true);
      }
      line += "  " + Fit(row.weakest, weakest_width_) + "  ";
      const size_t indent = DisplayWidth(line);
      const size_t room = kWidth - indent;
      std::vector<std::string> lines = Wrap(row.flags, room);
      out_ << line << TrimRight(Fit(lines[0], room)) << '\n';
      for (size_t k = 1; k < lines.size(); ++k)
        out_ << std::string(indent, ' ') << TrimRight(Fit(lines[k], room)) << '\n';
    }
    out_ << '\n' << fmt::format("{} scored, {} invalid", scored, failed) << '\n';
  }

 private:
  void Header(const Model& model) {
    const Rubric& rubric = *model.rubric;
    const Group& group = rubric.groups[static_cast<size_t>(rubric.overall.group)];
    member_width_ = 7;  // right-aligned numbers: one space between columns is enough
    weakest_width_ = 7;
    for (const Member& m : group.members) {
      member_width_ = std::max(member_width_, std::min<size_t>(m.id.size(), 10));
      weakest_width_ = std::max(weakest_width_, std::min<size_t>(m.id.size(), 14));
    }
    // Show as many member columns as leave 14 columns for the flags.
    const size_t fixed = name_width_ + 2 + 7 + 2 + weakest_width_ + 2 + 14;
    shown_members_ = std::min(group.members.size(), (kWidth - fixed) / (member_width_ + 1));
    out_ << fmt::format("{} {} — overall: {} over {}", rubric.id, rubric.version,
                        AggregateWord(rubric.overall.aggregate), group.id)
         << '\n';
    std::string head = Fit("scenario", name_width_) + "  " + Fit("overall", 7, true);
    for (size_t m = 0; m < shown_members_; ++m) {
      head += ' ';
      head += Fit(group.members[m].id, member_width_, true);
    }
    head += "  " + Fit("weakest", weakest_width_) + "  flags";
    out_ << head << '\n';
  }

  std::ostream& out_;
  std::vector<Row> rows_;
  size_t name_width_ = 24, member_width_ = 7, weakest_width_ = 7, shown_members_ = 0;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeTableWriter(std::ostream& out) {
  return std::make_unique<TableWriter>(out);
}

}  // namespace poise
