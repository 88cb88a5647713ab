// Reports: the assessment of each input written as a table, JSON (FORMATS.md §4), NDJSON, CSV or
// markdown. Writers stream: one entry at a time, in input order, failed inputs in their place (§5).
#ifndef POISE_POISE_REPORT_H_
#define POISE_POISE_REPORT_H_

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "poise/balance.h"
#include "poise/diagnostics.h"
#include "poise/model.h"
#include "poise/scenario.h"
#include "poise/score.h"

namespace poise {

enum class ReportFormat { kTable, kJson, kNdjson, kCsv, kMarkdown, kHtml };

// "table", "json", "ndjson", "csv", "markdown", "html" -> the format; nullopt for anything else.
std::optional<ReportFormat> ParseReportFormat(std::string_view name);

// One input of a run: either scored (scenario, model and assessment set) or failed (errors set).
// Does not own what it points to.
struct ReportEntry {
  std::string file;
  const Scenario* scenario = nullptr;
  const Model* model = nullptr;
  const Assessment* assessment = nullptr;
  Diagnostics errors;

  bool scored() const { return assessment != nullptr; }
};

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  // Called once before the first entry with every model the entries may use (CSV builds its
  // header from them) and the number of entries that will follow (JSON writes a single entry as
  // an object, several as an array).
  virtual void Begin(const std::vector<const Model*>& models, size_t count) = 0;
  virtual void Write(const ReportEntry& entry) = 0;
  virtual void End() = 0;

  // Streaming formats (json, ndjson, csv) render an entry to text without touching the writer's
  // state, so callers may render many entries on several threads and then write them in order:
  // WriteRendered(entry, Render(entry)) is the same as Write(entry). Others return false from
  // CanRender. Render is called only after Begin.
  virtual bool CanRender() const { return false; }
  virtual std::string Render(const ReportEntry& entry) const {
    (void)entry;
    return {};
  }
  virtual void WriteRendered(const ReportEntry& entry, const std::string& text) {
    (void)text;
    Write(entry);
  }
};

// The document formats (markdown, html) hold every scenario until the end, to open with the
// ranking; they show at most this many inputs and say how many more there were.
inline constexpr size_t kMaxDocumentEntries = 2000;

// A writer of `format` on `out`; `out` must outlive it.
std::unique_ptr<ReportWriter> MakeReportWriter(ReportFormat format, std::ostream& out);

// The JSON object of one entry (FORMATS §4 for a scored entry, §5 for a failed one), pretty-printed
// with `indent` spaces, or on one line when indent < 0.
std::string EntryJson(const ReportEntry& entry, int indent);

// The CSV rows of a scored batch straight from its score matrices — the same text the CSV writer
// gives for the same scenarios when `model` is the only rubric of the run — appended to `out`.
// Row i is named `files[i]` (the file column) and `ids[i]`. Returns, per row, the flag codes it
// raises as a bit set: 1 imbalanced, 2 neglected, 4 insufficient_evidence, 8
// inconsistent_judgements. Fast path for `score --from-csv --format csv`: no per-scenario objects.
std::vector<unsigned> AppendCsvRows(const Model& model, const Scores& scores,
                                    const std::vector<std::string>& files,
                                    const std::vector<std::string>& ids, std::string* out);

// A worksheet scenario for `rubric` (poise init): every criterion as `id: ~` under `ratings:`,
// with its question, scale and level descriptors as comments above it, grouped by the member of
// the overall group it loads on most. It validates only once every `~` is rated or moved under
// not_assessed. `scenario_id` must be a valid id.
std::string WorksheetYaml(const Rubric& rubric, const std::string& scenario_id);

// The same worksheet as markdown, for printing: per criterion its question, the level
// descriptors and a blank to fill.
std::string WorksheetMarkdown(const Rubric& rubric);

// Competition ranks ("1224") of `values`: 1 + the number of values strictly better (higher when
// `higher_better`, else lower). nullopt values get none.
std::vector<std::optional<int>> CompetitionRanks(const std::vector<std::optional<double>>& values,
                                                 bool higher_better);

// Compact summary of an assessment's flags for tables: "imbalanced layers; neglected human".
std::string FlagSummary(const Assessment& assessment);

}  // namespace poise

#endif  // POISE_POISE_REPORT_H_
