// CSV: one row per input with every member score and the flags (RFC 4180 quoting).
#include <fmt/format.h>

#include <charconv>

#include "report_writers.h"
#include "text.h"

namespace poise {
namespace {

std::string Number(const std::optional<double>& value) { return value ? FormatNumber(*value) : ""; }

class CsvWriter : public ReportWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}

  void Begin(const std::vector<const Model*>& models, size_t) override {
    for (const Model* model : models) {
      for (const Group& group : model->rubric->groups) {
        for (const Member& member : group.members) {
          std::string column = group.id + "." + member.id;
          if (std::find(columns_.begin(), columns_.end(), column) == columns_.end()) {
            columns_.push_back(column);
          }
        }
      }
    }
    std::vector<std::string> head = {"file", "scenario", "rubric", "status", "overall", "ampi"};
    for (const std::string& column : columns_) head.push_back(CsvField(column));
    head.push_back("flags");
    head.push_back("errors");
    out_ << Join(head, ",") << '\n';
  }

  void Write(const ReportEntry& entry) override { WriteRendered(entry, Render(entry)); }

  bool CanRender() const override { return true; }

  void WriteRendered(const ReportEntry&, const std::string& text) override { out_ << text; }

  std::string Render(const ReportEntry& entry) const override {
    std::vector<std::string> cells(columns_.size() + 8);
    cells[0] = CsvField(entry.file);
    if (!entry.scored()) {
      cells[3] = "invalid";
      std::vector<std::string> errors;
      for (const Diagnostic& d : entry.errors) errors.push_back(FormatDiagnostic(d));
      cells.back() = CsvField(Join(errors, " | "));
      return Join(cells, ",") + '\n';
    }
    const Rubric& rubric = *entry.model->rubric;
    const Assessment& a = *entry.assessment;
    cells[1] = CsvField(entry.scenario->id);
    cells[2] = CsvField(rubric.id + "@" + rubric.version);
    cells[3] = "scored";
    cells[4] = Number(a.overall);
    cells[5] = Number(a.ampi);
    for (size_t g = 0; g < rubric.groups.size(); ++g) {
      const Group& group = rubric.groups[g];
      for (size_t m = 0; m < group.members.size(); ++m) {
        auto it = std::find(columns_.begin(), columns_.end(), group.id + "." + group.members[m].id);
        if (it == columns_.end()) continue;  // REQUIRES of Begin: the callers filter such entries
        cells[6 + static_cast<size_t>(it - columns_.begin())] = Number(a.groups[g].scores[m]);
      }
    }
    std::vector<std::string> flags;
    for (const Flag& flag : a.flags) {
      flags.push_back(flag.code + ":" + flag.group +
                      (flag.member.empty() ? "" : "." + flag.member));
    }
    cells[cells.size() - 2] = CsvField(Join(flags, ";"));
    return Join(cells, ",") + '\n';
  }

  void End() override {}

 private:
  std::ostream& out_;
  std::vector<std::string> columns_;
};

}  // namespace

std::string CsvField(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

namespace {

// CsvField without the copy, for the fast path.
void AppendField(std::string_view field, std::string* out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
  } else {
    *out += CsvField(field);
  }
}

void AppendNumber(double value, std::string* out) {
  if (value == 0) {
    *out += '0';
    return;
  }
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out->append(buffer, end);
}

}  // namespace

std::vector<unsigned> AppendCsvRows(const Model& model, const Scores& scores,
                                    const std::vector<std::string>& files,
                                    const std::vector<std::string>& ids, std::string* out) {
  const Rubric& rubric = *model.rubric;
  const std::string rubric_cell = CsvField(rubric.id + "@" + rubric.version);
  std::vector<unsigned> raised(files.size(), 0);
  std::string flags;
  for (size_t i = 0; i < files.size(); ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    AppendField(files[i], out);
    *out += ',';
    AppendField(ids[i], out);
    *out += ',';
    *out += rubric_cell;
    *out += ",scored,";
    if (scores.has_overall(row, 0)) AppendNumber(scores.overall(row), out);
    *out += ',';
    if (scores.has_overall(row, 0) && rubric.overall.aggregate == Aggregate::kAmpi)
      AppendNumber(scores.ampi(row), out);
    flags.clear();
    for (size_t g = 0; g < rubric.groups.size(); ++g) {
      const Group& group = rubric.groups[g];
      const GroupScores& gs = scores.groups[g];
      const Eigen::Index m_count = gs.score.cols();
      int present = 0;
      double low = 0, high = 0;
      for (Eigen::Index m = 0; m < m_count; ++m) {
        *out += ',';
        if (!gs.has_score(row, m)) continue;
        const double s = gs.score(row, m);
        AppendNumber(s, out);
        low = present == 0 ? s : std::min(low, s);
        high = present == 0 ? s : std::max(high, s);
        ++present;
      }
      // The flags of Assess (balance.cc), in its order, without their messages.
      auto add = [&](const char* code, const std::string& member, unsigned bit) {
        if (!flags.empty()) flags += ';';
        flags += code;
        flags += ':';
        flags += group.id;
        if (!member.empty()) {
          flags += '.';
          flags += member;
        }
        raised[i] |= bit;
      };
      if (present >= 2 && group.balance) {
        if (group.balance->max_gap && high - low > *group.balance->max_gap)
          add("imbalanced", "", 1);
        if (group.balance->floor) {
          for (Eigen::Index m = 0; m < m_count; ++m) {
            if (gs.has_score(row, m) && gs.score(row, m) < *group.balance->floor) {
              add("neglected", group.members[static_cast<size_t>(m)].id, 2);
            }
          }
        }
      }
      for (Eigen::Index m = 0; m < m_count; ++m) {
        if (!gs.has_score(row, m))
          add("insufficient_evidence", group.members[static_cast<size_t>(m)].id, 4);
      }
    }
    if (model.ahp && model.ahp->inconsistent) {
      if (!flags.empty()) flags += ';';
      flags +=
          "inconsistent_judgements:" + rubric.groups[static_cast<size_t>(rubric.overall.group)].id;
      raised[i] |= 8;
    }
    *out += ',';
    AppendField(flags, out);
    *out += ",\n";
  }
  return raised;
}

std::unique_ptr<ReportWriter> MakeCsvWriter(std::ostream& out) {
  return std::make_unique<CsvWriter>(out);
}

}  // namespace poise
