// Reading, binding and scoring many scenario files: in chunks, with loading threads, results in
// input order. Used by `poise score` (streaming) and, for small inputs, by the teaching commands.
#ifndef POISE_ENGINE_CLI_PIPELINE_H_
#define POISE_ENGINE_CLI_PIPELINE_H_

#include <fmt/format.h>
#include <unistd.h>

#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "cli/common.h"
#include "poise/parallel.h"

namespace poise::cli {

// Expands command-line inputs (files, directories, `-` for paths read from stdin, one per line)
// into files. Returns false after printing a usage error (e.g. `-` given twice).
bool ReadInputList(const std::vector<std::string>& inputs, bool recursive,
                   std::vector<std::string>* files);

// ReadInputList, plus the usage error when nothing is found. False after printing the error.
bool ExpandCommandInputs(const std::vector<std::string>& inputs, bool recursive,
                         std::vector<std::string>* files);

// Loads and compiles the rubric at `path`; nullptr after printing its diagnostics.
const Model* LoadRubricOrReport(RubricCache& rubrics, const std::string& path);

// One input read, parsed and bound to its rubric, or the reasons it could not be.
struct LoadedInput {
  std::unique_ptr<Scenario> scenario;
  const Model* model = nullptr;
  Diagnostics errors;
};

// Reads and binds one scenario file. Thread-safe (the rubric cache locks).
LoadedInput LoadInput(const std::string& file, RubricCache& rubrics);

// "verb done/total" on stderr, rewritten in place, when stderr is a terminal and the work is
// long enough to be worth it (total >= 200); erased when done. Silent otherwise.
class Progress {
 public:
  Progress(uint64_t total, const char* verb)
      : total_(total), verb_(verb), enabled_(total >= 200 && isatty(STDERR_FILENO) == 1) {}
  void Update(uint64_t done) {
    if (enabled_) std::cerr << fmt::format("\r{} {}/{}", verb_, done, total_) << std::flush;
  }
  ~Progress() {
    if (enabled_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  uint64_t total_;
  const char* verb_;
  bool enabled_;
};

// The number of threads to use for `requested` (0: all cores).
int ResolveThreads(int requested);

struct StreamOptions {
  int threads = 1;
  size_t chunk = 1024;  // files held in memory at once (two chunks with threads > 1)
  // The report stream: once writing to it has failed (disk full, reader gone), no further chunk
  // is loaded — the run ends early and the caller reports the failed write.
  const std::ostream* output = nullptr;
};

// Scores `files` chunk by chunk: loads a chunk on `threads` threads, scores each rubric's
// scenarios of the chunk as one Eigen batch, assesses the rows on the threads, then calls
// on_entry for each file in input order and frees the chunk. on_begin is called once, before the
// first entry, with the models loaded by then (every model of the first chunk). When `render` is
// given it is called on the threads for every entry of a chunk, and its text is passed to on_entry
// (otherwise the text is empty). Memory is bounded by the chunk size.
using EntryRenderer = std::function<std::string(const ReportEntry&)>;

// A source of inputs for ScoreChunks: fills `inputs` and their display names with the next chunk
// (at most `max` inputs, loading on `threads` threads) and returns false when nothing is left.
using ChunkSource = std::function<bool(size_t max, int threads, std::vector<LoadedInput>* inputs,
                                       std::vector<std::string>* names)>;

// The chunks of `files`, each loaded on the threads ScoreChunks passes. `files` and `rubrics` must
// outlive the source.
ChunkSource FileChunks(const std::vector<std::string>& files, RubricCache& rubrics);

// ScoreStream over any source of inputs (files, rows of a ratings CSV).
void ScoreChunks(const ChunkSource& source, const RubricCache& rubrics,
                 const StreamOptions& options, size_t total,
                 const std::function<void(const std::vector<const Model*>&)>& on_begin,
                 const std::function<void(const ReportEntry&, const std::string&)>& on_entry,
                 const EntryRenderer& render = nullptr);

void ScoreStream(const std::vector<std::string>& files, RubricCache& rubrics,
                 const StreamOptions& options,
                 const std::function<void(const std::vector<const Model*>&)>& on_begin,
                 const std::function<void(const ReportEntry&, const std::string&)>& on_entry,
                 const EntryRenderer& render = nullptr);

// A whole (small) batch kept in memory: the teaching commands need every scenario at once.
struct Batch {
  std::vector<std::string> files;
  std::vector<std::unique_ptr<Scenario>> scenarios;      // per file; null when invalid
  std::vector<const Model*> models;                      // per file; null when invalid
  std::vector<std::unique_ptr<Assessment>> assessments;  // per file; null when invalid
  std::vector<Diagnostics> errors;                       // per file; empty when scored
  int invalid = 0;

  ReportEntry Entry(size_t i) const;
};

// Reads every file (directories expanded), binds, scores and assesses them all.
Batch ScoreFiles(const std::vector<std::string>& inputs, RubricCache& rubrics);

// For the commands that set scenarios side by side (compare, panel): at least two files (else
// prints `too_few`, usage error), all valid (their problems are already printed), and one rubric
// (else prints `mixed`). Returns kOk when the batch can be used.
ExitCode RequireComparable(const Batch& batch, const char* too_few, const char* mixed);

// Prints the problems of every failed input to `err`, each distinct line once (a broken rubric
// shared by many scenarios is reported once).
void PrintBatchDiagnostics(const Batch& batch, std::ostream& err);

// Prints the diagnostics of one input to `err`; a problem located in another file (its rubric) is
// printed only the first time `printed` sees it.
void PrintDistinct(const Diagnostics& diagnostics, const std::string& input,
                   std::set<std::string>& printed, std::ostream& err);

}  // namespace poise::cli

#endif  // POISE_ENGINE_CLI_PIPELINE_H_
