#include "cli/pipeline.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <set>
#include <thread>

#include "poise/score.h"

namespace poise::cli {

bool ReadInputList(const std::vector<std::string>& inputs, bool recursive,
                   std::vector<std::string>* files) {
  std::vector<std::string> paths;
  bool stdin_used = false;
  for (const std::string& input : inputs) {
    if (input != "-") {
      paths.push_back(input);
      continue;
    }
    if (stdin_used) {
      std::cerr << "poise: error: - (read paths from stdin) may be given once\n";
      return false;
    }
    stdin_used = true;
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) paths.push_back(line);
    }
  }
  *files = ExpandInputs(paths, recursive);
  return true;
}

bool ExpandCommandInputs(const std::vector<std::string>& inputs, bool recursive,
                         std::vector<std::string>* files) {
  if (!ReadInputList(inputs, recursive, files)) return false;
  if (files->empty()) {
    std::cerr << "poise: error: no scenario files found in the inputs — directories are searched "
                 "for *.yaml\n";
    return false;
  }
  return true;
}

const Model* LoadRubricOrReport(RubricCache& rubrics, const std::string& path) {
  Diagnostics errors;
  const Model* model = rubrics.Load(path, &errors);
  if (model == nullptr) PrintDiagnostics(errors, std::cerr);
  return model;
}

LoadedInput LoadInput(const std::string& file, RubricCache& rubrics) {
  LoadedInput input;
  Result<std::string> text = ReadTextFile(file);
  if (!text.ok()) {
    input.errors = text.diagnostics();
    return input;
  }
  ScenarioDraft draft = ParseScenario(file, text.value());
  if (!draft.readable) {
    input.errors = std::move(draft.problems);
    return input;
  }
  Diagnostics rubric_errors;
  const Model* model = rubrics.Resolve(draft, &rubric_errors);
  if (model == nullptr) {
    input.errors = draft.problems;
    input.errors.insert(input.errors.end(), rubric_errors.begin(), rubric_errors.end());
    if (input.errors.empty()) {
      input.errors.push_back(
          {file, draft.rubric.mark, "the scenario names no rubric", "add `rubric: <id>`"});
    }
    return input;
  }
  Result<Scenario> scenario = BindScenario(draft, *model->rubric);
  if (!scenario.ok()) {
    input.errors = scenario.diagnostics();
    return input;
  }
  input.scenario = std::make_unique<Scenario>(std::move(scenario).value());
  input.model = model;
  return input;
}

int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

namespace {

// Scores the loaded inputs of one chunk, one Eigen batch per rubric; fills `assessments`.
void ScoreChunk(const std::vector<LoadedInput>& inputs, const std::vector<const Model*>& models,
                int threads, std::vector<std::unique_ptr<Assessment>>& assessments) {
  for (const Model* model : models) {
    std::vector<size_t> rows;
    std::vector<const Scenario*> scenarios;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].model == model) {
        rows.push_back(i);
        scenarios.push_back(inputs[i].scenario.get());
      }
    }
    if (rows.empty()) continue;
    const Scores scores = ScoreBatch(*model, GatherRatings(*model, scenarios));
    ParallelFor(rows.size(), threads, [&](size_t k) {
      assessments[rows[k]] =
          std::make_unique<Assessment>(Assess(*model, scores, static_cast<Eigen::Index>(k)));
    });
  }
}

}  // namespace

ChunkSource FileChunks(const std::vector<std::string>& files, RubricCache& rubrics) {
  return [&files, &rubrics, next = size_t{0}](size_t max, int threads,
                                              std::vector<LoadedInput>* inputs,
                                              std::vector<std::string>* names) mutable {
    const size_t start = next;
    next = std::min(files.size(), start + max);
    names->assign(files.begin() + static_cast<std::ptrdiff_t>(start),
                  files.begin() + static_cast<std::ptrdiff_t>(next));
    inputs->resize(next - start);
    ParallelFor(inputs->size(), threads,
                [&](size_t i) { (*inputs)[i] = LoadInput(files[start + i], rubrics); });
    return !inputs->empty();
  };
}

void ScoreStream(const std::vector<std::string>& files, RubricCache& rubrics,
                 const StreamOptions& options,
                 const std::function<void(const std::vector<const Model*>&)>& on_begin,
                 const std::function<void(const ReportEntry&, const std::string&)>& on_entry,
                 const EntryRenderer& render) {
  ScoreChunks(FileChunks(files, rubrics), rubrics, options, files.size(), on_begin, on_entry,
              render);
}

void ScoreChunks(const ChunkSource& source, const RubricCache& rubrics,
                 const StreamOptions& options, size_t total,
                 const std::function<void(const std::vector<const Model*>&)>& on_begin,
                 const std::function<void(const ReportEntry&, const std::string&)>& on_entry,
                 const EntryRenderer& render) {
  const size_t chunk = std::max<size_t>(options.chunk, 1);
  Progress progress(total, "scoring");
  // With several threads, the ordered writing of one chunk overlaps the loading of the next (at
  // most two chunks in memory); with one thread everything runs in the calling thread.
  std::thread writer;
  bool begun = false;
  size_t done = 0;
  while (true) {
    auto inputs = std::make_shared<std::vector<LoadedInput>>();
    auto names = std::make_shared<std::vector<std::string>>();
    const bool more = source(chunk, options.threads, inputs.get(), names.get());
    if (!more && begun) break;
    auto assessments = std::make_shared<std::vector<std::unique_ptr<Assessment>>>(inputs->size());
    const std::vector<const Model*> models = rubrics.models();
    ScoreChunk(*inputs, models, options.threads, *assessments);
    if (writer.joinable()) writer.join();  // on_begin and on_entry never run concurrently
    if (options.output != nullptr && options.output->fail()) return;
    if (!begun) {
      on_begin(models);
      begun = true;
    }
    auto entries = std::make_shared<std::vector<ReportEntry>>(inputs->size());
    for (size_t i = 0; i < inputs->size(); ++i) {
      ReportEntry& entry = (*entries)[i];
      entry.file = std::move((*names)[i]);
      entry.scenario = (*inputs)[i].scenario.get();
      entry.model = (*inputs)[i].model;
      entry.assessment = (*assessments)[i].get();
      entry.errors = std::move((*inputs)[i].errors);
    }
    auto texts = std::make_shared<std::vector<std::string>>(entries->size());
    if (render)
      ParallelFor(entries->size(), options.threads,
                  [&](size_t i) { (*texts)[i] = render((*entries)[i]); });
    done += entries->size();
    auto write = [inputs, assessments, entries, texts, &on_entry, &progress, done] {
      for (size_t i = 0; i < entries->size(); ++i) on_entry((*entries)[i], (*texts)[i]);
      progress.Update(done);
    };
    if (options.threads > 1) {
      writer = std::thread(write);
    } else {
      write();
    }
    if (!more) break;
  }
  if (writer.joinable()) writer.join();
}

ReportEntry Batch::Entry(size_t i) const {
  ReportEntry entry;
  entry.file = files[i];
  entry.scenario = scenarios[i].get();
  entry.model = models[i];
  entry.assessment = assessments[i].get();
  entry.errors = errors[i];
  return entry;
}

Batch ScoreFiles(const std::vector<std::string>& inputs, RubricCache& rubrics) {
  Batch batch;
  batch.files = ExpandInputs(inputs);
  const size_t n = batch.files.size();
  std::vector<LoadedInput> loaded(n);
  for (size_t i = 0; i < n; ++i) loaded[i] = LoadInput(batch.files[i], rubrics);
  batch.assessments.resize(n);
  ScoreChunk(loaded, rubrics.models(), 1, batch.assessments);
  for (size_t i = 0; i < n; ++i) {
    batch.scenarios.push_back(std::move(loaded[i].scenario));
    batch.models.push_back(loaded[i].model);
    batch.errors.push_back(std::move(loaded[i].errors));
    if (!batch.assessments[i]) ++batch.invalid;
  }
  return batch;
}

void PrintDistinct(const Diagnostics& diagnostics, const std::string& input,
                   std::set<std::string>& printed, std::ostream& err) {
  for (const Diagnostic& d : diagnostics) {
    std::string line = FormatDiagnostic(d);
    // Only problems in another file (a rubric shared by many inputs) can repeat; remember those
    // alone so that the set stays small however long the batch.
    if (d.file != input && !printed.insert(line).second) continue;
    err << line << '\n';
  }
}

ExitCode RequireComparable(const Batch& batch, const char* too_few, const char* mixed) {
  if (batch.files.size() < 2) {
    std::cerr << "poise: error: " << too_few << '\n';
    return ExitCode::kUsage;
  }
  if (batch.invalid > 0) return ExitCode::kInvalidInput;
  for (const Model* m : batch.models) {
    if (m != batch.models[0]) {
      std::cerr << "poise: error: " << mixed << '\n';
      return ExitCode::kInvalidInput;
    }
  }
  return ExitCode::kOk;
}

void PrintBatchDiagnostics(const Batch& batch, std::ostream& err) {
  std::set<std::string> printed;
  for (size_t i = 0; i < batch.files.size(); ++i)
    PrintDistinct(batch.errors[i], batch.files[i], printed, err);
}

}  // namespace poise::cli
