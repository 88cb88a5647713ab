// A ratings matrix in CSV — one row per scenario: `id`, an optional `title`, then one column per
// criterion id, an empty cell meaning "not assessed" — read as scenario inputs for the pipeline.
#ifndef POISE_ENGINE_CLI_CSV_RATINGS_H_
#define POISE_ENGINE_CLI_CSV_RATINGS_H_

#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/pipeline.h"

namespace poise::cli {

// Longest CSV line accepted (a row of thousands of criteria fits easily). A longer line is an
// error of its own row; it is skipped without being held in memory.
inline constexpr size_t kMaxCsvLine = 1u << 20;

// Lines of a stream as views into one fixed buffer: memory stays bounded by the longest line
// accepted, whatever the input holds.
class LineReader {
 public:
  LineReader(std::unique_ptr<std::istream> in, size_t max_line);

  // The next line without its '\n' (a trailing '\r' is kept); false at the end of the input.
  // A line longer than the maximum is skipped to its end and returned empty with *too_long set.
  bool Next(std::string_view* line, bool* too_long);

 private:
  bool Fill();  // reads more after the unread part; false when nothing more came

  std::unique_ptr<std::istream> in_;
  size_t max_line_;
  size_t capacity_;
  std::unique_ptr<char[]> buffer_;  // capacity_ bytes, left uninitialised
  size_t begin_ = 0, end_ = 0;      // the unread part of buffer_
  bool eof_ = false;
};

class CsvRatings {
 public:
  // Opens `path` and checks its header against `model` (every criterion once, no unknown
  // column). nullptr with located diagnostics when it cannot be used.
  static std::unique_ptr<CsvRatings> Open(const std::string& path, const Model* model,
                                          Diagnostics* errors);
  // The same for a stream already open (`name` is used in messages); used by the fuzzer.
  static std::unique_ptr<CsvRatings> Open(const std::string& name, std::unique_ptr<std::istream> in,
                                          const Model* model, Diagnostics* errors);

  // Reads up to `max` rows: each a bound scenario, or its located errors. False when no row is
  // left.
  bool Read(size_t max, std::vector<LoadedInput>* inputs, std::vector<std::string>* names);

  // The same rows as a ratings matrix (NaN = not assessed) for the fast CSV path: row i is valid
  // when errors[i] is empty (its matrix row is then filled), else it holds the row's errors.
  bool ReadMatrix(size_t max, Eigen::MatrixXd* ratings, std::vector<std::string>* ids,
                  std::vector<std::string>* names, std::vector<Diagnostics>* errors);

 private:
  CsvRatings(std::string path, std::unique_ptr<std::istream> in, const Model* model)
      : path_(std::move(path)), model_(model), lines_(std::move(in), kMaxCsvLine) {}
  // The next non-blank line into line_text_ (line_ counts it); false at the end. A line past
  // kMaxCsvLine sets *too_long and leaves line_text_ empty.
  bool NextRow(bool* too_long);
  Diagnostic LongLine(int line) const;  // the error for a line past kMaxCsvLine
  // Splits `line` into fields; false with an error when a quoted field is not closed.
  bool Split(std::string_view line, std::vector<std::string>* fields, std::vector<int>* columns,
             Diagnostics* errors);
  LoadedInput ParseRow(const std::vector<std::string>& fields, const std::vector<int>& columns);

  std::string path_;
  const Model* model_;
  LineReader lines_;
  int line_ = 0;
  int title_column_ = -1;
  std::vector<int> criterion_of_column_;  // per column: criterion index, or -1 for id / title
  std::string_view line_text_;            // the current line, a view into lines_
  std::vector<std::string> fields_;
  std::vector<std::string_view> views_;  // the fields of the current line (ReadMatrix)
  std::vector<int> columns_;
  std::vector<double> scale_low_, scale_high_;            // per criterion, for ReadMatrix
  std::vector<unsigned char> scale_levels_, scale_open_;  // whole levels only / clamps (no bounds)
};

}  // namespace poise::cli

#endif  // POISE_ENGINE_CLI_CSV_RATINGS_H_
