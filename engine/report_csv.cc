// CSV: one row per input with every member score and the flags (RFC 4180 quoting).
#include <fmt/format.h>

#include "report_writers.h"
#include "text.h"

namespace poise {
namespace {

std::string Quote(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

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
    for (const std::string& column : columns_) head.push_back(Quote(column));
    head.push_back("flags");
    head.push_back("errors");
    out_ << Join(head, ",") << '\n';
  }

  void Write(const ReportEntry& entry) override { WriteRendered(entry, Render(entry)); }

  bool CanRender() const override { return true; }

  void WriteRendered(const ReportEntry&, const std::string& text) override { out_ << text; }

  std::string Render(const ReportEntry& entry) const override {
    std::vector<std::string> cells(columns_.size() + 8);
    cells[0] = Quote(entry.file);
    if (!entry.scored()) {
      cells[3] = "invalid";
      std::vector<std::string> errors;
      for (const Diagnostic& d : entry.errors) errors.push_back(FormatDiagnostic(d));
      cells.back() = Quote(Join(errors, " | "));
      return Join(cells, ",") + '\n';
    }
    const Rubric& rubric = *entry.model->rubric;
    const Assessment& a = *entry.assessment;
    cells[1] = Quote(entry.scenario->id);
    cells[2] = Quote(rubric.id + "@" + rubric.version);
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
    cells[cells.size() - 2] = Quote(Join(flags, ";"));
    return Join(cells, ",") + '\n';
  }

  void End() override {}

 private:
  std::ostream& out_;
  std::vector<std::string> columns_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeCsvWriter(std::ostream& out) {
  return std::make_unique<CsvWriter>(out);
}

}  // namespace poise
