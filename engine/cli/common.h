// What the subcommands share: exit codes, the rubric cache, loading a batch of scenario files,
// and output files written atomically. Only engine/cli/ knows about the command line.
#ifndef POISE_ENGINE_CLI_COMMON_H_
#define POISE_ENGINE_CLI_COMMON_H_

#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "poise/balance.h"
#include "poise/diagnostics.h"
#include "poise/load.h"
#include "poise/model.h"
#include "poise/report.h"
#include "poise/scenario.h"

namespace poise::cli {

// Process exit status (FORMATS.md §5, plus kOutputError).
enum class ExitCode : int {
  kOk = 0,            // every input scored / valid
  kUsage = 1,         // bad command line (including CLI11's own errors)
  kInvalidInput = 2,  // some input could not be scored; the others were
  kFailOn = 3,        // a --fail-on condition was met
  kOutputError = 4,   // the report could not be written (--output path, full disk)
};

// Prints each diagnostic on its own line (FormatDiagnostic) to `err`.
void PrintDiagnostics(const Diagnostics& diagnostics, std::ostream& err);

// Loads and compiles rubrics once per path. With a forced path (--rubric) every scenario uses it;
// otherwise a scenario's `rubric:` id is looked up in RubricSearchPath().
class RubricCache {
 public:
  explicit RubricCache(std::optional<std::string> forced_path);

  // The model for a scenario draft, or nullptr with the reasons in `*errors` (located at the
  // scenario's `rubric:` entry when the rubric cannot be found, else the rubric file's own errors).
  const Model* Resolve(const ScenarioDraft& draft, Diagnostics* errors);

  // The model loaded from `path`, or nullptr with its diagnostics in `*errors`.
  const Model* Load(const std::string& path, Diagnostics* errors);

  // Thread-safe. Every model loaded successfully, in load order.
  std::vector<const Model*> models() const;

 private:
  struct Entry {
    std::unique_ptr<Model> model;
    Diagnostics errors;
  };
  std::optional<std::string> forced_path_;
  std::vector<std::string> search_path_;
  mutable std::mutex mutex_;  // Resolve and Load are called from the loading threads
  std::map<std::string, Entry> by_path_;
  std::vector<const Model*> order_;
};

// Where a report goes: stdout, or a file written through a temporary file in the same directory
// and renamed into place on Commit(), so a failed run never leaves half a file. An existing
// non-regular path (/dev/stdout, a FIFO) is written in place instead.
class Output {
 public:
  // path: "" or "-" for stdout.
  explicit Output(std::string path);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  // Opens the temporary file; false with a message in `*error` when that is impossible.
  bool Open(std::string* error);
  std::ostream& stream();
  // Flushes and renames into place; false with a message when anything failed to be written.
  bool Commit(std::string* error);

 private:
  std::string path_;
  std::string temp_path_;
  std::ofstream file_;
  bool direct_ = false;  // writing in place to a device or FIFO (no temporary file)
  bool committed_ = false;
};

// Opens `output`, lets `write` fill it, commits it; returns kOk or prints the error and returns
// kOutputError.
template <typename WriteFn>
ExitCode WriteOutput(Output& output, WriteFn&& write, std::ostream& err);

}  // namespace poise::cli

#include "cli/common_inl.h"

#endif  // POISE_ENGINE_CLI_COMMON_H_
