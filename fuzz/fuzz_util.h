// Shared by the libFuzzer targets: the fixed rubric the scenario and CSV targets load against,
// and "use the result the way the CLI does" so that rendering bugs (invalid UTF-8 reaching the
// JSON writer, a message cut inside a character, a table that cannot be laid out) surface too.
#ifndef POISE_FUZZ_FUZZ_UTIL_H_
#define POISE_FUZZ_FUZZ_UTIL_H_

#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "poise/balance.h"
#include "poise/diagnostics.h"
#include "poise/load.h"
#include "poise/model.h"
#include "poise/report.h"
#include "poise/score.h"

namespace poise::fuzz {

// The bundled rubric, compiled once (POISE_FUZZ_RUBRIC is set by fuzz/CMakeLists.txt).
inline const Model& BundledModel() {
  static const Model* model = [] {
    Result<std::string> text = ReadTextFile(POISE_FUZZ_RUBRIC);
    if (!text.ok()) std::abort();
    Result<Rubric> rubric = LoadRubric(POISE_FUZZ_RUBRIC, text.value());
    if (!rubric.ok()) std::abort();
    Result<Model> compiled =
        CompileModel(std::make_shared<const Rubric>(std::move(rubric).value()));
    if (!compiled.ok()) std::abort();
    return new Model(std::move(compiled).value());
  }();
  return *model;
}

// Renders a failed input as every report format does.
inline void RenderErrors(const std::string& file, const Diagnostics& errors) {
  for (const Diagnostic& d : errors) {
    if (FormatDiagnostic(d).empty()) std::abort();
  }
  ReportEntry entry;
  entry.file = file;
  entry.errors = errors;
  (void)EntryJson(entry, 2);
}

// Scores one bound scenario and renders it in every report format.
inline void ScoreAndRender(const Model& model, const Scenario& scenario) {
  const Eigen::MatrixXd ratings = GatherRatings(model, {&scenario});
  const Scores scores = ScoreBatch(model, ratings);
  const Assessment assessment = Assess(model, scores, 0);
  ReportEntry entry;
  entry.file = scenario.file;
  entry.scenario = &scenario;
  entry.model = &model;
  entry.assessment = &assessment;
  for (ReportFormat format : {ReportFormat::kTable, ReportFormat::kJson, ReportFormat::kNdjson,
                              ReportFormat::kCsv, ReportFormat::kMarkdown, ReportFormat::kHtml}) {
    std::ostringstream out;
    std::unique_ptr<ReportWriter> writer = MakeReportWriter(format, out);
    writer->Begin({&model}, 1);
    writer->Write(entry);
    writer->End();
  }
}

}  // namespace poise::fuzz

#endif  // POISE_FUZZ_FUZZ_UTIL_H_
